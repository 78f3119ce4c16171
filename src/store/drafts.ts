/**
 * Drafts read from news articles and the articles themselves (migration 0005): saving,
 * listing and reviewing them, each write appended to the audit log in the caller's
 * transaction. Also the look-ups an acceptance needs: an equivalent record already in the
 * registry, to which the article is then added as a source instead of a duplicate.
 */
import type { DateRange } from "../domain/model.ts";
import { dayToIso } from "../domain/partial-date.ts";
import type { Queryable } from "./connection.ts";

export const DRAFT_STATUSES = ["pending", "accepted", "rejected"] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

export interface ArticleRow {
  sourceId: string;
  title: string;
  publisher: string | null;
  url: string | null;
  published: DateRange | null;
  language: string;
  body: string;
}

/** A draft as the extractor gives it, to be saved. */
export interface NewDraftRow {
  kind: string;
  payload: object;
  sentence: string;
  sentenceStart: number;
  sentenceEnd: number;
  confidence: number;
  notes: string[];
  evidence: object[];
  fingerprint: string;
}

export interface DraftRow extends Omit<NewDraftRow, "fingerprint"> {
  id: number;
  articleSourceId: string;
  status: DraftStatus;
  editedPayload: object | null;
  recordId: string | null;
  reviewer: string | null;
  reviewedAt: string | null;
  createdAt: string;
}

const DRAFT_COLUMNS = `id, article_source_id AS "articleSourceId", kind, status, payload,
  edited_payload AS "editedPayload", sentence, sentence_start AS "sentenceStart",
  sentence_end AS "sentenceEnd", confidence, notes, evidence, record_id AS "recordId", reviewer,
  to_char(reviewed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "reviewedAt",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt"`;

export interface Audit {
  actor: string;
  batch: string;
}

/** Stores the article unless it is there already; returns the body stored under its id. */
export async function saveArticle(
  tx: Queryable,
  article: ArticleRow,
  audit: Audit,
): Promise<string> {
  const published = article.published;
  await tx.query(
    `WITH ins AS (
       INSERT INTO draft_article (source_id, title, publisher, url, published, published_first,
         published_last, language, body)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (source_id) DO NOTHING
       RETURNING *)
     INSERT INTO audit_log (actor, action, entity, entity_id, after, batch)
     SELECT $10, 'insert', 'draft_article', ins.source_id, to_jsonb(ins) - 'body', $11 FROM ins`,
    [
      article.sourceId,
      article.title,
      article.publisher,
      article.url,
      published?.text ?? null,
      published ? dayToIso(published.first) : null,
      published ? dayToIso(published.last) : null,
      article.language,
      article.body,
      audit.actor,
      audit.batch,
    ],
  );
  const [row] = await tx.query<{ body: string }>(
    "SELECT body FROM draft_article WHERE source_id = $1",
    [article.sourceId],
  );
  return row?.body ?? "";
}

export async function getArticle(q: Queryable, sourceId: string): Promise<ArticleRow | null> {
  const [row] = await q.query<
    Omit<ArticleRow, "published"> & {
      published: string | null;
      first: string | null;
      last: string | null;
    }
  >(
    `SELECT source_id AS "sourceId", title, publisher, url, published, published_first AS first,
       published_last AS last, language, body
     FROM draft_article WHERE source_id = $1`,
    [sourceId],
  );
  if (!row) return null;
  const { first, last, published, ...rest } = row;
  return {
    ...rest,
    published:
      published === null || first === null || last === null
        ? null
        : { text: published, first: isoDay(first), last: isoDay(last) },
  };
}

