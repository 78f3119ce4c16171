/**
 * Estimating the model from data: u from random pairs of the registry (nearly all of which
 * are non-matches), the surname frequencies for term-frequency u, and m from pairs known
 * to be matches (a labelled training set).
 */
import { scorePair } from "./compare.ts";
import type { RecordFeatures } from "./features.ts";
import {
  DEFAULT_M,
  DEFAULT_U,
  FIELD_LEVELS,
  FIELDS,
  type Levels,
  type MatchModel,
  type Probabilities,
} from "./model.ts";

/** mulberry32: a tiny seeded generator, so that estimates repeat exactly. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Share of levels per field, with one pseudo-count per level so that none is zero. */
function shares(levels: readonly Levels[], fallback: Probabilities): Probabilities {
  const out = {} as Record<string, Record<string, number>>;
  for (const field of FIELDS) {
    const names = FIELD_LEVELS[field] as readonly string[];
    const counts = Object.fromEntries(names.map((l) => [l, 1])) as Record<string, number>;
    let total = names.length;
    for (const row of levels) {
      const level = row[field];
      if (level === "missing") continue;
      counts[level] = (counts[level] ?? 0) + 1;
      total++;
    }
    // Too few observations of a field: keep the fallback.
    out[field] =
      total - names.length < 50
        ? { ...(fallback[field] as Record<string, number>) }
        : Object.fromEntries(names.map((l) => [l, (counts[l] as number) / total]));
  }
  return out as unknown as Probabilities;
}

/** Fewer records than this: u and surname frequencies are not estimated. */
export const MIN_RECORDS = 200;

/** Share of records carrying each surname key. */
export function surnameFrequencies(records: readonly RecordFeatures[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of records) {
    for (const key of new Set(record.surnames.flatMap((s) => s.skeletons))) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const frequencies = new Map<string, number>();
  for (const [key, count] of counts) frequencies.set(key, count / Math.max(1, records.length));
  return frequencies;
}

/** u from `samples` random pairs of distinct records (seeded). */
export function estimateU(
  records: readonly RecordFeatures[],
  model: MatchModel,
  options: { samples?: number; seed?: number } = {},
): Probabilities {
  const samples = options.samples ?? 50_000;
  // A small registry says little about chance agreement: keep the defaults.
  if (records.length < MIN_RECORDS) return DEFAULT_U;
  const next = random(options.seed ?? 1);
  const levels: Levels[] = [];
  for (let k = 0; k < samples; k++) {
    const i = Math.floor(next() * records.length);
    let j = Math.floor(next() * (records.length - 1));
    if (j >= i) j++;
    levels.push(
      scorePair(model, records[i] as RecordFeatures, records[j] as RecordFeatures).levels,
    );
  }
  return shares(levels, DEFAULT_U);
}

/** m from the levels of pairs known to be matches. */
export function estimateM(matches: readonly Levels[]): Probabilities {
  return shares(matches, DEFAULT_M);
}

/**
 * The model for a registry: u and surname frequencies estimated on it, m as given, and
 * the prior of a pair: the share of records expected to be in the registry, spread evenly
 * over its records.
 */
export function fitModel(
  records: readonly RecordFeatures[],
  base: MatchModel,
  options: { samples?: number; seed?: number } = {},
): MatchModel {
  const withoutTf: MatchModel = { ...base, surnameFrequency: undefined };
  const size = Math.max(1, records.length);
  const small = records.length < MIN_RECORDS;
  return {
    ...base,
    u: estimateU(records, withoutTf, options),
    prior: base.inRegistry / size,
    surnameFrequency: small ? undefined : surnameFrequencies(records),
    minFrequency: 1 / size,
  };
}

/**
 * The prior that makes probabilities calibrated on labelled pairs: the intercept of a
 * logistic regression of "is a match" on the evidence (bits), slope fixed at one bit per
 * bit, by Newton's method. Returns the prior probability.
 */
export function calibratePrior(pairs: readonly { evidence: number; match: boolean }[]): number {
  let b = 0; // log-odds of the prior, natural log
  for (let iteration = 0; iteration < 100; iteration++) {
    let gradient = 0;
    let curvature = 0;
    for (const { evidence, match } of pairs) {
      const p = 1 / (1 + Math.exp(-(evidence * Math.LN2 + b)));
      gradient += (match ? 1 : 0) - p;
      curvature += p * (1 - p);
    }
    if (curvature === 0) break;
    const step = gradient / curvature;
    b += step;
    if (Math.abs(step) < 1e-9) break;
  }
  return 1 / (1 + Math.exp(-b));
}
