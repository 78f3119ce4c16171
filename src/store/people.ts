/** Queries about people beyond one row: their other names, events, and name search. */
import type { IntervalEvent } from "../analytics/types.ts";
import type { PersonName } from "../domain/model.ts";
import type { Queryable } from "./connection.ts";
import { likePattern, type PersonScope, personScopeSql } from "./records.ts";

export async function namesOf(q: Queryable, personIds: readonly string[]): Promise<PersonName[]> {
  if (personIds.length === 0) return [];
  return q.query<PersonName>(
    `SELECT person_id AS "personId", name, script, kind FROM person_name
     WHERE person_id = ANY($1::text[]) ORDER BY person_id, kind, name`,
    [[...new Set(personIds)]],
  );
}

/**
 * Makes a person's other names exactly `names`, logging each name added, changed or
 * removed (audit entity `person_name`, id `<person>/<name>`), in the caller's transaction.
 */
export async function replaceNames(
  tx: Queryable,
  personId: string,
  names: readonly Omit<PersonName, "personId">[],
  actor: string,
): Promise<void> {
  const wanted = JSON.stringify(
    names.map((n) => ({ name: n.name, script: n.script, kind: n.kind })),
  );
  const entityId = "t.person_id || '/' || t.name";
  await tx.query(
    `WITH wanted AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS w(name text, script text, kind text)),
     gone AS (
       DELETE FROM person_name t WHERE t.person_id = $1
         AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.name = t.name)
       RETURNING t.*)
     INSERT INTO audit_log (actor, action, entity, entity_id, before)
     SELECT $3, 'delete', 'person_name', ${entityId}, to_jsonb(t) FROM gone t`,
    [personId, wanted, actor],
  );
  await tx.query(
    `WITH wanted AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS w(name text, script text, kind text)),
     old AS (SELECT * FROM person_name WHERE person_id = $1),
     changed AS (
       UPDATE person_name t SET script = w.script, kind = w.kind FROM wanted w
       WHERE t.person_id = $1 AND t.name = w.name AND (t.script, t.kind) IS DISTINCT FROM (w.script, w.kind)
       RETURNING t.*)
     INSERT INTO audit_log (actor, action, entity, entity_id, before, after)
     SELECT $3, 'update', 'person_name', ${entityId},
            (SELECT to_jsonb(o) FROM old o WHERE o.name = t.name), to_jsonb(t)
     FROM changed t`,
    [personId, wanted, actor],
  );
  await tx.query(
    `WITH wanted AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS w(name text, script text, kind text)),
     added AS (
       INSERT INTO person_name (person_id, name, script, kind)
       SELECT $1, w.name, w.script, w.kind FROM wanted w
       WHERE NOT EXISTS (SELECT 1 FROM person_name n WHERE n.person_id = $1 AND n.name = w.name)
       RETURNING *)
     INSERT INTO audit_log (actor, action, entity, entity_id, after)
     SELECT $3, 'insert', 'person_name', ${entityId}, to_jsonb(t) FROM added t`,
    [personId, wanted, actor],
  );
}

/** How many people the registry holds, and how many of them the demo generator made up. */
export async function peopleCounts(q: Queryable): Promise<{ people: number; synthetic: number }> {
  const [row] = await q.query<{ people: number; synthetic: number }>(
    "SELECT count(*)::int AS people, (count(*) FILTER (WHERE synthetic))::int AS synthetic FROM person",
  );
  return row ?? { people: 0, synthetic: 0 };
}

/** The detained, released and died_in_custody events of some people, as the analytics take them. */
export async function intervalEventsOf(
  q: Queryable,
  personIds: readonly string[],
): Promise<IntervalEvent[]> {
  if (personIds.length === 0) return [];
  return q.query<IntervalEvent>(
    `SELECT id AS "eventId", person_id AS "personId", type,
            (date_first - DATE '1970-01-01') AS first, (date_last - DATE '1970-01-01') AS last,
            mechanism, operation_id AS "operationId"
     FROM event
     WHERE person_id = ANY($1::text[]) AND type IN ('detained', 'released', 'died_in_custody')
     ORDER BY person_id, date_first, id`,
    [[...new Set(personIds)]],
  );
}

/** The criminal-code articles named in each person's events, distinct, in order of first use. */
export async function articlesOf(
  q: Queryable,
  personIds: readonly string[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (personIds.length === 0) return result;
  const rows = await q.query<{ personId: string; articles: string }>(
    `SELECT person_id AS "personId", articles FROM event
     WHERE person_id = ANY($1::text[]) AND articles IS NOT NULL
     ORDER BY person_id, date_first, id`,
    [[...new Set(personIds)]],
  );
  for (const row of rows) {
    const list = result.get(row.personId) ?? [];
    for (const article of row.articles.split(/[;,]/).map((a) => a.trim())) {
      if (article !== "" && !list.includes(article)) list.push(article);
    }
    result.set(row.personId, list);
  }
  return result;
}

export interface NameSearch {
  text: string;
  limit: number;
  scope: PersonScope;
  /** Match aliases too (not for anonymous readers: an alias is not a public field). */
  aliases: boolean;
}

/**
 * Ids of people whose name, Latin name or other names contain the text, ignoring case:
 * exact matches first, then by name.
 */
export async function searchNames(q: Queryable, search: NameSearch): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `SELECT p.id FROM person p
     WHERE ${personScopeSql(search.scope)}
       AND (p.name ILIKE $1 OR p.name_latin ILIKE $1 OR EXISTS (
         SELECT 1 FROM person_name n WHERE n.person_id = p.id AND n.name ILIKE $1
           AND ($3 OR n.kind <> 'alias')))
     ORDER BY (lower(p.name) = lower($2) OR lower(coalesce(p.name_latin, '')) = lower($2)) DESC,
              p.name, p.id
     LIMIT ${Math.trunc(search.limit)}`,
    [likePattern(search.text), search.text, search.aliases],
  );
  return rows.map((r) => r.id);
}
