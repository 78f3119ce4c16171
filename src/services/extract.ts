/**
 * News-text extraction as a use case: extract drafts from an article, save them for review,
 * list them, and accept (creating the record, with the article as its source) or reject
 * each one. Shared by the command line and the web review queue.
 */
import { createHash } from "node:crypto";
import type { Bundle, DateRange } from "../domain/model.ts";
import { parsePartialDate } from "../domain/partial-date.ts";
import { canonicalActors } from "../ingest/extract/actors.ts";
import { extract } from "../ingest/extract/extract.ts";
import type { Draft, DraftKind, Extraction, Language } from "../ingest/extract/types.ts";
import { writeBundle } from "../store/bundle-writer.ts";
import type { Queryable, Store } from "../store/connection.ts";
import {
  type ArticleRow,
  addRecordSource,
  type DraftFilter,
  type DraftRow,
  findEquivalentRecord,
  getArticle,
  getDraftRow,
  insertDrafts,
  listDraftRows,
  reviewDraft,
  saveArticle,
  saveDraftEdits,
} from "../store/drafts.ts";
import { existingIds } from "../store/references.ts";
import {
  DraftError,
  draftFields,
  type RecordOf,
  toRecord,
  validatePayload,
} from "./extract-records.ts";

export { DraftError, draftFields };

/** Drafts from an article's text; `published` is its day number (relative dates need it). */
export function extractDrafts(
  text: string,
  options: { published?: number; language?: Language } = {},
): Extraction {
  return extract(text, options);
}

export interface ArticleInput {
  text: string;
  /** Default: the first line of the text. */
  title?: string;
  url?: string;
  publisher?: string;
  /** `YYYY-MM-DD` (or a coarser partial date). */
  published?: string | null;
  language: Language;
  /** The id its source row will have. Default: `article-` and a hash of the text. */
  sourceId?: string;
}

export interface SaveResult {
  articleSourceId: string;
  saved: DraftRow[];
  /** Drafts already saved from this article before (same sentence and payload). */
  alreadySaved: number;
}

type Transactional = Pick<Store, "transaction">;

function fingerprint(draft: Draft): string {
  return createHash("sha256")
    .update(JSON.stringify([draft.kind, draft.start, draft.end, draft.payload]))
    .digest("hex")
    .slice(0, 32);
}

export function articleSourceId(text: string): string {
  return `article-${createHash("sha256").update(text).digest("hex").slice(0, 12)}`;
}

function defaultTitle(text: string): string {
  const line = text.trim().split("\n")[0]?.trim() ?? "";
  return line.length <= 120 ? line : `${line.slice(0, 117)}…`;
}

/** Saves the article and its drafts (pending), in one transaction with audit. */
export async function saveDrafts(
  store: Transactional,
  article: ArticleInput,
  drafts: readonly Draft[],
  options: { actor: string },
): Promise<SaveResult> {
  const sourceId = article.sourceId ?? articleSourceId(article.text);
  if (!/^[^\s;,]{1,200}$/.test(sourceId)) {
    throw new DraftError(`source id "${sourceId}" may not contain spaces, commas or semicolons`);
  }
  let published: DateRange | null = null;
  if (article.published) {
    const date = parsePartialDate(article.published);
    published = { text: date.text, first: date.first, last: date.last };
  }
  const audit = { actor: options.actor, batch: `drafts ${new Date().toISOString()} ${sourceId}` };
  return store.transaction(async (tx) => {
    const body = await saveArticle(
      tx,
      {
        sourceId,
        title: article.title?.trim() || defaultTitle(article.text),
        publisher: article.publisher ?? null,
        url: article.url ?? null,
        published,
        language: article.language,
        body: article.text,
      },
      audit,
    );
    if (body !== article.text) {
      throw new DraftError(
        `source id "${sourceId}" already names another article's text; choose another id`,
        "conflict",
      );
    }
    const ids = await insertDrafts(
      tx,
      sourceId,
      drafts.map((d) => ({
        kind: d.kind,
        payload: d.payload,
        sentence: d.sentence,
        sentenceStart: d.start,
        sentenceEnd: d.end,
        confidence: d.confidence,
        notes: d.notes,
        evidence: d.evidence,
        fingerprint: fingerprint(d),
      })),
      audit,
    );
    const saved = ids.length === 0 ? [] : (await listDraftRows(tx, { ids })).map(ordered);
    return { articleSourceId: sourceId, saved, alreadySaved: drafts.length - ids.length };
  });
}

/** The article a draft came from, with its text (to show the sentence in context). */
export function getDraftArticle(q: Queryable, sourceId: string): Promise<ArticleRow | null> {
  return getArticle(q, sourceId);
}

export async function listDrafts(q: Queryable, filter: DraftFilter = {}): Promise<DraftRow[]> {
  return (await listDraftRows(q, filter)).map(ordered);
}

/** Payload fields in the bundle's column order (jsonb keeps its own order). */
function ordered(row: DraftRow): DraftRow {
  const fields = draftFields(row.kind as DraftKind);
  const pick = (payload: object | null) =>
    payload === null
      ? null
      : Object.fromEntries(fields.map((f) => [f, (payload as Record<string, unknown>)[f] ?? null]));
  return { ...row, payload: pick(row.payload) as object, editedPayload: pick(row.editedPayload) };
}

