/**
 * Precision, recall and F1 of linkage decisions against labels: a prediction is the best
 * candidate of an incoming record; it is right when that candidate is the record's true
 * match.
 */
import { fitModel } from "./estimate.ts";
import { type MatchRecord, recordFeatures } from "./features.ts";
import {
  buildIndex,
  DEFAULT_THRESHOLDS,
  type Decision,
  type IncomingResult,
  matchIncoming,
  type Thresholds,
} from "./link.ts";
import { defaultModel, type MatchModel } from "./model.ts";

export interface Metrics {
  /** What counted as a predicted link. */
  rule: string;
  predicted: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

function metrics(
  rule: string,
  results: readonly IncomingResult[],
  truth: ReadonlyMap<string, string | null>,
  predicted: (r: IncomingResult) => boolean,
): Metrics {
  let tp = 0;
  let fp = 0;
  let positives = 0;
  for (const value of truth.values()) if (value !== null) positives++;
  for (const result of results) {
    if (!predicted(result)) continue;
    const best = result.candidates[0];
    if (best && truth.get(result.id) === best.rightId) tp++;
    else fp++;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = positives === 0 ? 1 : tp / positives;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    rule,
    predicted: tp + fp,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: positives - tp,
    precision,
    recall,
    f1,
  };
}

/** Metrics of the automatic links (decision `link`). */
export function linkMetrics(
  results: readonly IncomingResult[],
  truth: ReadonlyMap<string, string | null>,
): Metrics {
  return metrics("auto-link", results, truth, (r) => r.decision === "link");
}

/** Metrics counting every pair at or above the review threshold as a link (after review). */
export function reviewBandMetrics(
  results: readonly IncomingResult[],
  truth: ReadonlyMap<string, string | null>,
): Metrics {
  return metrics("auto-link or review", results, truth, (r) => r.decision !== "none");
}

/** Metrics if everything at or above probability `p` were linked. */
export function metricsAt(
  results: readonly IncomingResult[],
  truth: ReadonlyMap<string, string | null>,
  p: number,
): Metrics {
  return metrics(`p ≥ ${p}`, results, truth, (r) => (r.candidates[0]?.probability ?? 0) >= p);
}

export interface LabelledSet {
  registry: readonly MatchRecord[];
  incoming: readonly MatchRecord[];
  truth: ReadonlyMap<string, string | null>;
  /** A label per incoming record to break results down by (kind, spelling). */
  groups?: Record<string, ReadonlyMap<string, string>>;
}

export interface Evaluation {
  registry: number;
  incoming: number;
  trueMatches: number;
  comparisons: number;
  seconds: number;
  link: Metrics;
  reviewBand: Metrics;
  /** Decisions per group label: how many linked right, linked wrong, reviewed, missed. */
  breakdown: Record<string, Record<string, Record<Decision | "wrong", number>>>;
}

/** Runs the whole linkage on a labelled set and measures it. */
export function evaluateLinkage(
  set: LabelledSet,
  options: { thresholds?: Thresholds; model?: MatchModel } = {},
): Evaluation {
  const started = performance.now();
  const registry = set.registry.map(recordFeatures);
  const model = fitModel(registry, options.model ?? defaultModel(registry.length));
  const { results, stats } = matchIncoming(
    buildIndex(registry),
    model,
    set.incoming.map(recordFeatures),
    {
      thresholds: options.thresholds ?? DEFAULT_THRESHOLDS,
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const breakdown: Evaluation["breakdown"] = {};
  for (const [name, labels] of Object.entries(set.groups ?? {})) {
    const table: Record<string, Record<Decision | "wrong", number>> = {};
    for (const result of results) {
      const label = labels.get(result.id);
      if (label === undefined) continue;
      const row = table[label] ?? { link: 0, review: 0, none: 0, wrong: 0 };
      table[label] = row;
      const truth = set.truth.get(result.id);
      const wrong = result.decision === "link" && result.candidates[0]?.rightId !== truth;
      row[wrong ? "wrong" : result.decision]++;
    }
    breakdown[name] = table;
  }
  let trueMatches = 0;
  for (const value of set.truth.values()) if (value !== null) trueMatches++;
  return {
    registry: set.registry.length,
    incoming: set.incoming.length,
    trueMatches,
    comparisons: stats.comparisons,
    seconds,
    link: linkMetrics(results, set.truth),
    reviewBand: reviewBandMetrics(results, set.truth),
    breakdown,
  };
}
