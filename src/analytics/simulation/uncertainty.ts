/**
 * Parameter uncertainty for the simulator. Run-to-run Monte Carlo noise alone treats the
 * calibrated arrest rate and time-held curve as known exactly, and its bands are far too
 * narrow (the back-test showed it). Each run instead draws its own parameters:
 *
 * - the arrest rate from its posterior given the admissions counted: Gamma(A + ½, basis)
 *   (Jeffreys prior), its variance inflated by the dispersion of the monthly counts when
 *   they vary more than a Poisson count would (quasi-Poisson: φ = variance / mean ≥ 1);
 * - the time-held curve from a bootstrap replicate: the calibration's durations resampled
 *   with replacement and Kaplan–Meier fitted again (Efron 1981).
 *
 * All draws are seeded: the same seed gives the same parameters run by run.
 */
import { type Random, seededRandom } from "./random.ts";
import { kaplanMeier, type TimeHeldDistribution } from "./time-held.ts";

/** Separates these streams from the runs' own (stream r is run r). */
const RATE_SALT = 0x0a77e57;
const BOOT_SALT = 0x0b007;

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 boosted by U^(1/shape). */
export function gammaDraw(random: Random, shape: number): number {
  if (!(shape > 0)) throw new RangeError(`gamma shape must be > 0, got ${shape}`);
  if (shape < 1) return gammaDraw(random, shape + 1) * random.next() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      // Standard normal by Box–Muller.
      x = Math.sqrt(-2 * Math.log(random.next())) * Math.cos(2 * Math.PI * random.next());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random.next();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
      return d * v;
    }
  }
}

/** Variance over mean of counts, at least 1 (a Poisson count's); 1 with fewer than 2 counts. */
export function dispersionIndex(counts: ArrayLike<number>): number {
  const n = counts.length;
  if (n < 2) return 1;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += counts[i] as number;
  const mean = sum / n;
  if (!(mean > 0)) return 1;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += ((counts[i] as number) - mean) ** 2;
  return Math.max(1, squares / (n - 1) / mean);
}

export interface ArrestRateUncertainty {
  admissions: number;
  basisDays: number;
  /** Dispersion index of the monthly admissions (≥ 1). */
  dispersion: number;
}

/**
 * Arrests per day, one per run: the posterior Gamma(A/φ + ½, basis/φ) — mean (A + ½φ) /
 * basis, variance φ times the Poisson one.
 */
export function arrestRateDraws(
  u: ArrestRateUncertainty,
  runs: number,
  seed: number,
): Float64Array {
  const phi = u.dispersion;
  const shape = u.admissions / phi + 0.5;
  const scale = phi / u.basisDays;
  const out = new Float64Array(runs);
  for (let r = 0; r < runs; r++) {
    out[r] = gammaDraw(seededRandom(seed ^ RATE_SALT, r), shape) * scale;
  }
  return out;
}

export interface Durations {
  days: Int32Array;
  ended: Uint8Array;
  entry: Int32Array;
}

/**
 * `replicates` Kaplan–Meier curves, each from the durations resampled with replacement.
 * With no durations the one curve given stands for all.
 */
export function bootstrapTimeHeld(
  durations: Durations,
  fallback: TimeHeldDistribution,
  replicates: number,
  seed: number,
): TimeHeldDistribution[] {
  const n = durations.days.length;
  if (n === 0) return [fallback];
  const out: TimeHeldDistribution[] = [];
  const days = new Int32Array(n);
  const ended = new Uint8Array(n);
  const entry = new Int32Array(n);
  for (let b = 0; b < replicates; b++) {
    const random = seededRandom(seed ^ BOOT_SALT, b);
    for (let i = 0; i < n; i++) {
      const j = random.below(n);
      days[i] = durations.days[j] as number;
      ended[i] = durations.ended[j] as number;
      entry[i] = durations.entry[j] as number;
    }
    out.push(kaplanMeier(days, ended, entry));
  }
  return out;
}
