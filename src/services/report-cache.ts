/**
 * Figures computed over the whole registry, kept while the data has not changed. Every
 * write appends to the audit log, so the log's head names the state of the data: a cached
 * figure is reused while the head has not moved. Requests for the same figure share one
 * computation; while one runs, later requests that saw newer data share the single next
 * one, so that a stream of writes cannot pile up computations.
 *
 * When this process is the only writer (the embedded database, whose folder it locks), a
 * count of its own committed transactions names the state as well, without a query.
 */
import { auditHead } from "../store/audit.ts";
import type { Queryable } from "../store/connection.ts";

/** The state of the data: any number that grows with every committed write. */
export type DataVersion = (q: Queryable) => Promise<number> | number;

interface Entry {
  /** The audit head read before computing. */
  head: number;
  value: Promise<unknown>;
  settled: boolean;
  /** The computation that follows this one, shared by those who saw newer data. */
  next?: Promise<unknown>;
}

export class ReportCache {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #version: DataVersion;

  constructor(maxEntries = 200, version: DataVersion = auditHead) {
    this.#maxEntries = maxEntries;
    this.#version = version;
  }

  /** The figure under `key`, computed by `compute` unless the data is unchanged since. */
  async get<T>(q: Queryable, key: string, compute: () => Promise<T>): Promise<T> {
    const head = await this.#version(q);
    const entry = this.#entries.get(key);
    if (entry && entry.head >= head) return entry.value as Promise<T>;
    if (entry && !entry.settled) {
      entry.next ??= entry.value.then(
        () => this.get(q, key, compute),
        () => this.get(q, key, compute),
      );
      return entry.next as Promise<T>;
    }
    return this.#start(key, head, compute);
  }

  #start<T>(key: string, head: number, compute: () => Promise<T>): Promise<T> {
    const value = compute();
    const entry: Entry = { head, value, settled: false };
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    value.then(
      () => {
        entry.settled = true;
      },
      () => {
        entry.settled = true;
        // A failed computation is not kept: the next request tries again.
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
      },
    );
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return value;
  }
}
