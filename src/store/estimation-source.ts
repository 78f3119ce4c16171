/**
 * Set-based reads for multiple systems estimation: which sources each person's events
 * cite, and the sources themselves. One query each, never one per person.
 */
import type { Queryable } from "./connection.ts";

export interface SourceSummary {
  id: string;
  title: string;
  publisher: string | null;
  /** People whose events cite this source. */
  people: number;
}

export interface PersonCitation {
  personId: string;
  /** A source id, or a publisher name for {@link loadPersonPublishers}. */
  key: string;
}

/** Every source with the number of people its events document, in order of id. */
export async function loadSourceSummaries(q: Queryable): Promise<SourceSummary[]> {
  return q.query<SourceSummary>(
    `SELECT s.id, s.title, s.publisher, COALESCE(c.people, 0) AS people
     FROM source s
     LEFT JOIN (
       SELECT cited.source_id, COUNT(DISTINCT e.person_id) AS people
       FROM event e CROSS JOIN LATERAL unnest(e.source_ids) AS cited(source_id)
       GROUP BY cited.source_id
     ) c ON c.source_id = s.id
     ORDER BY s.id`,
  );
}

/** Each distinct (person, cited source) pair, ordered by person then source. */
export async function loadPersonSources(q: Queryable): Promise<PersonCitation[]> {
  return q.query<PersonCitation>(
    `SELECT DISTINCT e.person_id AS "personId", cited.source_id AS key
     FROM event e CROSS JOIN LATERAL unnest(e.source_ids) AS cited(source_id)
     ORDER BY 1, 2`,
  );
}

/**
 * Each distinct (person, publisher) pair: the publishers of the sources a person's events
 * cite. A source without a publisher stands for itself, as `source:<id>`. Citations of the
 * `excluded` sources do not count (the restricted ones, for anonymous readers).
 */
export async function loadPersonPublishers(
  q: Queryable,
  excluded: ReadonlySet<string> = new Set(),
): Promise<PersonCitation[]> {
  return q.query<PersonCitation>(
    `SELECT DISTINCT e.person_id AS "personId",
            COALESCE(NULLIF(btrim(s.publisher), ''), 'source:' || cited.source_id) AS key
     FROM event e
     CROSS JOIN LATERAL unnest(e.source_ids) AS cited(source_id)
     LEFT JOIN source s ON s.id = cited.source_id
     WHERE NOT (cited.source_id = ANY($1::text[]))
     ORDER BY 1, 2`,
    [[...excluded]],
  );
}
