/**
 * Log-linear models of capture–recapture counts (Fienberg 1972; Cormack 1989): the counts
 * of the 2^k − 1 observed overlap patterns of k lists are Poisson with
 *
 *   log μ(h) = β₀ + Σᵢ βᵢ hᵢ + Σ_{(i,j) ∈ I} λᵢⱼ hᵢ hⱼ,
 *
 * h the 0/1 pattern, I a set of two-list interactions (list dependence). The unseen
 * pattern h = 0 has mean e^β₀, so N̂ = n + e^β₀ (n documented people). This is the model
 * family of R's Rcapture (Baillargeon & Rivest 2007), and its results are reproduced here.
 */
import { type BinaryDesign, binaryDesign, fitPoisson, type PoissonFit } from "./poisson-glm.ts";
import { chiSquare1Quantile, logGamma, normalQuantile, xLogX } from "./special.ts";

/** A two-list interaction: indices of the two lists, first < second. */
export type Pair = readonly [number, number];

/** Counts indexed by pattern: bit i of the index is list i; index 0 (unseen) is ignored. */
export type PatternCounts = Float64Array;

export interface Interval {
  lower: number;
  /** null when the likelihood gives no upper limit within the search range. */
  upper: number | null;
  level: number;
  method: IntervalMethod;
}

export type IntervalMethod =
  | "profile-likelihood"
  | "log-normal"
  | "log-normal-unconditional"
  | "normal";

export interface LogLinearFit {
  interactions: Pair[];
  parameters: number;
  /** Residual degrees of freedom: observed cells minus parameters. */
  df: number;
  deviance: number;
  logLik: number;
  aic: number;
  bic: number;
  documented: number;
  /** e^β₀, the estimated number on no list. */
  unseen: number;
  estimate: number;
  /** √(e^β₀ + e^{2β₀} Var β₀), as Rcapture computes it. */
  standardError: number;
  converged: boolean;
  /** An included interaction went to −∞ or +∞ (lists that share nobody, say). */
  boundary: boolean;
  beta: Float64Array;
}

export function checkLists(k: number): void {
  if (!Number.isInteger(k) || k < 2 || k > 12) {
    throw new RangeError(`the number of lists must be a whole number from 2 to 12, got ${k}`);
  }
}

/** Every pair of k lists, in order (0,1), (0,2), …, (k−2,k−1). */
export function allPairs(k: number): Pair[] {
  const pairs: Pair[] = [];
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) pairs.push([i, j]);
  return pairs;
}

/**
 * The design of a model: rows are patterns 1 … 2^k − 1 (then the unseen pattern 0 when
 * `withUnseen`), columns the intercept, the k lists and the interactions.
 */
export function modelDesign(
  k: number,
  interactions: readonly Pair[],
  withUnseen = false,
): BinaryDesign {
  checkLists(k);
  const rows: number[][] = [];
  const patterns = 1 << k;
  for (let mask = 1; mask < patterns; mask++) {
    const row = [0];
    for (let i = 0; i < k; i++) if (mask & (1 << i)) row.push(1 + i);
    interactions.forEach(([a, b], c) => {
      if (mask & (1 << a) && mask & (1 << b)) row.push(1 + k + c);
    });
    rows.push(row);
  }
  if (withUnseen) rows.push([0]);
  return binaryDesign(rows, 1 + k + interactions.length);
}

export function documentedTotal(counts: PatternCounts): number {
  let n = 0;
  for (let mask = 1; mask < counts.length; mask++) n += counts[mask] as number;
  return n;
}

function listCount(counts: PatternCounts): number {
  const k = Math.log2(counts.length);
  if (!Number.isInteger(k)) throw new RangeError("pattern counts must have 2^k entries");
  checkLists(k);
  return k;
}

/** Fits one model by maximum likelihood (Poisson, as Rcapture's closedp and closedpCI do). */
export function fitLogLinear(counts: PatternCounts, interactions: readonly Pair[]): LogLinearFit {
  const k = listCount(counts);
  const design = modelDesign(k, interactions);
  const y = counts.subarray(1);
  const fit = fitPoisson(design, y);
  const n = documentedTotal(counts);
  return summarize(fit, interactions, design, n);
}

function summarize(
  fit: PoissonFit,
  interactions: readonly Pair[],
  design: BinaryDesign,
  n: number,
): LogLinearFit {
  const p = design.cols;
  const beta0 = fit.beta[0] as number;
  const unseen = Math.exp(beta0);
  const variance = fit.covariance ? (fit.covariance[0] as number) : Number.NaN;
  let boundary = false;
  for (let i = 1; i < p; i++) if (Math.abs(fit.beta[i] as number) > 20) boundary = true;
  return {
    interactions: interactions.map(([a, b]) => [a, b] as Pair),
    parameters: p,
    df: design.rows - p,
    deviance: fit.deviance,
    logLik: fit.logLik,
    aic: -2 * fit.logLik + 2 * p,
    bic: -2 * fit.logLik + p * Math.log(n),
    documented: n,
    unseen,
    estimate: n + unseen,
    standardError: Math.sqrt(unseen + unseen * unseen * variance),
    converged: fit.converged,
    boundary: boundary || Math.abs(beta0) > 30,
    beta: fit.beta,
  };
}

/**
 * Chao's (1987) log-normal interval: N̂ − n is taken as log-normal, so the interval never
 * goes below the documented count n. C = exp(z √(log(1 + se² / (N̂ − n)²))).
 */
