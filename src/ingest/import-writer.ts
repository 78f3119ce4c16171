/**
 * The writing half of a streaming import, inside its transaction: each batch of accepted
 * rows of a table goes to the database — new ones by COPY, ones whose key exists through
 * the bundle writer (update with before/after audit, or unchanged). A large load into a
 * small table suspends that table's foreign keys and secondary indexes until the end
 * (store/bulk-load.ts). A batch is written while the next one is being read.
 */
import {
  type BundleKey,
  copyRows,
  countRowsUpTo,
  existingKeys,
  lockForImport,
  restoreConstraints,
  type SuspendedConstraints,
  suspendConstraints,
  tableOf,
} from "../store/bulk-load.ts";
import type { BundleWriteResult } from "../store/bundle-writer.ts";
import { emptyWriteResult, WRITE_ORDER, writeBundle } from "../store/bundle-writer.ts";
import type { Queryable } from "../store/connection.ts";
import { NAME_KEY_VERSION, nameKeyVersion, refreshNameKeys } from "../store/names.ts";
import type { TableBatch } from "./import-producer.ts";

/** Below this many rows in a file, a table keeps its indexes and foreign keys while loading. */
export const BULK_MIN_ROWS = 100_000;

interface TableState {
  /** Empty when the import began (and locked against other writers since). */
  emptyAtStart: boolean;
  suspended: SuspendedConstraints | null;
  decided: boolean;
}

export interface WriterOptions {
  actor: string;
  batch: string;
  bulk: "auto" | "never";
  /** Rows a file must (be estimated to) hold for a bulk load (default BULK_MIN_ROWS). */
  bulkMinRows?: number;
}

export class ImportWriter {
  readonly counts: BundleWriteResult = emptyWriteResult();
  private readonly tables = new Map<BundleKey, TableState>();
  private pending: Promise<void> | null = null;
  private failure: unknown = null;
  /** People whose names were written: their search keys are recomputed at the end. */
  private readonly namedPeople = new Set<string>();
  private readonly tx: Queryable;
  private readonly options: WriterOptions;

  constructor(tx: Queryable, options: WriterOptions) {
    this.tx = tx;
    this.options = options;
  }

  /** Locks the tables the import writes; returns those that held rows already. */
  async begin(keys: readonly BundleKey[]): Promise<BundleKey[]> {
    const ordered = WRITE_ORDER.filter((key) => keys.includes(key));
    await lockForImport(this.tx, ordered);
    const full: BundleKey[] = [];
    for (const key of ordered) {
      const empty = (await countRowsUpTo(this.tx, key, 1)) === 0;
      this.tables.set(key, { emptyAtStart: empty, suspended: null, decided: false });
      if (!empty) full.push(key);
    }
    return full;
  }

  /** Tables whose constraints were suspended for a bulk load. */
  get bulkTables(): string[] {
    return [...this.tables].filter(([, s]) => s.suspended !== null).map(([key]) => tableOf(key));
  }

  /**
   * Writes batches, referenced tables first, once the previous ones are written (so that
   * the next batch is read meanwhile).
   */
  async write(batches: readonly TableBatch[]): Promise<void> {
    if (batches.length === 0) return;
    await this.settle();
    const ordered = [...batches].sort(
      (a, b) => WRITE_ORDER.indexOf(a.key) - WRITE_ORDER.indexOf(b.key),
    );
    for (const batch of ordered) await this.decideBulk(batch.key, batch.estimate);
    this.pending = (async () => {
      for (const batch of ordered) await this.writeBatch(batch);
    })().catch((error: unknown) => {
      this.failure = error;
    });
  }

  /** Waits for the batch being written; rethrows its error. */
  async settle(): Promise<void> {
    if (this.pending) await this.pending;
    this.pending = null;
    if (this.failure !== null) throw this.failure;
  }

  /**
   * Waits for the last batch, rebuilds suspended indexes and foreign keys, and recomputes
   * the name-search keys of the people whose names were written (store/names.ts), when
   * they are in use.
   */
  async finish(): Promise<void> {
    await this.settle();
    for (const key of WRITE_ORDER) {
      const state = this.tables.get(key);
      if (state?.suspended) await restoreConstraints(this.tx, state.suspended);
    }
    // Keys never built (or built by another version) are all built at the first search.
    if (this.namedPeople.size > 0 && (await nameKeyVersion(this.tx)) === NAME_KEY_VERSION) {
      await refreshNameKeys(this.tx, [...this.namedPeople]);
    }
  }

  private async decideBulk(key: BundleKey, rows: number): Promise<void> {
    const state = this.tables.get(key);
    if (!state || state.decided) return;
    state.decided = true;
    if (this.options.bulk === "never" || rows < (this.options.bulkMinRows ?? BULK_MIN_ROWS)) return;
    // Rebuilding an index costs what the table holds: worth it when the load is most of it.
    if ((await countRowsUpTo(this.tx, key, rows)) >= rows) return;
    state.suspended = await suspendConstraints(this.tx, key);
  }

  private async writeBatch(batch: TableBatch): Promise<void> {
    const { key } = batch;
    for (const person of batch.people) this.namedPeople.add(person);
    const audit = {
      actor: this.options.actor,
      batch: this.options.batch,
      file: batch.file,
      lines: batch.lines,
    };
    const state = this.tables.get(key);
    if (state?.emptyAtStart || !batch.records || !batch.copyLines) {
      await copyRows(this.tx, key, batch.text, batch.ids, audit);
      this.counts[key].inserted += batch.ids.length;
      return;
    }
    const { records, copyLines } = batch;
    const existing = await existingKeys(this.tx, key, records);
    const known = records.filter((_, i) => existing.has(batch.ids[i] as string));
    if (known.length > 0) {
      await writeBundle(this.tx, { [key]: known }, audit, this.counts);
    }
    let text = "";
    const ids: string[] = [];
    batch.ids.forEach((id, i) => {
      if (existing.has(id)) return;
      text += `${copyLines[i]}\n`;
      ids.push(id);
    });
    await copyRows(this.tx, key, text, ids, audit);
    this.counts[key].inserted += ids.length;
  }
}
