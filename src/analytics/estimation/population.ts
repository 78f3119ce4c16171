/**
 * Multiple systems estimation from an overlap table: how many people there are in all,
 * documented or not, with the estimators, the models behind them and warnings when the
 * lists are too sparse to say much. docs/ESTIMATION.md gives the method and its limits.
 */
import {
  fitLogLinear,
  type Interval,
  type LogLinearFit,
  logNormalInterval,
  type PatternCounts,
  profileInterval,
} from "./loglinear.ts";
import {
  bestModel,
  fitModels,
  modelAverage,
  type Selection,
  type WeighedFit,
  weigh,
} from "./model-selection.ts";
import { listTotals, type OverlapRow, overlapRows, pairTotal } from "./overlap.ts";
import { chiSquareSurvival } from "./special.ts";
import { chapman, lincolnPetersen } from "./two-lists.ts";

/** A list with fewer people than this is flagged as sparse. */
export const SPARSE_LIST = 10;
/** Fewer people than this on two or more lists make every estimate fragile. */
export const FEW_RECAPTURES = 10;
/** Models with an AIC or BIC weight at least this get a profile-likelihood interval. */
export const PROFILE_WEIGHT = 0.001;

export type EstimatorName =
  | "lincoln-petersen"
  | "chapman"
  | "best-aic"
  | "best-bic"
  | "model-average-aic";

export interface EstimatorReport {
  name: EstimatorName;
  description: string;
  /** null when the data give no finite estimate (two lists that share nobody, say). */
  estimate: number | null;
  standardError: number | null;
  interval: Interval | null;
  /** Estimated people on no list: estimate − documented. */
  undocumented: number | null;
  /** The model behind it, by name; null for Chapman and the average. */
  model: string | null;
}

export interface ModelReport {
  name: string;
  /** Main effects (the lists) then interactions (`A×B`). */
  terms: string[];
  interactions: [string, string][];
  estimate: number;
  standardError: number;
  interval: Interval;
  deviance: number;
  df: number;
  aic: number;
  bic: number;
  aicWeight: number;
  bicWeight: number;
  /** False when left out of the choice and the average; `note` says why. */
  stable: boolean;
  note: string | null;
}

export type WarningCode =
  | "sparse_list"
  | "no_overlap"
  | "few_recaptures"
  | "empty_cells"
  | "unstable_models"
  | "no_stable_model"
  | "poor_fit"
  | "weight_spread"
  | "unbounded_interval";

export interface EstimationWarning {
  code: WarningCode;
  /** In English; `params` let a reader's language say the same (web/src/i18n). */
  message: string;
  /** `count` is a number of people (hidden for anonymous readers when small). */
  params: Record<string, string | number>;
}

export interface PopulationEstimate {
  lists: { label: string; count: number }[];
  documented: number;
  overlap: OverlapRow[];
  selection: Selection | "two-lists";
  level: number;
  estimators: EstimatorReport[];
  models: ModelReport[];
  chosen: { aic: string | null; bic: string | null };
  averaged: EstimatorReport | null;
  warnings: EstimationWarning[];
}

export interface EstimationOptions {
  /** Confidence level of every interval (default 0.95). */
  level?: number;
}

function people(n: number): string {
  return n === 1 ? "1 person" : `${n.toLocaleString("en")} people`;
}

/** `A×B`, with a grouped label in parentheses: `A×(B1+B2)`. */
function interactionName(labels: readonly string[], a: number, b: number): string {
  const wrap = (label: string) => (/[+×\s]/.test(label) ? `(${label})` : label);
  return `${wrap(labels[a] as string)}×${wrap(labels[b] as string)}`;
}

function modelName(fit: LogLinearFit, labels: readonly string[]): string {
  if (fit.interactions.length === 0) return "independence";
  return fit.interactions.map(([a, b]) => interactionName(labels, a, b)).join(" + ");
}

function unstableNote(fit: LogLinearFit, stable: boolean): string | null {
  if (stable) return null;
  if (!fit.converged) return "did not converge: left out of the choice and the average";
  if (fit.boundary) {
    return "estimate on the boundary (an interaction between lists that share too few people): left out";
  }
  return "estimate unbounded (more than 1,000 times the documented count): left out";
}

