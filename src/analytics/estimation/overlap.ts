/**
 * The overlap table: how many people are on each combination of lists. A person's lists
 * are a bit mask (bit i set: on list i); the table counts people by mask.
 */
import { checkLists, type PatternCounts } from "./loglinear.ts";

export interface OverlapRow {
  /** One character per list, in list order: `1` on it, `0` not (`101`: lists 1 and 3). */
  pattern: string;
  lists: string[];
  count: number;
}

/** Counts by mask of the people whose mask is not 0 (people on no list are not counted). */
export function countPatterns(masks: Iterable<number>, lists: number): PatternCounts {
  checkLists(lists);
  const size = 1 << lists;
  const counts = new Float64Array(size);
  for (const mask of masks) {
    if (!Number.isInteger(mask) || mask < 0 || mask >= size) {
      throw new RangeError(`a list mask must be a whole number below ${size}, got ${mask}`);
    }
    if (mask > 0) counts[mask] = (counts[mask] as number) + 1;
  }
  return counts;
}

export function patternText(mask: number, lists: number): string {
  let text = "";
  for (let i = 0; i < lists; i++) text += mask & (1 << i) ? "1" : "0";
  return text;
}

/** Every observable pattern, most lists first, then in order of the pattern text (descending). */
export function overlapRows(counts: PatternCounts, labels: readonly string[]): OverlapRow[] {
  const k = labels.length;
  if (counts.length !== 1 << k) {
    throw new RangeError(`${counts.length} counts do not fit ${k} lists (expected ${1 << k})`);
  }
  const rows: (OverlapRow & { bits: number })[] = [];
  for (let mask = 1; mask < counts.length; mask++) {
    const lists = labels.filter((_, i) => mask & (1 << i));
    rows.push({
      pattern: patternText(mask, k),
      lists,
      count: counts[mask] as number,
      bits: lists.length,
    });
  }
  return rows
    .sort((a, b) => b.bits - a.bits || (a.pattern < b.pattern ? 1 : -1))
    .map(({ bits: _, ...row }) => row);
}

/** People on each list (any pattern that includes it). */
export function listTotals(counts: PatternCounts, lists: number): number[] {
  const totals = new Array<number>(lists).fill(0);
  for (let mask = 1; mask < counts.length; mask++) {
    for (let i = 0; i < lists; i++) {
      if (mask & (1 << i)) totals[i] = (totals[i] as number) + (counts[mask] as number);
    }
  }
  return totals;
}

/** People on both list i and list j. */
export function pairTotal(counts: PatternCounts, i: number, j: number): number {
  let total = 0;
  const both = (1 << i) | (1 << j);
  for (let mask = 1; mask < counts.length; mask++) {
    if ((mask & both) === both) total += counts[mask] as number;
  }
  return total;
}
