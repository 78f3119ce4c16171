/**
 * The Fellegi–Sunter model: each field of a pair of records agrees at some level; each
 * level has m (how often true matches agree so) and u (how often non-matches do), and
 * contributes log2(m/u) bits to the match weight. The weight plus the prior log-odds gives
 * the probability that the two records are one person.
 *
 * m was estimated on a labelled synthetic training set (seed 101 of the evaluation set,
 * `node bench/matching-eval.ts --estimate`, rounded) and is fixed here; u is estimated on
 * each registry from random pairs (`estimateU`), and for the surname it is the frequency of
 * the surname itself (a rare surname agreeing says more than a common one).
 * docs/MATCHING.md lists the values and how they were obtained.
 */

export const FIELD_LEVELS = {
  surname: ["same", "phonetic", "fuzzy", "different"],
  given: ["same", "equivalent", "fuzzy", "initial", "different"],
  patronymic: ["same", "different"],
  birth: ["exact", "overlap", "close", "different"],
  region: ["same", "different"],
  gender: ["same", "different"],
} as const;

export type Field = keyof typeof FIELD_LEVELS;
export type Level<F extends Field = Field> = (typeof FIELD_LEVELS)[F][number];
export const FIELDS = Object.keys(FIELD_LEVELS) as Field[];

/** A field's level in one comparison; `missing` when either record lacks the field. */
export type Levels = { [F in Field]: Level<F> | "missing" };

export type Probabilities = { [F in Field]: Record<Level<F>, number> };

export interface MatchModel {
  m: Probabilities;
  u: Probabilities;
  /**
   * Share of the records being matched that are expected to have a match in the
   * registry (for deduplication: the share of duplicates).
   */
  inRegistry: number;
  /** Prior probability that a given pair is a match: inRegistry / registry size. */
  prior: number;
  /** Share of registry records with each surname key: u of an agreeing surname. */
  surnameFrequency?: ReadonlyMap<string, number>;
  /** Floor of a term-frequency u (one record in the registry). */
  minFrequency?: number;
}

/**
 * m: share of true matches at each level, estimated on the labelled training set (seed
 * 101, 20,000 incoming records against 20,000) and rounded. Levels the synthetic set
 * never produces for true matches (a birth year far off, a changed surname, another
 * gender) are floored at 0.005: real lists have such errors.
 */
export const DEFAULT_M: Probabilities = {
  surname: { same: 0.96, phonetic: 0.016, fuzzy: 0.018, different: 0.006 },
  given: { same: 0.938, equivalent: 0.055, fuzzy: 0.005, initial: 0.005, different: 0.005 },
  patronymic: { same: 0.995, different: 0.005 },
  birth: { exact: 0.575, overlap: 0.313, close: 0.107, different: 0.005 },
  region: { same: 0.951, different: 0.049 },
  gender: { same: 0.995, different: 0.005 },
};

/** u before any registry is seen: rough shares among random pairs of a Belarusian list. */
export const DEFAULT_U: Probabilities = {
  surname: { same: 0.004, phonetic: 0.004, fuzzy: 0.02, different: 0.972 },
  given: { same: 0.03, equivalent: 0.01, fuzzy: 0.03, initial: 0.005, different: 0.925 },
  patronymic: { same: 0.04, different: 0.96 },
  birth: { exact: 0.00006, overlap: 0.004, close: 0.04, different: 0.956 },
  region: { same: 0.25, different: 0.75 },
  gender: { same: 0.65, different: 0.35 },
};

export const DEFAULT_IN_REGISTRY = 0.5;

/** The default model for a registry of `size` records (fitModel estimates u on it). */
export function defaultModel(size = 1000, inRegistry = DEFAULT_IN_REGISTRY): MatchModel {
  return { m: DEFAULT_M, u: DEFAULT_U, inRegistry, prior: inRegistry / Math.max(1, size) };
}

export function log2(x: number): number {
  return Math.log(x) / Math.LN2;
}

/** Bits a field contributes at a level (0 when missing). */
export function levelWeight<F extends Field>(
  model: MatchModel,
  field: F,
  level: Level<F> | "missing",
  uOverride?: number,
): number {
  if (level === "missing") return 0;
  const m = (model.m[field] as Record<string, number>)[level] as number;
  const u = uOverride ?? ((model.u[field] as Record<string, number>)[level] as number);
  return log2(m / u);
}

export function priorWeight(model: MatchModel): number {
  return log2(model.prior / (1 - model.prior));
}

/** Probability of a match from the total weight (bits, prior included). */
export function probabilityOf(totalWeight: number): number {
  return 1 / (1 + 2 ** -totalWeight);
}

/** Total weight (bits) at which the probability reaches `p`. */
export function weightForProbability(p: number): number {
  return log2(p / (1 - p));
}
