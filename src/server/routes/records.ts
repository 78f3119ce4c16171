/**
 * REST routes of the registry's records: list, get, create, update (with the version
 * read), soft delete, restore (admins) and history (editors), for every entity of
 * DESIGN.md. Each handler checks nothing itself: the access hook has checked the role and
 * the schemas the input; it calls one service function and gives its answer.
 */
import { z } from "zod";
import { ConflictError } from "../../services/errors.ts";
import { getPerson, listPeople } from "../../services/people.ts";
import {
  entityHistory,
  getEntity,
  type ListRequest,
  listEntity,
} from "../../services/record-reads.ts";
import {
  createRecord,
  deleteRecord,
  type RecordInput,
  type RecordPatch,
  restoreDeleted,
  updateRecordFields,
  type WrittenRecord,
} from "../../services/record-writes.ts";
import { recordView, type Viewer } from "../../services/visibility.ts";
import type { Queryable } from "../../store/connection.ts";
import { ENTITY_NAMES, type EntityName } from "../../store/entity-tables.ts";
import { jsonOnce } from "../json-reply.ts";
import {
  booleanQuery,
  ERRORS,
  errorBody,
  idParams,
  page,
  WRITE_ERRORS,
} from "../schemas/common.ts";
import {
  auditEntryOut,
  createBody,
  deleteQuery,
  LIST_QUERY,
  personOut,
  RECORD_OUT,
  updateBody,
} from "../schemas/records.ts";
import type { Api, Deps } from "./types.ts";

/** The path of each entity under /api. */
export const ENTITY_PATHS: Record<EntityName, string> = {
  person: "people",
  event: "events",
  source: "sources",
  release_operation: "operations",
  measure: "measures",
  diplomatic_event: "diplomatic-events",
  monitor_count: "monitor-counts",
};

function listRequest(query: Record<string, unknown>): ListRequest {
  const { limit, offset, sort, ...filters } = query as {
    limit: number;
    offset: number;
    sort?: string;
  } & ListRequest["filters"];
  return { limit, offset, sort, filters };
}

/** A record just written, as its writer (an editor or admin) sees it. */
async function writtenView(
  q: Queryable,
  entity: EntityName,
  record: WrittenRecord,
  viewer: Viewer,
) {
  if (entity === "person") return getPerson(q, record.id, viewer);
  return recordView(entity, record, viewer.role, new Set()) as Record<string, unknown>;
}

/** A 409 carries the current record as the reader would get it from GET. */
async function presentConflicts<T>(
  q: Queryable,
  entity: EntityName,
  viewer: Viewer,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ConflictError && error.current) {
      const current = await writtenView(q, entity, error.current as WrittenRecord, viewer);
      throw new ConflictError(error.message, current);
    }
    throw error;
  }
}

function registerEntity(app: Api, deps: Deps, entity: EntityName): void {
  const base = `/api/${ENTITY_PATHS[entity]}`;
  // Typed loosely: a record's fields depend on the reader's role (visibility.ts).
  const out: z.ZodType = entity === "person" ? personOut : RECORD_OUT[entity];
  const tags = [ENTITY_PATHS[entity]];
  const { store } = deps;

  app.get(base, {
    config: { access: "public" },
    schema: {
      tags,
      summary: `list ${entity} records (filters, sort, pages)`,
      querystring: LIST_QUERY[entity],
      response: { 200: page(out), ...ERRORS },
    },
    handler: async (request, reply) => {
      const list = listRequest(request.query);
      return entity === "person"
        ? jsonOnce(reply, await listPeople(store, list, request.principal, deps.cache))
        : listEntity(store, entity, list, request.principal);
    },
  });

  app.get(`${base}/:id`, {
    config: { access: "public" },
    schema: { tags, summary: `one ${entity}`, params: idParams, response: { 200: out, ...ERRORS } },
    handler: async (request) =>
      entity === "person"
        ? getPerson(store, request.params.id, request.principal)
        : getEntity(store, entity, request.params.id, request.principal),
  });

  app.post(base, {
    config: { access: "editor" },
    schema: {
      tags,
      summary: `create a ${entity} (editors)`,
      body: createBody(entity),
      response: { 201: out, ...WRITE_ERRORS },
    },
    handler: async (request, reply) => {
      const record = await createRecord(
        store,
        entity,
        request.body as RecordInput,
        request.principal,
      );
      reply.code(201);
      return writtenView(store, entity, record, request.principal);
    },
  });

  app.patch(`${base}/:id`, {
    config: { access: "editor" },
    schema: {
      tags,
      summary: `change a ${entity} (editors): send the version you read`,
      params: idParams,
      body: updateBody(entity),
      response: { 200: out, ...WRITE_ERRORS },
    },
    handler: async (request) => {
      const record = await presentConflicts(store, entity, request.principal, () =>
        updateRecordFields(
          store,
          entity,
          request.params.id,
          request.body as RecordPatch,
          request.principal,
        ),
      );
      return writtenView(store, entity, record, request.principal);
    },
  });

  app.delete(`${base}/:id`, {
    config: { access: "editor" },
    schema: {
      tags,
      summary: `delete a ${entity} (editors; soft: an admin can restore it)`,
      params: idParams,
      querystring: deleteQuery,
      response: {
        200: z.object({ id: z.string(), deleted: z.literal(true) }),
        ...WRITE_ERRORS,
      },
    },
    handler: async (request) => {
      await presentConflicts(store, entity, request.principal, () =>
        deleteRecord(store, entity, request.params.id, request.principal, request.query.version),
      );
      return { id: request.params.id, deleted: true as const };
    },
  });

  app.post(`${base}/:id/restore`, {
    config: { access: "admin" },
    schema: {
      tags,
      summary: `restore a deleted ${entity} (admins)`,
      params: idParams,
      response: { 200: out, ...WRITE_ERRORS },
    },
    handler: async (request) => {
      const record = await restoreDeleted(store, entity, request.params.id, request.principal);
      return writtenView(store, entity, record, request.principal);
    },
  });

  app.get(`${base}/:id/history`, {
    config: { access: "editor" },
    schema: {
      tags,
      summary: `the audit log of a ${entity} (editors)`,
      params: idParams,
      querystring: z.strictObject({
        events: booleanQuery.describe("people: the entries of their events too"),
      }),
      response: { 200: z.object({ items: z.array(auditEntryOut) }), ...ERRORS, 500: errorBody },
    },
    handler: async (request) => ({
      items: await entityHistory(
        store,
        entity,
        request.params.id,
        entity === "person" && request.query.events === true,
      ),
    }),
  });
}

export function registerRecordRoutes(app: Api, deps: Deps): void {
  for (const entity of ENTITY_NAMES) registerEntity(app, deps, entity);
}
