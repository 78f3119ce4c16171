/**
 * Reading records of the registry for the API: lists with filters, sort and pages, one
 * record, an entity's history. What a reader gets depends on their role (visibility.ts);
 * filters and sorts on fields a role may not see are refused, since their results would
 * tell what the fields hold.
 */
import { type EventType, PUBLIC_EVENT_TYPES } from "../domain/model.ts";
import { tryParsePartialDate } from "../domain/partial-date.ts";
import { type AuditEntry, caseEventsHistory, recordHistory } from "../store/audit.ts";
import type { Queryable } from "../store/connection.ts";
import { ENTITY_TABLES, type EntityName } from "../store/entity-tables.ts";
import {
  type Filter,
  getRecord,
  listRecords,
  restrictedSourceIds,
  type StoredRecord,
} from "../store/records.ts";
import { NotFoundError, ValidationError } from "./errors.ts";
import {
  atLeast,
  canSeePerson,
  personScope,
  type Role,
  recordView,
  type Viewer,
} from "./visibility.ts";

export type FilterValue = string | number | boolean;

export interface ListRequest {
  filters: Record<string, FilterValue | undefined>;
  /** A sort key, `-key` for descending. */
  sort?: string;
  limit: number;
  offset: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface FilterRule {
  /** The lowest role that may filter on it. */
  min: Role;
  filter(value: FilterValue): Filter;
}

function dayOf(value: FilterValue, field: string, side: "first" | "last"): number {
  const parsed = tryParsePartialDate(String(value));
  if (!parsed.ok) throw new ValidationError([{ field, message: parsed.error }]);
  return side === "first" ? parsed.date.first : parsed.date.last;
}

function eq(column: string, min: Role = "public"): FilterRule {
  return { min, filter: (value) => ({ op: "eq", column, value }) };
}

/** `from`/`to` on a partial date: records whose date may fall in the range. */
function dateRange(entity: EntityName, key: string): Record<string, FilterRule> {
  const field = ENTITY_TABLES[entity].fields.find((f) => f.key === key);
  if (!field?.first || !field.last) throw new Error(`${entity}.${key} is not a date`);
  const { first, last } = field;
  return {
    from: { min: "public", filter: (v) => ({ op: "from", last, day: dayOf(v, "from", "first") }) },
    to: { min: "public", filter: (v) => ({ op: "to", first, day: dayOf(v, "to", "last") }) },
  };
}

function contains(columns: string[], min: Role = "public"): FilterRule {
  return { min, filter: (v) => ({ op: "contains", columns, text: String(v) }) };
}

/** The filters each list accepts (people's `status` and `recognizedBy` are computed: see people.ts). */
export const FILTER_RULES: { [K in EntityName]: Record<string, FilterRule> } = {
  person: {
    q: contains(["name", "name_latin"]),
    region: eq("region"),
    synthetic: eq("synthetic"),
    gender: eq("gender", "viewer"),
    visibility: eq("visibility", "viewer"),
    consent: eq("consent", "viewer"),
    // Articles are public (anonymous readers see each person's articles); a release's
    // mechanism and a health concern are not, so filtering by them needs signing in.
    article: { min: "public", filter: (v) => ({ op: "hasArticle", article: String(v).trim() }) },
    mechanism: {
      min: "viewer",
      filter: (v) => ({ op: "hasEvent", type: "released", column: "mechanism", value: String(v) }),
    },
    health: {
      min: "viewer",
      filter: (v) => ({ op: "present", column: "health", present: v === true || v === "true" }),
    },
  },
  event: {
    personId: eq("person_id"),
    type: eq("type"),
    ...dateRange("event", "date"),
    operationId: eq("operation_id", "viewer"),
    monitor: eq("monitor", "viewer"),
    mechanism: eq("mechanism", "viewer"),
    facility: contains(["facility"], "viewer"),
  },
  source: {
    q: contains(["title", "publisher"]),
    language: eq("language"),
    restricted: eq("restricted", "viewer"),
  },
  release_operation: { kind: eq("kind"), ...dateRange("release_operation", "date") },
  measure: { authority: eq("authority"), target: eq("target"), kind: eq("kind") },
  diplomatic_event: { kind: eq("kind"), ...dateRange("diplomatic_event", "date") },
  monitor_count: { monitor: eq("monitor"), ...dateRange("monitor_count", "asOf") },
};

/** Sort keys that anonymous readers may use (the others order by non-public fields). */
const PUBLIC_SORTS: { [K in EntityName]?: readonly string[] } = {
  person: ["id", "name", "nameLatin", "region"],
  event: ["id", "date", "type", "personId"],
};

export function parseSort(entity: EntityName, sort: string | undefined, role: Role) {
  const spec = ENTITY_TABLES[entity];
  const text = sort ?? spec.defaultSort;
  const descending = text.startsWith("-");
  const key = descending ? text.slice(1) : text;
  if (!(key in spec.sortable)) {
    throw new ValidationError([
      {
        field: "sort",
        message: `cannot sort by "${key}": use one of ${Object.keys(spec.sortable).join(", ")} (prefix - for descending)`,
      },
    ]);
  }
  const open = PUBLIC_SORTS[entity];
  if (open && !open.includes(key) && !atLeast(role, "viewer")) {
    throw new ValidationError([
      { field: "sort", message: `sorting by "${key}" needs signing in (viewer role or above)` },
    ]);
  }
  return { sort: key, descending };
}

/** The store's filters for a list request, with the reader's scope. */
export function filtersFor(entity: EntityName, request: ListRequest, role: Role): Filter[] {
  const rules = FILTER_RULES[entity];
  const filters: Filter[] = [];
  for (const [name, value] of Object.entries(request.filters)) {
    if (value === undefined || value === "") continue;
    const rule = rules[name];
    if (!rule) continue;
    if (!atLeast(role, rule.min)) {
      throw new ValidationError([
        {
          field: name,
          message: `filtering by ${name} needs signing in (${rule.min} role or above)`,
        },
      ]);
    }
    filters.push(rule.filter(value));
  }
  if (entity === "person" || entity === "event") {
    filters.push({ op: "personScope", scope: personScope(role) });
  }
  if (entity === "event" && !atLeast(role, "viewer")) {
    filters.push({ op: "in", column: "type", values: PUBLIC_EVENT_TYPES as EventType[] });
  }
  if (entity === "source" && !atLeast(role, "viewer")) {
    filters.push({ op: "eq", column: "restricted", value: false });
  }
  return filters;
}

/** A page of records other than people (see people.ts), as the reader may see them. */
export async function listEntity(
  q: Queryable,
  entity: Exclude<EntityName, "person">,
  request: ListRequest,
  viewer: Viewer,
): Promise<Page<Record<string, unknown>>> {
  const { sort, descending } = parseSort(entity, request.sort, viewer.role);
  const filters = filtersFor(entity, request, viewer.role);
  const { limit, offset } = request;
  const page = await listRecords(q, entity, { filters, sort, descending, limit, offset });
  const restricted = atLeast(viewer.role, "viewer")
    ? new Set<string>()
    : await restrictedSourceIds(q);
  const items = page.items
    .map((record) => recordView(entity, record, viewer.role, restricted))
    .filter((view): view is Record<string, unknown> => view !== null);
  return { items, total: page.total, limit: request.limit, offset: request.offset };
}

/** Is this record (not a person) one the reader may see? Events follow their person. */
async function visibleTo(q: Queryable, entity: EntityName, record: StoredRecord, role: Role) {
  if (entity !== "event") return true;
  const person = await getRecord(q, "person", record.personId as string);
  return person !== null && canSeePerson(role, person);
}

export async function getEntity(
  q: Queryable,
  entity: Exclude<EntityName, "person">,
  id: string,
  viewer: Viewer,
): Promise<Record<string, unknown>> {
  const record = await getRecord(q, entity, id);
  const restricted = atLeast(viewer.role, "viewer")
    ? new Set<string>()
    : await restrictedSourceIds(q);
  const view =
    record && (await visibleTo(q, entity, record, viewer.role))
      ? recordView(entity, record, viewer.role, restricted)
      : null;
  if (!view) throw new NotFoundError(`${entity} "${id}" not found`);
  return view;
}

/**
 * Every audit entry of a record, oldest first (editors and above); for a person with
 * `withEvents`, the entries of their events too, in the same order.
 */
export async function entityHistory(
  q: Queryable,
  entity: EntityName,
  id: string,
  withEvents = false,
): Promise<AuditEntry[]> {
  const table = ENTITY_TABLES[entity].table;
  const entries = await recordHistory(
    q,
    table,
    id,
    entity === "person" ? "person_name" : undefined,
  );
  if (entries.length === 0) throw new NotFoundError(`no history for ${entity} "${id}"`);
  if (entity !== "person" || !withEvents) return entries;
  const events = await caseEventsHistory(q, id);
  return [...entries, ...events].sort((a, b) => a.id - b.id);
}
