/**
 * Undoing a merge from its recorded before-state: the merged person comes back with their
 * names, the events that moved go back, the names the merge added to the kept person are
 * removed and the fields it changed are restored, where nothing changed them since.
 */
import type { Queryable } from "./connection.ts";
import { type MergeBefore, MergeError, moveEvents, setFields } from "./merges.ts";
import { refreshNameKeys } from "./names.ts";

const BOOKKEEPING = " - 'version' - 'created_at' - 'updated_at'";
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export interface StoredMerge {
  id: number;
  intoId: string;
  fromId: string;
  before: MergeBefore;
  candidateId: number | null;
  mergedBy: string;
  mergedAt: string;
  undoneBy: string | null;
  undoneAt: string | null;
}

const MERGE_COLUMNS = `id, into_id AS "intoId", from_id AS "fromId", before,
  candidate_id AS "candidateId", merged_by AS "mergedBy",
  to_char(merged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "mergedAt",
  undone_by AS "undoneBy",
  to_char(undone_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "undoneAt"`;

export async function getMerge(q: Queryable, id: number): Promise<StoredMerge | null> {
  const [row] = await q.query<StoredMerge>(
    `SELECT ${MERGE_COLUMNS} FROM person_merge WHERE id = $1`,
    [id],
  );
  return row ?? null;
}

/** Merges, newest first (optionally those touching one person). */
export async function listMerges(
  q: Queryable,
  options: { personId?: string; limit: number },
): Promise<Omit<StoredMerge, "before">[]> {
  return q.query(
    `SELECT ${MERGE_COLUMNS.replace("before,", "")} FROM person_merge
     WHERE $1::text IS NULL OR into_id = $1 OR from_id = $1
     ORDER BY id DESC LIMIT $2`,
    [options.personId ?? null, Math.trunc(options.limit)],
  );
}

/** Inserts a row saved by to_jsonb, with only the columns it has (later columns default). */
async function reinsert(
  tx: Queryable,
  table: "person" | "person_name",
  rows: readonly Record<string, unknown>[],
  audit: { actor: string; batch: string; entityId: string },
): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = Object.keys(rows[0] as object).filter((c) => IDENTIFIER.test(c));
  const list = columns.join(", ");
  const [row] = await tx.query<{ n: number }>(
    `WITH back AS (
       INSERT INTO ${table} (${list})
       SELECT ${list} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)
       ON CONFLICT DO NOTHING RETURNING *),
     logged AS (
       INSERT INTO audit_log (actor, action, entity, entity_id, after, batch)
       SELECT $2, 'insert', '${table}', ${audit.entityId}, to_jsonb(t)${table === "person" ? BOOKKEEPING : ""}, $3
       FROM back t RETURNING 1)
     SELECT count(*)::int AS n FROM logged`,
    [JSON.stringify(rows), audit.actor, audit.batch],
  );
  return row?.n ?? 0;
}

export interface UnmergeOutcome {
  mergeId: number;
  restoredEvents: number;
  /** Events of the merged person that no longer belong to the kept person (left where they are). */
  eventsNotRestored: number;
  removedNames: number;
  restoredFields: string[];
}

/** Undoes merge `id` in the caller's transaction. */
export async function undoPersonMerge(
  tx: Queryable,
  id: number,
  actor: string,
): Promise<UnmergeOutcome> {
  const [locked] = await tx.query<{ id: number }>(
    "SELECT id FROM person_merge WHERE id = $1 FOR UPDATE",
    [id],
  );
  const merge = locked ? await getMerge(tx, id) : null;
  if (!merge) throw new MergeError(`no merge #${id}`, "not-found");
  if (merge.undoneAt !== null) {
    throw new MergeError(
      `merge #${id} was already undone (by ${merge.undoneBy} at ${merge.undoneAt})`,
    );
  }
  const [into] = await tx.query<{ row: Record<string, unknown> }>(
    "SELECT to_jsonb(p) AS row FROM person p WHERE id = $1 FOR UPDATE",
    [merge.intoId],
  );
  if (!into) {
    const [later] = await tx.query<{ id: number; into: string }>(
      `SELECT id, into_id AS into FROM person_merge
       WHERE from_id = $1 AND undone_at IS NULL ORDER BY id DESC LIMIT 1`,
      [merge.intoId],
    );
    throw new MergeError(
      later
        ? `person "${merge.intoId}" was merged into "${later.into}" by merge #${later.id}: undo merge #${later.id} first`
        : `person "${merge.intoId}" no longer exists`,
    );
  }
  const [back] = await tx.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM person WHERE id = $1",
    [merge.fromId],
  );
  if ((back?.n ?? 0) > 0) {
    throw new MergeError(`a person "${merge.fromId}" exists again: cannot restore the merged one`);
  }
  const audit = { actor, batch: `unmerge:${id}` };
  const before = merge.before;

  await reinsert(tx, "person", [before.from], { ...audit, entityId: "t.id" });
  await reinsert(tx, "person_name", before.fromNames, {
    ...audit,
    entityId: "t.person_id || '/' || t.name",
  });
  const restoredEvents = await moveEvents(tx, before.events, merge.intoId, merge.fromId, {
    actor,
    batch: audit.batch,
  });
  const [removed] = await tx.query<{ n: number }>(
    `WITH gone AS (
       DELETE FROM person_name WHERE person_id = $1 AND name = ANY($2::text[]) RETURNING *),
     logged AS (
       INSERT INTO audit_log (actor, action, entity, entity_id, before, batch)
       SELECT $3, 'delete', 'person_name', g.person_id || '/' || g.name, to_jsonb(g), $4
       FROM gone g RETURNING 1)
     SELECT count(*)::int AS n FROM logged`,
    [merge.intoId, before.addedNames, actor, audit.batch],
  );

  // A field goes back only if it still holds what the merge put there.
  const current = into.row;
  const restore = Object.entries(before.changed)
    .filter(([field, [, after]]) => IDENTIFIER.test(field) && current[field] === after)
    .map(([field, [was]]) => [field, was] as const);
  await setFields(tx, merge.intoId, Object.fromEntries(restore), { actor, batch: audit.batch });
  await tx.query(
    `WITH old AS (SELECT * FROM person_merge WHERE id = $1),
     done AS (
       UPDATE person_merge SET undone_by = $2, undone_at = now() WHERE id = $1 RETURNING *)
     INSERT INTO audit_log (actor, action, entity, entity_id, before, after, batch)
     SELECT $2, 'update', 'person_merge', d.id::text, (SELECT to_jsonb(o) - 'before' FROM old o),
            to_jsonb(d) - 'before', $3
     FROM done d`,
    [id, actor, audit.batch],
  );
  await refreshNameKeys(tx, [merge.intoId, merge.fromId]);
  return {
    mergeId: id,
    restoredEvents,
    eventsNotRestored: before.events.length - restoredEvents,
    removedNames: removed?.n ?? 0,
    restoredFields: restore.map(([field]) => field),
  };
}
