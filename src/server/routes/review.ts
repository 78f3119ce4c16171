/**
 * The review desk (editors and admins): the matching queue — pairs of people that may be
 * one, with their explained score — accepted (merged), rejected, and merges undone; and
 * news articles pasted for extraction, whose drafts are edited, accepted (the record is
 * created with the article as its source) or rejected.
 */
import { z } from "zod";
import { LANGUAGES } from "../../ingest/extract/types.ts";
import {
  acceptDraftById,
  acceptPair,
  draftList,
  editDraftFields,
  extractArticle,
  findDuplicates,
  recentMerges,
  rejectDraftById,
  rejectPair,
  reviewPairs,
  undoMergeById,
} from "../../services/review.ts";
import { DRAFT_STATUSES } from "../../store/drafts.ts";
import { ERRORS, text, WRITE_ERRORS } from "../schemas/common.ts";
import { personOut } from "../schemas/records.ts";
import type { Api, Deps } from "./types.ts";

const tags = ["review"];
const CANDIDATE_STATUSES = ["pending", "accepted", "rejected", "linked"] as const;
const DRAFT_KINDS = ["release_operation", "monitor_count", "measure", "diplomatic_event"] as const;
/** An article may be longer than one record's text field. */
const MAX_ARTICLE = 200_000;

const numericId = z.object({
  id: z.coerce
    .number()
    .int("must be a whole number")
    .min(1, "must be 1 or more")
    .max(Number.MAX_SAFE_INTEGER),
});

const fieldExplanation = z.object({
  field: z.string().describe("surname, given, patronymic, birth, region or gender"),
  level: z.string().describe("how the field agrees: same, phonetic, fuzzy, different, missing…"),
  weight: z.number().describe("bits this field adds to the match weight (negative: against)"),
  detail: z.string().describe("which written forms matched, or the two values compared"),
});

const candidateOut = z
  .object({
    id: z.number().int(),
    leftId: z.string(),
    rightId: z.string(),
    probability: z.number().describe("probability that the two are one person"),
    weight: z.number().describe("match weight in bits (Fellegi–Sunter)"),
    explanation: z
      .object({
        weight: z.number(),
        levels: z.record(z.string(), z.string()),
        fields: z.array(fieldExplanation),
      })
      .partial()
      .describe("the score field by field"),
    status: z.enum(CANDIDATE_STATUSES),
    mergeId: z.number().int().nullable(),
    createdAt: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    note: z.string().nullable(),
    left: personOut.nullable().describe("null: no longer in the registry (merged or deleted)"),
    right: personOut.nullable(),
  })
  .meta({ id: "MatchCandidate" });

const mergeOut = z.object({
  mergeId: z.number().int(),
  movedEvents: z.number().int(),
  addedNames: z.array(z.string()),
  changedFields: z.array(z.string()),
});

const mergeListOut = z.object({
  id: z.number().int(),
  intoId: z.string(),
  fromId: z.string(),
  intoName: z.string().nullable(),
  fromName: z.string().nullable(),
  candidateId: z.number().int().nullable(),
  mergedBy: z.string(),
  mergedAt: z.string(),
  undoneBy: z.string().nullable(),
  undoneAt: z.string().nullable(),
});

const unmergeOut = z.object({
  mergeId: z.number().int(),
  restoredEvents: z.number().int(),
  eventsNotRestored: z.number().int(),
  removedNames: z.number().int(),
  restoredFields: z.array(z.string()),
});

const evidenceOut = z.object({
  field: z.string(),
  text: z.string(),
  start: z.number().int().describe("in the article's text (UTF-16 code units)"),
  end: z.number().int(),
});

const draftOut = z
  .object({
    id: z.number().int(),
    articleSourceId: z.string().describe("the article's source id (the records' source)"),
    kind: z.enum(DRAFT_KINDS),
    status: z.enum(DRAFT_STATUSES),
    payload: z
      .record(z.string(), z.unknown())
      .describe("the fields as read, named as the bundle's columns"),
    editedPayload: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe("after a reviewer's edits"),
    sentence: z.string().describe("the sentence it came from"),
    sentenceStart: z.number().int(),
    sentenceEnd: z.number().int(),
    confidence: z.number().describe("0–1: how much was read rather than inferred"),
    notes: z.array(z.string()).describe("what was inferred, with its penalty"),
    evidence: z.array(evidenceOut).describe("the spans of the article that gave each field"),
    recordId: z.string().nullable().describe("the record it created or was linked to"),
    reviewer: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "Draft" });

