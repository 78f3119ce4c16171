/**
 * The stock — people behind bars on each day — with lower and upper bounds (DESIGN.md).
 *
 * Every interval adds +1 on its first counted day and −1 on the day after its last in a
 * difference array over the requested days; one prefix sum gives the series. Work is
 * O(intervals + days). A person is counted once per day: when someone has several
 * intervals, their ranges are merged before they reach the difference array.
 */
import { dayToIso } from "../domain/partial-date.ts";
import { checkRange, periodsBetween } from "./periods.ts";
import type { PersonRecognition, Ranges, RecognitionPeriods } from "./recognition.ts";
import { asIntervalTable, bump, type IntervalTable, personGroups } from "./table.ts";
import type { Interval, SeriesOptions, StockValue } from "./types.ts";

/**
 * Which range of an interval is counted: `count` from the start's middle to the end's
 * middle, `lower` from the latest possible start to the earliest possible end (certainly
 * held), `upper` from the earliest possible start to the latest possible end (possibly
 * held). Each is half-open: a person released on day e is not counted on e.
 */
export type StockMeasure = "count" | "lower" | "upper";

export interface DailyStock extends Record<StockMeasure, Int32Array> {
  /** `count[i]` is the stock on day `from + i`. */
  from: number;
  to: number;
}

export interface StockRow extends StockValue {
  /** The day the stock is taken on. */
  date: string;
  period: string;
}

function columns(table: IntervalTable, measure: StockMeasure): [Int32Array, Int32Array] {
  if (measure === "count") return [table.startMid, table.endMid];
  if (measure === "lower") return [table.startLast, table.endFirst];
  return [table.startFirst, table.endLast];
}

/** Adds [a, b) clipped to the array's days; `end` is one past its last day. */
function addRange(diff: Int32Array, from: number, end: number, a: number, b: number): void {
  const lo = Math.max(a, from);
  const hi = Math.min(b, end);
  if (lo < hi) {
    bump(diff, lo - from);
    bump(diff, hi - from, -1);
  }
}

/**
 * The stock of one measure on each day of `from`..`to`, optionally only while people are
 * recognized by a monitor (their detention ranges intersected with their recognition
 * ranges of the same measure).
 */
export function measureSeries(
  table: IntervalTable,
  measure: StockMeasure,
  from: number,
  to: number,
  recognition: RecognitionPeriods | null = null,
): Int32Array {
  checkRange(from, to);
  const end = to + 1;
  const diff = new Int32Array(end - from + 1);
  const [starts, ends] = columns(table, measure);
  const { rows, offsets } = personGroups(table);
  let scratch = new Int32Array(64);
  const people = table.personIds.length;
  for (let p = 0; p < people; p++) {
    const lo = offsets[p] as number;
    const hi = offsets[p + 1] as number;
    let recognized: Ranges | null = null;
    if (recognition !== null) {
      const person = recognition.byPerson.get(table.personIds[p] as string);
      if (person === undefined) continue;
      recognized = (person as PersonRecognition)[measure];
    }
    if (hi - lo === 1 && recognized === null) {
      const row = rows[lo] as number;
      addRange(diff, from, end, starts[row] as number, ends[row] as number);
      continue;
    }
    if (2 * (hi - lo) > scratch.length) scratch = new Int32Array(4 * (hi - lo));
    const k = sortedRanges(starts, ends, rows, lo, hi, scratch);
    const merged = mergeSorted(scratch, k);
    if (recognized === null) {
      for (let i = 0; i < merged; i += 2) {
        addRange(diff, from, end, scratch[i] as number, scratch[i + 1] as number);
      }
    } else {
      addIntersection(diff, from, end, scratch, merged, recognized);
    }
  }
  const series = new Int32Array(end - from);
  let running = 0;
  for (let i = 0; i < series.length; i++) {
    running += diff[i] as number;
    series[i] = running;
  }
  return series;
}

