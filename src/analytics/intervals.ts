/**
 * Detention intervals from case events, exactly as DESIGN.md "Exact day arithmetic" says.
 */
import { dayToIso, middleDay } from "../domain/partial-date.ts";
import type { Interval, IntervalEvent, IntervalProblem } from "./types.ts";

const TYPE_RANK = { detained: 0, released: 1, died_in_custody: 2 } as const;

/** Plain code-unit order, so that results never depend on the locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Middle day, detention first on a tie (DESIGN.md); the rest only makes the order total,
// so that the result does not depend on the order of the input.
function compareEvents(a: IntervalEvent, b: IntervalEvent): number {
  return (
    middleDay(a.first, a.last) - middleDay(b.first, b.last) ||
    TYPE_RANK[a.type] - TYPE_RANK[b.type] ||
    a.first - b.first ||
    a.last - b.last ||
    compareIds(a.eventId, b.eventId)
  );
}

/** `2021-06-10` for one day, `2021-01-01..2021-12-31` for a range. */
export function rangeText(first: number, last: number): string {
  return first === last ? dayToIso(first) : `${dayToIso(first)}..${dayToIso(last)}`;
}

function closedInterval(start: IntervalEvent, end: IntervalEvent): Interval {
  // Each end narrows the other; the order by middles guarantees end.last >= start.first,
  // so neither range can become empty.
  const startLast = Math.min(start.last, end.last);
  const endFirst = Math.max(end.first, start.first);
  return {
    personId: start.personId,
    startEventId: start.eventId,
    endEventId: end.eventId,
    startFirst: start.first,
    startLast,
    startMid: middleDay(start.first, startLast),
    endFirst,
    endLast: end.last,
    endMid: middleDay(endFirst, end.last),
    exit: end.type === "died_in_custody" ? "died_in_custody" : (end.mechanism ?? "unknown"),
    operationId: end.operationId,
  };
}

function openInterval(start: IntervalEvent): Interval {
  return {
    personId: start.personId,
    startEventId: start.eventId,
    endEventId: null,
    startFirst: start.first,
    startLast: start.last,
    startMid: middleDay(start.first, start.last),
    endFirst: null,
    endLast: null,
    endMid: null,
    exit: null,
    operationId: null,
  };
}

function endText(interval: Interval): string {
  return interval.endMid === null ? "still held" : dayToIso(interval.endMid);
}

function personIntervals(
  events: IntervalEvent[],
  intervals: Interval[],
  problems: IntervalProblem[],
): void {
  const from = intervals.length;
  let open: IntervalEvent | null = null;
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as IntervalEvent;
    if (event.type === "detained") {
      // A detention while already held opens nothing new.
      if (open === null) open = event;
      continue;
    }
    if (open !== null) {
      intervals.push(closedInterval(open, event));
      open = null;
      continue;
    }
    const next = events[i + 1];
    if (next !== undefined && next.type === "detained" && next.first <= event.last) {
      // "detained 2021, released 2021-06-10": the release is taken after the detention.
      intervals.push(closedInterval(next, event));
      i++;
      continue;
    }
    const what = event.type === "released" ? "Release" : "Death in custody";
    problems.push({
      kind: "release_without_detention",
      personId: event.personId,
      eventIds: [event.eventId],
      message:
        `${what} ${event.eventId} of person ${event.personId} ` +
        `(${rangeText(event.first, event.last)}) finds no open detention and no detention ` +
        "that could have started by then; it is ignored",
    });
  }
  if (open !== null) intervals.push(openInterval(open));
  if (intervals.length - from > 1) flagOverlaps(intervals.slice(from), problems);
}

// Narrowing can move a start earlier or an end later, so two intervals of one person may
// overlap on their middles; the stock still counts the person once per day.
function flagOverlaps(intervals: Interval[], problems: IntervalProblem[]): void {
  for (let i = 0; i < intervals.length; i++) {
    const a = intervals[i] as Interval;
    const aEnd = a.endMid ?? Number.POSITIVE_INFINITY;
    for (let j = i + 1; j < intervals.length; j++) {
      const b = intervals[j] as Interval;
      const bEnd = b.endMid ?? Number.POSITIVE_INFINITY;
      if (a.startMid < bEnd && b.startMid < aEnd && a.startMid < aEnd && b.startMid < bEnd) {
        problems.push({
          kind: "overlapping_intervals",
          personId: a.personId,
          eventIds: [a.startEventId, b.startEventId],
          message:
            `Detentions ${a.startEventId} (${dayToIso(a.startMid)} to ${endText(a)}) and ` +
            `${b.startEventId} (${dayToIso(b.startMid)} to ${endText(b)}) of person ` +
            `${a.personId} overlap; the person is counted once per day`,
        });
      }
    }
  }
}

/**
 * Each person's events, people in order of id. The store reads events ordered by person, so
 * a first pass tries that order and needs no hash map; other input falls back on one.
 */
function groupByPerson(events: readonly IntervalEvent[]): IntervalEvent[][] {
  const lists: IntervalEvent[][] = [];
  let current: IntervalEvent[] = [];
  let currentId: string | null = null;
  let ordered = true;
  for (const event of events) {
    if (event.personId !== currentId) {
      if (currentId !== null && compareIds(currentId, event.personId) >= 0) {
        ordered = false;
        break;
      }
      currentId = event.personId;
      current = [];
      lists.push(current);
    }
    current.push(event);
  }
  if (ordered) return lists;
  const byId = new Map<string, IntervalEvent[]>();
  for (const event of events) {
    const list = byId.get(event.personId);
    if (list === undefined) byId.set(event.personId, [event]);
    else list.push(event);
  }
  return [...byId.entries()].sort((a, b) => compareIds(a[0], b[0])).map(([, list]) => list);
}

/**
 * Detention intervals of every person, ordered by person id and then as derived, with the
 * data problems met on the way. Does not depend on the order of `events`.
 *
 * @example
 * // "detained 2021, released 2021-06-10" is one interval, start 2021-01-01..2021-06-10
 * // (middle 2021-03-22), end 2021-06-10.
 */
export function deriveIntervals(events: readonly IntervalEvent[]): {
  intervals: Interval[];
  problems: IntervalProblem[];
} {
  const byPerson = groupByPerson(events);
  const intervals: Interval[] = [];
  const problems: IntervalProblem[] = [];
  for (const list of byPerson) {
    if (list.length > 1) list.sort(compareEvents);
    personIntervals(list, intervals, problems);
  }
  return { intervals, problems };
}
