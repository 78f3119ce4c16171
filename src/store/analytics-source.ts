/**
 * Set-based reads that feed the analytics: a few queries for the whole registry, never one
 * per person. Days come back as integers since 1970-01-01, as the analytics expect.
 */
import type { IntervalEvent, RecognitionEvent } from "../analytics/types.ts";
import type {
  DateRange,
  DiplomaticEvent,
  Measure,
  MonitorCount,
  ReleaseOperation,
} from "../domain/model.ts";
import type { Queryable } from "./connection.ts";

const EPOCH = "DATE '1970-01-01'";

function day(column: string, alias: string): string {
  return `(${column} - ${EPOCH}) AS ${alias}`;
}

function range(text: string | null, first: number | null, last: number | null): DateRange | null {
  return text === null || first === null || last === null ? null : { text, first, last };
}

/** Every detained, released and died_in_custody event, ordered by person. */
export async function loadIntervalEvents(q: Queryable): Promise<IntervalEvent[]> {
  return q.query<IntervalEvent>(
    `SELECT id AS "eventId", person_id AS "personId", type,
            ${day("date_first", "first")}, ${day("date_last", "last")},
            mechanism, operation_id AS "operationId"
     FROM event
     WHERE type IN ('detained', 'released', 'died_in_custody')
     ORDER BY person_id, date_first, id`,
  );
}

/** Recognition events, of one monitor or of all. */
export async function loadRecognitionEvents(
  q: Queryable,
  monitor?: string,
): Promise<RecognitionEvent[]> {
  return q.query<RecognitionEvent>(
    `SELECT person_id AS "personId", type, monitor,
            ${day("date_first", "first")}, ${day("date_last", "last")}
     FROM event
     WHERE type IN ('recognized', 'recognition_withdrawn')
       AND ($1::text IS NULL OR monitor = $1)
     ORDER BY person_id, date_first`,
    [monitor ?? null],
  );
}

interface DatedRow {
  date: string;
  first: number;
  last: number;
}

export async function loadOperations(q: Queryable): Promise<ReleaseOperation[]> {
  const rows = await q.query<
    DatedRow & Omit<ReleaseOperation, "date"> & { announcedCount: number | null }
  >(
    `SELECT id, date, ${day("date_first", "first")}, ${day("date_last", "last")}, kind,
            announced_count AS "announcedCount", mediators, description, source_ids AS "sourceIds"
     FROM release_operation ORDER BY date_first, id`,
  );
  return rows.map(({ date, first, last, ...rest }) => ({
    ...rest,
    date: { text: date, first, last },
  }));
}

export async function loadMeasures(q: Queryable): Promise<Measure[]> {
  type Row = Omit<Measure, "imposed" | "eased" | "lifted"> & {
    [K in `${"imposed" | "eased" | "lifted"}${"" | "_first" | "_last"}`]: K extends `${string}_${string}`
      ? number | null
      : string | null;
  };
  const rows = await q.query<Row>(
    `SELECT id, authority, target, kind, description, source_ids AS "sourceIds",
            imposed, ${day("imposed_first", "imposed_first")}, ${day("imposed_last", "imposed_last")},
            eased, ${day("eased_first", "eased_first")}, ${day("eased_last", "eased_last")},
            lifted, ${day("lifted_first", "lifted_first")}, ${day("lifted_last", "lifted_last")}
     FROM measure ORDER BY id`,
  );
  return rows.map((r) => ({
    id: r.id,
    authority: r.authority,
    target: r.target,
    kind: r.kind,
    description: r.description,
    sourceIds: r.sourceIds,
    imposed: range(r.imposed, r.imposed_first, r.imposed_last),
    eased: range(r.eased, r.eased_first, r.eased_last),
    lifted: range(r.lifted, r.lifted_first, r.lifted_last),
  }));
}

export async function loadDiplomaticEvents(q: Queryable): Promise<DiplomaticEvent[]> {
  const rows = await q.query<DatedRow & Omit<DiplomaticEvent, "date">>(
    `SELECT id, date, ${day("date_first", "first")}, ${day("date_last", "last")}, kind, actors,
            description, source_ids AS "sourceIds"
     FROM diplomatic_event ORDER BY date_first, id`,
  );
  return rows.map(({ date, first, last, ...rest }) => ({
    ...rest,
    date: { text: date, first, last },
  }));
}

export async function loadMonitorCounts(q: Queryable, monitor?: string): Promise<MonitorCount[]> {
  const rows = await q.query<
    { as_of: string; first: number; last: number } & Omit<MonitorCount, "asOf">
  >(
    `SELECT id, monitor, as_of, ${day("as_of_first", "first")}, ${day("as_of_last", "last")},
            value, qualifier, source_ids AS "sourceIds"
     FROM monitor_count
     WHERE $1::text IS NULL OR monitor = $1
     ORDER BY as_of_first, id`,
    [monitor ?? null],
  );
  return rows.map(({ as_of, first, last, ...rest }) => ({
    ...rest,
    asOf: { text: as_of, first, last },
  }));
}
