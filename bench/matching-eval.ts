/**
 * The labelled evaluation of record linkage (docs/MATCHING.md): precision, recall and F1
 * at the auto-link threshold and with the review band, broken down by kind of incoming
 * record and by how the name was written. `--estimate` prints m as estimated on the
 * training seed (the source of DEFAULT_M) and the F1 of other link thresholds.
 *
 *   node bench/matching-eval.ts [--people 5000] [--seed 7] [--estimate]
 */
import { scorePair } from "../src/analytics/matching/compare.ts";
import { estimateM, fitModel } from "../src/analytics/matching/estimate.ts";
import { evaluateLinkage, type Metrics } from "../src/analytics/matching/evaluate.ts";
import { recordFeatures } from "../src/analytics/matching/features.ts";
import { DEFAULT_THRESHOLDS } from "../src/analytics/matching/link.ts";
import { defaultModel, type Levels } from "../src/analytics/matching/model.ts";
import { generateEvalSet } from "../src/ingest/matching-eval-set.ts";
import { numberArg, printTable } from "./harness.ts";

const people = numberArg("people", 5000);
const seed = numberArg("seed", 7);
const TRAINING_SEED = 101;

function row(m: Metrics) {
  return {
    rule: m.rule,
    predicted: m.predicted,
    tp: m.truePositives,
    fp: m.falsePositives,
    fn: m.falseNegatives,
    precision: m.precision.toFixed(4),
    recall: m.recall.toFixed(4),
    F1: m.f1.toFixed(4),
  };
}

if (process.argv.includes("--estimate")) {
  const set = generateEvalSet({ people: 20_000, incoming: 20_000, seed: TRAINING_SEED });
  const registry = new Map(set.registry.map((r) => [r.id, recordFeatures(r)]));
  const model = fitModel([...registry.values()], defaultModel(registry.size));
  const levels: Levels[] = [];
  for (const record of set.incoming) {
    const truth = set.truth.get(record.id);
    const target = truth ? registry.get(truth) : undefined;
    if (target) levels.push(scorePair(model, recordFeatures(record), target).levels);
  }
  console.log(
    `m estimated on the training set (seed ${TRAINING_SEED}, ${levels.length} true pairs):`,
  );
  for (const [field, values] of Object.entries(estimateM(levels))) {
    console.log(
      `  ${field}: ${Object.entries(values)
        .map(([l, v]) => `${l} ${(v as number).toFixed(4)}`)
        .join(", ")}`,
    );
  }
  const training = generateEvalSet({
    people,
    incoming: Math.round(people * 0.66),
    seed: TRAINING_SEED,
  });
  const sweep = [0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99].map((link) => ({
    link,
    ...row(
      evaluateLinkage(training, { thresholds: { link, review: DEFAULT_THRESHOLDS.review } }).link,
    ),
  }));
  console.log(`link thresholds on the training set (${people} people):`);
  printTable(sweep);
} else {
  const set = generateEvalSet({ people, incoming: Math.round(people * 0.66), seed });
  const result = evaluateLinkage({
    ...set,
    groups: { kind: set.kind, spelling: set.spelling },
  });
  console.log(
    `evaluation set seed ${seed}: registry ${result.registry}, incoming ${result.incoming} ` +
      `(${result.trueMatches} true matches), ${result.comparisons} pairs compared in ${result.seconds.toFixed(1)} s; ` +
      `thresholds link ≥ ${DEFAULT_THRESHOLDS.link}, review ≥ ${DEFAULT_THRESHOLDS.review}`,
  );
  printTable([row(result.link), row(result.reviewBand)]);
  for (const [name, table] of Object.entries(result.breakdown)) {
    console.log(`by ${name} (link = linked to the right person, wrong = linked to another):`);
    printTable(
      Object.entries(table)
        .sort()
        .map(([label, counts]) => ({ [name]: label, ...counts })),
    );
  }
}
