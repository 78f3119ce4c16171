/**
 * Reading and writing one record of the registry at a time, for the API: every write
 * appends to the audit log in the same transaction (as the bundle writer does), and an
 * update names the version it read, so that a stale update changes nothing.
 */
import { dayToIso } from "../domain/partial-date.ts";
import type { Queryable } from "./connection.ts";
import { ENTITY_TABLES, type EntityName, type EntityTable, type Field } from "./entity-tables.ts";

/** A record as stored: its fields (as in src/domain/model.ts) and bookkeeping. */
export interface StoredRecord {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  [key: string]: unknown;
}

/** Which people a reader may see; rows of other tables follow their person. */
export type PersonScope = "public" | "nonprivate" | "all";

export type Filter =
  | { op: "eq"; column: string; value: string | number | boolean }
  | { op: "in"; column: string; values: readonly string[] }
  | { op: "notIn"; column: string; values: readonly string[] }
  /** The partial date may fall on or after `day` (its last day is on or after it). */
  | { op: "from"; last: string; day: number }
  /** The partial date may fall on or before `day`. */
  | { op: "to"; first: string; day: number }
  /** Any of the columns contains the text, ignoring case. */
  | { op: "contains"; columns: readonly string[]; text: string }
  /** The record's person (the record itself for `person`) is within the scope. */
  | { op: "personScope"; scope: PersonScope }
  /** The column holds some text (not null, not blank), or holds none. */
  | { op: "present"; column: string; present: boolean }
  /** A person with an event of this type (and, if given, this value in an event column). */
  | { op: "hasEvent"; type: string; column?: string; value?: string }
  /**
   * A person with an event naming the criminal-code article: one of its `;`/`,`-separated
   * articles is the text, or a part of it ("361" matches "361-1" and "361.2").
   */
  | { op: "hasArticle"; article: string };

export interface ListQuery {
  filters: readonly Filter[];
  /** A key of the table's `sortable`. */
  sort: string;
  descending: boolean;
  limit: number;
  offset: number;
}

const EPOCH = "DATE '1970-01-01'";
const BOOKKEEPING = " - 'created_at' - 'updated_at'";

