/**
 * The review desk of the web app and the API: the matching queue with both people of each
 * pair side by side, recent merges, and articles pasted for extraction with their drafts.
 * It composes the matching and extraction use cases and turns their errors into the
 * use-case errors the HTTP edge answers (404 no such thing, 409 already decided or stale,
 * 400 naming the field).
 */
import { DEFAULT_THRESHOLDS } from "../analytics/matching/link.ts";
import { isoToDay, PartialDateError } from "../domain/partial-date.ts";
import type { Language } from "../ingest/extract/types.ts";
import type { Queryable, Store } from "../store/connection.ts";
import type { DraftRow, DraftStatus } from "../store/drafts.ts";
import type { CandidateStatus } from "../store/review-queue.ts";
import { getMerge, listMerges } from "../store/unmerge.ts";
import { ConflictError, NotFoundError, ValidationError } from "./errors.ts";
import {
  type AcceptResult,
  acceptDraft,
  DraftError,
  editDraft,
  extractDrafts,
  listDrafts,
  rejectDraft,
  saveDrafts,
} from "./extract.ts";
import {
  acceptCandidate,
  ensureNameKeys,
  linkCandidates,
  MergeError,
  rejectCandidate,
  reviewQueue,
  undoMerge,
} from "./matching.ts";
import { getPerson, type PersonView } from "./people.ts";
import type { Viewer } from "./visibility.ts";

/** A draft as the API gives it: the confidence as a number whatever the column type. */
export type DraftOut = DraftRow;

function draftOut(row: DraftRow): DraftOut {
  return { ...row, confidence: Number(row.confidence) };
}

/** The draft errors as the edge answers them. */
function draftFailure(error: unknown): unknown {
  if (!(error instanceof DraftError)) return error;
  const message = error.message;
  if (error.reason === "not-found") return new NotFoundError(message);
  if (error.reason === "conflict") return new ConflictError(message);
  const problems =
    error.problems.length > 0
      ? error.problems.map((p) => ({ field: `edits.${p.field}`, message: p.message }))
      : [{ field: "text", message }];
  return new ValidationError(problems, message);
}

/** The merge errors as the edge answers them. */
function mergeFailure(error: unknown): unknown {
  if (!(error instanceof MergeError)) return error;
  const message = error.message;
  if (error.reason === "not-found") return new NotFoundError(message);
  if (error.reason === "invalid-into") {
    const text = message.replace("--into", "into");
    return new ValidationError([{ field: "into", message: text }], text);
  }
  // Already decided, already undone, a person merged or gone since: the request is stale.
  return new ConflictError(message);
}

async function translated<T>(work: () => Promise<T>, map: (error: unknown) => unknown) {
  try {
    return await work();
  } catch (error) {
    throw map(error);
  }
}

