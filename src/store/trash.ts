/**
 * Soft deletes: a deleted record moves, with the rows that belong to it (a person's names
 * and events), into `deleted_record`, and every move is in the audit log. Queries of the
 * registry need no filter for deleted rows; an admin can restore them.
 */
import type { Queryable } from "./connection.ts";
import { ENTITY_TABLES, type EntityName } from "./entity-tables.ts";
import { refreshNameKeys } from "./names.ts";

interface Part {
  table: string;
  /** Condition on alias `t` with the record's id as $1. */
  where: string;
  /** Audit entity id of a row of `t`. */
  entityId: string;
}

/** The rows that go with a record, parents first (restore order). */
function partsOf(entity: EntityName): Part[] {
  const table = ENTITY_TABLES[entity].table;
  const main: Part = { table, where: "t.id = $1", entityId: "t.id" };
  if (entity !== "person") return [main];
  return [
    main,
    { table: "person_name", where: "t.person_id = $1", entityId: "t.person_id || '/' || t.name" },
    { table: "event", where: "t.person_id = $1", entityId: "t.id" },
  ];
}

const BOOKKEEPING = " - 'created_at' - 'updated_at'";

export type TrashOutcome = "done" | "missing" | "stale";

/**
 * Moves a record (and, for a person, their names and events) to the trash. With `version`,
 * refuses (`stale`) when the record has moved on since the caller read it.
 */
export async function trashRecord(
  tx: Queryable,
  entity: EntityName,
  id: string,
  actor: string,
  version?: number,
): Promise<TrashOutcome> {
  const parts = partsOf(entity);
  const main = parts[0] as Part;
  const [current] = await tx.query<{ version: number }>(
    `SELECT version FROM ${main.table} WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!current) return "missing";
  if (version !== undefined && current.version !== version) return "stale";
  const rows: Record<string, unknown[]> = {};
  for (const part of parts) {
    const [found] = await tx.query<{ rows: unknown[] }>(
      `SELECT coalesce(jsonb_agg(to_jsonb(t)), '[]'::jsonb) AS rows FROM ${part.table} t WHERE ${part.where}`,
      [id],
    );
    rows[part.table] = found?.rows ?? [];
  }
  await tx.query(
    "INSERT INTO deleted_record (entity, entity_id, rows, deleted_by) VALUES ($1, $2, $3::jsonb, $4)",
    [entity, id, JSON.stringify(rows), actor],
  );
  for (const part of [...parts].reverse()) {
    await tx.query(
      `INSERT INTO audit_log (actor, action, entity, entity_id, before)
       SELECT $2, 'delete', '${part.table}', ${part.entityId}, to_jsonb(t)${BOOKKEEPING}
       FROM ${part.table} t WHERE ${part.where} ORDER BY 4`,
      [id, actor],
    );
    await tx.query(`DELETE FROM ${part.table} t WHERE ${part.where}`, [id]);
  }
  return "done";
}

/**
 * Puts a record back from the trash with a new version (a person with fresh name search
 * keys). Throws the database's error when its id has been taken again or a row it refers
 * to is gone (the caller's transaction then rolls back). Returns false when the trash
 * holds no such record.
 */
export async function restoreRecord(
  tx: Queryable,
  entity: EntityName,
  id: string,
  actor: string,
): Promise<boolean> {
  const [found] = await tx.query<{ rows: Record<string, unknown[]> }>(
    "SELECT rows FROM deleted_record WHERE entity = $1 AND entity_id = $2 FOR UPDATE",
    [entity, id],
  );
  if (!found) return false;
  const parts = partsOf(entity);
  for (const part of parts) {
    const rows = found.rows[part.table] ?? [];
    if (rows.length === 0) continue;
    await tx.query(
      `INSERT INTO ${part.table} SELECT * FROM jsonb_populate_recordset(NULL::${part.table}, $1::jsonb)`,
      [JSON.stringify(rows)],
    );
  }
  const main = parts[0] as Part;
  await tx.query(
    `UPDATE ${main.table} SET version = version + 1, updated_at = now() WHERE id = $1`,
    [id],
  );
  // A person's search keys are derived data, not kept in the trash: compute them again.
  if (entity === "person") await refreshNameKeys(tx, [id]);
  for (const part of parts) {
    await tx.query(
      `INSERT INTO audit_log (actor, action, entity, entity_id, after)
       SELECT $2, 'restore', '${part.table}', ${part.entityId}, to_jsonb(t)${BOOKKEEPING}
       FROM ${part.table} t WHERE ${part.where} ORDER BY 4`,
      [id, actor],
    );
  }
  await tx.query("DELETE FROM deleted_record WHERE entity = $1 AND entity_id = $2", [entity, id]);
  return true;
}

export interface TrashEntry {
  entity: EntityName;
  entityId: string;
  deletedAt: string;
  deletedBy: string;
  /** Rows held per table, e.g. {"person": 1, "person_name": 2, "event": 7}. */
  rows: Record<string, number>;
}

export async function listTrash(
  q: Queryable,
  options: { entity?: EntityName; limit: number; offset: number },
): Promise<{ items: TrashEntry[]; total: number }> {
  const params = [options.entity ?? null];
  const [count] = await q.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM deleted_record WHERE $1::text IS NULL OR entity = $1",
    params,
  );
  const rows = await q.query<Omit<TrashEntry, "rows"> & { rows: Record<string, unknown[]> }>(
    `SELECT entity, entity_id AS "entityId", deleted_by AS "deletedBy", rows,
            to_char(deleted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "deletedAt"
     FROM deleted_record WHERE $1::text IS NULL OR entity = $1
     ORDER BY deleted_at DESC, entity, entity_id
     LIMIT ${Math.trunc(options.limit)} OFFSET ${Math.trunc(options.offset)}`,
    params,
  );
  return {
    total: count?.n ?? 0,
    items: rows.map((r) => ({
      ...r,
      rows: Object.fromEntries(Object.entries(r.rows).map(([table, list]) => [table, list.length])),
    })),
  };
}
