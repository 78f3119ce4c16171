import { describe, expect, it } from "vitest";
import { intervalEvents, range } from "../../test/fixtures/analytics-events.ts";
import { deriveIntervals } from "./intervals.ts";
import { revolvingDoor } from "./revolving-door.ts";
import { toIntervalTable } from "./table.ts";

// Point stock, worked by hand:
//   until 09-10: P1 P2 P3 P4 P7 = 5      09-11: P1, P2 freed by op1 → 3
//   09-12: +P8 → 4   09-15: P8 out → 3   09-20: +P5 → 4   10-01: P1 re-arrested → 5
//   12-01: +P6 → 6, and no change after.
const { intervals } = deriveIntervals(
  intervalEvents([
    ["p1a", "P1", "detained", "2023-05-01"],
    ["p1b", "P1", "released", "2025-09-11", "negotiated", "op1"],
    ["p1c", "P1", "detained", "2025-10-01"],
    ["p2a", "P2", "detained", "2022-02-02"],
    ["p2b", "P2", "released", "2025-09-11", "negotiated", "op1"],
    ["p3", "P3", "detained", "2024-01-01"],
    ["p4", "P4", "detained", "2025-01-01"],
    ["p5", "P5", "detained", "2025-09-20"],
    ["p6", "P6", "detained", "2025-12-01"],
    ["p7", "P7", "detained", "2025-08-25"],
    ["p8a", "P8", "detained", "2025-09-12"],
    ["p8b", "P8", "released", "2025-09-15", "court"],
  ]),
);

const operations = [
  { id: "op3", date: range("2025-10"), announcedCount: null },
  { id: "op2", date: range("2025-09-16"), announcedCount: 25 },
  { id: "op1", date: range("2025-09-11"), announcedCount: 52 },
];