/** A person as a reviewer compares them, or null when they no longer exist. */
async function personOrNull(q: Queryable, id: string, viewer: Viewer): Promise<PersonView | null> {
  try {
    return await getPerson(q, id, viewer);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

export interface PairFilter {
  status?: CandidateStatus;
  limit: number;
  offset: number;
}

/** Review candidates, best first, each with both people as the viewer may see them. */
export async function reviewPairs(store: Store, viewer: Viewer, filter: PairFilter) {
  const rows = await reviewQueue(store, filter);
  return Promise.all(
    rows.map(async ({ leftName: _l, rightName: _r, ...row }) => ({
      ...row,
      left: await personOrNull(store, row.leftId, viewer),
      right: await personOrNull(store, row.rightId, viewer),
    })),
  );
}

export function acceptPair(
  store: Store,
  id: number,
  options: { actor: string; into?: string; note?: string },
) {
  return translated(() => acceptCandidate(store, id, options), mergeFailure);
}

export async function rejectPair(
  store: Store,
  id: number,
  options: { actor: string; note?: string },
): Promise<{ id: number; status: "rejected" }> {
  await translated(() => rejectCandidate(store, id, options), mergeFailure);
  return { id, status: "rejected" };
}

/** Merges, newest first, each with the names of both people as they were merged. */
/**
 * Looks for duplicates across the registry and puts every pair in the review band or above
 * in the queue — none is merged without a reviewer here (`turnstile match` merges the
 * surest pairs itself). Pairs already decided are not proposed again.
 */
export async function findDuplicates(store: Store, actor: string) {
  await ensureNameKeys(store);
  const summary = await linkCandidates(store, {
    thresholds: { link: Number.POSITIVE_INFINITY, review: DEFAULT_THRESHOLDS.review },
    actor,
  });
  return {
    people: summary.people,
    comparisons: summary.comparisons,
    queued: summary.queued,
    alreadyDecided: summary.alreadyDecided,
  };
}

export async function recentMerges(store: Store, limit: number) {
  const merges = await listMerges(store, { limit });
  return Promise.all(
    merges.map(async (merge) => {
      const full = await getMerge(store, merge.id);
      const name = (row: Record<string, unknown> | undefined) =>
        typeof row?.name === "string" ? row.name : null;
      return {
        ...merge,
        intoName: name(full?.before.into),
        fromName: name(full?.before.from),
      };
    }),
  );
}

export function undoMergeById(store: Store, mergeId: number, options: { actor: string }) {
  return translated(() => undoMerge(store, mergeId, options), mergeFailure);
}

export interface PastedArticle {
  text: string;
  /** YYYY-MM-DD: relative dates resolve against it. */
  published?: string;
  title?: string;
  url?: string;
  publisher?: string;
  language?: Language;
}

/**
 * Reads an article, saves it and its drafts (pending), and gives every draft of this
 * article (pasting the same text again adds nothing and shows the drafts already there).
 */
export async function extractArticle(store: Store, article: PastedArticle, actor: string) {
  let published: number | undefined;
  if (article.published) {
    try {
      published = isoToDay(article.published);
    } catch (error) {
      if (!(error instanceof PartialDateError)) throw error;
      throw new ValidationError([{ field: "published", message: error.message }]);
    }
  }
  if (article.text.trim() === "") {
    throw new ValidationError([{ field: "text", message: "is empty: paste the article's text" }]);
  }
  const extraction = extractDrafts(article.text, { published, language: article.language });
  const saved = await translated(
    () =>
      saveDrafts(
        store,
        {
          text: article.text,
          title: article.title,
          url: article.url,
          publisher: article.publisher,
          published: article.published ?? extraction.published,
          language: extraction.language,
        },
        extraction.drafts,
        { actor },
      ),
    draftFailure,
  );
  const drafts = await listDrafts(store, { articleSourceId: saved.articleSourceId });
  return {
    articleSourceId: saved.articleSourceId,
    language: extraction.language,
    published: extraction.published,
    publishedFrom: extraction.publishedFrom,
    warnings: extraction.warnings,
    created: saved.saved.length,
    alreadySaved: saved.alreadySaved,
    drafts: drafts.map(draftOut),
  };
}

export async function draftList(
  store: Store,
  filter: { status?: DraftStatus; articleSourceId?: string; kind?: string },
): Promise<DraftOut[]> {
  return (await listDrafts(store, filter)).map(draftOut);
}

export async function editDraftFields(
  store: Store,
  id: number,
  options: { edits: Record<string, string>; actor: string },
): Promise<DraftOut> {
  return draftOut(await translated(() => editDraft(store, id, options), draftFailure));
}

export async function acceptDraftById(
  store: Store,
  id: number,
  options: { edits?: Record<string, string>; actor: string },
): Promise<AcceptResult> {
  const result = await translated(() => acceptDraft(store, id, options), draftFailure);
  return { ...result, draft: draftOut(result.draft) };
}

export async function rejectDraftById(
  store: Store,
  id: number,
  options: { actor: string },
): Promise<DraftOut> {
  return draftOut(await translated(() => rejectDraft(store, id, options), draftFailure));
}
