/**
 * `turnstile demo`: the real public aggregate facts of `data/public` (release operations,
 * sanctions, diplomatic events, Viasna's counts, with their sources) plus a synthetic
 * registry of people and events, written in one transaction into an empty database.
 */
import { type BundleWriteResult, emptyWriteResult, writeBundle } from "../store/bundle-writer.ts";
import type { Store } from "../store/connection.ts";
import { countEntities } from "../store/stats.ts";
import { formatProblem, readBundle } from "./bundle-reader.ts";
import { PUBLIC_DATA_DIR } from "./public-data.ts";
import { generateSynthetic, SYNTHETIC_SOURCES } from "./synthetic.ts";

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
    let written = 0;
    for (const batch of generateSynthetic({
      people,
      seed,
      operations: real.bundle.operations,
      monitorCounts: real.bundle.monitorCounts,
    })) {
      await writeBundle(tx, batch, write, result);
      written += batch.people.length;
      options.onProgress?.(written, people);
    }
  });
  return { people, seed, counts: result };
}
