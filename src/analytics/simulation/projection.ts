/**
 * From Monte Carlo runs to a projection a reader can use: the stock on each monthly
 * anniversary of the first day, as the median of the runs with 80% and 95% bands, beside
 * the recorded stock where the registry has it; and the error and band coverage of a
 * back-test.
 */
import { dayNumber, daysInMonth, dayToIso } from "../../domain/partial-date.ts";
import type { StockValue } from "../types.ts";
import type { MonteCarloResult } from "./monte-carlo.ts";

/** The same day of the month `months` later, or the month's last day when it has fewer. */
export function addMonths(day: number, months: number): number {
  const iso = dayToIso(day);
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7)) - 1 + months;
  const y = year + Math.floor(month / 12);
  const m = (((month % 12) + 12) % 12) + 1;
  return dayNumber(y, m, Math.min(Number(iso.slice(8, 10)), daysInMonth(y, m)));
}

/** `from` and its next `months` monthly anniversaries. */
export function monthlyCheckpoints(from: number, months: number): Int32Array {
  if (!Number.isInteger(months) || months < 1 || months > 600) {
    throw new RangeError(`months must be a whole number from 1 to 600, got ${months}`);
  }
  const days = new Int32Array(months + 1);
  for (let k = 0; k <= months; k++) days[k] = addMonths(from, k);
  return days;
}

/** The p-quantile of sorted values, interpolating between order statistics (R's type 7). */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

export interface Band {
  lower: number;
  upper: number;
}

export interface ProjectionRow {
  date: string;
  /** Months after the first day (0: the first day itself). */
  month: number;
  median: number;
  mean: number;
  band80: Band;
  band95: Band;
  /** The registry's stock that day; null beyond its records. */
  recorded: StockValue | null;
}

/** One row per checkpoint; `recorded[c]` is the registry's stock on checkpoint c, or null. */
export function projectionRows(
  result: MonteCarloResult,
  recorded: readonly (StockValue | null)[] = [],
): ProjectionRow[] {
  const { runs, checkpoints, stock } = result;
  const k = checkpoints.length;
  const column = new Float64Array(runs);
  const rows: ProjectionRow[] = [];
  for (let c = 0; c < k; c++) {
    let sum = 0;
    for (let r = 0; r < runs; r++) {
      const v = stock[r * k + c] as number;
      column[r] = v;
      sum += v;
    }
    column.sort();
    rows.push({
      date: dayToIso(checkpoints[c] as number),
      month: c,
      median: quantile(column, 0.5),
      mean: sum / runs,
      band80: { lower: quantile(column, 0.1), upper: quantile(column, 0.9) },
      band95: { lower: quantile(column, 0.025), upper: quantile(column, 0.975) },
      recorded: recorded[c] ?? null,
    });
  }
  return rows;
}

export interface BacktestMetrics {
  /** Months after the first day with a recorded stock to compare with. */
  compared: number;
  meanAbsoluteError: number | null;
  /** Mean of |median − recorded| / recorded, in percent (months with a recorded stock of 0 left out). */
  meanAbsolutePercentageError: number | null;
  /** Mean of median − recorded: positive when the projection runs high. */
  bias: number | null;
  /** Share of compared months whose recorded stock lies inside the 80% (95%) band. */
  coverage80: number | null;
  coverage95: number | null;
}

function inside(value: number, band: Band): boolean {
  return value >= band.lower && value <= band.upper;
}

/** Compares the projected median and bands with the recorded stock, months 1 onwards. */
export function backtestMetrics(rows: readonly ProjectionRow[]): BacktestMetrics {
  const compared = rows.filter((row) => row.month > 0 && row.recorded !== null);
  if (compared.length === 0) {
    return {
      compared: 0,
      meanAbsoluteError: null,
      meanAbsolutePercentageError: null,
      bias: null,
      coverage80: null,
      coverage95: null,
    };
  }
  let absolute = 0;
  let signed = 0;
  let percent = 0;
  let percentCount = 0;
  let in80 = 0;
  let in95 = 0;
  for (const row of compared) {
    const recorded = (row.recorded as StockValue).count;
    const error = row.median - recorded;
    absolute += Math.abs(error);
    signed += error;
    if (recorded > 0) {
      percent += (Math.abs(error) / recorded) * 100;
      percentCount++;
    }
    if (inside(recorded, row.band80)) in80++;
    if (inside(recorded, row.band95)) in95++;
  }
  return {
    compared: compared.length,
    meanAbsoluteError: absolute / compared.length,
    meanAbsolutePercentageError: percentCount > 0 ? percent / percentCount : null,
    bias: signed / compared.length,
    coverage80: in80 / compared.length,
    coverage95: in95 / compared.length,
  };
}
