/**
 * Import rate of the bundle importer (validated, referenced-checked, audited) against a raw
 * COPY of the same CSV files into untyped tables, on each store, in the same run.
 *
 *   npm run bench:import -- [--people 20000] [--stores pglite,postgres]
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUNDLE_FILES } from "../src/domain/bundle-schema.ts";
import { importBundle } from "../src/ingest/bundle-import.ts";
import { readBundle } from "../src/ingest/bundle-reader.ts";
import { bundleCsvWriter } from "../src/ingest/bundle-writer-csv.ts";
import { PUBLIC_DATA_DIR } from "../src/ingest/public-data.ts";
import { generateSynthetic, SYNTHETIC_SOURCES } from "../src/ingest/synthetic.ts";
import { freshStore, kindsFromArgs, numberArg, peakRssMb, printTable, time } from "./harness.ts";

const people = numberArg("people", 20_000);
const dir = mkdtempSync(join(tmpdir(), "turnstile-bench-bundle-"));

// The bundle: the public facts plus a synthetic registry, written as CSV (not timed).
const real = readBundle(PUBLIC_DATA_DIR).bundle;
const writer = bundleCsvWriter(dir);
writer.write({ ...real, sources: [...real.sources, ...SYNTHETIC_SOURCES] });
for (const batch of generateSynthetic({
  people,
  seed: 1,
  operations: real.operations,
  monitorCounts: real.monitorCounts,
})) {
  writer.write(batch);
}
await writer.close();

const files = BUNDLE_FILES.map((spec) => ({ spec, csv: safeRead(join(dir, spec.file)) })).filter(
  (f): f is { spec: (typeof BUNDLE_FILES)[number]; csv: string } => f.csv !== null,
);
const rows = files.reduce((sum, f) => sum + f.csv.split("\n").length - 2, 0);
console.log(`bundle: ${people} synthetic people, ${rows} rows in ${files.length} files (${dir})`);

function safeRead(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

const results: Record<string, string | number>[] = [];
for (const kind of kindsFromArgs()) {
  // Baseline: the same CSV text COPYed into tables of text columns, no checks at all.
  const raw = await freshStore(kind);
  const baseline = await time(() =>
    raw.store.transaction(async (tx) => {
      for (const { spec, csv } of files) {
        const table = `raw_${spec.key.toLowerCase()}`;
        await tx.query(
          `CREATE TABLE ${table} (${spec.columns.map((c) => `${c} text`).join(", ")})`,
        );
        await tx.copyCsv(table, spec.columns, csv.slice(csv.indexOf("\n") + 1));
      }
    }),
  );
  await raw.dispose();

  const target = await freshStore(kind);
  const imported = await time(() => importBundle(target.store, dir));
  await target.dispose();

  results.push({
    store: kind,
    rows,
    "raw COPY s": baseline.seconds.toFixed(2),
    "raw COPY rows/s": Math.round(rows / baseline.seconds),
    "import s": imported.seconds.toFixed(2),
    "import rows/s": Math.round(rows / imported.seconds),
    "import / raw": (imported.seconds / baseline.seconds).toFixed(2),
  });
}
printTable(results);
console.log(`peak RSS ${peakRssMb()} MB`);
rmSync(dir, { recursive: true, force: true });
