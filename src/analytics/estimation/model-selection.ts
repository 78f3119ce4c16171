/**
 * Which log-linear models to fit, and how to weigh them: every hierarchical model with the
 * main effects and any set of two-list interactions (exhaustive up to 5 lists, 1,024
 * models; a bidirectional stepwise search by AIC beyond), Akaike and Schwarz weights, and
 * the model-averaged estimate with Buckland, Burnham & Augustin's (1997) unconditional
 * standard error.
 */
import {
  allPairs,
  fitLogLinear,
  type Interval,
  type LogLinearFit,
  logNormalInterval,
  type Pair,
  type PatternCounts,
} from "./loglinear.ts";

/** Beyond this many lists the 2^(k(k−1)/2) models are too many to fit them all. */
export const EXHAUSTIVE_MAX_LISTS = 5;

/** An estimate this many times the documented count is taken as unbounded. */
export const UNBOUNDED_FACTOR = 1000;

export type Selection = "exhaustive" | "stepwise";

export interface WeighedFit {
  fit: LogLinearFit;
  /** Usable for choice and averaging: converged, not on the boundary, bounded. */
  stable: boolean;
  aicWeight: number;
  bicWeight: number;
}

function pairKey(pairs: readonly Pair[]): string {
  return pairs.map(([a, b]) => `${a}-${b}`).join(",");
}

export function isStable(fit: LogLinearFit): boolean {
  return (
    fit.converged &&
    !fit.boundary &&
    Number.isFinite(fit.estimate) &&
    Number.isFinite(fit.standardError) &&
    fit.unseen <= UNBOUNDED_FACTOR * Math.max(1, fit.documented)
  );
}

/** Every subset of the pairs, smallest first (the empty set is the independence model). */
function allSubsets(pairs: readonly Pair[]): Pair[][] {
  const subsets: Pair[][] = [];
  for (let bits = 0; bits < 1 << pairs.length; bits++) {
    subsets.push(pairs.filter((_, i) => bits & (1 << i)));
  }
  return subsets.sort((a, b) => a.length - b.length);
}

/**
 * From the independence model, repeatedly take the single added or removed interaction
 * that lowers AIC most, until none does; every model met on the way is returned.
 */
function stepwise(counts: PatternCounts, pairs: readonly Pair[]): LogLinearFit[] {
  const fitted = new Map<string, LogLinearFit>();
  const fitOnce = (set: Pair[]) => {
    const key = pairKey(set);
    let fit = fitted.get(key);
    if (fit === undefined) {
      fit = fitLogLinear(counts, set);
      fitted.set(key, fit);
    }
    return fit;
  };
  let current: Pair[] = [];
  let best = fitOnce(current);
  for (;;) {
    let next: { set: Pair[]; fit: LogLinearFit } | null = null;
    for (const pair of pairs) {
      const present = current.some(([a, b]) => a === pair[0] && b === pair[1]);
      const set = present
        ? current.filter(([a, b]) => a !== pair[0] || b !== pair[1])
        : [...current, pair].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      const fit = fitOnce(set);
      if (isStable(fit) && fit.aic < (next?.fit.aic ?? best.aic)) next = { set, fit };
    }
    if (next === null) break;
    current = next.set;
    best = next.fit;
  }
  return [...fitted.values()];
}

/** Fits the models of a k-list table (k ≥ 3): all of them up to 5 lists, else stepwise. */
export function fitModels(
  counts: PatternCounts,
  lists: number,
): { fits: LogLinearFit[]; selection: Selection } {
  const pairs = allPairs(lists);
  if (lists <= EXHAUSTIVE_MAX_LISTS) {
    return {
      fits: allSubsets(pairs).map((set) => fitLogLinear(counts, set)),
      selection: "exhaustive",
    };
  }
  return { fits: stepwise(counts, pairs), selection: "stepwise" };
}

/** exp(−Δ/2) weights over the stable models, Δ the criterion minus its minimum. */
function weights(values: readonly number[], stable: readonly boolean[]): number[] {
  let min = Number.POSITIVE_INFINITY;
  values.forEach((v, i) => {
    if (stable[i] && v < min) min = v;
  });
  const raw = values.map((v, i) => (stable[i] ? Math.exp(-(v - min) / 2) : 0));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => (total > 0 ? w / total : 0));
}

export function weigh(fits: readonly LogLinearFit[]): WeighedFit[] {
  const stable = fits.map(isStable);
  const aic = weights(
    fits.map((f) => f.aic),
    stable,
  );
  const bic = weights(
    fits.map((f) => f.bic),
    stable,
  );
  return fits.map((fit, i) => ({
    fit,
    stable: stable[i] as boolean,
    aicWeight: aic[i] as number,
    bicWeight: bic[i] as number,
  }));
}

export interface AveragedEstimate {
  estimate: number;
  standardError: number;
  interval: Interval;
}

/**
 * N̄ = Σ wᵢ N̂ᵢ over the stable models, with the unconditional standard error
 * Σ wᵢ √(seᵢ² + (N̂ᵢ − N̄)²) (Buckland et al. 1997), which adds the spread between models
 * to each model's own uncertainty; the interval is log-normal around N̄. Null when no model
 * is stable.
 */
export function modelAverage(
  weighed: readonly WeighedFit[],
  criterion: "aic" | "bic",
  level = 0.95,
): AveragedEstimate | null {
  const used = weighed.filter((w) => w.stable);
  if (used.length === 0) return null;
  const weightOf = (w: WeighedFit) => (criterion === "aic" ? w.aicWeight : w.bicWeight);
  let estimate = 0;
  for (const w of used) estimate += weightOf(w) * w.fit.estimate;
  let standardError = 0;
  for (const w of used) {
    standardError +=
      weightOf(w) * Math.sqrt(w.fit.standardError ** 2 + (w.fit.estimate - estimate) ** 2);
  }
  const documented = (used[0] as WeighedFit).fit.documented;
  return {
    estimate,
    standardError,
    interval: logNormalInterval(
      documented,
      estimate,
      standardError,
      level,
      "log-normal-unconditional",
    ),
  };
}

/** The stable model with the least criterion value (ties: fewer parameters, then first). */
export function bestModel(
  weighed: readonly WeighedFit[],
  criterion: "aic" | "bic",
): WeighedFit | null {
  let best: WeighedFit | null = null;
  for (const w of weighed) {
    if (!w.stable) continue;
    const value = criterion === "aic" ? w.fit.aic : w.fit.bic;
    const bestValue =
      best === null ? Number.POSITIVE_INFINITY : criterion === "aic" ? best.fit.aic : best.fit.bic;
    if (
      value < bestValue - 1e-9 ||
      (Math.abs(value - bestValue) <= 1e-9 &&
        best !== null &&
        w.fit.parameters < best.fit.parameters)
    ) {
      best = w;
    }
  }
  return best;
}
