/** Reading the audit log: an entity's history, the whole log for admins, its head. */
import type { Queryable } from "./connection.ts";

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: "insert" | "update" | "delete" | "restore";
  entity: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  batch: string | null;
}

const COLUMNS = `id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor,
  action, entity, entity_id AS "entityId", before, after, batch`;

/**
 * The log of one record, oldest first; `childTable` adds the rows keyed `<id>/...` of a
 * table that belongs to it (a person's names, `person_name`: their bulk-import batches are
 * found through the names the person has now).
 */
export async function recordHistory(
  q: Queryable,
  table: string,
  id: string,
  childTable?: string,
): Promise<AuditEntry[]> {
  return q.query<AuditEntry>(
    `SELECT ${COLUMNS} FROM audit_log
     WHERE (entity = $1 AND entity_id = $2)
        OR (entity = $3 AND left(entity_id, length($2) + 1) = $2 || '/')
        OR (entity = $1 AND entity_id = '*' AND after->'ids' ? $2)
        OR ($3 = 'person_name' AND entity = $3 AND entity_id = '*' AND EXISTS (
              SELECT 1 FROM person_name n
              WHERE n.person_id = $2 AND after->'ids' ? (n.person_id || '/' || n.name)))
     ORDER BY id`,
    [table, id, childTable ?? null],
  );
}

/**
 * The log of a person's events, oldest first: every entry of an event that belonged to the
 * person (before or after the change, so deleted events too), and the bulk-import batches
 * that inserted the person's current events.
 */
export async function caseEventsHistory(q: Queryable, personId: string): Promise<AuditEntry[]> {
  return q.query<AuditEntry>(
    `SELECT ${COLUMNS} FROM audit_log a
     WHERE a.entity = 'event' AND a.entity_id <> '*'
       AND (a.before->>'person_id' = $1 OR a.after->>'person_id' = $1)
     UNION ALL
     SELECT ${COLUMNS} FROM audit_log a
     WHERE a.entity = 'event' AND a.entity_id = '*'
       AND EXISTS (SELECT 1 FROM event e WHERE e.person_id = $1 AND a.after->'ids' ? e.id)
     ORDER BY id`,
    [personId],
  );
}

export interface AuditQuery {
  entity?: string;
  actor?: string;
  /** Entries with a smaller id (the next page of a newest-first listing). */
  beforeId?: number;
  limit: number;
}

/** The log, newest first. */
export async function listAudit(q: Queryable, query: AuditQuery): Promise<AuditEntry[]> {
  return q.query<AuditEntry>(
    `SELECT ${COLUMNS} FROM audit_log
     WHERE ($1::text IS NULL OR entity = $1) AND ($2::text IS NULL OR actor = $2)
       AND ($3::bigint IS NULL OR id < $3)
     ORDER BY id DESC LIMIT ${Math.trunc(query.limit)}`,
    [query.entity ?? null, query.actor ?? null, query.beforeId ?? null],
  );
}

/**
 * The id of the latest audit entry: every write appends to the log, so a cached figure
 * computed at this head is still right while the head has not moved.
 */
export async function auditHead(q: Queryable): Promise<number> {
  const [row] = await q.query<{ head: number | null }>("SELECT max(id) AS head FROM audit_log");
  return row?.head ?? 0;
}
