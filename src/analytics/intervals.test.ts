import { describe, expect, it } from "vitest";
import { type EventRow, intervalEvents } from "../../test/fixtures/analytics-events.ts";
import { dayToIso } from "../domain/partial-date.ts";
import { deriveIntervals } from "./intervals.ts";
import type { Interval } from "./types.ts";

/** An interval written with ISO days, for tables that read like the DESIGN examples. */
function readable(interval: Interval) {
  const iso = (d: number | null) => (d === null ? null : dayToIso(d));
  return {
    person: interval.personId,
    events: [interval.startEventId, interval.endEventId],
    start: [iso(interval.startFirst), iso(interval.startLast), iso(interval.startMid)],
    end: [iso(interval.endFirst), iso(interval.endLast), iso(interval.endMid)],
    exit: interval.exit,
    operation: interval.operationId,
  };
}

function derive(rows: EventRow[]) {
  const { intervals, problems } = deriveIntervals(intervalEvents(rows));
  return { intervals: intervals.map(readable), problems };
}

describe("deriveIntervals", () => {
  it('takes "detained 2021, released 2021-06-10" as one interval, narrowed', () => {
    const { intervals, problems } = derive([
      ["d1", "A", "detained", "2021"],
      ["r1", "A", "released", "2021-06-10", "pardon"],
    ]);
    expect(problems).toEqual([]);
    expect(intervals).toEqual([
      {
        person: "A",
        events: ["d1", "r1"],
        start: ["2021-01-01", "2021-06-10", "2021-03-22"],
        end: ["2021-06-10", "2021-06-10", "2021-06-10"],
        exit: "pardon",
        operation: null,
      },
    ]);
  });

  it("narrows the end by the start: detained 2025-09, released 2025", () => {
    // The release (middle 2025-07-02) sorts first and is taken after the detention; its
    // range becomes 2025-09-01..2025-12-31, middle 2025-09-01 + 60 days.
    const { intervals, problems } = derive([
      ["r", "A", "released", "2025", "amnesty", "op"],
      ["d", "A", "detained", "2025-09"],
    ]);
    expect(problems).toEqual([]);
    expect(intervals).toEqual([
      {
        person: "A",
        events: ["d", "r"],
        start: ["2025-09-01", "2025-09-30", "2025-09-15"],
        end: ["2025-09-01", "2025-12-31", "2025-10-31"],
        exit: "amnesty",
        operation: "op",
      },
    ]);
  });

  it("keeps re-arrests, deaths, open intervals and missing mechanisms apart", () => {
    const { intervals, problems } = derive([
      ["a1", "A", "detained", "2020-08-10"],
      ["a2", "A", "released", "2021-02-01", null],
      ["a3", "A", "detained", "2021-03-05~"],
      ["b1", "B", "detained", "2019-05-01"],
      ["b2", "B", "died_in_custody", "2023-07"],
    ]);
    expect(problems).toEqual([]);
    expect(intervals).toEqual([
      {
        person: "A",
        events: ["a1", "a2"],
        start: ["2020-08-10", "2020-08-10", "2020-08-10"],
        end: ["2021-02-01", "2021-02-01", "2021-02-01"],
        exit: "unknown",
        operation: null,
      },
      {
        person: "A",
        events: ["a3", null],
        start: ["2021-03-05", "2021-03-05", "2021-03-05"],
        end: [null, null, null],
        exit: null,
        operation: null,
      },
      {
        person: "B",
        events: ["b1", "b2"],
        start: ["2019-05-01", "2019-05-01", "2019-05-01"],
        end: ["2023-07-01", "2023-07-31", "2023-07-16"],
        exit: "died_in_custody",
        operation: null,
      },
    ]);
  });

  it("opens nothing new on a detention while held", () => {
    const { intervals } = derive([
      ["d1", "A", "detained", "2020-01-10"],
      ["d2", "A", "detained", "2020-03-01"],
      ["r", "A", "released", "2020-06-01", "end_of_term"],
    ]);
    expect(intervals.map((i) => i.events)).toEqual([["d1", "r"]]);
  });

  it("puts a detention before a release on the same day: an empty interval", () => {
    const { intervals, problems } = derive([
      ["r", "A", "released", "2022-02-02", "court"],
      ["d", "A", "detained", "2022-02-02"],
    ]);
    expect(problems).toEqual([]);
    expect(intervals.map((i) => [i.start[2], i.end[2]])).toEqual([["2022-02-02", "2022-02-02"]]);
  });

  it("flags a release with no detention, and ignores it", () => {
    const { intervals, problems } = derive([
      ["r0", "A", "released", "2022-03-01", "pardon"],
      ["d1", "A", "detained", "2022-04-01"],
      ["b1", "B", "detained", "2020-01-01"],
      ["b2", "B", "released", "2020-02-01"],
      ["b3", "B", "released", "2020-03"],
    ]);
    expect(intervals.map((i) => i.events)).toEqual([
      ["d1", null],
      ["b1", "b2"],
    ]);
    expect(problems).toEqual([
      {
        kind: "release_without_detention",
        personId: "A",
        eventIds: ["r0"],
        message:
          "Release r0 of person A (2022-03-01) finds no open detention and no detention " +
          "that could have started by then; it is ignored",
      },
      {
        kind: "release_without_detention",
        personId: "B",
        eventIds: ["b3"],
        message:
          "Release b3 of person B (2020-03-01..2020-03-31) finds no open detention and no " +
          "detention that could have started by then; it is ignored",
      },
    ]);
  });

  it("flags intervals that overlap once narrowed", () => {
    // End of d1..r: 2021-06-15..2021-12-31, middle 2021-06-15 + 99 days = 2021-09-22,
    // after the next detention's middle 2021-08-15.
    const { intervals, problems } = derive([
      ["d1", "A", "detained", "2021-06-15"],
      ["r", "A", "released", "2021"],
      ["d2", "A", "detained", "2021-08-15"],
    ]);
    expect(intervals.map((i) => [i.start[2], i.end[2]])).toEqual([
      ["2021-06-15", "2021-09-22"],
      ["2021-08-15", null],
    ]);
    expect(problems).toEqual([
      {
        kind: "overlapping_intervals",
        personId: "A",
        eventIds: ["d1", "d2"],
        message:
          "Detentions d1 (2021-06-15 to 2021-09-22) and d2 (2021-08-15 to still held) of " +
          "person A overlap; the person is counted once per day",
      },
    ]);
  });

  it("does not depend on the order of the input", () => {
    const rows: EventRow[] = [
      ["a1", "A", "detained", "2021"],
      ["a2", "A", "released", "2021-06-10"],
      ["a3", "A", "released", "2021-06-10"],
      ["a4", "A", "detained", "2021-06-10"],
      ["b1", "B", "released", "2020-05"],
      ["b2", "B", "detained", "2020-05"],
      ["b3", "B", "died_in_custody", "2020-05"],
    ];
    const forward = deriveIntervals(intervalEvents(rows));
    const backward = deriveIntervals(intervalEvents([...rows].reverse()));
    expect(backward).toEqual(forward);
    // A: on 2021-06-10 the detention a4 comes first and a2 closes it the same day; a3 then
    // finds nothing open and is taken after a1 (2021, middle 2021-07-02).
    // B: all three share the middle 2020-05-16: detention, then release, then the death,
    // which finds nothing open.
    expect(forward.intervals.map((i) => [i.startEventId, i.endEventId])).toEqual([
      ["a4", "a2"],
      ["a1", "a3"],
      ["b2", "b1"],
    ]);
    expect(forward.problems.map((p) => [p.kind, p.eventIds])).toEqual([
      ["release_without_detention", ["b3"]],
    ]);
  });
});
