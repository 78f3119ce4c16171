/**
 * Calendar periods of a series: days `YYYY-MM-DD`, ISO weeks `YYYY-Www`, months `YYYY-MM`
 * and years `YYYY` (DESIGN.md).
 */
import { dayNumber, daysInMonth, dayToIso } from "../domain/partial-date.ts";
import type { Step } from "./types.ts";

export interface Period {
  label: string;
  /** First and last day of the period, inclusive. */
  first: number;
  last: number;
}

const STEPS: readonly Step[] = ["day", "week", "month", "year"];

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Monday = 0 … Sunday = 6; day 0 (1970-01-01) was a Thursday. */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

function isoWeek(day: number): Period {
  const monday = day - weekday(day);
  // The ISO week-year is the year of the week's Thursday.
  const thursday = monday + 3;
  const year = Number(dayToIso(thursday).slice(0, 4));
  const week = Math.floor((thursday - dayNumber(year, 1, 1)) / 7) + 1;
  return { label: `${year}-W${pad2(week)}`, first: monday, last: monday + 6 };
}

/** The whole period of `step` holding `day`. */
export function periodOf(day: number, step: Step): Period {
  const iso = dayToIso(day);
  const year = Number(iso.slice(0, 4));
  switch (step) {
    case "day":
      return { label: iso, first: day, last: day };
    case "week":
      return isoWeek(day);
    case "month": {
      const month = Number(iso.slice(5, 7));
      return {
        label: iso.slice(0, 7),
        first: dayNumber(year, month, 1),
        last: dayNumber(year, month, daysInMonth(year, month)),
      };
    }
    case "year":
      return { label: String(year), first: dayNumber(year, 1, 1), last: dayNumber(year, 12, 31) };
  }
}

/** Throws a RangeError unless `from` ≤ `to` are whole days and `step` is known. */
export function checkRange(from: number, to: number, step?: Step): void {
  if (!Number.isInteger(from) || !Number.isInteger(to)) {
    throw new RangeError(`from and to must be whole day numbers, got ${from} and ${to}`);
  }
  if (from > to) {
    throw new RangeError(`from (${dayToIso(from)}) is after to (${dayToIso(to)})`);
  }
  if (step !== undefined && !STEPS.includes(step)) {
    throw new RangeError(`step must be one of ${STEPS.join(", ")}, got "${step}"`);
  }
}

/**
 * The periods meeting `from`..`to`, each clipped to it: with `from` = 2025-01-15 and
 * `to` = 2025-03-10 by month, January runs 01-15..01-31 and March 03-01..03-10.
 */
export function periodsBetween(from: number, to: number, step: Step): Period[] {
  checkRange(from, to, step);
  const periods: Period[] = [];
  let day = from;
  while (day <= to) {
    const period = periodOf(day, step);
    const last = Math.min(period.last, to);
    periods.push({ label: period.label, first: day, last });
    day = last + 1;
  }
  return periods;
}

/** For each day of `from`..`to`, the index of its period in `periods`. */
export function dayToPeriodIndex(from: number, to: number, periods: readonly Period[]): Int32Array {
  const index = new Int32Array(to - from + 1);
  periods.forEach((period, p) => {
    index.fill(p, period.first - from, period.last - from + 1);
  });
  return index;
}
