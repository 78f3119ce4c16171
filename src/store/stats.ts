/** Counts of what the database holds, for `turnstile stats` and the dashboard. */
import type { Queryable } from "./connection.ts";

export interface EntityCounts {
  sources: number;
  people: number;
  syntheticPeople: number;
  publicPeople: number;
  names: number;
  events: number;
  operations: number;
  measures: number;
  diplomaticEvents: number;
  monitorCounts: number;
  auditEntries: number;
}

export async function countEntities(q: Queryable): Promise<EntityCounts> {
  const [row] = await q.query<EntityCounts>(
    `SELECT
       (SELECT count(*) FROM source)::int AS "sources",
       (SELECT count(*) FROM person)::int AS "people",
       (SELECT count(*) FROM person WHERE synthetic)::int AS "syntheticPeople",
       (SELECT count(*) FROM person WHERE visibility = 'public' AND consent = 'granted')::int AS "publicPeople",
       (SELECT count(*) FROM person_name)::int AS "names",
       (SELECT count(*) FROM event)::int AS "events",
       (SELECT count(*) FROM release_operation)::int AS "operations",
       (SELECT count(*) FROM measure)::int AS "measures",
       (SELECT count(*) FROM diplomatic_event)::int AS "diplomaticEvents",
       (SELECT count(*) FROM monitor_count)::int AS "monitorCounts",
       (SELECT count(*) FROM audit_log)::int AS "auditEntries"`,
  );
  if (!row) throw new Error("count query returned no row");
  return row;
}

/** Events per type, for the stats page. */
export async function countEventsByType(q: Queryable): Promise<Record<string, number>> {
  const rows = await q.query<{ type: string; n: number }>(
    "SELECT type, count(*)::int AS n FROM event GROUP BY type ORDER BY type",
  );
  return Object.fromEntries(rows.map((r) => [r.type, r.n]));
}