function modelReport(
  weighed: WeighedFit,
  counts: PatternCounts,
  labels: readonly string[],
  level: number,
  profile: boolean,
): ModelReport {
  const { fit, stable } = weighed;
  let interval = logNormalInterval(fit.documented, fit.estimate, fit.standardError, level);
  if (profile && stable) {
    const { maximum: _, converged: __, ...profiled } = profileInterval(counts, fit, level);
    interval = profiled;
  }
  return {
    name: modelName(fit, labels),
    terms: [...labels, ...fit.interactions.map(([a, b]) => interactionName(labels, a, b))],
    interactions: fit.interactions.map(([a, b]) => [labels[a] as string, labels[b] as string]),
    estimate: fit.estimate,
    standardError: fit.standardError,
    interval,
    deviance: fit.deviance,
    df: fit.df,
    aic: fit.aic,
    bic: fit.bic,
    aicWeight: weighed.aicWeight,
    bicWeight: weighed.bicWeight,
    stable,
    note: unstableNote(fit, stable),
  };
}

function dataWarnings(counts: PatternCounts, labels: readonly string[]): EstimationWarning[] {
  const k = labels.length;
  const warnings: EstimationWarning[] = [];
  listTotals(counts, k).forEach((total, i) => {
    if (total < SPARSE_LIST) {
      warnings.push({
        code: "sparse_list",
        params: { list: labels[i] as string, count: total, min: SPARSE_LIST },
        message: `list ${labels[i]} documents only ${people(total)} (fewer than ${SPARSE_LIST}): estimates that use it are fragile`,
      });
    }
  });
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      if (pairTotal(counts, i, j) === 0) {
        warnings.push({
          code: "no_overlap",
          params: { a: labels[i] as string, b: labels[j] as string },
          message: `lists ${labels[i]} and ${labels[j]} share nobody: their dependence cannot be estimated${k === 2 ? " and Lincoln–Petersen is infinite" : ""}`,
        });
      }
    }
  }
  let recaptured = 0;
  let empty = 0;
  for (let mask = 1; mask < counts.length; mask++) {
    if ((mask & (mask - 1)) !== 0) recaptured += counts[mask] as number;
    if (counts[mask] === 0) empty++;
  }
  if (recaptured < FEW_RECAPTURES) {
    warnings.push({
      code: "few_recaptures",
      params: { count: recaptured, min: FEW_RECAPTURES },
      message: `only ${people(recaptured)} ${recaptured === 1 ? "is" : "are"} on two or more lists (fewer than ${FEW_RECAPTURES}): any estimate is fragile`,
    });
  }
  if (k >= 3 && empty > 0) {
    warnings.push({
      code: "empty_cells",
      params: { empty, patterns: counts.length - 1 },
      message: `${empty} of ${counts.length - 1} overlap patterns have nobody: models with many interactions may not be identifiable`,
    });
  }
  return warnings;
}

function estimator(
  name: EstimatorName,
  description: string,
  documented: number,
  value: { estimate: number; standardError: number; interval: Interval } | null,
  model: string | null,
): EstimatorReport {
  return {
    name,
    description,
    estimate: value?.estimate ?? null,
    standardError: value?.standardError ?? null,
    interval: value?.interval ?? null,
    undocumented: value ? value.estimate - documented : null,
    model,
  };
}

function twoLists(counts: PatternCounts, labels: readonly string[], level: number) {
  const split = {
    both: counts[3] as number,
    firstOnly: counts[1] as number,
    secondOnly: counts[2] as number,
  };
  const documented = split.both + split.firstOnly + split.secondOnly;
  const fit = fitLogLinear(counts, []);
  const [weighed] = weigh([fit]) as [WeighedFit];
  const model = modelReport(weighed, counts, labels, level, true);
  const lp = lincolnPetersen(split);
  const ch = chapman(split, level);
  const estimators = [
    estimator(
      "lincoln-petersen",
      "Lincoln–Petersen n₁n₂/m (the independence model), profile-likelihood interval",
      documented,
      lp === null || !weighed.stable
        ? null
        : { estimate: lp, standardError: model.standardError, interval: model.interval },
      model.name,
    ),
    estimator(
      "chapman",
      "Chapman (n₁+1)(n₂+1)/(m+1) − 1, Seber's variance, log-normal interval (Chao 1987)",
      documented,
      ch,
      null,
    ),
  ];
  return { models: [model], estimators, chosen: weighed.stable ? model.name : null };
}

/**
 * Estimates the total population from the counts of each overlap pattern of 2 to 12
 * lists. `counts[mask]` is the number of people on exactly the lists of `mask` (bit i:
 * list i); `labels` name the lists. Two lists give Lincoln–Petersen and Chapman; three or
 * more give every hierarchical log-linear model up to two-list interactions, the models
 * chosen by AIC and BIC (profile-likelihood intervals) and the AIC-weighted average.
 *
 * @example
 * // Seber (1982, p. 107): 781 on the first list only, 254 on the second only, 167 on both.
 * // estimatePopulation(new Float64Array([0, 781, 254, 167]), ["A", "B"]).estimators
 * // → lincoln-petersen 2,389.9, chapman 2,382.8
 */
