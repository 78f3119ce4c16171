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
import { RELEASE_MECHANISMS } from "../domain/model.ts";
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
  const rows = await packedRows(
    q,
    {
      personId: "person_id",
      type: "type",
      monitor: "monitor",
      first: "date_first - DATE '1970-01-01'",
      last: "date_last - DATE '1970-01-01'",
    },
    `FROM event WHERE type IN ('recognized', 'recognition_withdrawn')
       AND ($1::text IS NULL OR monitor = $1)`,
    [monitor ?? null],
  );
  return rows.map((r) => ({
    personId: r.personId as string,
    type: r.type as RecognitionEvent["type"],
    monitor: r.monitor as string,
    first: Number(r.first),
    last: Number(r.last),
  }));
}

/**
 * Rows of `SELECT <fields> <rest>` as objects of texts (null for NULL), fetched as one
 * packed text: PGlite decodes result rows slowly, and one long text quickly.
 */
async function packedRows<K extends string>(
  q: Queryable,
  fields: Record<K, string>,
  rest: string,
  params: unknown[],
): Promise<Record<K, string | null>[]> {
  const names = Object.keys(fields) as K[];
  const select = names.map((name, i) => `${fields[name]} AS f${i}`).join(", ");
  const encoded = names
    .map((_, i) => `coalesce(char_length(f${i}::text) || ':' || f${i}::text, '!')`)
    .join(" || ");
  const [row] = await q.query<{ packed: string | null }>(
    `SELECT string_agg(${encoded}, '') AS packed FROM (SELECT ${select} ${rest}) packed_rows`,
    params,
  );
  const text = row?.packed ?? "";
  const parser = new PageParser(text);
  const rows: Record<K, string | null>[] = [];
  while (parser.at < text.length) {
    const out = {} as Record<K, string | null>;
    for (const name of names) {
      if (text.charCodeAt(parser.at) === 33 /* ! */) {
        parser.at++;
        out[name] = null;
      } else {
        const start = parser.prefixed();
        out[name] = text.slice(start, parser.at);
      }
    }
    rows.push(out);
  }
  return rows;
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

export interface SourceRef {
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  published: string | null;
}

/** The sources with these ids (all when `ids` is omitted), by id. */
export async function loadSources(q: Queryable, ids?: readonly string[]): Promise<SourceRef[]> {
  return q.query<SourceRef>(
    `SELECT id, title, publisher, url, published FROM source
     WHERE $1::text[] IS NULL OR id = ANY($1::text[]) ORDER BY id`,
    [ids ?? null],
  );
}

/** Birth date range and health of the given people (for the at-risk list). */
export async function loadPersonFacts(
  q: Queryable,
  personIds: readonly string[],
): Promise<
  { personId: string; birthFirst: number | null; birthLast: number | null; health: string | null }[]
> {
  const rows = await packedRows(
    q,
    {
      personId: "id",
      birthFirst: `birth_first - ${EPOCH}`,
      birthLast: `birth_last - ${EPOCH}`,
      health: "health",
    },
    "FROM person WHERE id = ANY($1::text[])",
    [personIds],
  );
  return rows.map((r) => ({
    personId: r.personId as string,
    birthFirst: r.birthFirst === null ? null : Number(r.birthFirst),
    birthLast: r.birthLast === null ? null : Number(r.birthLast),
    health: r.health,
  }));
}

/**
 * The latest sign of life of each of the given people on or before `asOf`: the largest
 * middle day (first + floor((last − first) / 2), as in DESIGN.md) of any of their events.
 */
export async function loadLastSignsOfLife(
  q: Queryable,
  personIds: readonly string[],
  asOf: number,
): Promise<Map<string, number>> {
  const rows = await packedRows(
    q,
    { personId: "person_id", day: "max(m)" },
    `FROM (SELECT person_id, (date_first - ${EPOCH}) + (date_last - date_first) / 2 AS m
           FROM event WHERE person_id = ANY($1::text[])) e
     WHERE m <= $2 GROUP BY person_id`,
    [personIds, asOf],
  );
  return new Map(rows.map((r) => [r.personId as string, Number(r.day)]));
}

/**
 * How many people there are, how many of them are synthetic, and the largest middle day of
 * any event (how far the registry's records reach; null when there is no event).
 */
export async function registryExtent(
  q: Queryable,
): Promise<{ people: number; synthetic: number; lastEventDay: number | null }> {
  const [row] = await q.query<{ people: number; synthetic: number; lastEventDay: number | null }>(
    `SELECT (SELECT count(*) FROM person)::int AS people,
            (SELECT count(*) FROM person WHERE synthetic)::int AS synthetic,
            (SELECT max((date_first - ${EPOCH}) + (date_last - date_first) / 2) FROM event)
              AS "lastEventDay"`,
  );
  return row ?? { people: 0, synthetic: 0, lastEventDay: null };
}

/**
 * One page of interval events in columns: rows of one person are contiguous, each
 * person's rows ordered by first day and then event id in code-unit order. Codes: `type`
 * 0 detained, 1 released, 2 died_in_custody; `mechanism` indexes RELEASE_MECHANISMS (255
 * for none); `operation` indexes `operationIds` (−1 for none).
 */
export interface IntervalEventPage {
  length: number;
  personIds: string[];
  /** Index into `personIds` of each row. */
  person: Int32Array;
  type: Uint8Array;
  first: Int32Array;
  last: Int32Array;
  mechanism: Uint8Array;
  operation: Int32Array;
  /** Release operation ids met so far, shared by all pages of one read. */
  operationIds: string[];
  /** The id of row `i`, cut from the page's text only when asked for. */
  eventId(row: number): string;
}

const INTERVAL_TYPES = "type IN ('detained', 'released', 'died_in_custody')";
const MECHANISM_ARRAY = `ARRAY[${RELEASE_MECHANISMS.map((m) => `'${m}'`).join(", ")}]::text[]`;
const ORDER = `person_id COLLATE "C", date_first, id COLLATE "C"`;

// A page comes back as one row holding one long text instead of one row per event: no
// object per event, and a handful of queries for a million people. Each event is written
// "<n>:<person id><n>:<event id><type>,<first>,<last>,<mechanism>,<n>:<operation id>",
// ids with their length in front, so that any text (commas, newlines) is safe.
const PAGE_SQL = `
SELECT string_agg(
  char_length(person_id) || ':' || person_id || char_length(id) || ':' || id ||
  CASE type WHEN 'detained' THEN 0 WHEN 'released' THEN 1 ELSE 2 END || ',' ||
  (date_first - ${EPOCH}) || ',' || (date_last - ${EPOCH}) || ',' ||
  coalesce(array_position(${MECHANISM_ARRAY}, mechanism) - 1, 255) || ',' ||
  coalesce(char_length(operation_id), 0) || ':' || coalesce(operation_id, ''),
  '' ORDER BY ${ORDER}) AS events
FROM event
WHERE ${INTERVAL_TYPES} AND ($1::int = 1 OR (hashtext(person_id) & 2147483647) % $1::int = $2::int)`;

/** Events per page: a page's text stays well below the longest string JavaScript holds. */
const EVENTS_PER_PAGE = 2_000_000;

/** A cursor over a page's text. */
class PageParser {
  at = 0;
  readonly text: string;
  /** True when every character is one UTF-16 unit, so that lengths need no walking. */
  private readonly simple: boolean;

  constructor(text: string) {
    this.text = text;
    this.simple = !/[\uD800-\uDFFF]/.test(text);
  }

  /** Reads an integer ended by `,` or `:`. */
  int(): number {
    const text = this.text;
    let c = text.charCodeAt(this.at++);
    let sign = 1;
    if (c === 45 /* - */) {
      sign = -1;
      c = text.charCodeAt(this.at++);
    }
    let value = 0;
    while (c !== 44 /* , */ && c !== 58 /* : */) {
      value = value * 10 + (c - 48);
      c = text.charCodeAt(this.at++);
    }
    return sign * value;
  }

  /** Skips a length-prefixed text; it then runs from the returned start to `at`. */
  prefixed(): number {
    const length = this.int();
    const start = this.at;
    // char_length counts code points, a JavaScript string UTF-16 units.
    if (this.simple) this.at += length;
    else {
      for (let k = 0; k < length; k++) {
        this.at += (this.text.codePointAt(this.at) as number) > 0xffff ? 2 : 1;
      }
    }
    return start;
  }

  /** Whether text[a, aEnd) equals text[b, bEnd), without making strings. */
  same(a: number, aEnd: number, b: number, bEnd: number): boolean {
    if (aEnd - a !== bEnd - b) return false;
    for (let i = 0; i < aEnd - a; i++) {
      if (this.text.charCodeAt(a + i) !== this.text.charCodeAt(b + i)) return false;
    }
    return true;
  }
}

function grow<T extends Int32Array | Uint8Array>(array: T, size: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  return bigger;
}

function parsePage(
  text: string,
  operationIds: string[],
  operationIndex: Map<string, number>,
): IntervalEventPage {
  const parser = new PageParser(text);
  // About 40 characters per event; the arrays grow if that was too few.
  let capacity = Math.max(16, Math.ceil(text.length / 32));
  let person = new Int32Array(capacity);
  let type = new Uint8Array(capacity);
  let first = new Int32Array(capacity);
  let last = new Int32Array(capacity);
  let mechanism = new Uint8Array(capacity);
  let operation = new Int32Array(capacity);
  let idStart = new Int32Array(capacity);
  let idEnd = new Int32Array(capacity);
  const personIds: string[] = [];
  let previousStart = 0;
  let previousEnd = -1;
  let n = 0;
  while (parser.at < text.length) {
    if (n === capacity) {
      capacity *= 2;
      person = grow(person, capacity);
      type = grow(type, capacity);
      first = grow(first, capacity);
      last = grow(last, capacity);
      mechanism = grow(mechanism, capacity);
      operation = grow(operation, capacity);
      idStart = grow(idStart, capacity);
      idEnd = grow(idEnd, capacity);
    }
    const personStart = parser.prefixed();
    const personEnd = parser.at;
    if (!parser.same(personStart, personEnd, previousStart, previousEnd)) {
      personIds.push(text.slice(personStart, personEnd));
      previousStart = personStart;
      previousEnd = personEnd;
    }
    person[n] = personIds.length - 1;
    idStart[n] = parser.prefixed();
    idEnd[n] = parser.at;
    type[n] = parser.int();
    first[n] = parser.int();
    last[n] = parser.int();
    mechanism[n] = parser.int();
    const opStart = parser.prefixed();
    let o = -1;
    if (parser.at > opStart) {
      const id = text.slice(opStart, parser.at);
      o = operationIndex.get(id) ?? -1;
      if (o < 0) {
        o = operationIds.length;
        operationIds.push(id);
        operationIndex.set(id, o);
      }
    }
    operation[n] = o;
    n++;
  }
  return {
    length: n,
    personIds,
    person: person.subarray(0, n),
    type: type.subarray(0, n),
    first: first.subarray(0, n),
    last: last.subarray(0, n),
    mechanism: mechanism.subarray(0, n),
    operation: operation.subarray(0, n),
    operationIds,
    eventId: (row) => text.slice(idStart[row], idEnd[row]),
  };
}

/**
 * Every detained, released and died_in_custody event, in pages of whole people (one query
 * each, one page up to two million events), for building detention intervals without an
 * object per event.
 */
export async function* intervalEventPages(
  q: Queryable,
  eventsPerPage = EVENTS_PER_PAGE,
): AsyncGenerator<IntervalEventPage> {
  const [count] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM event WHERE ${INTERVAL_TYPES}`,
  );
  const pages = Math.max(1, Math.ceil((count?.n ?? 0) / eventsPerPage));
  const operationIds: string[] = [];
  const operationIndex = new Map<string, number>();
  const fetch = (k: number) => q.query<{ events: string | null }>(PAGE_SQL, [pages, k]);
  // The next page is asked for before this one is parsed: PostgreSQL builds it meanwhile
  // (on another connection of the pool); PGlite simply runs the queries in turn.
  let next = fetch(0);
  for (let k = 0; k < pages; k++) {
    const current = next;
    if (k + 1 < pages) {
      next = fetch(k + 1);
      // Handled when awaited; this keeps a reader that stops early from an unhandled rejection.
      next.catch(() => {});
    }
    const [row] = await current;
    if (row?.events) yield parsePage(row.events, operationIds, operationIndex);
  }
}