function timestamp(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

function selectList(spec: EntityTable): string {
  const columns = ["t.id AS id"];
  for (const f of spec.fields) {
    if (f.kind === "date") {
      columns.push(
        `CASE WHEN t.${f.column} IS NULL THEN NULL ELSE json_build_object('text', t.${f.column}, ` +
          `'first', t.${f.first} - ${EPOCH}, 'last', t.${f.last} - ${EPOCH}) END AS "${f.key}"`,
      );
    } else {
      columns.push(`t.${f.column} AS "${f.key}"`);
    }
  }
  columns.push(
    "t.version AS version",
    `${timestamp("t.created_at")} AS "createdAt"`,
    `${timestamp("t.updated_at")} AS "updatedAt"`,
  );
  return columns.join(", ");
}

const SELECTS = new Map<EntityName, string>();
function selectOf(spec: EntityTable): string {
  let select = SELECTS.get(spec.entity);
  if (select === undefined) {
    select = selectList(spec);
    SELECTS.set(spec.entity, select);
  }
  return select;
}

/** SQL condition on a person row aliased `p`. */
export function personScopeSql(scope: PersonScope, alias = "p"): string {
  if (scope === "public")
    return `(${alias}.visibility = 'public' AND ${alias}.consent = 'granted')`;
  if (scope === "nonprivate") return `${alias}.visibility <> 'private'`;
  return "TRUE";
}

/** `%` and `_` match themselves in a LIKE pattern built from user text. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function whereOf(spec: EntityTable, filters: readonly Filter[], params: unknown[]): string {
  const parts: string[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  for (const filter of filters) {
    switch (filter.op) {
      case "eq":
        parts.push(`t.${filter.column} = ${param(filter.value)}`);
        break;
      case "in":
        parts.push(`t.${filter.column} = ANY(${param(filter.values)}::text[])`);
        break;
      case "notIn":
        parts.push(`NOT (t.${filter.column} = ANY(${param(filter.values)}::text[]))`);
        break;
      case "from":
        parts.push(`t.${filter.last} >= ${param(dayToIso(filter.day))}::date`);
        break;
      case "to":
        parts.push(`t.${filter.first} <= ${param(dayToIso(filter.day))}::date`);
        break;
      case "contains": {
        const pattern = param(likePattern(filter.text));
        parts.push(`(${filter.columns.map((c) => `t.${c} ILIKE ${pattern}`).join(" OR ")})`);
        break;
      }
      case "present":
        parts.push(
          filter.present
            ? `coalesce(btrim(t.${filter.column}), '') <> ''`
            : `coalesce(btrim(t.${filter.column}), '') = ''`,
        );
        break;
      case "hasEvent": {
        const column =
          filter.column === undefined
            ? ""
            : ` AND e.${filter.column} = ${param(filter.value)}::text`;
        parts.push(
          `EXISTS (SELECT 1 FROM event e WHERE e.person_id = t.id AND e.type = ${param(filter.type)}::text${column})`,
        );
        break;
      }
      case "hasArticle": {
        const article = param(filter.article);
        // The article as a LIKE prefix: its own % and _ match themselves.
        const part = param(filter.article.replace(/[\\%_]/g, (c) => `\\${c}`));
        parts.push(
          `EXISTS (SELECT 1 FROM event e, regexp_split_to_table(e.articles, '[;,]') AS a(article)
             WHERE e.person_id = t.id AND e.articles IS NOT NULL
               AND (btrim(a.article) = ${article} OR btrim(a.article) LIKE ${part}::text || '-%'
                    OR btrim(a.article) LIKE ${part}::text || '.%'))`,
        );
        break;
      }
      case "personScope":
        if (filter.scope === "all") break;
        if (spec.entity === "person") parts.push(personScopeSql(filter.scope, "t"));
        else {
          parts.push(
            `EXISTS (SELECT 1 FROM person p WHERE p.id = t.person_id AND ${personScopeSql(filter.scope)})`,
          );
        }
        break;
    }
  }
  return parts.length === 0 ? "TRUE" : parts.join(" AND ");
}

export async function getRecord(
  q: Queryable,
  entity: EntityName,
  id: string,
): Promise<StoredRecord | null> {
  const spec = ENTITY_TABLES[entity];
  const [row] = await q.query<StoredRecord>(
    `SELECT ${selectOf(spec)} FROM ${spec.table} t WHERE t.id = $1`,
    [id],
  );
  return row ?? null;
}

/** Records by id, in no particular order. */
export async function getRecords(
  q: Queryable,
  entity: EntityName,
  ids: readonly string[],
): Promise<StoredRecord[]> {
  if (ids.length === 0) return [];
  const spec = ENTITY_TABLES[entity];
  return q.query<StoredRecord>(
    `SELECT ${selectOf(spec)} FROM ${spec.table} t WHERE t.id = ANY($1::text[])`,
    [[...new Set(ids)]],
  );
}

export async function listRecords(
  q: Queryable,
  entity: EntityName,
  query: ListQuery,
): Promise<{ items: StoredRecord[]; total: number }> {
  const spec = ENTITY_TABLES[entity];
  const params: unknown[] = [];
  const where = whereOf(spec, query.filters, params);
  const sort = spec.sortable[query.sort] ?? (spec.sortable[spec.defaultSort] as string);
  const direction = query.descending ? "DESC" : "ASC";
  const [count] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${spec.table} t WHERE ${where}`,
    params,
  );
  // The page is chosen on the raw rows, and only its rows are shaped (dates, timestamps).
  const order = `${sort} ${direction} NULLS LAST, t.id ${direction}`;
  const items = await q.query<StoredRecord>(
    `SELECT ${selectOf(spec)} FROM (
       SELECT t.* FROM ${spec.table} t WHERE ${where} ORDER BY ${order}
       LIMIT ${Math.trunc(query.limit)} OFFSET ${Math.trunc(query.offset)}) t
     ORDER BY ${order}`,
    params,
  );
  return { items, total: count?.n ?? 0 };
}

/** Columns and parameters of the fields of a record. */
function columnsAndCells(
  fields: readonly Field[],
  record: Record<string, unknown>,
): { columns: string[]; cells: unknown[] } {
  const columns = fields.flatMap((f) =>
    f.kind === "date" ? [f.column, f.first as string, f.last as string] : [f.column],
  );
  const cells = fields.flatMap((f) => {
    const value = record[f.key] ?? null;
    if (f.kind !== "date") return [value];
    if (value === null) return [null, null, null];
    const range = value as { text: string; first: number; last: number };
    return [range.text, dayToIso(range.first), dayToIso(range.last)];
  });
  return { columns, cells };
}

/** True when a record with this id is in the table or in the trash. */
export async function idTaken(q: Queryable, entity: EntityName, id: string): Promise<boolean> {
  const spec = ENTITY_TABLES[entity];
  const rows = await q.query(
    `SELECT 1 FROM ${spec.table} WHERE id = $1
     UNION ALL SELECT 1 FROM deleted_record WHERE entity = $2 AND entity_id = $1`,
    [id, entity],
  );
  return rows.length > 0;
}

/** Inserts a new record (fields as in the domain model) and logs it; the caller's transaction. */
export async function insertRecord(
  tx: Queryable,
  entity: EntityName,
  id: string,
  record: Record<string, unknown>,
  actor: string,
): Promise<void> {
  const spec = ENTITY_TABLES[entity];
  const { columns, cells } = columnsAndCells(spec.fields, record);
  await tx.query(
    `WITH ins AS (
       INSERT INTO ${spec.table} (id, ${columns.join(", ")})
       VALUES ($2, ${columns.map((_, i) => `$${i + 3}`).join(", ")}) RETURNING *)
     INSERT INTO audit_log (actor, action, entity, entity_id, after)
     SELECT $1, 'insert', '${spec.table}', ins.id, to_jsonb(ins)${BOOKKEEPING} FROM ins`,
    [actor, id, ...cells],
  );
}

/**
 * Writes a record's new fields if its version is still `version`, bumping it and logging
 * before and after. Returns false, writing nothing, when the version has moved on (or the
 * record is gone).
 */
export async function updateRecord(
  tx: Queryable,
  entity: EntityName,
  id: string,
  version: number,
  record: Record<string, unknown>,
  actor: string,
): Promise<boolean> {
  const spec = ENTITY_TABLES[entity];
  const writable = spec.fields.filter((f) => !spec.readOnly.includes(f.key));
  const { columns, cells } = columnsAndCells(writable, record);
  const set = columns.map((c, i) => `${c} = $${i + 4}`);
  const rows = await tx.query(
    `WITH old AS (SELECT to_jsonb(t) AS row FROM ${spec.table} t WHERE t.id = $2),
     upd AS (
       UPDATE ${spec.table} SET ${set.join(", ")}, version = version + 1, updated_at = now()
       WHERE id = $2 AND version = $3 RETURNING *)
     INSERT INTO audit_log (actor, action, entity, entity_id, before, after)
     SELECT $1, 'update', '${spec.table}', upd.id, (SELECT row FROM old)${BOOKKEEPING},
            to_jsonb(upd)${BOOKKEEPING}
     FROM upd RETURNING 1`,
    [actor, id, version, ...cells],
  );
  return rows.length === 1;
}

/** How many records cite each of these sources, and a few of them. */
export async function sourceCitations(
  q: Queryable,
  sourceId: string,
): Promise<{ count: number; examples: string[] }> {
  const rows = await q.query<{ ref: string }>(
    `SELECT ref FROM (
       SELECT 'event ' || id AS ref FROM event WHERE $1 = ANY(source_ids)
       UNION ALL SELECT 'release_operation ' || id FROM release_operation WHERE $1 = ANY(source_ids)
       UNION ALL SELECT 'measure ' || id FROM measure WHERE $1 = ANY(source_ids)
       UNION ALL SELECT 'diplomatic_event ' || id FROM diplomatic_event WHERE $1 = ANY(source_ids)
       UNION ALL SELECT 'monitor_count ' || id FROM monitor_count WHERE $1 = ANY(source_ids)
     ) refs`,
    [sourceId],
  );
  return { count: rows.length, examples: rows.slice(0, 5).map((r) => r.ref) };
}

/** Ids of the events that refer to a release operation. */
export async function operationEvents(q: Queryable, operationId: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    "SELECT id FROM event WHERE operation_id = $1 ORDER BY id LIMIT 6",
    [operationId],
  );
  return rows.map((r) => r.id);
}

/** Ids of the sources marked restricted (few: read on each request that needs them). */
export async function restrictedSourceIds(q: Queryable): Promise<Set<string>> {
  const rows = await q.query<{ id: string }>("SELECT id FROM source WHERE restricted");
  return new Set(rows.map((r) => r.id));
}