export function logNormalInterval(
  documented: number,
  estimate: number,
  standardError: number,
  level = 0.95,
  method: IntervalMethod = "log-normal",
): Interval {
  const unseen = estimate - documented;
  if (!(unseen > 0) || !Number.isFinite(standardError)) {
    return { lower: documented, upper: Number.isFinite(estimate) ? estimate : null, level, method };
  }
  const z = normalQuantile((1 + level) / 2);
  const c = Math.exp(z * Math.sqrt(Math.log(1 + (standardError / unseen) ** 2)));
  return { lower: documented + unseen / c, upper: documented + unseen * c, level, method };
}

/**
 * The multinomial profile likelihood of N (Cormack 1992), as Rcapture's closedpCI computes
 * it: for each N the Poisson model is refitted with the unseen cell set to N − n, and
 * log L(N) = −(D(N) − 2 c(N)) / 2 with c(N) = log[(N − n)^(N−n) N! / (N^N (N − n)!)].
 */
export function profileLikelihood(counts: PatternCounts, interactions: readonly Pair[]) {
  const k = listCount(counts);
  const design = modelDesign(k, interactions, true);
  const n = documentedTotal(counts);
  const y = new Float64Array(design.rows);
  y.set(counts.subarray(1));
  let start: Float64Array | undefined;
  let failed = false;
  const logLik = (total: number): number => {
    const unseen = Math.max(0, total - n);
    y[design.rows - 1] = unseen;
    const options = { covariance: false, logLik: false, tolerance: 1e-13 };
    let fit = fitPoisson(design, y, { ...options, start });
    if (!fit.converged && start) fit = fitPoisson(design, y, options);
    if (!fit.converged) failed = true;
    else start = fit.beta;
    const correction = xLogX(unseen) - xLogX(total) + logGamma(total + 1) - logGamma(unseen + 1);
    return -(fit.deviance - 2 * correction) / 2;
  };
  return { documented: n, logLik, failed: () => failed };
}

const GOLDEN_SECTION = (3 - Math.sqrt(5)) / 2;

/**
 * The maximum of a unimodal f on [lo, hi] by Brent's method (golden sections with
 * parabolic steps), as R's `optimize` used by Rcapture does.
 */
function maximize(f: (x: number) => number, lo: number, hi: number, tolerance: number) {
  let a = lo;
  let b = hi;
  let x = a + GOLDEN_SECTION * (b - a);
  let w = x;
  let v = x;
  let fx = -f(x);
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0;
  for (let i = 0; i < 200; i++) {
    const middle = (a + b) / 2;
    const tol1 = 1e-10 * Math.abs(x) + tolerance / 3;
    const tol2 = 2 * tol1;
    if (Math.abs(x - middle) <= tol2 - (b - a) / 2) break;
    let golden = true;
    if (Math.abs(e) > tol1) {
      // Try a parabola through x, w, v.
      const r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      if (Math.abs(p) < Math.abs(0.5 * q * e) && p > q * (a - x) && p < q * (b - x)) {
        e = d;
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = x < middle ? tol1 : -tol1;
        golden = false;
      }
    }
    if (golden) {
      e = (x < middle ? b : a) - x;
      d = GOLDEN_SECTION * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const fu = -f(u);
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return { x, value: -fx };
}

/** A root of g in [a, b] where g(a), g(b) differ in sign (Illinois false position). */
function findRoot(
  g: (x: number) => number,
  a: number,
  b: number,
  ga: number,
  gb: number,
  tol: number,
) {
  let side = 0;
  for (let i = 0; i < 200; i++) {
    const x = (a * gb - b * ga) / (gb - ga);
    const gx = g(x);
    if (Math.abs(b - a) < tol || gx === 0) return x;
    if (gx * gb > 0) {
      b = x;
      gb = gx;
      if (side === -1) ga /= 2;
      side = -1;
    } else {
      a = x;
      ga = gx;
      if (side === 1) gb /= 2;
      side = 1;
    }
    if (Math.abs(b - a) < tol) return (a + b) / 2;
  }
  return (a + b) / 2;
}

export interface ProfileResult extends Interval {
  /** The N that maximises the multinomial profile likelihood (Rcapture's "multinomial estimation"). */
  maximum: number;
  converged: boolean;
}

/**
 * Profile-likelihood interval for N under one model: the N whose profile log-likelihood is
 * within χ²₁(level)/2 of its maximum. The lower limit is n when the likelihood at n is
 * still inside; the upper is null when none is found below `maxFactor` × N̂.
 */
export function profileInterval(
  counts: PatternCounts,
  fit: LogLinearFit,
  level = 0.95,
  maxFactor = 100,
): ProfileResult {
  const profile = profileLikelihood(counts, fit.interactions);
  const n = profile.documented;
  const scale = Math.max(fit.estimate, n + 1);
  const tol = 1e-7 * scale;
  // Only the maximum's value matters, and it is flat there: a coarse location suffices.
  const best = maximize(profile.logLik, n, 3 * scale, 1e-4 * scale);
  const target = best.value - chiSquare1Quantile(level) / 2;
  const g = (total: number) => profile.logLik(total) - target;
  const atN = g(n);
  const lower = atN >= 0 ? n : findRoot(g, n, best.x, atN, best.value - target, tol);
  let upper: number | null = null;
  let lo = best.x;
  let hi = 3 * scale;
  let gHi = g(hi);
  while (gHi >= 0 && hi < maxFactor * scale) {
    lo = hi;
    hi *= 3;
    gHi = g(hi);
  }
  if (gHi < 0) upper = findRoot(g, lo, hi, g(lo), gHi, tol);
  return {
    lower,
    upper,
    level,
    method: "profile-likelihood",
    maximum: best.x,
    converged: !profile.failed(),
  };
}
