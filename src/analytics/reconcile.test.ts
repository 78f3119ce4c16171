import { describe, expect, it } from "vitest";
import { intervalEvents, range, recognitionEvents } from "../../test/fixtures/analytics-events.ts";
import type { CountQualifier, MonitorCount } from "../domain/model.ts";
import { deriveIntervals } from "./intervals.ts";
import { reconcile, satisfies } from "./reconcile.ts";

// Held: A from 01-10, B from 2021-02 (middle 02-14, certainly from 02-28), C from 01-01,
// D from 2020-06-01 to 2021-03-01. Viasna recognizes A on 01-15, B in 2021-02 (middle
// 02-14, possibly from 02-01, certainly from 02-28), D on 2020-07-01; HRW recognizes C.
const { intervals } = deriveIntervals(
  intervalEvents([
    ["a", "A", "detained", "2021-01-10"],
    ["b", "B", "detained", "2021-02"],
    ["c", "C", "detained", "2021-01-01"],
    ["d1", "D", "detained", "2020-06-01"],
    ["d2", "D", "released", "2021-03-01", "end_of_term"],
  ]),
);
const recognitions = recognitionEvents([
  ["A", "recognized", "Viasna", "2021-01-15"],
  ["B", "recognized", "Viasna", "2021-02"],
  ["D", "recognized", "Viasna", "2020-07-01"],
  ["C", "recognized", "HRW", "2021-01-05"],
]);

function count(
  id: string,
  monitor: string,
  asOf: string,
  value: number,
  qualifier: CountQualifier,
): MonitorCount {
  return { id, monitor, asOf: range(asOf), value, qualifier, sourceIds: [] };
}

describe("reconcile", () => {
  const rows = reconcile(
    [
      count("c1", "Viasna", "2021-02-28", 3, "exact"),
      count("c2", "Viasna", "~2021-03", 2, "approx"),
      count("c3", "Viasna", "2021-02-10", 5, "more_than"),
      count("c4", "HRW", "2021-01", 2, "fewer_than"),
      count("c5", "Viasna", "2021-02-10", 3, "exact"),
    ],
    intervals,
    recognitions,
  );

  it("puts each count beside the recognized and total stock of its day", () => {
    const brief = rows.map((r) => [
      r.countId,
      r.day,
      r.recognized,
      r.total,
      r.difference,
      r.consistent,
      r.possiblyConsistent,
    ]);
    expect(brief).toEqual([
      // 01-16: C only for HRW; A, C, D held.
      [
        "c4",
        "2021-01-16",
        { count: 1, lower: 1, upper: 1 },
        { count: 3, lower: 3, upper: 3 },
        -1,
        true,
        true,
      ],
      // 02-10: A, D; B possibly (held and recognized at the earliest from 02-01).
      [
        "c3",
        "2021-02-10",
        { count: 2, lower: 2, upper: 3 },
        { count: 3, lower: 3, upper: 4 },
        -3,
        false,
        false,
      ],
      [
        "c5",
        "2021-02-10",
        { count: 2, lower: 2, upper: 3 },
        { count: 3, lower: 3, upper: 4 },
        -1,
        false,
        true,
      ],
      // 02-28: A, B, D all certain.
      [
        "c1",
        "2021-02-28",
        { count: 3, lower: 3, upper: 3 },
        { count: 4, lower: 4, upper: 4 },
        0,
        true,
        true,
      ],
      // ~2021-03 → 03-16: D is out.
      [
        "c2",
        "2021-03-16",
        { count: 2, lower: 2, upper: 2 },
        { count: 3, lower: 3, upper: 3 },
        0,
        true,
        true,
      ],
    ]);
  });

  it("keeps the count as published", () => {
    expect(rows[4]).toMatchObject({
      monitor: "Viasna",
      asOf: "2021-03~",
      value: 2,
      qualifier: "approx",
    });
  });

  it("returns nothing for no counts", () => {
    expect(reconcile([], intervals, recognitions)).toEqual([]);
  });
});

describe("satisfies", () => {
  const table: [number, number, CountQualifier, boolean][] = [
    [1000, 1000, "exact", true],
    [999, 1000, "exact", false],
    [950, 1000, "approx", true],
    [949, 1000, "approx", false],
    [1050, 1000, "approx", true],
    [1051, 1000, "approx", false],
    [1001, 1000, "more_than", true],
    [1000, 1000, "more_than", false],
    [999, 1000, "fewer_than", true],
    [1000, 1000, "fewer_than", false],
  ];
  it.each(table)("%i against %i %s: %s", (registry, value, qualifier, expected) => {
    expect(satisfies(registry, value, qualifier)).toBe(expected);
  });
});
