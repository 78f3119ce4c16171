/**
 * The registry's tables as the API edits them, one field list each: the record key (as in
 * src/domain/model.ts), the column(s), the bundle column that the domain's row schema
 * validates, and the kind of value. The store builds its SQL from these lists and the
 * services map request fields to bundle columns with them.
 */

export type FieldKind = "text" | "int" | "bool" | "ids" | "date";

export interface Field {
  /** Property of the domain record and of the API's JSON. */
  key: string;
  kind: FieldKind;
  /** Column; for a date, the column of its EDTF text. */
  column: string;
  /** For a date: the columns of its first and last day. */
  first?: string;
  last?: string;
  /** Column of the bundle row (src/domain/bundle-schema.ts) that validates it; none for
   * fields that the bundle does not carry. */
  csv: string | null;
}

export const ENTITY_NAMES = [
  "person",
  "event",
  "source",
  "release_operation",
  "measure",
  "diplomatic_event",
  "monitor_count",
] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

export interface EntityTable {
  entity: EntityName;
  table: string;
  /** Prefix of the ids the API makes up when a client gives none. */
  idPrefix: string;
  fields: readonly Field[];
  /** Fields that only the system sets (not writable over the API). */
  readOnly: readonly string[];
  /** Sort keys the API accepts, as SQL over the table's alias `t`. */
  sortable: Record<string, string>;
  defaultSort: string;
}

function text(key: string, column: string, csv: string | null = column): Field {
  return { key, kind: "text", column, csv };
}
function int(key: string, column: string): Field {
  return { key, kind: "int", column, csv: column };
}
function date(key: string, column: string, first: string, last: string, csv = column): Field {
  return { key, kind: "date", column, first, last, csv };
}
const sourceIds: Field = { key: "sourceIds", kind: "ids", column: "source_ids", csv: "source_id" };

const PERSON: EntityTable = {
  entity: "person",
  table: "person",
  idPrefix: "p",
  fields: [
    text("name", "name"),
    text("nameLatin", "name_latin"),
    date("birthDate", "birth_date", "birth_first", "birth_last"),
    text("gender", "gender"),
    text("region", "region"),
    text("occupation", "occupation"),
    text("health", "health"),
    text("visibility", "visibility"),
    text("consent", "consent"),
    { key: "synthetic", kind: "bool", column: "synthetic", csv: null },
  ],
  readOnly: ["synthetic"],
  sortable: {
    id: "t.id",
    name: "t.name",
    nameLatin: "t.name_latin",
    region: "t.region",
    birthDate: "t.birth_first",
    updatedAt: "t.updated_at",
  },
  defaultSort: "name",
};

const EVENT: EntityTable = {
  entity: "event",
  table: "event",
  idPrefix: "e",
  fields: [
    text("personId", "person_id"),
    text("type", "type"),
    date("date", "date", "date_first", "date_last"),
    text("mechanism", "mechanism"),
    text("operationId", "operation_id"),
    text("monitor", "monitor"),
    text("facility", "facility"),
    text("articles", "articles"),
    int("sentenceMonths", "sentence_months"),
    text("description", "description"),
    sourceIds,
  ],
  readOnly: [],
  sortable: {
    id: "t.id",
    date: "t.date_first",
    type: "t.type",
    personId: "t.person_id",
    updatedAt: "t.updated_at",
  },
  defaultSort: "date",
};

const SOURCE: EntityTable = {
  entity: "source",
  table: "source",
  idPrefix: "s",
  fields: [
    text("title", "title"),
    text("publisher", "publisher"),
    text("url", "url"),
    date("published", "published", "published_first", "published_last"),
    text("language", "language"),
    text("reliability", "reliability"),
    text("credibility", "credibility"),
    { key: "restricted", kind: "bool", column: "restricted", csv: null },
  ],
  readOnly: [],
  sortable: {
    id: "t.id",
    title: "t.title",
    publisher: "t.publisher",
    published: "t.published_first",
    updatedAt: "t.updated_at",
  },
  defaultSort: "id",
};

const OPERATION: EntityTable = {
  entity: "release_operation",
  table: "release_operation",
  idPrefix: "op",
  fields: [
    date("date", "date", "date_first", "date_last"),
    text("kind", "kind"),
    int("announcedCount", "announced_count"),
    text("mediators", "mediators"),
    text("description", "description"),
    sourceIds,
  ],
  readOnly: [],
  sortable: { id: "t.id", date: "t.date_first", kind: "t.kind", updatedAt: "t.updated_at" },
  defaultSort: "date",
};

const MEASURE: EntityTable = {
  entity: "measure",
  table: "measure",
  idPrefix: "m",
  fields: [
    text("authority", "authority"),
    text("target", "target"),
    text("kind", "kind"),
    date("imposed", "imposed", "imposed_first", "imposed_last"),
    date("eased", "eased", "eased_first", "eased_last"),
    date("lifted", "lifted", "lifted_first", "lifted_last"),
    text("description", "description"),
    sourceIds,
  ],
  readOnly: [],
  sortable: {
    id: "t.id",
    authority: "t.authority",
    target: "t.target",
    imposed: "t.imposed_first",
    eased: "t.eased_first",
    updatedAt: "t.updated_at",
  },
  defaultSort: "id",
};

const DIPLOMATIC_EVENT: EntityTable = {
  entity: "diplomatic_event",
  table: "diplomatic_event",
  idPrefix: "d",
  fields: [
    date("date", "date", "date_first", "date_last"),
    text("kind", "kind"),
    text("actors", "actors"),
    text("description", "description"),
    sourceIds,
  ],
  readOnly: [],
  sortable: { id: "t.id", date: "t.date_first", kind: "t.kind", updatedAt: "t.updated_at" },
  defaultSort: "date",
};

const MONITOR_COUNT: EntityTable = {
  entity: "monitor_count",
  table: "monitor_count",
  idPrefix: "mc",
  fields: [
    text("monitor", "monitor"),
    date("asOf", "as_of", "as_of_first", "as_of_last"),
    int("value", "value"),
    text("qualifier", "qualifier"),
    sourceIds,
  ],
  readOnly: [],
  sortable: {
    id: "t.id",
    asOf: "t.as_of_first",
    monitor: "t.monitor",
    value: "t.value",
    updatedAt: "t.updated_at",
  },
  defaultSort: "asOf",
};

export const ENTITY_TABLES: { [K in EntityName]: EntityTable } = {
  person: PERSON,
  event: EVENT,
  source: SOURCE,
  release_operation: OPERATION,
  measure: MEASURE,
  diplomatic_event: DIPLOMATIC_EVENT,
  monitor_count: MONITOR_COUNT,
};
