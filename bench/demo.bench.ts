/**
 * How long `turnstile demo` takes on each store, against the generation of the same
 * synthetic registry without any database (the baseline, same run).
 *
 *   npm run bench:demo -- [--people 8000] [--stores pglite,postgres]
 */

import { readBundle } from "../src/ingest/bundle-reader.ts";
import { loadDemo } from "../src/ingest/demo.ts";
import { PUBLIC_DATA_DIR } from "../src/ingest/public-data.ts";
import { generateSynthetic } from "../src/ingest/synthetic.ts";
import { countEntities } from "../src/store/stats.ts";
import { freshStore, kindsFromArgs, numberArg, peakRssMb, printTable, time } from "./harness.ts";

const people = numberArg("people", 8_000);
const real = readBundle(PUBLIC_DATA_DIR).bundle;

const generation = await time(() => {
  let events = 0;
  for (const batch of generateSynthetic({
    people,
    seed: 1,
    operations: real.operations,
    monitorCounts: real.monitorCounts,
  })) {
    events += batch.events.length;
  }
  return events;
});
console.log(
  `generation only: ${people} people, ${generation.value} events in ${generation.seconds.toFixed(2)} s`,
);

const results: Record<string, string | number>[] = [];
for (const kind of kindsFromArgs()) {
  const target = await freshStore(kind);
  const demo = await time(() => loadDemo(target.store, { people, seed: 1 }));
  const counts = await countEntities(target.store);
  await target.dispose();
  const rows = counts.people + counts.names + counts.events;
  results.push({
    store: kind,
    people: counts.people,
    events: counts.events,
    "demo s": demo.seconds.toFixed(2),
    "rows/s": Math.round(rows / demo.seconds),
    "generation s": generation.seconds.toFixed(2),
    "demo / generation": (demo.seconds / generation.seconds).toFixed(1),
  });
}
printTable(results);
console.log(`peak RSS ${peakRssMb()} MB`);