async function pending(tx: Queryable, id: number): Promise<DraftRow> {
  const draft = await getDraftRow(tx, id, true);
  if (!draft) throw new DraftError(`no draft ${id}`, "not-found");
  if (draft.status !== "pending") {
    const by = draft.reviewer ? ` by ${draft.reviewer}` : "";
    const record = draft.recordId ? ` (record ${draft.recordId})` : "";
    throw new DraftError(
      `draft ${id} was already ${draft.status}${by} at ${draft.reviewedAt}${record}; nothing was changed`,
      "conflict",
    );
  }
  return draft;
}

export interface AcceptResult {
  draft: DraftRow;
  kind: DraftKind;
  recordId: string;
  /** created: a new record; linked: an equivalent record got the article as a source. */
  action: "created" | "linked";
  sourceCreated: boolean;
}

const BUNDLE_KEY: { [K in DraftKind]: keyof Bundle } = {
  release_operation: "operations",
  monitor_count: "monitorCounts",
  measure: "measures",
  diplomatic_event: "diplomaticEvents",
};

/**
 * Accepts a pending draft: applies the reviewer's `edits` (field → text, as in a CSV cell),
 * validates with the bundle's row schema, creates the article's source row if missing, and
 * creates the record citing it — or, when the registry already states the same fact, adds
 * the article to that record's sources. All in one transaction, audited; on any problem
 * nothing is written and the error names the field.
 */
export async function acceptDraft(
  store: Transactional,
  id: number,
  options: { edits?: Record<string, string>; actor: string },
): Promise<AcceptResult> {
  return store.transaction(async (tx) => {
    const draft = await pending(tx, id);
    const article = await getArticle(tx, draft.articleSourceId);
    if (!article)
      throw new DraftError(`draft ${id}: its article ${draft.articleSourceId} is missing`);
    const kind = draft.kind as DraftKind;
    const base = (draft.editedPayload ?? draft.payload) as Record<string, unknown>;
    const { payload, record } = validatePayload(kind, base, options.edits ?? {}, {
      id: `draft-${id}`,
      sourceId: article.sourceId,
      draftId: id,
    });
    const audit = { actor: options.actor, batch: `draft ${id} accepted` };
    const sourceCreated = !(await existingIds(tx, "source", [article.sourceId])).has(
      article.sourceId,
    );
    if (sourceCreated) {
      await writeBundle(
        tx,
        {
          sources: [
            {
              id: article.sourceId,
              title: article.title,
              publisher: article.publisher,
              url: article.url,
              published: article.published,
              language: article.language,
              reliability: null,
              credibility: null,
            },
          ],
        },
        audit,
      );
    }
    const equivalent = await findEquivalentRecord(tx, kind, factOf(kind, record));
    let recordId: string;
    let action: AcceptResult["action"];
    if (equivalent) {
      await addRecordSource(tx, kind, equivalent, article.sourceId, audit);
      recordId = equivalent;
      action = "linked";
    } else {
      const created = toRecord(kind, record, id);
      await writeBundle(tx, { [BUNDLE_KEY[kind]]: [created] }, audit);
      recordId = created.id;
      action = "created";
    }
    const edited = Object.keys(options.edits ?? {}).length > 0 || draft.editedPayload !== null;
    await reviewDraft(
      tx,
      id,
      { status: "accepted", editedPayload: edited ? payload : null, recordId },
      audit,
    );
    const saved = ordered((await getDraftRow(tx, id)) as DraftRow);
    return { draft: saved, kind, recordId, action, sourceCreated };
  });
}

function factOf(kind: DraftKind, record: RecordOf) {
  if (kind === "release_operation" && "announcedCount" in record) {
    return { date: record.date, kind: record.kind, count: record.announcedCount };
  }
  if (kind === "monitor_count" && "asOf" in record) {
    return {
      date: record.asOf,
      monitor: record.monitor,
      count: record.value,
      qualifier: record.qualifier,
    };
  }
  if (kind === "measure" && "authority" in record) {
    // validatePayload refuses a measure without any of the three dates.
    const action = record.lifted ? "lifted" : record.eased ? "eased" : "imposed";
    const date = (record.lifted ?? record.eased ?? record.imposed) as DateRange;
    return { date, authority: record.authority, target: record.target, action } as const;
  }
  const event = record as { date: DateRange; kind: string; actors: string | null };
  const actors = canonicalActors(event.actors).join(";");
  return {
    date: event.date,
    kind: event.kind,
    sameActors: (stored: string | null) => canonicalActors(stored).join(";") === actors,
  };
}

/** Saves a reviewer's edits on a pending draft (validated), without accepting it. */
export async function editDraft(
  store: Transactional,
  id: number,
  options: { edits: Record<string, string>; actor: string },
): Promise<DraftRow> {
  return store.transaction(async (tx) => {
    const draft = await pending(tx, id);
    const base = (draft.editedPayload ?? draft.payload) as Record<string, unknown>;
    const { payload } = validatePayload(draft.kind as DraftKind, base, options.edits, {
      id: `draft-${id}`,
      sourceId: draft.articleSourceId,
      draftId: id,
    });
    await saveDraftEdits(tx, id, payload, { actor: options.actor, batch: `draft ${id} edited` });
    return ordered((await getDraftRow(tx, id)) as DraftRow);
  });
}

/** Rejects a pending draft: the registry is not touched. */
export async function rejectDraft(
  store: Transactional,
  id: number,
  options: { actor: string },
): Promise<DraftRow> {
  return store.transaction(async (tx) => {
    await pending(tx, id);
    await reviewDraft(
      tx,
      id,
      { status: "rejected", editedPayload: null, recordId: null },
      { actor: options.actor, batch: `draft ${id} rejected` },
    );
    return ordered((await getDraftRow(tx, id)) as DraftRow);
  });
}
