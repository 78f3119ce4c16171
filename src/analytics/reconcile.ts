/**
 * Reconciliation: each monitor's published count beside the registry's stock of people
 * that monitor recognized on the same day (DESIGN.md).
 */
import type { CountQualifier, MonitorCount } from "../domain/model.ts";
import { dayToIso, middleDay } from "../domain/partial-date.ts";
import { compareIds } from "./intervals.ts";
import { recognitionPeriods } from "./recognition.ts";
import { dailyStock } from "./stock.ts";
import { asIntervalTable, type IntervalTable } from "./table.ts";
import type { Interval, RecognitionEvent, StockValue } from "./types.ts";

export interface ReconciliationRow {
  countId: string;
  monitor: string;
  /** The count's as-of date as published, and the day the registry is read on (its middle). */
  asOf: string;
  day: string;
  value: number;
  qualifier: CountQualifier;
  recognized: StockValue;
  total: StockValue;
  /** recognized.count − value: negative when the registry has fewer people. */
  difference: number;
  /** Whether the registry's point value satisfies the qualifier. */
  consistent: boolean;
  /** Whether some value between the registry's bounds satisfies it. */
  possiblyConsistent: boolean;
}

// An `approx` count tolerates ±5 % (1/20) of the published value; integer arithmetic keeps
// the edge exact (950 is within 5 % of 1000).
const APPROX_DIVISOR = 20;

/** Whether a registry figure agrees with a published count and its qualifier. */
export function satisfies(registry: number, value: number, qualifier: CountQualifier): boolean {
  switch (qualifier) {
    case "exact":
      return registry === value;
    case "approx":
      return APPROX_DIVISOR * Math.abs(registry - value) <= value;
    case "more_than":
      return registry > value;
    case "fewer_than":
      return registry < value;
  }
}

function satisfiedWithin(lower: number, upper: number, value: number, q: CountQualifier) {
  switch (q) {
    case "exact":
      return lower <= value && value <= upper;
    case "approx":
      return (
        APPROX_DIVISOR * lower <= (APPROX_DIVISOR + 1) * value &&
        APPROX_DIVISOR * upper >= (APPROX_DIVISOR - 1) * value
      );
    case "more_than":
      return upper > value;
    case "fewer_than":
      return lower < value;
  }
}

/** One row per count, in order of day, then monitor, then id. */
export function reconcile(
  counts: readonly MonitorCount[],
  intervals: readonly Interval[] | IntervalTable,
  recognitionEvents: readonly RecognitionEvent[],
): ReconciliationRow[] {
  if (counts.length === 0) return [];
  const table = asIntervalTable(intervals);
  const placed = counts
    .map((count) => ({ count, day: middleDay(count.asOf.first, count.asOf.last) }))
    .sort(
      (a, b) =>
        a.day - b.day ||
        compareIds(a.count.monitor, b.count.monitor) ||
        compareIds(a.count.id, b.count.id),
    );
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const { day } of placed) {
    from = Math.min(from, day);
    to = Math.max(to, day);
  }
  const at = (stock: ReturnType<typeof dailyStock>, day: number): StockValue => ({
    count: stock.count[day - from] as number,
    lower: stock.lower[day - from] as number,
    upper: stock.upper[day - from] as number,
  });
  const total = dailyStock(table, from, to);
  const byMonitor = new Map<string, ReturnType<typeof dailyStock>>();
  return placed.map(({ count, day }) => {
    let recognizedStock = byMonitor.get(count.monitor);
    if (recognizedStock === undefined) {
      const periods = recognitionPeriods(recognitionEvents, count.monitor);
      recognizedStock = dailyStock(table, from, to, periods);
      byMonitor.set(count.monitor, recognizedStock);
    }
    const recognized = at(recognizedStock, day);
    return {
      countId: count.id,
      monitor: count.monitor,
      asOf: count.asOf.text,
      day: dayToIso(day),
      value: count.value,
      qualifier: count.qualifier,
      recognized,
      total: at(total, day),
      difference: recognized.count - count.value,
      consistent: satisfies(recognized.count, count.value, count.qualifier),
      possiblyConsistent: satisfiedWithin(
        recognized.lower,
        recognized.upper,
        count.value,
        count.qualifier,
      ),
    };
  });
}
