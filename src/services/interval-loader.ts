/**
 * Detention intervals from the store, built page by page into typed arrays (see
 * interval-builder.ts): the one load every analytic service starts from.
 */

import { OPEN_END, OPEN_EXIT } from "../analytics/table.ts";
import { EXIT_KINDS, type Interval } from "../analytics/types.ts";
import { intervalEventPages } from "../store/analytics-source.ts";
import type { Queryable } from "../store/connection.ts";
import { type BuiltIntervals, IntervalTableBuilder } from "./interval-builder.ts";

export interface LoadedIntervals extends BuiltIntervals {
  /** The id of the event with this ordinal (`startEvent` and `endEvent` hold ordinals). */
  eventId(ordinal: number): string;
}

/** Every person's detention intervals and the data problems met, in a few queries. */
export async function loadIntervals(
  q: Queryable,
  options: { eventsPerPage?: number } = {},
): Promise<LoadedIntervals> {
  const pageStarts: number[] = [];
  const pageIds: ((row: number) => string)[] = [];
  const eventId = (ordinal: number): string => {
    let lo = 0;
    let hi = pageStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((pageStarts[mid] as number) <= ordinal) lo = mid;
      else hi = mid - 1;
    }
    return (pageIds[lo] as (row: number) => string)(ordinal - (pageStarts[lo] as number));
  };
  let builder: IntervalTableBuilder | null = null;
  let ordinal = 0;
  for await (const page of intervalEventPages(q, options.eventsPerPage)) {
    builder ??= new IntervalTableBuilder(page.operationIds, eventId);
    pageStarts.push(ordinal);
    pageIds.push(page.eventId);
    let lo = 0;
    while (lo < page.length) {
      const p = page.person[lo] as number;
      let hi = lo + 1;
      while (hi < page.length && page.person[hi] === p) hi++;
      builder.addPerson(page.personIds[p] as string, page, lo, hi, ordinal + lo);
      lo = hi;
    }
    ordinal += page.length;
  }
  builder ??= new IntervalTableBuilder([], eventId);
  return { ...builder.build(), eventId };
}

/**
 * Rows of the table as {@link Interval} objects, for the analytics that take objects
 * (at-risk, deaths, time held): only the rows asked for, so that a large registry makes
 * objects for the few intervals concerned. Without `eventIds` the ids are left empty
 * (cheaper, for figures that do not show them).
 */
export function intervalObjects(
  loaded: LoadedIntervals,
  rows?: Iterable<number>,
  options: { eventIds?: boolean } = {},
): Interval[] {
  const ids = options.eventIds ?? true;
  const { table } = loaded;
  const out: Interval[] = [];
  const pick = rows ?? Array.from({ length: table.length }, (_, i) => i);
  for (const i of pick) {
    const open = table.endMid[i] === OPEN_END;
    const exit = table.exit[i] as number;
    const operation = table.operation[i] as number;
    out.push({
      personId: table.personIds[table.person[i] as number] as string,
      startEventId: ids ? loaded.eventId(loaded.startEvent[i] as number) : "",
      endEventId: open ? null : ids ? loaded.eventId(loaded.endEvent[i] as number) : "",
      startFirst: table.startFirst[i] as number,
      startLast: table.startLast[i] as number,
      startMid: table.startMid[i] as number,
      endFirst: open ? null : (table.endFirst[i] as number),
      endLast: open ? null : (table.endLast[i] as number),
      endMid: open ? null : (table.endMid[i] as number),
      exit: exit === OPEN_EXIT ? null : (EXIT_KINDS[exit] ?? null),
      operationId: operation < 0 ? null : (table.operationIds[operation] ?? null),
    });
  }
  return out;
}

/** Rows whose interval satisfies `keep`, as row numbers. */
export function rowsWhere(loaded: LoadedIntervals, keep: (row: number) => boolean): number[] {
  const rows: number[] = [];
  for (let i = 0; i < loaded.table.length; i++) if (keep(i)) rows.push(i);
  return rows;
}
