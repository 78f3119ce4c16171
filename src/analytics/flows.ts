/**
 * Flows: admissions (interval starts) and exits by kind in each period, counted at the
 * middle day of the narrowed start and end (DESIGN.md).
 */
import { dayToPeriodIndex, periodsBetween } from "./periods.ts";
import { asIntervalTable, bump, type IntervalTable, OPEN_END } from "./table.ts";
import { EXIT_KINDS, type ExitKind, type Interval, type SeriesOptions } from "./types.ts";

export interface FlowRow {
  period: string;
  admissions: number;
  /** Only the kinds that occur in the period, in the order of {@link EXIT_KINDS}. */
  exits: Partial<Record<ExitKind, number>>;
}

/**
 * One row per period of `from`..`to` (periods cut by `from` or `to` count only their days
 * inside it). A start and an end on the same day are both counted.
 */
export function flows(
  intervals: readonly Interval[] | IntervalTable,
  options: SeriesOptions,
): FlowRow[] {
  const { from, to, step } = options;
  const periods = periodsBetween(from, to, step);
  const periodOfDay = dayToPeriodIndex(from, to, periods);
  const table = asIntervalTable(intervals);
  const kinds = EXIT_KINDS.length;
  const admissions = new Int32Array(periods.length);
  const exits = new Int32Array(periods.length * kinds);
  for (let i = 0; i < table.length; i++) {
    const start = table.startMid[i] as number;
    if (start >= from && start <= to) bump(admissions, periodOfDay[start - from] as number);
    const end = table.endMid[i] as number;
    if (end !== OPEN_END && end >= from && end <= to) {
      bump(exits, (periodOfDay[end - from] as number) * kinds + (table.exit[i] as number));
    }
  }
  return periods.map((period, p) => {
    const byKind: Partial<Record<ExitKind, number>> = {};
    EXIT_KINDS.forEach((kind, k) => {
      const n = exits[p * kinds + k] as number;
      if (n > 0) byKind[kind] = n;
    });
    return { period: period.label, admissions: admissions[p] as number, exits: byKind };
  });
}

/**
 * Starts with middle day ≤ d, for every d of `from`..`to` (index d − from): a cumulative
 * count, so that admissions in any window are one subtraction.
 */
export function cumulativeAdmissions(table: IntervalTable, from: number, to: number): Int32Array {
  const cumulative = new Int32Array(to - from + 1);
  let before = 0;
  for (let i = 0; i < table.length; i++) {
    const start = table.startMid[i] as number;
    if (start < from) before++;
    else if (start <= to) bump(cumulative, start - from);
  }
  let running = before;
  for (let d = 0; d < cumulative.length; d++) {
    running += cumulative[d] as number;
    cumulative[d] = running;
  }
  return cumulative;
}
