/**
 * When each person was recognized as a political prisoner by one monitor. Recognition runs
 * from a `recognized` event to the next `recognition_withdrawn` of the same monitor (open if
 * none), built exactly like detention intervals: events in order of their middles (the
 * recognition first on a tie), each end narrowing the other, and a point range between
 * middles, a certain range (latest start .. earliest end) and a possible range (earliest
 * start .. latest end). It survives a release: a re-arrested person recognized before counts
 * again until a withdrawal.
 */
import { middleDay } from "../domain/partial-date.ts";
import { OPEN_END } from "./table.ts";
import type { RecognitionEvent } from "./types.ts";

/** Sorted, disjoint half-open ranges flattened as [start0, end0, start1, end1, …]. */
export type Ranges = number[];

export interface PersonRecognition {
  count: Ranges;
  lower: Ranges;
  upper: Ranges;
}

export interface RecognitionPeriods {
  monitor: string;
  byPerson: ReadonlyMap<string, PersonRecognition>;
}

/** Sorts and merges half-open ranges, dropping empty ones. */
export function mergeRanges(ranges: Ranges): Ranges {
  const pairs: [number, number][] = [];
  for (let i = 0; i < ranges.length; i += 2) {
    const a = ranges[i] as number;
    const b = ranges[i + 1] as number;
    if (a < b) pairs.push([a, b]);
  }
  pairs.sort((x, y) => x[0] - y[0]);
  const merged: Ranges = [];
  for (const [a, b] of pairs) {
    const end = merged.length - 1;
    if (end > 0 && a <= (merged[end] as number)) merged[end] = Math.max(merged[end] as number, b);
    else merged.push(a, b);
  }
  return merged;
}

const RANK = { recognized: 0, recognition_withdrawn: 1 } as const;

/**
 * Recognition periods of every person recognized by `monitor` (names compared exactly).
 * A withdrawal with no recognition before it is ignored.
 */
export function recognitionPeriods(
  events: readonly RecognitionEvent[],
  monitor: string,
): RecognitionPeriods {
  const byPersonEvents = new Map<string, RecognitionEvent[]>();
  for (const event of events) {
    if (event.monitor !== monitor) continue;
    const list = byPersonEvents.get(event.personId);
    if (list === undefined) byPersonEvents.set(event.personId, [event]);
    else list.push(event);
  }
  const byPerson = new Map<string, PersonRecognition>();
  for (const [personId, list] of byPersonEvents) {
    list.sort(
      (a, b) =>
        middleDay(a.first, a.last) - middleDay(b.first, b.last) ||
        RANK[a.type] - RANK[b.type] ||
        a.first - b.first ||
        a.last - b.last,
    );
    const count: Ranges = [];
    const lower: Ranges = [];
    const upper: Ranges = [];
    let open: RecognitionEvent | null = null;
    for (const event of list) {
      if (event.type === "recognized") {
        if (open === null) open = event;
        continue;
      }
      if (open === null) continue;
      const startLast = Math.min(open.last, event.last);
      const endFirst = Math.max(event.first, open.first);
      count.push(middleDay(open.first, startLast), middleDay(endFirst, event.last));
      lower.push(startLast, endFirst);
      upper.push(open.first, event.last);
      open = null;
    }
    if (open !== null) {
      count.push(middleDay(open.first, open.last), OPEN_END);
      lower.push(open.last, OPEN_END);
      upper.push(open.first, OPEN_END);
    }
    byPerson.set(personId, {
      count: mergeRanges(count),
      lower: mergeRanges(lower),
      upper: mergeRanges(upper),
    });
  }
  return { monitor, byPerson };
}
