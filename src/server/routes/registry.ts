/**
 * Routes around the records: a person's timeline, the name search, the trash and the audit
 * log (admins), and the health check.
 */
import { z } from "zod";
import { listAuditLog, listDeleted } from "../../services/admin.ts";
import { personTimeline, searchPeople } from "../../services/people.ts";
import { ENTITY_NAMES } from "../../store/entity-tables.ts";
import { peopleCounts } from "../../store/people.ts";
import { jsonOnce } from "../json-reply.ts";
import { ERRORS, idParams, page } from "../schemas/common.ts";
import { auditEntryOut, LIST_QUERY, personOut, RECORD_OUT } from "../schemas/records.ts";
import type { Api, Deps } from "./types.ts";

// Typed loosely: events are shaped by the reader's role (visibility.ts).
const timelineOut: z.ZodType = z.object({
  person: personOut,
  events: z.array(
    RECORD_OUT.event.extend({
      sources: z.array(RECORD_OUT.source.partial().extend({ id: z.string() })),
    }),
  ),
  intervals: z.array(
    z.object({
      startEventId: z.string(),
      endEventId: z.string().nullable(),
      start: z.object({ first: z.string(), last: z.string(), middle: z.string() }),
      end: z.object({ first: z.string(), last: z.string(), middle: z.string() }).nullable(),
      exit: z
        .string()
        .nullable()
        .describe("release mechanism (signed in), or released / died_in_custody"),
    }),
  ),
  problems: z
    .array(z.object({ kind: z.string(), eventIds: z.array(z.string()), message: z.string() }))
    .describe("data problems found while deriving the intervals (signed-in readers)"),
});

export function registerRegistryRoutes(app: Api, deps: Deps): void {
  const { store } = deps;

  app.get("/api/health", {
    config: { access: "public" },
    schema: {
      tags: ["meta"],
      summary: "is the server up (and its database reachable); how many people are synthetic",
      response: {
        200: z.object({
          ok: z.literal(true),
          database: z.enum(["pglite", "postgres"]),
          people: z.number().int().describe("people in the registry, all visibilities"),
          syntheticPeople: z
            .number()
            .int()
            .describe("of them made up by the demo generator: when > 0, say the data is synthetic"),
        }),
      },
    },
    handler: async () => {
      // Counts over the whole registry, like the dashboard's: an aggregate, public.
      const { people, synthetic } = await peopleCounts(store);
      return { ok: true as const, database: store.engine, people, syntheticPeople: synthetic };
    },
  });

  app.get("/api/people/:id/timeline", {
    config: { access: "public" },
    schema: {
      tags: ["people"],
      summary: "a person's events with their sources, detention intervals and data problems",
      params: idParams,
      response: { 200: timelineOut, ...ERRORS },
    },
    handler: async (request, reply) =>
      jsonOnce(
        reply,
        await personTimeline(store, request.params.id, request.principal, deps.cache),
      ),
  });

  app.get("/api/search/people", {
    config: { access: "public" },
    schema: {
      tags: ["people"],
      summary: "people whose names contain the text (any case, any of their spellings)",
      querystring: z.strictObject({
        q: z.string().min(1).max(200),
        limit: z.coerce.number().int().min(1).max(100).default(20),
        // The registry's filters, as on GET /api/people, applied to the matches.
        ...LIST_QUERY.person.pick({
          status: true,
          region: true,
          article: true,
          mechanism: true,
          health: true,
          recognizedBy: true,
        }).shape,
      }),
      response: { 200: z.object({ items: z.array(personOut) }), ...ERRORS },
    },
    handler: async (request) => {
      const { q, limit, ...filters } = request.query;
      return {
        items: await searchPeople(store, q, limit, request.principal, {
          filters,
          cache: deps.cache,
        }),
      };
    },
  });

  app.get("/api/trash", {
    config: { access: "admin" },
    schema: {
      tags: ["admin"],
      summary: "deleted records, newest first (admins; restore with POST …/{id}/restore)",
      querystring: z.strictObject({
        entity: z.enum(ENTITY_NAMES).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(50),
        offset: z.coerce.number().int().min(0).default(0),
      }),
      response: {
        200: page(
          z.object({
            entity: z.enum(ENTITY_NAMES),
            entityId: z.string(),
            deletedAt: z.string(),
            deletedBy: z.string(),
            rows: z.record(z.string(), z.number().int()),
          }),
        ),
        ...ERRORS,
      },
    },
    handler: async (request) => listDeleted(store, request.query),
  });

  app.get("/api/audit", {
    config: { access: "admin" },
    schema: {
      tags: ["admin"],
      summary: "the audit log, newest first (admins); page with beforeId",
      querystring: z.strictObject({
        entity: z.string().max(40).optional().describe("table, e.g. person, event, app_user"),
        actor: z.string().max(200).optional(),
        beforeId: z.coerce.number().int().min(1).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: { 200: z.object({ items: z.array(auditEntryOut) }), ...ERRORS },
    },
    handler: async (request) => ({ items: await listAuditLog(store, request.query) }),
  });
}