/** Copies a person's non-empty ranges into `out` sorted by start (insertion sort: few). */
function sortedRanges(
  starts: Int32Array,
  ends: Int32Array,
  rows: Int32Array,
  lo: number,
  hi: number,
  out: Int32Array,
): number {
  let k = 0;
  for (let j = lo; j < hi; j++) {
    const row = rows[j] as number;
    const a = starts[row] as number;
    const b = ends[row] as number;
    if (a >= b) continue;
    let i = k;
    while (i > 0 && (out[i - 2] as number) > a) {
      out[i] = out[i - 2] as number;
      out[i + 1] = out[i - 1] as number;
      i -= 2;
    }
    out[i] = a;
    out[i + 1] = b;
    k += 2;
  }
  return k;
}

/** Merges sorted ranges in place; returns the new length. */
function mergeSorted(ranges: Int32Array, k: number): number {
  if (k === 0) return 0;
  let w = 0;
  for (let i = 2; i < k; i += 2) {
    const a = ranges[i] as number;
    const b = ranges[i + 1] as number;
    if (a <= (ranges[w + 1] as number)) {
      if (b > (ranges[w + 1] as number)) ranges[w + 1] = b;
    } else {
      w += 2;
      ranges[w] = a;
      ranges[w + 1] = b;
    }
  }
  return w + 2;
}

function addIntersection(
  diff: Int32Array,
  from: number,
  end: number,
  held: Int32Array,
  heldLength: number,
  recognized: Ranges,
): void {
  let i = 0;
  let j = 0;
  while (i < heldLength && j < recognized.length) {
    const a = Math.max(held[i] as number, recognized[j] as number);
    const heldEnd = held[i + 1] as number;
    const recognizedEnd = recognized[j + 1] as number;
    addRange(diff, from, end, a, Math.min(heldEnd, recognizedEnd));
    if (heldEnd < recognizedEnd) i += 2;
    else j += 2;
  }
}

/**
 * Point value, lower and upper bound of the stock on every day of `from`..`to`.
 * Pass `recognition` (from {@link recognitionPeriods}) for a monitor's recognized stock.
 */
export function dailyStock(
  intervals: readonly Interval[] | IntervalTable,
  from: number,
  to: number,
  recognition: RecognitionPeriods | null = null,
): DailyStock {
  const table = asIntervalTable(intervals);
  return {
    from,
    to,
    count: measureSeries(table, "count", from, to, recognition),
    lower: measureSeries(table, "lower", from, to, recognition),
    upper: measureSeries(table, "upper", from, to, recognition),
  };
}

/**
 * One row per period of `from`..`to`: the stock on the period's last day. A period cut by
 * `to` (the current month, say) is taken on `to` instead, and `date` names the day used.
 *
 * @example
 * // stockSeries(intervals, { from: 2025-01-01, to: 2025-03-10, step: "month" }) gives
 * // rows dated 2025-01-31, 2025-02-28 and 2025-03-10.
 */
export function stockSeries(
  intervals: readonly Interval[] | IntervalTable,
  options: SeriesOptions,
  recognition: RecognitionPeriods | null = null,
): StockRow[] {
  const { from, to, step } = options;
  const periods = periodsBetween(from, to, step);
  const stock = dailyStock(intervals, from, to, recognition);
  return periods.map((period) => {
    const i = period.last - from;
    return {
      date: dayToIso(period.last),
      period: period.label,
      count: stock.count[i] as number,
      lower: stock.lower[i] as number,
      upper: stock.upper[i] as number,
    };
  });
}

/** The stock on each of `days` (any order, duplicates allowed). */
export function stockOn(
  intervals: readonly Interval[] | IntervalTable,
  days: readonly number[],
  recognition: RecognitionPeriods | null = null,
): StockValue[] {
  if (days.length === 0) return [];
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const day of days) {
    from = Math.min(from, day);
    to = Math.max(to, day);
  }
  const stock = dailyStock(intervals, from, to, recognition);
  return days.map((day) => ({
    count: stock.count[day - from] as number,
    lower: stock.lower[day - from] as number,
    upper: stock.upper[day - from] as number,
  }));
}
