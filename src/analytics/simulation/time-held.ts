/**
 * The distribution of time held, for the simulator: the Kaplan–Meier estimate (Kaplan &
 * Meier 1958) from closed detentions and right-censored ones (still held, or ended by a
 * release operation, which the simulator models on its own), and inverse-transform draws
 * from it — optionally conditional on time already served.
 */
import type { Random } from "./random.ts";

/** Beyond the day where fewer people than this remain at risk the curve is extrapolated. */
export const MIN_AT_RISK = 20;

/** A duration that ends after any horizon (no release expected). */
export const NEVER = 1_000_000_000;

export interface TimeHeldDistribution {
  /** `survival[t]` = P(T > t) for t = 0 … `lastDay`; days held T are whole days. */
  survival: Float64Array;
  lastDay: number;
  /** Daily hazard of the exponential tail used beyond `lastDay` (0: nobody leaves). */
  tailHazard: number;
  /** Durations that ended, and those censored. */
  closed: number;
  censored: number;
  /** The least t with P(T > t) ≤ 1/2, or null when the curve stays above one half. */
  medianDays: number | null;
  /**
   * Guide table for fast inverse transforms (Chen & Asau 1974): `guide[j]` is the least t
   * with P(T > t) ≤ (j + 1) / {@link GUIDE_SIZE}, or `lastDay` + 1 when there is none.
   */
  guide: Int32Array;
}

export const GUIDE_SIZE = 1024;

function guideTable(survival: Float64Array): Int32Array {
  const guide = new Int32Array(GUIDE_SIZE);
  let t = 0;
  for (let j = GUIDE_SIZE - 1; j >= 0; j--) {
    const level = (j + 1) / GUIDE_SIZE;
    while (t < survival.length && (survival[t] as number) > level) t++;
    guide[j] = t;
  }
  return guide;
}

/**
 * Kaplan–Meier on whole days: at each t, the people at risk are those observed at t (entry
 * ≤ t) with a duration or censoring time ≥ t; a censored duration c means "held at least
 * c days". `entry` (left truncation, delayed entry) lets a person count only from the
 * duration at which observation began, for a period estimate of recent practice. The
 * curve is kept while at least `minAtRisk` people are at risk; beyond, P(T > t)
 * decays exponentially with the hazard of the curve's last year (if that is zero, or there
 * is no curve, with the exponential estimate: closed durations per day held).
 */
export function kaplanMeier(
  days: Int32Array,
  ended: Uint8Array,
  entry: Int32Array | null = null,
  minAtRisk = MIN_AT_RISK,
): TimeHeldDistribution {
  if (days.length !== ended.length || (entry !== null && entry.length !== days.length)) {
    throw new RangeError("days, ended and entry differ in length");
  }
  let maxDay = 0;
  let closed = 0;
  let exposure = 0;
  for (let i = 0; i < days.length; i++) {
    const d = days[i] as number;
    if (!Number.isInteger(d) || d < 0)
      throw new RangeError(`durations must be whole days ≥ 0, got ${d}`);
    if (d > maxDay) maxDay = d;
    if (ended[i]) closed++;
  }
  const events = new Int32Array(maxDay + 1);
  // Risk-set changes: +1 on the day a duration enters observation, −1 the day after it ends.
  const change = new Int32Array(maxDay + 2);
  for (let i = 0; i < days.length; i++) {
    const d = days[i] as number;
    const e = entry === null ? 0 : (entry[i] as number);
    if (!(e >= 0 && e <= d))
      throw new RangeError(`entry ${e} must be between 0 and the duration ${d}`);
    if (ended[i]) events[d] = (events[d] as number) + 1;
    exposure += d - e;
    change[e] = (change[e] as number) + 1;
    change[d + 1] = (change[d + 1] as number) - 1;
  }
  const full = new Float64Array(maxDay + 1);
  let atRisk = 0;
  let s = 1;
  let lastDay = -1;
  for (let t = 0; t <= maxDay; t++) {
    atRisk += change[t] as number;
    if (atRisk < minAtRisk) break;
    const d = events[t] as number;
    if (d > 0) s *= 1 - d / atRisk;
    full[t] = s;
    lastDay = t;
  }
  const survival = full.slice(0, lastDay + 1);
  return {
    survival,
    lastDay,
    tailHazard: tailHazard(survival, lastDay, exposure > 0 ? closed / exposure : 0),
    closed,
    censored: days.length - closed,
    medianDays: medianOf(survival),
    guide: guideTable(survival),
  };
}

/** The hazard of the curve's last year, else `overall` (closed durations per day at risk). */
function tailHazard(survival: Float64Array, lastDay: number, overall: number): number {
  if (lastDay < 0) return overall;
  const end = survival[lastDay] as number;
  if (end <= 0) return overall;
  const from = Math.max(0, lastDay - 365);
  const start = from === 0 ? 1 : (survival[from - 1] as number);
  const recent = (Math.log(start) - Math.log(end)) / (lastDay - from + 1);
  return recent > 0 ? recent : overall;
}

function medianOf(survival: Float64Array): number | null {
  for (let t = 0; t < survival.length; t++) if ((survival[t] as number) <= 0.5) return t;
  return null;
}

/** P(T > t), with the exponential tail beyond `lastDay`; P(T > −1) = 1. */
export function survivalAt(distribution: TimeHeldDistribution, t: number): number {
  const { survival, lastDay, tailHazard } = distribution;
  if (t < 0) return 1;
  if (lastDay < 0) return Math.exp(-tailHazard * (t + 1));
  if (t <= lastDay) return survival[t] as number;
  return (survival[lastDay] as number) * Math.exp(-tailHazard * (t - lastDay));
}

/**
 * Days held T drawn from the distribution given T ≥ `served` (0: unconditional), by
 * inverse transform: the least t ≥ served with P(T > t) ≤ u · P(T > served − 1).
 * Returns {@link NEVER} when the tail has no hazard.
 */
export function drawDuration(
  distribution: TimeHeldDistribution,
  random: Random,
  served = 0,
): number {
  const { survival, lastDay, tailHazard, guide } = distribution;
  const alive = served <= 0 ? 1 : survivalAt(distribution, served - 1);
  if (!(alive > 0)) {
    // Held longer than the curve allows (it fell to 0): leave at the tail's constant hazard.
    return tailHazard > 0
      ? Math.min(NEVER, served + Math.floor(random.exponential(tailHazard)))
      : NEVER;
  }
  const target = random.next() * alive;
  if (served <= lastDay && target >= (survival[lastDay] as number)) {
    // The guide brackets the answer: P(T > t) falls below (j + 1)/size at guide[j] and below
    // j/size at guide[j − 1]; a short bisection finishes.
    const j = Math.min(GUIDE_SIZE - 1, Math.floor(target * GUIDE_SIZE));
    let lo = Math.max(0, served, guide[j] as number);
    let hi = j > 0 ? Math.min(lastDay, guide[j - 1] as number) : lastDay;
    if (lo >= hi) return lo;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((survival[mid] as number) <= target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  if (!(tailHazard > 0)) return NEVER;
  const base = lastDay < 0 ? 1 : (survival[lastDay] as number);
  const t = Math.ceil(lastDay + Math.log(base / target) / tailHazard);
  return Math.min(NEVER, Math.max(served, lastDay + 1, t));
}