function isoDay(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

/** Inserts the drafts not saved before (same fingerprint); returns the ids of the new ones. */
export async function insertDrafts(
  tx: Queryable,
  articleSourceId: string,
  drafts: readonly NewDraftRow[],
  audit: Audit,
): Promise<number[]> {
  if (drafts.length === 0) return [];
  const rows = drafts.map((d, n) => ({
    n,
    kind: d.kind,
    payload: d.payload,
    sentence: d.sentence,
    sentence_start: d.sentenceStart,
    sentence_end: d.sentenceEnd,
    confidence: d.confidence,
    notes: d.notes,
    evidence: d.evidence,
    fingerprint: d.fingerprint,
  }));
  const inserted = await tx.query<{ id: string }>(
    `WITH ins AS (
       INSERT INTO draft (article_source_id, kind, payload, sentence, sentence_start, sentence_end,
         confidence, notes, evidence, fingerprint)
       SELECT $1, r.kind, r.payload, r.sentence, r.sentence_start, r.sentence_end, r.confidence,
         r.notes, r.evidence, r.fingerprint
       FROM jsonb_to_recordset($2::jsonb) AS r(kind text, payload jsonb,
         sentence text, sentence_start integer, sentence_end integer, confidence numeric,
         notes jsonb, evidence jsonb, fingerprint text, n integer)
       ORDER BY r.n
       ON CONFLICT (article_source_id, fingerprint) DO NOTHING
       RETURNING *)
     INSERT INTO audit_log (actor, action, entity, entity_id, after, batch)
     SELECT $3, 'insert', 'draft', ins.id::text, to_jsonb(ins), $4 FROM ins
     RETURNING entity_id AS id`,
    [articleSourceId, JSON.stringify(rows), audit.actor, audit.batch],
  );
  return inserted.map((row) => Number(row.id)).sort((a, b) => a - b);
}

export interface DraftFilter {
  status?: DraftStatus;
  articleSourceId?: string;
  kind?: string;
  ids?: number[];
}

export async function listDraftRows(q: Queryable, filter: DraftFilter = {}): Promise<DraftRow[]> {
  return q.query<DraftRow>(
    `SELECT ${DRAFT_COLUMNS} FROM draft
     WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR article_source_id = $2)
       AND ($3::text IS NULL OR kind = $3) AND ($4::bigint[] IS NULL OR id = ANY($4::bigint[]))
     ORDER BY id`,
    [
      filter.status ?? null,
      filter.articleSourceId ?? null,
      filter.kind ?? null,
      filter.ids ?? null,
    ],
  );
}

/** One draft; `lock` holds it for the rest of the transaction (two reviewers, one outcome). */
export async function getDraftRow(
  q: Queryable,
  id: number,
  lock = false,
): Promise<DraftRow | null> {
  const [row] = await q.query<DraftRow>(
    `SELECT ${DRAFT_COLUMNS} FROM draft WHERE id = $1${lock ? " FOR UPDATE" : ""}`,
    [id],
  );
  return row ?? null;
}

/** Records a review (accepted or rejected) of a pending draft; false if it was not pending. */
export async function reviewDraft(
  tx: Queryable,
  id: number,
  review: {
    status: "accepted" | "rejected";
    editedPayload: object | null;
    recordId: string | null;
  },
  audit: Audit,
): Promise<boolean> {
  const rows = await tx.query(
    `WITH before AS (SELECT to_jsonb(d) AS row FROM draft d WHERE id = $1),
     upd AS (
       UPDATE draft SET status = $2, edited_payload = $3::jsonb, record_id = $4, reviewer = $5,
         reviewed_at = now(), updated_at = now()
       WHERE id = $1 AND status = 'pending'
       RETURNING *)
     INSERT INTO audit_log (actor, action, entity, entity_id, before, after, batch)
     SELECT $5, 'update', 'draft', upd.id::text, (SELECT row FROM before), to_jsonb(upd), $6 FROM upd
     RETURNING 1`,
    [
      id,
      review.status,
      review.editedPayload === null ? null : JSON.stringify(review.editedPayload),
      review.recordId,
      audit.actor,
      audit.batch,
    ],
  );
  return rows.length === 1;
}

/** Saves a reviewer's edits on a pending draft without deciding it. */
export async function saveDraftEdits(
  tx: Queryable,
  id: number,
  editedPayload: object,
  audit: Audit,
): Promise<boolean> {
  const rows = await tx.query(
    `WITH before AS (SELECT to_jsonb(d) AS row FROM draft d WHERE id = $1),
     upd AS (
       UPDATE draft SET edited_payload = $2::jsonb, updated_at = now()
       WHERE id = $1 AND status = 'pending'
       RETURNING *)
     INSERT INTO audit_log (actor, action, entity, entity_id, before, after, batch)
     SELECT $3, 'update', 'draft', upd.id::text, (SELECT row FROM before), to_jsonb(upd), $4 FROM upd
     RETURNING 1`,
    [id, JSON.stringify(editedPayload), audit.actor, audit.batch],
  );
  return rows.length === 1;
}

export type RecordTable = "release_operation" | "monitor_count" | "measure" | "diplomatic_event";

/**
 * The id of a record that states the same fact, if the registry has one: an operation of
 * the same kind on the same dates (and count, when both give one); a count of the same
 * monitor, date, value and qualifier; a measure of the same authority on the same target
 * ("Belavia" matches "Belavia (national airline)") whose date for this action overlaps; a
 * diplomatic event of the same kind and actors on overlapping dates.
 */
export async function findEquivalentRecord(
  q: Queryable,
  table: RecordTable,
  fact: {
    date: DateRange;
    kind?: string;
    count?: number | null;
    monitor?: string;
    qualifier?: string;
    authority?: string;
    target?: string;
    action?: "imposed" | "eased" | "lifted";
    /** Whether a diplomatic event's stored actors are the fact's. */
    sameActors?: (stored: string | null) => boolean;
  },
): Promise<string | null> {
  const first = dayToIso(fact.date.first);
  const last = dayToIso(fact.date.last);
  let rows: { id: string }[];
  if (table === "release_operation") {
    rows = await q.query(
      `SELECT id FROM release_operation WHERE kind = $1 AND date_first = $2 AND date_last = $3
         AND ($4::integer IS NULL OR announced_count IS NULL OR announced_count = $4)
       ORDER BY id LIMIT 1`,
      [fact.kind, first, last, fact.count ?? null],
    );
  } else if (table === "monitor_count") {
    rows = await q.query(
      `SELECT id FROM monitor_count WHERE lower(monitor) = lower($1) AND as_of_first = $2
         AND as_of_last = $3 AND value = $4 AND qualifier = $5 ORDER BY id LIMIT 1`,
      [fact.monitor, first, last, fact.count, fact.qualifier],
    );
  } else if (table === "measure") {
    const column = fact.action ?? "eased";
    rows = await q.query(
      `SELECT id FROM measure WHERE lower(authority) = lower($1)
         AND (lower(target) = lower($2) OR lower(target) LIKE lower($2) || ' (%')
         AND ${column}_first <= $4 AND ${column}_last >= $3 ORDER BY id LIMIT 1`,
      [fact.authority, fact.target, first, last],
    );
  } else {
    const candidates = await q.query<{ id: string; actors: string | null }>(
      `SELECT id, actors FROM diplomatic_event WHERE kind = $1
         AND date_first <= $3 AND date_last >= $2 ORDER BY id`,
      [fact.kind, first, last],
    );
    rows = candidates.filter((row) => fact.sameActors?.(row.actors) ?? false);
  }
  return rows[0]?.id ?? null;
}

/** Adds a source to a record's sources (if missing), versioned and audited. */
export async function addRecordSource(
  tx: Queryable,
  table: RecordTable,
  id: string,
  sourceId: string,
  audit: Audit,
): Promise<boolean> {
  const bookkeeping = " - 'version' - 'created_at' - 'updated_at'";
  const rows = await tx.query(
    `WITH before AS (SELECT to_jsonb(t)${bookkeeping} AS row FROM ${table} t WHERE id = $1),
     upd AS (
       UPDATE ${table} SET source_ids = array_append(source_ids, $2), version = version + 1,
         updated_at = now()
       WHERE id = $1 AND NOT ($2 = ANY (source_ids))
       RETURNING *)
     INSERT INTO audit_log (actor, action, entity, entity_id, before, after, batch)
     SELECT $3, 'update', '${table}', upd.id, (SELECT row FROM before), to_jsonb(upd)${bookkeeping}, $4
     FROM upd RETURNING 1`,
    [id, sourceId, audit.actor, audit.batch],
  );
  return rows.length === 1;
}
