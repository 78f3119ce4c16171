import { describe, expect, it } from "vitest";
import { day, intervalEvents } from "../../test/fixtures/analytics-events.ts";
import { flows } from "./flows.ts";
import { deriveIntervals } from "./intervals.ts";
import { toIntervalTable } from "./table.ts";

const { intervals } = deriveIntervals(
  intervalEvents([
    // Start middle 2021-03-22 (narrowed), end 2021-06-10.
    ["a1", "A", "detained", "2021"],
    ["a2", "A", "released", "2021-06-10", "pardon", "op1"],
    // Start 2021-01-15; end 2021-02 → middle 2021-02-14, no mechanism.
    ["b1", "B", "detained", "2021-01-15"],
    ["b2", "B", "released", "2021-02"],
    // Start and end the same day.
    ["c1", "C", "detained", "2021-06-30"],
    ["c2", "C", "released", "2021-06-30", "court"],
    // Start 2021-05 → middle 2021-05-16, death 2021-07-01.
    ["d1", "D", "detained", "2021-05"],
    ["d2", "D", "died_in_custody", "2021-07-01"],
    // Start 2020-12-31, still held.
    ["e1", "E", "detained", "2020-12-31"],
    ["e2", "E", "detained", "2021-04-04"],
  ]),
);

describe("flows", () => {
  it("counts starts and ends at their middles, by month", () => {
    const rows = flows(intervals, {
      from: day("2021-01-01"),
      to: day("2021-07-31"),
      step: "month",
    });
    expect(rows).toEqual([
      { period: "2021-01", admissions: 1, exits: {} },
      { period: "2021-02", admissions: 0, exits: { unknown: 1 } },
      { period: "2021-03", admissions: 1, exits: {} },
      { period: "2021-04", admissions: 0, exits: {} },
      { period: "2021-05", admissions: 1, exits: {} },
      { period: "2021-06", admissions: 1, exits: { pardon: 1, court: 1 } },
      { period: "2021-07", admissions: 0, exits: { died_in_custody: 1 } },
    ]);
  });

  it("counts only the days inside the range, by year", () => {
    const table = toIntervalTable(intervals);
    expect(flows(table, { from: day("2020-12-31"), to: day("2021-06-10"), step: "year" })).toEqual([
      { period: "2020", admissions: 1, exits: {} },
      { period: "2021", admissions: 3, exits: { pardon: 1, unknown: 1 } },
    ]);
  });

  it("lists exit kinds in a fixed order", () => {
    const [row] = flows(intervals, {
      from: day("2021-06-01"),
      to: day("2021-06-30"),
      step: "month",
    });
    expect(Object.keys(row?.exits ?? {})).toEqual(["pardon", "court"]);
  });
});
