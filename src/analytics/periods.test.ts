import { describe, expect, it } from "vitest";
import { day } from "../../test/fixtures/analytics-events.ts";
import { periodOf, periodsBetween, weekday } from "./periods.ts";
import type { Step } from "./types.ts";

describe("periodOf", () => {
  // [day, step, label, first, last] — ISO weeks checked against a calendar.
  const table: [string, Step, string, string, string][] = [
    ["2025-09-11", "day", "2025-09-11", "2025-09-11", "2025-09-11"],
    ["2025-09-11", "week", "2025-W37", "2025-09-08", "2025-09-14"],
    ["2021-01-03", "week", "2020-W53", "2020-12-28", "2021-01-03"],
    ["2021-01-04", "week", "2021-W01", "2021-01-04", "2021-01-10"],
    ["2024-12-30", "week", "2025-W01", "2024-12-30", "2025-01-05"],
    ["1969-12-31", "week", "1970-W01", "1969-12-29", "1970-01-04"],
    ["2024-02-10", "month", "2024-02", "2024-02-01", "2024-02-29"],
    ["2025-02-10", "month", "2025-02", "2025-02-01", "2025-02-28"],
    ["2025-09-11", "year", "2025", "2025-01-01", "2025-12-31"],
  ];
  it.each(table)("%s by %s is %s", (date, step, label, first, last) => {
    expect(periodOf(day(date), step)).toEqual({ label, first: day(first), last: day(last) });
  });

  it("counts weekdays from Monday, before 1970 too", () => {
    expect(weekday(day("2025-09-08"))).toBe(0);
    expect(weekday(day("2025-09-14"))).toBe(6);
    expect(weekday(day("1969-12-31"))).toBe(2);
  });
});

describe("periodsBetween", () => {
  it("clips the first and last period to the range", () => {
    expect(periodsBetween(day("2025-01-15"), day("2025-03-10"), "month")).toEqual([
      { label: "2025-01", first: day("2025-01-15"), last: day("2025-01-31") },
      { label: "2025-02", first: day("2025-02-01"), last: day("2025-02-28") },
      { label: "2025-03", first: day("2025-03-01"), last: day("2025-03-10") },
    ]);
  });

  it("gives one period per day by day", () => {
    const labels = periodsBetween(day("2024-02-28"), day("2024-03-01"), "day").map((p) => p.label);
    expect(labels).toEqual(["2024-02-28", "2024-02-29", "2024-03-01"]);
  });

  it("rejects a range that ends before it starts, and unknown steps", () => {
    expect(() => periodsBetween(day("2025-02-01"), day("2025-01-01"), "day")).toThrow(
      "from (2025-02-01) is after to (2025-01-01)",
    );
    expect(() => periodsBetween(0, 1, "quarter" as Step)).toThrow(/step must be one of/);
  });
});
