import { describe, expect, it } from "vitest";
import { day, intervalEvents, recognitionEvents } from "../../test/fixtures/analytics-events.ts";
import { deriveIntervals } from "./intervals.ts";
import { recognitionPeriods } from "./recognition.ts";
import { dailyStock, stockOn, stockSeries } from "./stock.ts";
import { toIntervalTable } from "./table.ts";

// A: held 01-10 ..01-20, exact days.
// B: detained 2021-01 (01-01..01-31, middle 01-16), still held.
// C: detained 01-05, released 2021-01 → end narrowed to 01-05..01-31, middle 01-18.
const { intervals } = deriveIntervals(
  intervalEvents([
    ["a1", "A", "detained", "2021-01-10"],
    ["a2", "A", "released", "2021-01-20", "pardon"],
    ["b1", "B", "detained", "2021-01"],
    ["c1", "C", "detained", "2021-01-05"],
    ["c2", "C", "released", "2021-01", "court"],
  ]),
);

describe("stock of a hand-worked example", () => {
  // count:  A [01-10, 01-20)  B [01-16, ∞)  C [01-05, 01-18)
  // lower:  A [01-10, 01-20)  B [01-31, ∞)  C [01-05, 01-05) — never certain
  // upper:  A [01-10, 01-20)  B [01-01, ∞)  C [01-05, 01-31)
  const table: [string, number, number, number][] = [
    // day, count, lower, upper
    ["2020-12-31", 0, 0, 0],
    ["2021-01-01", 0, 0, 1],
    ["2021-01-04", 0, 0, 1],
    ["2021-01-05", 1, 0, 2],
    ["2021-01-10", 2, 1, 3],
    ["2021-01-15", 2, 1, 3],
    ["2021-01-16", 3, 1, 3],
    ["2021-01-17", 3, 1, 3],
    ["2021-01-18", 2, 1, 3],
    ["2021-01-19", 2, 1, 3],
    ["2021-01-20", 1, 0, 2],
    ["2021-01-30", 1, 0, 2],
    ["2021-01-31", 1, 1, 1],
    ["2021-02-01", 1, 1, 1],
    ["2030-01-01", 1, 1, 1],
  ];
  const days = table.map(([d]) => day(d));

  it.each(table)("on %s: count %i, lower %i, upper %i", (d, count, lower, upper) => {
    expect(stockOn(intervals, [day(d)])).toEqual([{ count, lower, upper }]);
  });

  it("gives the same figures from a table, and from any window of days", () => {
    const expected = table.map(([, count, lower, upper]) => ({ count, lower, upper }));
    expect(stockOn(toIntervalTable(intervals), days)).toEqual(expected);
    const stock = dailyStock(intervals, day("2021-01-15"), day("2021-01-20"));
    expect([...stock.count]).toEqual([2, 3, 3, 2, 2, 1]);
    expect([...stock.lower]).toEqual([1, 1, 1, 1, 1, 0]);
    expect([...stock.upper]).toEqual([3, 3, 3, 3, 3, 2]);
  });
});

describe("stockSeries", () => {
  it("takes a month on its last day, and a month cut by `to` on `to`", () => {
    const rows = stockSeries(intervals, {
      from: day("2021-01-01"),
      to: day("2021-02-10"),
      step: "month",
    });
    expect(rows).toEqual([
      { date: "2021-01-31", period: "2021-01", count: 1, lower: 1, upper: 1 },
      { date: "2021-02-10", period: "2021-02", count: 1, lower: 1, upper: 1 },
    ]);
  });

  it("labels ISO weeks, the first of them cut by `from`", () => {
    const rows = stockSeries(intervals, {
      from: day("2021-01-01"),
      to: day("2021-01-24"),
      step: "week",
    });
    expect(rows).toEqual([
      { date: "2021-01-03", period: "2020-W53", count: 0, lower: 0, upper: 1 },
      { date: "2021-01-10", period: "2021-W01", count: 2, lower: 1, upper: 3 },
      { date: "2021-01-17", period: "2021-W02", count: 3, lower: 1, upper: 3 },
      { date: "2021-01-24", period: "2021-W03", count: 1, lower: 0, upper: 2 },
    ]);
  });

  it("gives one row per day and per year", () => {
    const daily = stockSeries(intervals, {
      from: day("2021-01-04"),
      to: day("2021-01-05"),
      step: "day",
    });
    expect(daily).toEqual([
      { date: "2021-01-04", period: "2021-01-04", count: 0, lower: 0, upper: 1 },
      { date: "2021-01-05", period: "2021-01-05", count: 1, lower: 0, upper: 2 },
    ]);
    const yearly = stockSeries(intervals, {
      from: day("2020-06-01"),
      to: day("2021-03-01"),
      step: "year",
    });
    expect(yearly).toEqual([
      { date: "2020-12-31", period: "2020", count: 0, lower: 0, upper: 0 },
      { date: "2021-03-01", period: "2021", count: 1, lower: 1, upper: 1 },
    ]);
  });
});

