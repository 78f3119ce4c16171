/**
 * What the importer knows about keys while it streams: the keys it has accepted (to catch
 * duplicates and resolve references to rows earlier in the import; as hashes, key-index.ts),
 * the rows it rejected (so that a row pointing to one is rejected too, saying why), and
 * which referenced ids the database holds. Memory grows with the number of keys (about 50
 * bytes each), not with the rows' content.
 */
import type { Bundle } from "../domain/model.ts";
import { detach } from "./csv-records.ts";
import { KeyIndex } from "./key-index.ts";

export type BundleKey = keyof Bundle;
export type RefKind = "person" | "source" | "operation";

const KIND_NAME = { person: "person", source: "source", operation: "release operation" } as const;
const KEY_OF_KIND = { person: "people", source: "sources", operation: "operations" } as const;
const KIND_OF_KEY: Partial<Record<BundleKey, RefKind>> = {
  people: "person",
  sources: "source",
  operations: "operation",
};

export type Visit = (kind: RefKind, column: string, id: string) => void;

/** Calls `visit` for each reference of a validated record, in the order problems are reported. */
export function eachReference(key: BundleKey, record: object, visit: Visit): void {
  if (key === "names") visit("person", "person_id", (record as { personId: string }).personId);
  if (key === "events") {
    const event = record as Bundle["events"][number];
    visit("person", "person_id", event.personId);
    if (event.operationId) visit("operation", "operation_id", event.operationId);
  }
  const sources = (record as { sourceIds?: string[] }).sourceIds;
  if (sources) for (const id of sources) visit("source", "source_id", id);
}

const CACHE_LIMIT = 200_000;

export class ReferenceBook {
  /** Line of the first acceptance of each key, per bundle file. */
  private readonly lines = new Map<BundleKey, KeyIndex>();
  /** Hash of the fields of accepted keys whose identical repeats are skipped. */
  private readonly hashes = new Map<BundleKey, KeyIndex>();
  private readonly rejected: Record<RefKind, Map<string, { file: string; line: number }>> = {
    person: new Map(),
    source: new Map(),
    operation: new Map(),
  };
  /**
   * Every id of a kind that the database held when the import began, when it was read
   * whole (a table of up to a few million rows): then no look-up is needed for that kind.
   */
  private readonly allInDatabase: Partial<Record<RefKind, KeyIndex>> = {};
  private readonly inDatabase: Record<RefKind, Map<string, boolean>> = {
    person: new Map(),
    source: new Map(),
    operation: new Map(),
  };
  /** The files that hold each kind, for "not in people.csv nor in the database". */
  private readonly filesOf: (kind: RefKind) => string;

  constructor(filesOf: (kind: RefKind) => string) {
    this.filesOf = filesOf;
  }

  private linesOf(key: BundleKey): KeyIndex {
    let map = this.lines.get(key);
    if (!map) {
      map = new KeyIndex();
      this.lines.set(key, map);
    }
    return map;
  }

  /** The line of the first acceptance of this key in the import, if any. */
  previous(key: BundleKey, recordKey: string): number | undefined {
    return this.lines.get(key)?.get(recordKey);
  }

  hashOf(key: BundleKey, recordKey: string): number | undefined {
    return this.hashes.get(key)?.get(recordKey);
  }

  accept(key: BundleKey, recordKey: string, line: number, hash: number | null): void {
    this.linesOf(key).set(recordKey, line);
    if (hash === null) return;
    let hashes = this.hashes.get(key);
    if (!hashes) {
      hashes = new KeyIndex();
      this.hashes.set(key, hashes);
    }
    hashes.set(recordKey, hash);
  }

  /** Takes back an acceptance (the rest of its source row was rejected). */
  forget(key: BundleKey, recordKey: string): void {
    this.lines.get(key)?.delete(recordKey);
    this.hashes.get(key)?.delete(recordKey);
  }

  /** Remembers a rejected row of a referenced kind by the id it carries. */
  reject(key: BundleKey, id: string | undefined, file: string, line: number): void {
    const kind = KIND_OF_KEY[key];
    if (!kind || !id || this.lines.get(key)?.has(id)) return;
    const map = this.rejected[kind];
    if (!map.has(id)) map.set(detach(id), { file, line });
  }

  /** Accepted earlier in the import. */
  imported(kind: RefKind, id: string): boolean {
    return this.lines.get(KEY_OF_KIND[kind])?.has(id) === true;
  }

  /** Takes every id of a kind that the database holds (read when the import began). */
  preload(kind: RefKind, ids: readonly string[]): void {
    const index = new KeyIndex();
    for (const id of ids) index.set(id, 1);
    this.allInDatabase[kind] = index;
  }

  /** Accepted earlier in the import, or known to be in the database. */
  known(kind: RefKind, id: string): boolean {
    if (this.imported(kind, id)) return true;
    const all = this.allInDatabase[kind];
    return all ? all.has(id) : this.inDatabase[kind].get(id) === true;
  }

  /**
   * Asks the database (through `lookUp`, one query per kind) about the ids a batch refers
   * to that the import does not hold. `wanted` holds all of them, cached or not: the cache
   * may be cleared here, and every answer the batch needs is in it afterwards.
   */
  async lookUp(
    wanted: Record<RefKind, Set<string>>,
    lookUp: (ids: Record<RefKind, string[]>) => Promise<Record<RefKind, string[]>>,
  ): Promise<void> {
    const ask: Record<RefKind, string[]> = { person: [], source: [], operation: [] };
    let any = false;
    for (const kind of ["person", "source", "operation"] as const) {
      if (wanted[kind].size === 0 || this.allInDatabase[kind]) continue;
      const cache = this.inDatabase[kind];
      if (cache.size + wanted[kind].size > CACHE_LIMIT) cache.clear();
      for (const id of wanted[kind]) {
        if (!cache.has(id)) {
          ask[kind].push(id);
          any = true;
        }
      }
    }
    if (!any) return;
    const found = await lookUp(ask);
    for (const kind of ["person", "source", "operation"] as const) {
      const present = new Set(found[kind]);
      for (const id of ask[kind]) this.inDatabase[kind].set(detach(id), present.has(id));
    }
  }

  /** Why a reference cannot be resolved, or null when it can. Call {@link lookUp} first. */
  problem(kind: RefKind, id: string): string | null {
    if (this.known(kind, id)) return null;
    const rejected = this.rejected[kind].get(id);
    if (rejected) {
      return `refers to ${KIND_NAME[kind]} "${id}", which is on a rejected row (${rejected.file}, line ${rejected.line})`;
    }
    return `unknown ${KIND_NAME[kind]} id "${id}" (not in ${this.filesOf(kind)} nor in the database)`;
  }
}