const edits = z
  .record(text(40).min(1), text())
  .describe("field → new value, as in a CSV cell (empty clears it); validated like an import");

const note = text(2000).optional();

export function registerReviewRoutes(app: Api, deps: Deps): void {
  const { store } = deps;

  app.get("/api/review/matches", {
    config: { access: "editor" },
    schema: {
      tags,
      summary: "pairs of people that may be one, best first, with the score explained (editors)",
      querystring: z.strictObject({
        status: z.enum([...CANDIDATE_STATUSES, "all"]).default("pending"),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
      }),
      response: { 200: z.object({ items: z.array(candidateOut) }), ...ERRORS },
    },
    handler: async (request) => {
      const { status, limit, offset } = request.query;
      const items = await reviewPairs(store, request.principal, {
        status: status === "all" ? undefined : status,
        limit,
        offset,
      });
      return { items: items as z.infer<typeof candidateOut>[] };
    },
  });

  app.post("/api/review/matches/:id/accept", {
    config: { access: "editor" },
    schema: {
      tags,
      summary: "the pair is one person: merge them (editors; undo with …/merges/{id}/undo)",
      params: numericId,
      body: z
        .strictObject({
          into: text(200).min(1).optional().describe("the person to keep (default: leftId)"),
          note,
        })
        .nullish()
        .describe("optional"),
      response: { 200: mergeOut, ...WRITE_ERRORS },
    },
    handler: async (request) =>
      acceptPair(store, request.params.id, {
        actor: request.principal.actor,
        into: request.body?.into,
        note: request.body?.note,
      }),
  });

  app.post("/api/review/matches/find", {
    config: { access: "editor" },
    schema: {
      tags,
      summary: "look for duplicates across the registry and queue them for review (editors)",
      description:
        "Every pair of people whose match probability is in the review band or above is queued; none is merged here. Pairs already decided are not proposed again.",
      body: z.strictObject({}).nullish().describe("nothing"),
      response: {
        200: z.object({
          people: z.number().int(),
          comparisons: z.number().int().describe("pairs compared after blocking"),
          queued: z.number().int().describe("pairs now waiting in the queue"),
          alreadyDecided: z.number().int(),
        }),
        ...WRITE_ERRORS,
      },
    },
    handler: async (request) => findDuplicates(store, request.principal.actor),
  });

  app.post("/api/review/matches/:id/reject", {
    config: { access: "editor" },
    schema: {
      tags,
      summary: "the pair is two people: never proposed again (editors)",
      params: numericId,
      body: z.strictObject({ note }).nullish().describe("optional"),
      response: {
        200: z.object({ id: z.number().int(), status: z.literal("rejected") }),
        ...WRITE_ERRORS,
      },
    },
    handler: async (request) =>
      rejectPair(store, request.params.id, {
        actor: request.principal.actor,
        note: request.body?.note,
      }),
  });

  app.get("/api/review/merges", {
    config: { access: "editor" },
    schema: {
      tags,
      summary: "merges, newest first (editors)",
      querystring: z.strictObject({
        limit: z.coerce.number().int().min(1).max(200).default(20),
      }),
      response: { 200: z.object({ items: z.array(mergeListOut) }), ...ERRORS },
    },
    handler: async (request) => ({ items: await recentMerges(store, request.query.limit) }),
  });

  app.post("/api/review/merges/:id/undo", {
    config: { access: "editor" },
    schema: {
      tags,
      summary: "undo a merge: the merged person comes back; the pair is marked rejected (editors)",
      params: numericId,
      response: { 200: unmergeOut, ...WRITE_ERRORS },
    },
    handler: async (request) =>
      undoMergeById(store, request.params.id, { actor: request.principal.actor }),
  });

  app.post("/api/review/articles", {
    config: { access: "editor" },
    schema: {
      tags,
      summary: "read an article: its drafts are saved for review and returned (editors)",
      body: z.strictObject({
        text: text(MAX_ARTICLE).min(1, "is required: paste the article's text"),
        published: z
          .string()
          .max(10)
          .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a day, YYYY-MM-DD")
          .optional()
          .describe("the article's date: relative dates resolve against it"),
        title: text(500).optional().describe("default: the article's first line"),
        url: text(2000).optional(),
        publisher: text(500).optional(),
        language: z.enum(LANGUAGES).optional().describe("detected when omitted"),
      }),
      response: {
        201: z.object({
          articleSourceId: z.string(),
          language: z.enum(LANGUAGES),
          published: z.string().nullable(),
          publishedFrom: z.enum(["given", "text", "none"]),
          warnings: z.array(z.string()),
          created: z.number().int().describe("drafts new to the queue"),
          alreadySaved: z.number().int().describe("drafts this article had given before"),
          drafts: z.array(draftOut).describe("every draft of this article"),
        }),
        ...WRITE_ERRORS,
      },
    },
    handler: async (request, reply) => {
      const result = await extractArticle(store, request.body, request.principal.actor);
      reply.code(201);
      return result as typeof result & { drafts: z.infer<typeof draftOut>[] };
    },
  });

  app.get("/api/review/drafts", {
    config: { access: "editor" },
    schema: {
      tags,
      summary: "drafts read from articles, oldest first (editors)",
      querystring: z.strictObject({
        status: z.enum([...DRAFT_STATUSES, "all"]).default("pending"),
        article: text(200).optional().describe("the article's source id"),
        kind: z.enum(DRAFT_KINDS).optional(),
      }),
      response: { 200: z.object({ items: z.array(draftOut) }), ...ERRORS },
    },
    handler: async (request) => {
      const { status, article, kind } = request.query;
      const items = await draftList(store, {
        status: status === "all" ? undefined : status,
        articleSourceId: article,
        kind,
      });
      return { items: items as z.infer<typeof draftOut>[] };
    },
  });

  app.patch("/api/review/drafts/:id", {
    config: { access: "editor" },
    schema: {
      tags,
      summary: "change a pending draft's fields, validated, without accepting it (editors)",
      params: numericId,
      body: z.strictObject({ edits }),
      response: { 200: draftOut, ...WRITE_ERRORS },
    },
    handler: async (request) =>
      (await editDraftFields(store, request.params.id, {
        edits: request.body.edits,
        actor: request.principal.actor,
      })) as z.infer<typeof draftOut>,
  });

  app.post("/api/review/drafts/:id/accept", {
    config: { access: "editor" },
    schema: {
      tags,
      summary:
        "accept a draft: the record is created citing the article, or the article is added to the same fact's sources (editors)",
      params: numericId,
      body: z.strictObject({ edits: edits.optional() }).nullish().describe("optional"),
      response: {
        200: z.object({
          draft: draftOut,
          kind: z.enum(DRAFT_KINDS),
          recordId: z.string(),
          action: z
            .enum(["created", "linked"])
            .describe("linked: the registry had the fact; the article became one of its sources"),
          sourceCreated: z.boolean().describe("the article's source row was created"),
        }),
        ...WRITE_ERRORS,
      },
    },
    handler: async (request) => {
      const result = await acceptDraftById(store, request.params.id, {
        edits: request.body?.edits,
        actor: request.principal.actor,
      });
      return result as typeof result & { draft: z.infer<typeof draftOut> };
    },
  });

  app.post("/api/review/drafts/:id/reject", {
    config: { access: "editor" },
    schema: {
      tags,
      summary: "reject a draft: the registry is not touched (editors)",
      params: numericId,
      response: { 200: draftOut, ...WRITE_ERRORS },
    },
    handler: async (request) =>
      (await rejectDraftById(store, request.params.id, {
        actor: request.principal.actor,
      })) as z.infer<typeof draftOut>,
  });
}