describe("revolvingDoor", () => {
  const rows = revolvingDoor(intervals, operations);

  it("uses the documented releases when there are some", () => {
    // t = 09-11. 30 days: starts in (09-11, 10-11] are P8, P5, P1; in [08-12, 09-11) P7.
    // 90 days: P6 too; 180 days before: [2025-03-15, 09-11) still only P7.
    expect(rows[0]).toEqual({
      operation_id: "op1",
      date: "2025-09-11",
      announced: 52,
      released_documented: 2,
      ratio_basis: "documented",
      refill_days: 20,
      windows: [
        {
          days: 30,
          admissions: 3,
          admissions_before: 1,
          replacement_ratio: 1.5,
          stock_before: 5,
          stock_after: 5,
          stock_change: 0,
          rearrests: 1,
        },
        {
          days: 90,
          admissions: 4,
          admissions_before: 1,
          replacement_ratio: 2,
          stock_before: 5,
          stock_after: 6,
          stock_change: 1,
          rearrests: 1,
        },
        {
          days: 180,
          admissions: 4,
          admissions_before: 1,
          replacement_ratio: 2,
          stock_before: 5,
          stock_after: 6,
          stock_change: 1,
          rearrests: 1,
        },
      ],
    });
  });

  it("falls back on the announced count when no release is documented", () => {
    // t = 09-16; stock(09-15) = 3 (P8 is not counted on its release day) = stock(09-17).
    // (09-16, 10-16]: P5, P1; [08-17, 09-16): P7, P8.
    expect(rows[1]).toMatchObject({
      operation_id: "op2",
      released_documented: 0,
      ratio_basis: "announced",
      refill_days: 1,
    });
    expect(rows[1]?.windows[0]).toEqual({
      days: 30,
      admissions: 2,
      admissions_before: 2,
      replacement_ratio: 0.08,
      stock_before: 3,
      stock_after: 5,
      stock_change: 2,
      rearrests: 0,
    });
  });

  it("gives no ratio without any count, and t is the middle of a partial date", () => {
    // t = 2025-10-16 (October has 31 days): (10-16, 11-15] has no start; [09-16, 10-16)
    // has P5 and P1.
    expect(rows[2]).toMatchObject({
      operation_id: "op3",
      date: "2025-10",
      announced: null,
      ratio_basis: "none",
      refill_days: 1,
    });
    expect(rows[2]?.windows[0]).toMatchObject({
      admissions: 0,
      admissions_before: 2,
      replacement_ratio: null,
      stock_before: 5,
      stock_change: 0,
    });
  });

  it("says not yet when the stock never gets back", () => {
    const { intervals: few } = deriveIntervals(
      intervalEvents([
        ["a1", "A", "detained", "2024-01-01"],
        ["a2", "A", "released", "2025-09-11", "pardon", "op"],
        ["b1", "B", "detained", "2024-02-01"],
        ["c1", "C", "detained", "2024-03-01"],
        ["c2", "C", "released", "2025-12-01", "end_of_term"],
        ["d1", "D", "detained", "2025-11-01"],
      ]),
    );
    const [row] = revolvingDoor(
      toIntervalTable(few),
      [{ id: "op", date: range("2025-09-11"), announcedCount: 1 }],
      { windows: [30] },
    );
    // stock(09-10) = 3; then 2, and 3 again from 11-01: 19 + 31 + 1 = 51 days.
    expect(row?.refill_days).toBe(51);
    const [later] = revolvingDoor(few, [
      { id: "late", date: range("2025-12-01"), announcedCount: 1 },
    ]);
    // stock(11-30) = 3, then 2 from 12-01 on, and no start or end after 12-01.
    expect(later?.refill_days).toBeNull();
  });

  it("counts a re-arrest only within the window after the release", () => {
    const { intervals: back } = deriveIntervals(
      intervalEvents([
        ["a1", "A", "detained", "2024-01-01"],
        ["a2", "A", "released", "2025-01-10", "amnesty", "op"],
        ["a3", "A", "detained", "2025-02-09"],
        ["b1", "B", "detained", "2024-01-01"],
        ["b2", "B", "released", "2025-01-10", "amnesty", "op"],
        ["b3", "B", "detained", "2025-02-10"],
        // Detained again in 2025-01 and released on 01-19: that start narrows to
        // 01-01..01-19, middle 01-10, the release day itself, outside (release, release + w].
        ["c1", "C", "detained", "2024-01-01"],
        ["c2", "C", "released", "2025-01-10", "amnesty", "op"],
        ["c3", "C", "detained", "2025-01"],
        ["c4", "C", "released", "2025-01-19", "court"],
      ]),
    );
    const [row] = revolvingDoor(
      back,
      [{ id: "op", date: range("2025-01-10"), announcedCount: 3 }],
      { windows: [30, 31] },
    );
    // (01-10, 02-09] holds A's re-arrest only; 31 days reach B's on 02-10.
    expect(row?.windows.map((w) => w.rearrests)).toEqual([1, 2]);
  });

  it("counts admissions in (t, t + w] and the comparison in [t − w, t)", () => {
    const { intervals: edges } = deriveIntervals(
      intervalEvents([
        ["a", "A", "detained", "2025-05-01"], // t − 31
        ["b", "B", "detained", "2025-05-02"], // t − 30
        ["c", "C", "detained", "2025-06-01"], // t: in neither window
        ["f", "F", "detained", "2025-06-01"], // t
        ["d", "D", "detained", "2025-07-01"], // t + 30
        ["e", "E", "detained", "2025-07-02"], // t + 31
      ]),
    );
    const [row] = revolvingDoor(
      edges,
      [{ id: "op", date: range("2025-06-01"), announcedCount: 4 }],
      {
        windows: [30],
      },
    );
    expect(row?.windows[0]).toEqual({
      days: 30,
      admissions: 1,
      admissions_before: 1,
      replacement_ratio: 0.25,
      stock_before: 2,
      stock_after: 5,
      stock_change: 3,
      rearrests: 0,
    });
  });

  it("rejects windows that are not whole positive days", () => {
    expect(() => revolvingDoor(intervals, operations, { windows: [0] })).toThrow(RangeError);
    expect(() => revolvingDoor(intervals, operations, { windows: [1.5] })).toThrow(RangeError);
  });

  it("orders operations by t and accepts none", () => {
    expect(rows.map((r) => r.operation_id)).toEqual(["op1", "op2", "op3"]);
    expect(revolvingDoor(intervals, [])).toEqual([]);
  });
});
