/**
 * Reads the registry for the exporters, table by table in batches ordered by key (so that
 * memory stays bounded and the output is in a stable order), as the records of the bundle.
 *
 * `audience: "public"` is the anonymous reader's view (DESIGN.md "Default private",
 * services/visibility.ts): people public WITH consent, and of them only the public fields
 * (name, Latin name, region); their names except aliases; of their events only detention,
 * release and death in custody, with date, articles and unrestricted sources (no facility,
 * no description); no restricted source. The filter is in the SQL, so nothing else is read.
 */
import { type Bundle, type DateRange, PUBLIC_EVENT_TYPES } from "../domain/model.ts";
import type { Queryable } from "./connection.ts";

export type Audience = "public" | "full";
export type ExportKey = keyof Bundle;

const PUBLIC_PERSON = "p.visibility = 'public' AND p.consent = 'granted'";
const EPOCH = "DATE '1970-01-01'";

/** A partial date's text and days: `date` → date, date_f, date_l (day numbers). */
function days(table: string, text: string, alias = text, bounds = text): string {
  return `${table}.${text} AS ${alias}, (${table}.${bounds}_first - ${EPOCH}) AS ${alias}_f, (${table}.${bounds}_last - ${EPOCH}) AS ${alias}_l`;
}

type Row = Record<string, unknown>;

function range(row: Row, alias: string): DateRange | null {
  const text = row[alias] as string | null;
  if (text === null) return null;
  return { text, first: row[`${alias}_f`] as number, last: row[`${alias}_l`] as number };
}

const str = (row: Row, column: string) => row[column] as string;
const opt = (row: Row, column: string) => (row[column] as string | null) ?? null;
const num = (row: Row, column: string) => (row[column] as number | null) ?? null;

interface TableReader<T> {
  /** `SELECT … FROM … WHERE <condition>`, without paging. */
  sql(audience: Audience): string;
  /** The primary key's columns: rows come in its order, pages continue after the last. */
  key: string[];
  toRecord(row: Row): T;
}

/** Sources an anonymous reader may see: unrestricted ones. */
const SOURCE_IDS_PUBLIC = `ARRAY(SELECT s FROM unnest(t.source_ids) s
  WHERE NOT EXISTS (SELECT 1 FROM source r WHERE r.id = s AND r.restricted)) AS source_ids`;

const READERS: { [K in ExportKey]: TableReader<Bundle[K][number]> } = {
  sources: {
    key: ["t.id"],
    sql: (audience) =>
      `SELECT t.id, t.title, t.publisher, t.url, ${days("t", "published")}, t.language,
              t.reliability, t.credibility, t.restricted
       FROM source t WHERE ${audience === "public" ? "NOT t.restricted" : "true"}`,
    toRecord: (r) => ({
      id: str(r, "id"),
      title: str(r, "title"),
      publisher: opt(r, "publisher"),
      url: opt(r, "url"),
      published: range(r, "published"),
      language: opt(r, "language"),
      reliability: opt(r, "reliability") as Bundle["sources"][number]["reliability"],
      credibility: opt(r, "credibility") as Bundle["sources"][number]["credibility"],
      restricted: r.restricted === true,
    }),
  },
  people: {
    key: ["p.id"],
    sql: (audience) =>
      audience === "public"
        ? `SELECT p.id, p.name, p.name_latin, NULL AS birth, NULL::int AS birth_f, NULL::int AS birth_l,
                  NULL AS gender, p.region, NULL AS occupation, NULL AS health, p.visibility,
                  p.consent, p.synthetic
           FROM person p WHERE ${PUBLIC_PERSON}`
        : `SELECT p.id, p.name, p.name_latin, ${days("p", "birth_date", "birth", "birth")},
                  p.gender, p.region, p.occupation, p.health, p.visibility, p.consent, p.synthetic
           FROM person p WHERE true`,
    toRecord: (r) => ({
      id: str(r, "id"),
      name: str(r, "name"),
      nameLatin: opt(r, "name_latin"),
      birthDate: range(r, "birth"),
      gender: opt(r, "gender") as Bundle["people"][number]["gender"],
      region: opt(r, "region"),
      occupation: opt(r, "occupation"),
      health: opt(r, "health"),
      visibility: str(r, "visibility") as Bundle["people"][number]["visibility"],
      consent: str(r, "consent") as Bundle["people"][number]["consent"],
      synthetic: r.synthetic === true,
    }),
  },
  names: {
    key: ["n.person_id", "n.name"],
    sql: (audience) =>
      `SELECT n.person_id, n.name, n.script, n.kind FROM person_name n
       ${audience === "public" ? `JOIN person p ON p.id = n.person_id AND ${PUBLIC_PERSON} WHERE n.kind <> 'alias'` : "WHERE true"}`,
    toRecord: (r) => ({
      personId: str(r, "person_id"),
      name: str(r, "name"),
      script: str(r, "script") as Bundle["names"][number]["script"],
      kind: str(r, "kind") as Bundle["names"][number]["kind"],
    }),
  },
  operations: {
    key: ["t.id"],
    sql: (audience) =>
      `SELECT t.id, ${days("t", "date")}, t.kind, t.announced_count, t.mediators, t.description,
              ${audience === "public" ? SOURCE_IDS_PUBLIC : "t.source_ids"}
       FROM release_operation t WHERE true`,
    toRecord: (r) => ({
      id: str(r, "id"),
      date: range(r, "date") as DateRange,
      kind: str(r, "kind") as Bundle["operations"][number]["kind"],
      announcedCount: num(r, "announced_count"),
      mediators: opt(r, "mediators"),
      description: opt(r, "description"),
      sourceIds: r.source_ids as string[],
    }),
  },
  events: {
    key: ["t.id"],
    sql: (audience) =>
      audience === "public"
        ? `SELECT t.id, t.person_id, t.type, ${days("t", "date")}, NULL AS mechanism,
                  NULL AS operation_id, NULL AS monitor, NULL AS facility, t.articles,
                  NULL::int AS sentence_months, NULL AS description, ${SOURCE_IDS_PUBLIC}
           FROM event t JOIN person p ON p.id = t.person_id AND ${PUBLIC_PERSON}
           WHERE t.type IN (${PUBLIC_EVENT_TYPES.map((type) => `'${type}'`).join(", ")})`
        : `SELECT t.id, t.person_id, t.type, ${days("t", "date")}, t.mechanism, t.operation_id,
                  t.monitor, t.facility, t.articles, t.sentence_months, t.description, t.source_ids
           FROM event t WHERE true`,
    toRecord: (r) => ({
      id: str(r, "id"),
      personId: str(r, "person_id"),
      type: str(r, "type") as Bundle["events"][number]["type"],
      date: range(r, "date") as DateRange,
      mechanism: opt(r, "mechanism") as Bundle["events"][number]["mechanism"],
      operationId: opt(r, "operation_id"),
      monitor: opt(r, "monitor"),
      facility: opt(r, "facility"),
      articles: opt(r, "articles"),
      sentenceMonths: num(r, "sentence_months"),
      description: opt(r, "description"),
      sourceIds: r.source_ids as string[],
    }),
  },
  measures: {
    key: ["t.id"],
    sql: (audience) =>
      `SELECT t.id, t.authority, t.target, t.kind, ${days("t", "imposed")},
              ${days("t", "eased")}, ${days("t", "lifted")}, t.description,
              ${audience === "public" ? SOURCE_IDS_PUBLIC : "t.source_ids"}
       FROM measure t WHERE true`,
    toRecord: (r) => ({
      id: str(r, "id"),
      authority: str(r, "authority"),
      target: str(r, "target"),
      kind: str(r, "kind"),
      imposed: range(r, "imposed"),
      eased: range(r, "eased"),
      lifted: range(r, "lifted"),
      description: opt(r, "description"),
      sourceIds: r.source_ids as string[],
    }),
  },
  diplomaticEvents: {
    key: ["t.id"],
    sql: (audience) =>
      `SELECT t.id, ${days("t", "date")}, t.kind, t.actors, t.description,
              ${audience === "public" ? SOURCE_IDS_PUBLIC : "t.source_ids"}
       FROM diplomatic_event t WHERE true`,
    toRecord: (r) => ({
      id: str(r, "id"),
      date: range(r, "date") as DateRange,
      kind: str(r, "kind"),
      actors: opt(r, "actors"),
      description: opt(r, "description"),
      sourceIds: r.source_ids as string[],
    }),
  },
  monitorCounts: {
    key: ["t.id"],
    sql: (audience) =>
      `SELECT t.id, t.monitor, ${days("t", "as_of")}, t.value, t.qualifier,
              ${audience === "public" ? SOURCE_IDS_PUBLIC : "t.source_ids"}
       FROM monitor_count t WHERE true`,
    toRecord: (r) => ({
      id: str(r, "id"),
      monitor: str(r, "monitor"),
      asOf: range(r, "as_of") as DateRange,
      value: r.value as number,
      qualifier: str(r, "qualifier") as Bundle["monitorCounts"][number]["qualifier"],
      sourceIds: r.source_ids as string[],
    }),
  },
};