describe("a person is counted once per day", () => {
  it("when narrowed middles overlap", () => {
    // d1..r covers 2021-06-15 ..2021-09-22 on middles, d2 from 2021-08-15 on.
    const { intervals: overlapping } = deriveIntervals(
      intervalEvents([
        ["d1", "A", "detained", "2021-06-15"],
        ["r", "A", "released", "2021"],
        ["d2", "A", "detained", "2021-08-15"],
      ]),
    );
    expect(stockOn(overlapping, [day("2021-09-01"), day("2021-09-22")])).toEqual([
      { count: 1, lower: 1, upper: 1 },
      { count: 1, lower: 1, upper: 1 },
    ]);
  });

  it("when only the possible ranges overlap", () => {
    // Released in 2021 (possibly as late as 12-31), detained again 2021-11-01.
    const { intervals: rearrested, problems } = deriveIntervals(
      intervalEvents([
        ["d1", "A", "detained", "2020-03-01"],
        ["r", "A", "released", "2021"],
        ["d2", "A", "detained", "2021-11-01"],
      ]),
    );
    expect(problems).toEqual([]);
    expect(stockOn(rearrested, [day("2021-06-01"), day("2021-11-15")])).toEqual([
      { count: 1, lower: 0, upper: 1 },
      { count: 1, lower: 1, upper: 1 },
    ]);
  });
});

describe("recognized stock", () => {
  // Viasna recognizes A in 2021-01 (middle 01-16, possibly from 01-01, certainly from
  // 01-31) and B on 01-20, withdrawing B on 03-01; C is recognized by another monitor.
  const viasna = recognitionPeriods(
    recognitionEvents([
      ["A", "recognized", "Viasna", "2021-01"],
      ["B", "recognized", "Viasna", "2021-01-20"],
      ["B", "recognition_withdrawn", "Viasna", "2021-03-01"],
      ["C", "recognized", "Other", "2021-01-01"],
      ["C", "recognition_withdrawn", "Viasna", "2021-01-02"],
    ]),
    "Viasna",
  );
  const table: [string, number, number, number][] = [
    // A is held 01-10..01-19; B certainly held from 01-31.
    ["2021-01-09", 0, 0, 0],
    ["2021-01-12", 0, 0, 1],
    ["2021-01-16", 1, 0, 1],
    ["2021-01-20", 1, 0, 1],
    ["2021-02-15", 1, 1, 1],
    ["2021-02-28", 1, 1, 1],
    ["2021-03-01", 0, 0, 0],
  ];
  it.each(table)("on %s: count %i, lower %i, upper %i", (d, count, lower, upper) => {
    expect(stockOn(intervals, [day(d)], viasna)).toEqual([{ count, lower, upper }]);
  });

  it("counts a recognition withdrawn the same day on no day", () => {
    const sameDay = recognitionPeriods(
      recognitionEvents([
        ["B", "recognition_withdrawn", "Viasna", "2021-02-01"],
        ["B", "recognized", "Viasna", "2021-02-01"],
      ]),
      "Viasna",
    );
    expect(stockOn(intervals, [day("2021-02-01"), day("2021-06-01")], sameDay)).toEqual([
      { count: 0, lower: 0, upper: 0 },
      { count: 0, lower: 0, upper: 0 },
    ]);
  });

  it("matches monitor names exactly", () => {
    const none = recognitionPeriods(
      recognitionEvents([["A", "recognized", "Viasna", "2021-01"]]),
      "viasna",
    );
    expect(stockOn(intervals, [day("2021-01-16")], none)).toEqual([
      { count: 0, lower: 0, upper: 0 },
    ]);
  });
});
