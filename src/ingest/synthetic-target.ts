/**
 * The recognized stock the synthetic registry steers toward: Viasna's published counts
 * joined by straight lines, with a dip after each release operation that refills over a
 * few months (the "revolving door" the project studies).
 */
import type { MonitorCount, ReleaseOperation } from "../domain/model.ts";
import { dayNumber, middleDay } from "../domain/partial-date.ts";

export const TARGET_MONITOR = "Viasna";
/** Days after an operation until new arrests have refilled the places it freed. */
const REFILL_DAYS = 150;

/**
 * Shape of 2020 before the first published count (a handful in spring, the election on
 * 9 August, the autumn of protests): not calibrated, only plausible.
 */
const SHAPE_2020: readonly (readonly [number, number])[] = [
  [dayNumber(2020, 1, 1), 4],
  [dayNumber(2020, 5, 1), 12],
  [dayNumber(2020, 8, 9), 45],
  [dayNumber(2020, 10, 31), 110],
];
/** Level used after 2020 when no count of the monitor is given. */
const FALLBACK_LEVEL = 1_200;

/** Where inside a one-sided count to aim: above "more than", below "fewer than". */
function aimOf(count: MonitorCount): number {
  if (count.qualifier === "more_than") return count.value * 1.08;
  if (count.qualifier === "fewer_than") return count.value * 0.95;
  return count.value;
}

/** Anchor points (day, value at the default size), one per day, in day order. */
export function targetAnchors(counts: readonly MonitorCount[]): [number, number][] {
  const byDay = new Map<number, number[]>();
  for (const count of counts) {
    if (count.monitor !== TARGET_MONITOR) continue;
    const day = middleDay(count.asOf.first, count.asOf.last);
    byDay.set(day, [...(byDay.get(day) ?? []), aimOf(count)]);
  }
  const published = [...byDay]
    .map(([day, values]): [number, number] => [
      day,
      values.reduce((a, b) => a + b, 0) / values.length,
    ])
    .sort((a, b) => a[0] - b[0]);
  const firstPublished = published[0]?.[0] ?? dayNumber(2021, 1, 1);
  const anchors = SHAPE_2020.filter(([day]) => day < firstPublished).map(
    ([day, value]): [number, number] => [day, value],
  );
  if (published.length === 0) anchors.push([dayNumber(2022, 1, 1), FALLBACK_LEVEL]);
  return [...anchors, ...published];
}

/**
 * Target recognized stock for each day from `firstDay`, `length` days, at `scale` times
 * the default size (8,000 people).
 */
export function targetCurve(
  counts: readonly MonitorCount[],
  operations: readonly ReleaseOperation[],
  firstDay: number,
  length: number,
  scale: number,
): Float64Array {
  const anchors = targetAnchors(counts);
  const curve = new Float64Array(length);
  let k = 0;
  for (let i = 0; i < length; i++) {
    const day = firstDay + i;
    while (k < anchors.length && (anchors[k] as [number, number])[0] <= day) k++;
    const before = anchors[k - 1];
    const after = anchors[k];
    let value: number;
    if (!before) value = (after as [number, number])[1];
    else if (!after) value = before[1];
    else value = before[1] + ((after[1] - before[1]) * (day - before[0])) / (after[0] - before[0]);
    curve[i] = value * scale;
  }
  for (const operation of operations) {
    const t = middleDay(operation.date.first, operation.date.last) - firstDay;
    const freed = (operation.announcedCount ?? 0) * scale;
    for (let i = Math.max(0, t); i < Math.min(length, t + REFILL_DAYS); i++) {
      curve[i] = Math.max(0, (curve[i] as number) - freed * (1 - (i - t) / REFILL_DAYS));
    }
  }
  return curve;
}