/**
 * The records of one bundle file for an audience, in batches of `batchSize`, in the order
 * of the primary key (its index pages through the table: each batch continues after the
 * last key of the one before).
 */
export async function* readForExport<K extends ExportKey>(
  q: Queryable,
  key: K,
  audience: Audience,
  batchSize = 10_000,
): AsyncGenerator<Bundle[K][number][]> {
  const reader = READERS[key] as TableReader<Bundle[K][number]>;
  const columns = reader.key;
  const order = columns.join(", ");
  const base = reader.sql(audience);
  const next = `${base} AND (${order}) > (${columns.map((_, i) => `$${i + 1}`).join(", ")})`;
  let after: string[] | null = null;
  for (;;) {
    const rows: Row[] = await q.query<Row>(
      `${after === null ? base : next} ORDER BY ${order} LIMIT ${Math.trunc(batchSize)}`,
      after ?? [],
    );
    if (rows.length > 0) yield rows.map((row) => reader.toRecord(row));
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1] as Row;
    after = key === "names" ? [str(last, "person_id"), str(last, "name")] : [str(last, "id")];
  }
}

/** The names of these people an audience may see, by person (aliases are not public). */
export async function namesOfPeople(
  q: Queryable,
  personIds: readonly string[],
  audience: Audience,
): Promise<Map<string, Bundle["names"]>> {
  const rows = await q.query<Row>(
    `SELECT person_id, name, script, kind FROM person_name
     WHERE person_id = ANY($1::text[]) ${audience === "public" ? "AND kind <> 'alias'" : ""}
     ORDER BY person_id, name`,
    [personIds],
  );
  const byPerson = new Map<string, Bundle["names"]>();
  for (const row of rows) {
    const record = READERS.names.toRecord(row);
    const list = byPerson.get(record.personId);
    if (list) list.push(record);
    else byPerson.set(record.personId, [record]);
  }
  return byPerson;
}

/**
 * Runs `work` on a snapshot of the database: every table read in it sees the same moment,
 * even while others write (REPEATABLE READ; PGlite has one connection anyway).
 */
export async function withSnapshot<T>(
  store: { transaction<R>(work: (tx: Queryable) => Promise<R>): Promise<R> },
  work: (tx: Queryable) => Promise<T>,
): Promise<T> {
  return store.transaction(async (tx) => {
    await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    return work(tx);
  });
}
