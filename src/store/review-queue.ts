/**
 * The review queue: pairs of people that may be one person, with the match probability
 * and its explanation, waiting for a reviewer (pending) or decided (accepted, rejected,
 * linked automatically). Every change is in the audit log (entity `match_candidate`).
 */
import type { Queryable } from "./connection.ts";

export type CandidateStatus = "pending" | "accepted" | "rejected" | "linked";

export interface NewCandidate {
  leftId: string;
  rightId: string;
  probability: number;
  weight: number;
  explanation: unknown;
  status: "pending" | "linked";
}

export interface StoredCandidate {
  id: number;
  leftId: string;
  rightId: string;
  probability: number;
  weight: number;
  explanation: unknown;
  status: CandidateStatus;
  mergeId: number | null;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
}

const COLUMNS = `c.id, c.left_id AS "leftId", c.right_id AS "rightId", c.probability, c.weight,
  c.explanation, c.status, c.merge_id AS "mergeId",
  to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
  c.decided_by AS "decidedBy",
  to_char(c.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "decidedAt", c.note`;

const AUDITED = "to_jsonb(c) - 'created_at' - 'decided_at'";

/**
 * Adds pairs to the queue, ids in order (left < right). A pair already decided is left as
 * it is; a pending pair gets the new score. Returns the ids by "left/right".
 */
export async function upsertCandidates(
  tx: Queryable,
  candidates: readonly NewCandidate[],
  actor: string,
): Promise<Map<string, { id: number; status: CandidateStatus }>> {
  const rows = candidates.map((c) => {
    const [left, right] = c.leftId < c.rightId ? [c.leftId, c.rightId] : [c.rightId, c.leftId];
    return {
      left_id: left,
      right_id: right,
      probability: c.probability,
      weight: c.weight,
      explanation: c.explanation,
      status: c.status,
    };
  });
  const result = new Map<string, { id: number; status: CandidateStatus }>();
  for (let from = 0; from < rows.length; from += 2000) {
    const batch = JSON.stringify(rows.slice(from, from + 2000));
    const written = await tx.query<{
      id: number;
      leftId: string;
      rightId: string;
      status: CandidateStatus;
    }>(
      `WITH incoming AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(left_id text, right_id text,
           probability double precision, weight double precision, explanation jsonb, status text)),
       old AS (
         SELECT c.* FROM match_candidate c JOIN incoming i USING (left_id, right_id)),
       upserted AS (
         INSERT INTO match_candidate AS c
           (left_id, right_id, probability, weight, explanation, status, created_by,
            decided_by, decided_at)
         SELECT left_id, right_id, probability, weight, explanation, status, $2,
                CASE WHEN status = 'linked' THEN $2 END, CASE WHEN status = 'linked' THEN now() END
         FROM incoming
         ON CONFLICT (left_id, right_id) DO UPDATE
           SET probability = EXCLUDED.probability, weight = EXCLUDED.weight,
               explanation = EXCLUDED.explanation, status = EXCLUDED.status,
               decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at
           WHERE c.status = 'pending'
         RETURNING c.*),
       logged AS (
         INSERT INTO audit_log (actor, action, entity, entity_id, before, after)
         SELECT $2, CASE WHEN o.id IS NULL THEN 'insert' ELSE 'update' END, 'match_candidate',
                u.id::text, (SELECT ${AUDITED} FROM old c WHERE c.id = o.id),
                (SELECT ${AUDITED} FROM upserted c WHERE c.id = u.id)
         FROM upserted u LEFT JOIN old o ON o.id = u.id)
       -- The statement sees the table as it was: new rows come from RETURNING.
       SELECT u.id, u.left_id AS "leftId", u.right_id AS "rightId", u.status FROM upserted u
       UNION ALL
       SELECT o.id, o.left_id, o.right_id, o.status FROM old o
       WHERE NOT EXISTS (SELECT 1 FROM upserted u WHERE u.id = o.id)`,
      [batch, actor],
    );
    for (const row of written) {
      result.set(`${row.leftId}/${row.rightId}`, { id: row.id, status: row.status });
    }
  }
  return result;
}

/** Pairs already decided (not pending), to leave out of a new matching run. */
export async function decidedPairs(q: Queryable): Promise<Set<string>> {
  const rows = await q.query<{ key: string }>(
    "SELECT left_id || '/' || right_id AS key FROM match_candidate WHERE status <> 'pending'",
  );
  return new Set(rows.map((r) => r.key));
}

export interface QueueQuery {
  status?: CandidateStatus;
  limit: number;
  offset?: number;
}

/**
 * Candidates, best first, with both people's names. Pending pairs whose people no longer
 * both exist (one was merged or deleted since) are left out.
 */
export async function listCandidates(
  q: Queryable,
  query: QueueQuery,
): Promise<(StoredCandidate & { leftName: string | null; rightName: string | null })[]> {
  return q.query(
    `SELECT ${COLUMNS}, l.name AS "leftName", r.name AS "rightName"
     FROM match_candidate c
     LEFT JOIN person l ON l.id = c.left_id
     LEFT JOIN person r ON r.id = c.right_id
     WHERE c.status = coalesce($1, c.status)
       AND (c.status <> 'pending' OR (l.id IS NOT NULL AND r.id IS NOT NULL))
     ORDER BY c.probability DESC, c.id
     LIMIT $2 OFFSET $3`,
    [query.status ?? null, Math.trunc(query.limit), Math.trunc(query.offset ?? 0)],
  );
}

export async function getCandidate(q: Queryable, id: number): Promise<StoredCandidate | null> {
  const [row] = await q.query<StoredCandidate>(
    `SELECT ${COLUMNS} FROM match_candidate c WHERE c.id = $1`,
    [id],
  );
  return row ?? null;
}

/** Records a decision on a candidate (or its undoing), audited. */
export async function setCandidateStatus(
  tx: Queryable,
  id: number,
  change: { status: CandidateStatus; actor: string; mergeId?: number | null; note?: string | null },
): Promise<void> {
  await tx.query(
    `WITH old AS (SELECT * FROM match_candidate WHERE id = $1 FOR UPDATE),
     changed AS (
       UPDATE match_candidate c SET status = $2, decided_by = $3, decided_at = now(),
         merge_id = CASE WHEN $4::boolean THEN $5::bigint ELSE c.merge_id END,
         note = coalesce($6, c.note)
       WHERE c.id = $1 RETURNING c.*)
     INSERT INTO audit_log (actor, action, entity, entity_id, before, after)
     SELECT $3, 'update', 'match_candidate', c.id::text,
            (SELECT ${AUDITED} FROM old c), ${AUDITED}
     FROM changed c`,
    [
      id,
      change.status,
      change.actor,
      change.mergeId !== undefined,
      change.mergeId ?? null,
      change.note ?? null,
    ],
  );
}

/** The candidate whose acceptance (or automatic link) made merge `mergeId`, if any. */
export async function candidateOfMerge(
  q: Queryable,
  mergeId: number,
): Promise<{ id: number } | null> {
  const [row] = await q.query<{ id: number }>(
    "SELECT id FROM match_candidate WHERE merge_id = $1",
    [mergeId],
  );
  return row ?? null;
}
