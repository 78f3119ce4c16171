/**
 * Deaths in custody and how long people are held, on point values (middle days).
 */
import { dayToIso } from "../domain/partial-date.ts";
import { compareIds, rangeText } from "./intervals.ts";
import type { Interval } from "./types.ts";

export interface DeathInCustody {
  personId: string;
  eventId: string;
  /** Middle of the narrowed date of death, and the range it stands for. */
  date: string;
  range: string;
  heldSince: string;
  heldDays: number;
}

/** Every interval that ended in death, in order of date, then person. */
export function deathsInCustody(intervals: readonly Interval[]): DeathInCustody[] {
  return intervals
    .filter((interval) => interval.exit === "died_in_custody")
    .map((interval) => {
      const endMid = interval.endMid as number;
      return {
        personId: interval.personId,
        eventId: interval.endEventId as string,
        date: dayToIso(endMid),
        range: rangeText(interval.endFirst as number, interval.endLast as number),
        heldSince: dayToIso(interval.startMid),
        heldDays: endMid - interval.startMid,
        endMid,
      };
    })
    .sort((a, b) => a.endMid - b.endMid || compareIds(a.personId, b.personId))
    .map(({ endMid: _, ...death }) => death);
}

export interface TimeHeldBin {
  /** Days held, `minDays` ≤ days < `maxDays` (null: no upper limit). */
  minDays: number;
  maxDays: number | null;
  count: number;
}

export interface LongestHeld {
  personId: string;
  startEventId: string;
  days: number;
  from: string;
  /** Null when still held. */
  to: string | null;
}

export interface TimeHeldSummary {
  count: number;
  /** Median days held (mean of the two middle values for an even count); null when none. */
  medianDays: number | null;
  longest: LongestHeld | null;
  bins: TimeHeldBin[];
}

/** Bin edges in days: under a month, 3 and 6 months, 1, 2, 3, 5 and 10 years, beyond. */
export const DEFAULT_BIN_EDGES: readonly number[] = [0, 30, 91, 183, 365, 730, 1096, 1826, 3653];

function summarize(
  spans: { interval: Interval; days: number; open: boolean }[],
  edges: readonly number[],
): TimeHeldSummary {
  const bins: TimeHeldBin[] = edges.map((minDays, i) => ({
    minDays,
    maxDays: edges[i + 1] ?? null,
    count: 0,
  }));
  for (const { days } of spans) {
    for (let b = bins.length - 1; b >= 0; b--) {
      const bin = bins[b] as TimeHeldBin;
      if (days >= bin.minDays) {
        bin.count++;
        break;
      }
    }
  }
  if (spans.length === 0) return { count: 0, medianDays: null, longest: null, bins };
  const sorted = spans.map((s) => s.days).sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[half] as number)
      : ((sorted[half - 1] as number) + (sorted[half] as number)) / 2;
  let longest = spans[0] as (typeof spans)[number];
  for (const span of spans) {
    const tie = span.days === longest.days;
    if (
      span.days > longest.days ||
      (tie && compareIds(span.interval.personId, longest.interval.personId) < 0)
    ) {
      longest = span;
    }
  }
  return {
    count: spans.length,
    medianDays: median,
    longest: {
      personId: longest.interval.personId,
      startEventId: longest.interval.startEventId,
      days: longest.days,
      from: dayToIso(longest.interval.startMid),
      to: longest.open ? null : dayToIso(longest.interval.endMid as number),
    },
    bins,
  };
}

/**
 * Days held per interval, from the start's middle to the end's middle: `closed` are the
 * intervals ended on or before `asOf`, `open` those still running on `asOf` (counted up to
 * it). Intervals starting after `asOf` are left out. Edges must start at 0 and increase.
 */
export function timeHeld(
  intervals: readonly Interval[],
  asOf: number,
  edges: readonly number[] = DEFAULT_BIN_EDGES,
): { closed: TimeHeldSummary; open: TimeHeldSummary } {
  if (edges[0] !== 0 || edges.some((edge, i) => i > 0 && edge <= (edges[i - 1] as number))) {
    throw new RangeError(`bin edges must start at 0 and increase, got ${edges.join(", ")}`);
  }
  const closed: { interval: Interval; days: number; open: boolean }[] = [];
  const open: { interval: Interval; days: number; open: boolean }[] = [];
  for (const interval of intervals) {
    if (interval.startMid > asOf) continue;
    if (interval.endMid !== null && interval.endMid <= asOf) {
      closed.push({ interval, days: interval.endMid - interval.startMid, open: false });
    } else {
      open.push({ interval, days: asOf - interval.startMid, open: true });
    }
  }
  return { closed: summarize(closed, edges), open: summarize(open, edges) };
}