export function estimatePopulation(
  counts: PatternCounts,
  labels: readonly string[],
  options: EstimationOptions = {},
): PopulationEstimate {
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1))
    throw new RangeError(`level must be between 0 and 1, got ${level}`);
  const k = labels.length;
  if (counts.length !== 1 << k) {
    throw new RangeError(`${counts.length} pattern counts do not fit ${k} lists`);
  }
  const documented = counts.reduce((sum, c, mask) => (mask === 0 ? sum : sum + c), 0);
  const totals = listTotals(counts, k);
  const warnings = dataWarnings(counts, labels);
  const base = {
    lists: labels.map((label, i) => ({ label, count: totals[i] as number })),
    documented,
    overlap: overlapRows(counts, labels),
    level,
  };
  if (k === 2) {
    const two = twoLists(counts, labels, level);
    return {
      ...base,
      selection: "two-lists",
      estimators: two.estimators,
      models: two.models,
      chosen: { aic: two.chosen, bic: two.chosen },
      averaged: null,
      warnings,
    };
  }
  const { fits, selection } = fitModels(counts, k);
  const weighed = weigh(fits);
  const byAic = bestModel(weighed, "aic");
  const byBic = bestModel(weighed, "bic");
  const models = weighed.map((w) =>
    modelReport(
      w,
      counts,
      labels,
      level,
      w === byAic || w === byBic || w.aicWeight >= PROFILE_WEIGHT || w.bicWeight >= PROFILE_WEIGHT,
    ),
  );
  const reportOf = (w: WeighedFit | null) =>
    w === null ? null : (models[weighed.indexOf(w)] as ModelReport);
  const aicModel = reportOf(byAic);
  const bicModel = reportOf(byBic);
  const average = modelAverage(weighed, "aic", level);
  const averaged = estimator(
    "model-average-aic",
    "average of the stable models weighted by AIC, unconditional standard error (Buckland et al. 1997), log-normal interval",
    documented,
    average,
    null,
  );
  const estimators = [
    estimator(
      "best-aic",
      "the model with the least AIC, profile-likelihood interval",
      documented,
      aicModel,
      aicModel?.name ?? null,
    ),
    estimator(
      "best-bic",
      "the model with the least BIC, profile-likelihood interval",
      documented,
      bicModel,
      bicModel?.name ?? null,
    ),
    averaged,
  ];
  warnings.push(...modelWarnings(models, aicModel));
  return {
    ...base,
    selection,
    estimators,
    models,
    chosen: { aic: aicModel?.name ?? null, bic: bicModel?.name ?? null },
    averaged: average === null ? null : averaged,
    warnings,
  };
}

function modelWarnings(
  models: readonly ModelReport[],
  best: ModelReport | null,
): EstimationWarning[] {
  const warnings: EstimationWarning[] = [];
  const unstable = models.filter((m) => !m.stable);
  if (unstable.length > 0) {
    const names = unstable
      .slice(0, 3)
      .map((m) => m.name)
      .join("; ");
    warnings.push({
      code: "unstable_models",
      params: { unstable: unstable.length, models: models.length, names },
      message: `${unstable.length} of ${models.length} models did not give a usable estimate and are left out (${names}${unstable.length > 3 ? "; …" : ""})`,
    });
  }
  if (best === null) {
    warnings.push({
      code: "no_stable_model",
      params: {},
      message: "no model gives a usable estimate: the lists are too sparse",
    });
    return warnings;
  }
  if (best.df > 0) {
    const p = chiSquareSurvival(best.deviance, best.df);
    if (p < 0.05) {
      warnings.push({
        code: "poor_fit",
        params: {
          model: best.name,
          deviance: best.deviance.toFixed(1),
          df: best.df,
          p: p.toPrecision(2),
        },
        message: `even the best model (${best.name}) fits poorly (deviance ${best.deviance.toFixed(1)} on ${best.df} df, p = ${p.toPrecision(2)}): people may differ in how likely lists are to record them`,
      });
    }
  }
  if (best.aicWeight < 0.5) {
    warnings.push({
      code: "weight_spread",
      params: { percent: Math.round(best.aicWeight * 100) },
      message: `no single model carries the weight (the best has ${(best.aicWeight * 100).toFixed(0)}% of the AIC weight): prefer the model average`,
    });
  }
  if (best.interval.upper === null) {
    warnings.push({
      code: "unbounded_interval",
      params: { model: best.name },
      message: `the data set no upper limit for the best model (${best.name}): the total could be far larger`,
    });
  }
  return warnings;
}
