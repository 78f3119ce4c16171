import { describe, expect, it } from "vitest";
import { day, intervalEvents } from "../../test/fixtures/analytics-events.ts";
import { deriveIntervals } from "./intervals.ts";
import { deathsInCustody, timeHeld } from "./time-held.ts";

const { intervals } = deriveIntervals(
  intervalEvents([
    ["a1", "A", "detained", "2024-01-01"],
    ["a2", "A", "released", "2024-01-31", "pardon"], // 30 days
    ["b1", "B", "detained", "2024-02-01"],
    ["b2", "B", "released", "2024-05-01", "amnesty"], // 29 + 31 + 30 = 90 days
    ["c1", "C", "detained", "2020-01-01"],
    ["c2", "C", "released", "2024-01-01", "end_of_term"], // 366 + 3 × 365 = 1461 days
    ["d1", "D", "detained", "2023-01-01"],
    ["d2", "D", "died_in_custody", "2023-03"], // middle 03-16: 31 + 28 + 15 = 74 days
    ["e1", "E", "detained", "2022-01-01"], // open: 1096 days to 2025-01-01
    ["f1", "F", "detained", "2024-12-01"], // open: 31 days
    ["g1", "G", "detained", "2024-11-01"],
    ["g2", "G", "released", "2025-02-01", "court"], // still held on 2025-01-01: 61 days
    ["h1", "H", "detained", "2025-03-01"], // not yet held
  ]),
);

describe("timeHeld", () => {
  const { closed, open } = timeHeld(intervals, day("2025-01-01"));

  it("summarizes the intervals closed by the day", () => {
    expect(closed).toEqual({
      count: 4,
      medianDays: 82,
      longest: {
        personId: "C",
        startEventId: "c1",
        days: 1461,
        from: "2020-01-01",
        to: "2024-01-01",
      },
      bins: [
        { minDays: 0, maxDays: 30, count: 0 },
        { minDays: 30, maxDays: 91, count: 3 },
        { minDays: 91, maxDays: 183, count: 0 },
        { minDays: 183, maxDays: 365, count: 0 },
        { minDays: 365, maxDays: 730, count: 0 },
        { minDays: 730, maxDays: 1096, count: 0 },
        { minDays: 1096, maxDays: 1826, count: 1 },
        { minDays: 1826, maxDays: 3653, count: 0 },
        { minDays: 3653, maxDays: null, count: 0 },
      ],
    });
  });

  it("counts the intervals still open up to the day", () => {
    expect(open.count).toBe(3);
    expect(open.medianDays).toBe(61);
    expect(open.longest).toEqual({
      personId: "E",
      startEventId: "e1",
      days: 1096,
      from: "2022-01-01",
      to: null,
    });
    expect(open.bins.map((b) => b.count)).toEqual([0, 2, 0, 0, 0, 0, 1, 0, 0]);
  });

  it("takes other bins and rejects bad ones", () => {
    const { closed: custom } = timeHeld(intervals, day("2025-01-01"), [0, 31, 365]);
    expect(custom.bins).toEqual([
      { minDays: 0, maxDays: 31, count: 1 },
      { minDays: 31, maxDays: 365, count: 2 },
      { minDays: 365, maxDays: null, count: 1 },
    ]);
    expect(() => timeHeld(intervals, 0, [10, 20])).toThrow(RangeError);
    expect(() => timeHeld(intervals, 0, [0, 20, 20])).toThrow(RangeError);
  });

  it("has no median when nothing is held", () => {
    const { open: none } = timeHeld(intervals, day("2000-01-01"));
    expect(none).toMatchObject({ count: 0, medianDays: null, longest: null });
  });
});

describe("deathsInCustody", () => {
  it("lists deaths in order of date, with the range each date stands for", () => {
    const { intervals: more } = deriveIntervals(
      intervalEvents([
        // Start narrowed to 2021-01-01..2021-05-05, middle 2021-03-04; 62 days held.
        ["i1", "I", "detained", "2021"],
        ["i2", "I", "died_in_custody", "2021-05-05"],
      ]),
    );
    expect(deathsInCustody([...intervals, ...more])).toEqual([
      {
        personId: "I",
        eventId: "i2",
        date: "2021-05-05",
        range: "2021-05-05",
        heldSince: "2021-03-04",
        heldDays: 62,
      },
      {
        personId: "D",
        eventId: "d2",
        date: "2023-03-16",
        range: "2023-03-01..2023-03-31",
        heldSince: "2023-01-01",
        heldDays: 74,
      },
    ]);
  });
});
