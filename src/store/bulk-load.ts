/**
 * The fast path of large imports, inside the importer's transaction: new records are
 * COPYed straight into their table, and for a large load into a small table the foreign
 * keys and secondary indexes are dropped first and rebuilt after — the PostgreSQL manual's
 * advice for populating a database ("Remove Indexes", "Remove Foreign Key Constraints"):
 * one set-based check and one sort instead of a trigger and an index insertion per row.
 * DDL is transactional on PostgreSQL and PGlite, so a failed or killed import rolls all of
 * it back with the rows.
 *
 * The rows inserted by a COPY are audited by one `audit_log` row per batch that lists
 * their ids (`entity_id = '*'`, `after = {"rows", "file", "lines", "ids"}`): an audit row
 * and an index entry per inserted row cost more than the import itself. Updates of
 * existing rows go through the bundle writer and are audited row by row, before and after.
 */
import type { Bundle } from "../domain/model.ts";
import { TABLE_SPECS, type TableSpec } from "./bundle-writer.ts";
import type { Queryable } from "./connection.ts";

export type BundleKey = keyof Bundle;

function specOf(key: BundleKey): TableSpec<unknown> {
  return TABLE_SPECS[key] as TableSpec<unknown>;
}

export function tableOf(key: BundleKey): string {
  return specOf(key).table;
}

/**
 * The primary key of a record as one string, in the form the audit log uses for
 * `entity_id` (`person_id/name` for names).
 */
export function recordKey(key: BundleKey, record: object): string {
  if (key === "names") {
    const name = record as Bundle["names"][number];
    return `${name.personId}/${name.name}`;
  }
  return (record as { id: string }).id;
}

/**
 * Stops other writers of these tables until the import commits (readers go on), so that
 * "this table was empty when the import began" stays true while it runs.
 */
export async function lockForImport(tx: Queryable, keys: readonly BundleKey[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.query(
    `LOCK TABLE ${keys.map((key) => tableOf(key)).join(", ")} IN SHARE ROW EXCLUSIVE MODE`,
  );
}

/** The number of rows of the table, counted up to `limit` (cheap on a large table). */
export async function countRowsUpTo(tx: Queryable, key: BundleKey, limit: number): Promise<number> {
  const [row] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${tableOf(key)} LIMIT $1) rows`,
    [limit],
  );
  return row?.n ?? 0;
}

/** The keys (as {@link recordKey}) of `records` that are already in the table. */
export async function existingKeys(
  tx: Queryable,
  key: BundleKey,
  records: readonly object[],
): Promise<Set<string>> {
  if (records.length === 0) return new Set();
  if (key === "names") {
    const names = records as Bundle["names"];
    const rows = await tx.query<{ person_id: string; name: string }>(
      `SELECT n.person_id, n.name FROM person_name n
       JOIN unnest($1::text[], $2::text[]) AS k (person_id, name)
         ON n.person_id = k.person_id AND n.name = k.name`,
      [names.map((n) => n.personId), names.map((n) => n.name)],
    );
    return new Set(rows.map((r) => `${r.person_id}/${r.name}`));
  }
  const rows = await tx.query<{ id: string }>(
    `SELECT id FROM ${tableOf(key)} WHERE id = ANY($1::text[])`,
    [records.map((r) => (r as { id: string }).id)],
  );
  return new Set(rows.map((r) => r.id));
}

export { copyLine } from "./copy-lines.ts";

const ID_TABLES = { person: "person", source: "source", operation: "release_operation" } as const;

/** Every id of a referenced table, or null when it holds more than `max`. */
export async function allIds(
  q: Queryable,
  kind: keyof typeof ID_TABLES,
  max: number,
): Promise<string[] | null> {
  const [count] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${ID_TABLES[kind]} LIMIT $1) t`,
    [max + 1],
  );
  if ((count?.n ?? 0) > max) return null;
  const rows = await q.query<{ id: string }>(`SELECT id FROM ${ID_TABLES[kind]}`);
  return rows.map((row) => row.id);
}

export interface BulkBatch {
  actor: string;
  /** The import's batch label, as in `audit_log.batch`. */
  batch: string;
  /** Where the records come from, for the audit row: file and first and last line. */
  file: string;
  lines: [number, number];
}

/**
 * COPYs rows that are not in the table yet straight into it — `text` is their COPY CSV
 * ({@link copyLine}s, each ended by a line break) and `ids` their keys — and audits them
 * with one row. The caller has checked that none of the keys exists.
 */
export async function copyRows(
  tx: Queryable,
  key: BundleKey,
  text: string,
  ids: readonly string[],
  audit: BulkBatch,
): Promise<void> {
  if (ids.length === 0) return;
  const spec = specOf(key);
  await tx.copyCsv(spec.table, spec.columns, text);
  const after = { rows: ids.length, file: audit.file, lines: audit.lines, ids };
  await tx.query(
    `INSERT INTO audit_log (actor, action, entity, entity_id, after, batch)
     VALUES ($1, 'insert', $2, '*', $3::jsonb, $4)`,
    [audit.actor, spec.table, JSON.stringify(after), audit.batch],
  );
}

export interface SuspendedConstraints {
  table: string;
  foreignKeys: { name: string; definition: string }[];
  indexes: { name: string; definition: string }[];
}

/**
 * Drops the foreign keys of the table and its indexes that enforce nothing (not primary,
 * not unique), remembering their definitions from the catalog so that
 * {@link restoreConstraints} recreates exactly what was there, whoever's migration made it.
 */
export async function suspendConstraints(
  tx: Queryable,
  key: BundleKey,
): Promise<SuspendedConstraints> {
  const table = tableOf(key);
  const foreignKeys = await tx.query<{ name: string; definition: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition
     FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY conname`,
    [table],
  );
  const indexes = await tx.query<{ name: string; definition: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = $1::regclass AND NOT i.indisunique AND NOT i.indisprimary
     ORDER BY c.relname`,
    [table],
  );
  for (const fk of foreignKeys) {
    await tx.query(`ALTER TABLE ${table} DROP CONSTRAINT ${quoteIdent(fk.name)}`);
  }
  for (const index of indexes) await tx.query(`DROP INDEX ${quoteIdent(index.name)}`);
  return { table, foreignKeys, indexes };
}

/** Rebuilds what {@link suspendConstraints} dropped; the foreign keys check every row. */
export async function restoreConstraints(
  tx: Queryable,
  suspended: SuspendedConstraints,
): Promise<void> {
  for (const index of suspended.indexes) await tx.query(index.definition);
  for (const fk of suspended.foreignKeys) {
    await tx.query(
      `ALTER TABLE ${suspended.table} ADD CONSTRAINT ${quoteIdent(fk.name)} ${fk.definition}`,
    );
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
