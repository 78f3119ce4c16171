/**
 * Record linkage at scale: N incoming SYNTHETIC records against a registry of N (the
 * labelled generator of the evaluation: 60% are registry people written another way, the
 * rest namesakes, siblings and new people). Times each phase, reports quality at that
 * scale, and measures in the same run two baselines: an exact join on the normalized
 * official name (what a plain SQL join would do) and the cost of comparing every pair
 * without blocking (extrapolated from a sample).
 *
 *   node bench/matching.bench.ts [--people 100000] [--stores pglite,postgres]
 *
 * With --stores, the registry is also written to each store (not timed) and the service
 * `findMatches` is timed end to end: reading the registry back, features, model, linkage.
 */
import { scorePair } from "../src/analytics/matching/compare.ts";
import { fitModel } from "../src/analytics/matching/estimate.ts";
import { linkMetrics, reviewBandMetrics } from "../src/analytics/matching/evaluate.ts";
import { recordFeatures } from "../src/analytics/matching/features.ts";
import { buildIndex, matchIncoming } from "../src/analytics/matching/link.ts";
import { defaultModel } from "../src/analytics/matching/model.ts";
import { dayToIso } from "../src/domain/partial-date.ts";
import { generateEvalSet } from "../src/ingest/matching-eval-set.ts";
import { findMatches } from "../src/services/matching.ts";
import { freshStore, kindsFromArgs, numberArg, peakRssMb, printTable, time } from "./harness.ts";

const people = numberArg("people", 100_000);
const withStores = process.argv.includes("--stores");

const generated = await time(() => generateEvalSet({ people, incoming: people, seed: 3 }));
const set = generated.value;
console.log(
  `labelled set: registry ${people}, incoming ${people} (generated in ${generated.seconds.toFixed(1)} s, not timed below)`,
);

const features = await time(() => ({
  registry: set.registry.map(recordFeatures),
  incoming: set.incoming.map(recordFeatures),
}));
const { registry, incoming } = features.value;
const model = await time(() => fitModel(registry, defaultModel(registry.length)));
const index = await time(() => buildIndex(registry));
const linked = await time(() => matchIncoming(index.value, model.value, incoming));
const total = features.seconds + model.seconds + index.seconds + linked.seconds;
const { results, stats } = linked.value;

// Baseline 1: an exact join on the lower-cased official name.
const join = await time(() => {
  const byName = new Map<string, string>();
  for (const r of set.registry) for (const name of r.names) byName.set(name.toLowerCase(), r.id);
  let found = 0;
  for (const r of set.incoming) {
    const hit = r.names.map((n) => byName.get(n.toLowerCase())).find((x) => x !== undefined);
    if (hit !== undefined && hit === set.truth.get(r.id)) found++;
  }
  return found;
});

// Baseline 2: every pair compared, extrapolated from 200,000 random pairs.
const sample = 200_000;
const allPairs = await time(() => {
  for (let k = 0; k < sample; k++) {
    const a = incoming[(k * 7919) % incoming.length];
    const b = registry[(k * 104_729) % registry.length];
    if (a && b) scorePair(model.value, a, b);
  }
});
const allPairsSeconds = (allPairs.seconds / sample) * people * people;

const link = linkMetrics(results, set.truth);
const band = reviewBandMetrics(results, set.truth);
printTable([
  { phase: "features (both sides)", seconds: features.seconds.toFixed(2) },
  { phase: "model (u, surname frequencies)", seconds: model.seconds.toFixed(2) },
  { phase: "blocking index", seconds: index.seconds.toFixed(2) },
  { phase: `linkage (${stats.comparisons} pairs compared)`, seconds: linked.seconds.toFixed(2) },
  { phase: "TOTAL blocked matching", seconds: total.toFixed(2) },
  {
    phase: `baseline: exact name join (finds ${((join.value / link.truePositives) * 100).toFixed(0)}% of the true links)`,
    seconds: join.seconds.toFixed(2),
  },
  {
    phase: `baseline: all ${people}×${people} pairs (extrapolated)`,
    seconds: allPairsSeconds.toFixed(0),
  },
]);
console.log(
  `quality at this scale: auto-link precision ${link.precision.toFixed(4)}, recall ${link.recall.toFixed(4)}, ` +
    `F1 ${link.f1.toFixed(4)}; with review band recall ${band.recall.toFixed(4)} ` +
    `(${results.filter((r) => r.decision === "review").length} records to review)`,
);
console.log(
  `RATIO blocked matching / exact name join = ${(total / join.seconds).toFixed(1)}; ` +
    `all pairs / blocked matching = ${(allPairsSeconds / total).toFixed(0)}; peak RSS ${peakRssMb()} MB`,
);

if (withStores) {
  const rows: Record<string, string | number>[] = [];
  for (const kind of kindsFromArgs()) {
    const bench = await freshStore(kind);
    const csv = (v: string | null) => (v === null ? "" : `"${v.replace(/"/g, '""')}"`);
    await bench.store.transaction(async (tx) => {
      const persons = set.registry.map(
        (r) =>
          `${r.id},${csv(r.names[0] as string)},${r.birth ? dayToIso(r.birth.first) : ""},${r.birth ? dayToIso(r.birth.last) : ""},${csv(r.region)},${r.gender ?? ""}\n`,
      );
      await tx.copyCsv(
        "person",
        ["id", "name", "birth_first", "birth_last", "region", "gender"],
        persons.join(""),
      );
      const names = set.registry.flatMap((r) =>
        r.names.slice(1).map((n) => `${r.id},${csv(n)},other,alias\n`),
      );
      await tx.copyCsv("person_name", ["person_id", "name", "script", "kind"], names.join(""));
    });
    const timed = await time(() => findMatches(bench.store, set.incoming));
    rows.push({
      store: kind,
      "findMatches s": timed.seconds.toFixed(2),
      records: timed.value.length,
    });
    await bench.dispose();
  }
  printTable(rows);
}
