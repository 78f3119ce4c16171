/**
 * Partial dates for the synthetic registry: a true day plus a precision code. The
 * simulation reasons on the *middle* of the range a code gives (as the stock definition of
 * DESIGN.md does), so the same helpers serve the simulation and the rendering.
 */
import type { DateRange } from "../domain/model.ts";
import { dayNumber, daysInMonth, dayToIso, middleDay } from "../domain/partial-date.ts";
import type { Rng } from "./synthetic-random.ts";

/** The registry starts on 2020-01-01: no event is dated earlier. */
export const FIRST_DAY = dayNumber(2020, 1, 1);

export const EXACT = 0;
/** Exact day marked approximate (`2021-03-15~`): same arithmetic as exact. */
export const APPROX = 1;
export const MONTH = 2;
export const MONTH_APPROX = 3;
export const YEAR = 4;

const CACHE_BASE = dayNumber(1930, 1, 1);
const isoCache: string[] = [];

/** `YYYY-MM-DD` of a day, cached: the generator formats millions of dates over few days. */
export function isoOf(day: number): string {
  const slot = day - CACHE_BASE;
  if (slot < 0 || slot > 60_000) return dayToIso(day);
  let iso = isoCache[slot];
  if (iso === undefined) {
    iso = dayToIso(day);
    isoCache[slot] = iso;
  }
  return iso;
}

function yearMonth(day: number): [number, number] {
  const iso = isoOf(day);
  return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7))];
}

export function rangeFirst(day: number, code: number): number {
  if (code <= APPROX) return day;
  const [year, month] = yearMonth(day);
  return code === YEAR ? dayNumber(year, 1, 1) : dayNumber(year, month, 1);
}

export function rangeLast(day: number, code: number): number {
  if (code <= APPROX) return day;
  const [year, month] = yearMonth(day);
  return code === YEAR ? dayNumber(year, 12, 31) : dayNumber(year, month, daysInMonth(year, month));
}

/** The middle day DESIGN.md counts a partial date at. */
export function midOf(day: number, code: number): number {
  return code <= APPROX ? day : middleDay(rangeFirst(day, code), rangeLast(day, code));
}

/** `code` if its range lies inside [lo, hi], else exact: a coarse date must not cross a bound. */
export function fitCode(day: number, code: number, lo: number, hi: number): number {
  if (code <= APPROX) return code;
  return rangeFirst(day, code) >= lo && rangeLast(day, code) <= hi ? code : EXACT;
}

export function dateRange(day: number, code: number): DateRange {
  const iso = isoOf(day);
  switch (code) {
    case EXACT:
      return { text: iso, first: day, last: day };
    case APPROX:
      return { text: `${iso}~`, first: day, last: day };
    case YEAR:
      return { text: iso.slice(0, 4), first: rangeFirst(day, code), last: rangeLast(day, code) };
    default: {
      const text = code === MONTH ? iso.slice(0, 7) : `${iso.slice(0, 7)}~`;
      return { text, first: rangeFirst(day, code), last: rangeLast(day, code) };
    }
  }
}

/** The day `months` calendar months after `day`, clamped to the end of a shorter month. */
export function addMonths(day: number, months: number): number {
  const [year, month] = yearMonth(day);
  const dayOfMonth = Number(isoOf(day).slice(8, 10));
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return dayNumber(y, m, Math.min(dayOfMonth, daysInMonth(y, m)));
}

/** A precision code: mostly exact, some `~`, a share month precision, a few year only. */
export function coarseCode(rng: Rng, monthShare: number, yearShare: number): number {
  const u = rng.next();
  if (u < yearShare) return YEAR;
  if (u < yearShare + monthShare) return rng.chance(0.8) ? MONTH : MONTH_APPROX;
  if (u < yearShare + monthShare + 0.025) return APPROX;
  return EXACT;
}
