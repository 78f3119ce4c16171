/**
 * `turnstile demo`: the real public aggregate facts of `data/public` (release operations,
 * sanctions, diplomatic events, Viasna's counts, with their sources) plus a synthetic
 * registry of people and events, written in one transaction into an empty database. The
 * synthetic rows go the way of a large import (import-writer.ts): COPYed straight into
 * their empty tables, audited one row per batch (docs/adr/0002), foreign keys and indexes
 * suspended while a large table fills.
 */
import type { Bundle } from "../domain/model.ts";
import { recordKey } from "../store/bulk-load.ts";
import {
  type BundleWriteResult,
  emptyWriteResult,
  TABLE_SPECS,
  type TableSpec,
  toCsv,
  writeBundle,
} from "../store/bundle-writer.ts";
import type { Store } from "../store/connection.ts";
import { rebuildNameKeys } from "../store/names.ts";
import { countEntities } from "../store/stats.ts";
import { formatProblem, readBundle } from "./bundle-reader.ts";
import type { TableBatch } from "./import-producer.ts";
import { ImportWriter } from "./import-writer.ts";
import { PUBLIC_DATA_DIR } from "./public-data.ts";
import { generateSynthetic, SYNTHETIC_SOURCES, type SyntheticBatch } from "./synthetic.ts";

export const DEFAULT_DEMO_PEOPLE = 8_000;
export const DEFAULT_DEMO_SEED = 1;

export class DemoError extends Error {}

export interface DemoOptions {
  people?: number;
  seed?: number;
  /** Called after each batch with the number of synthetic people written so far. */
  onProgress?: (peopleWritten: number, peopleTotal: number) => void;
}

export interface DemoResult {
  people: number;
  seed: number;
  counts: BundleWriteResult;
}

const SYNTHETIC_KEYS = ["people", "names", "events"] as const;

/**
 * A generated batch as the import writer takes it: per table the COPY text, the ids, and
 * where the rows stand in the generated stream (for the audit row, as a file's lines).
 */
function tableBatches(
  batch: SyntheticBatch,
  source: string,
  peopleTotal: number,
  written: Record<(typeof SYNTHETIC_KEYS)[number], number>,
): TableBatch[] {
  return SYNTHETIC_KEYS.map((key) => {
    const records = batch[key] as Bundle[typeof key];
    const spec = TABLE_SPECS[key] as TableSpec<(typeof records)[number]>;
    const ids = records.map((record) => recordKey(key, record));
    const first = written[key] + 1;
    written[key] += records.length;
    return {
      key,
      file: source,
      lines: [first, written[key]] as [number, number],
      // The whole table, from this batch's share: whether to suspend its indexes.
      estimate: Math.round((records.length / Math.max(1, batch.people.length)) * peopleTotal),
      ids,
      people: key === "events" ? [] : records.map((r) => ("personId" in r ? r.personId : r.id)),
      text: toCsv(records.map((record) => spec.toRow(record))),
    };
  });
}

/** True when the database holds no person, event or release operation yet. */
export async function isEmpty(store: Store): Promise<boolean> {
  const counts = await countEntities(store);
  return counts.people === 0 && counts.events === 0 && counts.operations === 0;
}

export async function loadDemo(store: Store, options: DemoOptions = {}): Promise<DemoResult> {
  const people = options.people ?? DEFAULT_DEMO_PEOPLE;
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  if (!Number.isInteger(people) || people < 1) {
    throw new DemoError(`--people must be a whole number of at least 1; got ${people}`);
  }
  const counts = await countEntities(store);
  if (counts.people > 0 || counts.events > 0 || counts.operations > 0) {
    throw new DemoError(
      `the database at ${store.location} is not empty (${counts.people} people, ${counts.events} events, ` +
        `${counts.operations} release operations): the demo loads only into an empty database. ` +
        "Use another --data-dir (or DATABASE_URL), or delete this one.",
    );
  }
  const real = readBundle(PUBLIC_DATA_DIR);
  if (real.problems.length > 0) {
    throw new DemoError(
      `the public data in ${PUBLIC_DATA_DIR} is invalid:\n${real.problems.map(formatProblem).join("\n")}`,
    );
  }
  const result = emptyWriteResult();
  const batchName = `demo seed=${seed} people=${people}`;
  await store.transaction(async (tx) => {
    const write = { actor: "cli", batch: batchName };
    await writeBundle(
      tx,
      { ...real.bundle, sources: [...real.bundle.sources, ...SYNTHETIC_SOURCES] },
      write,
      result,
    );
    const writer = new ImportWriter(tx, { ...write, bulk: "auto" });
    await writer.begin(SYNTHETIC_KEYS);
    const source = `synthetic generator (seed ${seed})`;
    const rows = { people: 0, names: 0, events: 0 };
    for (const batch of generateSynthetic({
      people,
      seed,
      operations: real.bundle.operations,
      monitorCounts: real.bundle.monitorCounts,
    })) {
      await writer.write(tableBatches(batch, source, people, rows));
      options.onProgress?.(rows.people, people);
    }
    await writer.finish();
    // Every person is new: their name-search keys are built at once, and marked current
    // so that later imports and edits keep them up to date.
    await rebuildNameKeys(tx);
    for (const key of SYNTHETIC_KEYS) result[key].inserted += writer.counts[key].inserted;
  });
  return { people, seed, counts: result };
}
