/**
 * Intervals as typed-array columns, so that a million people's stock is a few linear passes
 * over memory instead of millions of objects.
 */
import { EXIT_KINDS, type ExitKind, type Interval } from "./types.ts";

/** End day of an open interval: later than any day a stock is asked for. */
export const OPEN_END = 2_147_483_647;
/** `exit` code of an open interval. */
export const OPEN_EXIT = 255;

/**
 * Column `i` of every array describes interval `i`. `person` and `operation` index
 * `personIds` and `operationIds` (`operation` is −1 when the end links to no operation);
 * `exit` indexes {@link EXIT_KINDS}. Rows need not be grouped by person. The store may fill
 * the columns directly instead of going through {@link toIntervalTable}.
 */
export interface IntervalTable {
  readonly length: number;
  readonly personIds: readonly string[];
  readonly person: Int32Array;
  readonly startFirst: Int32Array;
  readonly startLast: Int32Array;
  readonly startMid: Int32Array;
  /** {@link OPEN_END} when open, as are `endLast` and `endMid`. */
  readonly endFirst: Int32Array;
  readonly endLast: Int32Array;
  readonly endMid: Int32Array;
  readonly exit: Uint8Array;
  readonly operationIds: readonly string[];
  readonly operation: Int32Array;
}

/** Adds `by` to one cell (typed-array reads are `number | undefined` to the checker). */
export function bump(array: Int32Array, index: number, by = 1): void {
  array[index] = (array[index] as number) + by;
}

const EXIT_CODE = new Map<ExitKind, number>(EXIT_KINDS.map((kind, code) => [kind, code]));

export function toIntervalTable(intervals: readonly Interval[]): IntervalTable {
  const n = intervals.length;
  const personIndex = new Map<string, number>();
  const operationIndex = new Map<string, number>();
  const personIds: string[] = [];
  const operationIds: string[] = [];
  const table = {
    length: n,
    personIds,
    person: new Int32Array(n),
    startFirst: new Int32Array(n),
    startLast: new Int32Array(n),
    startMid: new Int32Array(n),
    endFirst: new Int32Array(n),
    endLast: new Int32Array(n),
    endMid: new Int32Array(n),
    exit: new Uint8Array(n),
    operationIds,
    operation: new Int32Array(n),
  };
  // deriveIntervals gives rows grouped by person in order of id: while runs of one person
  // come in increasing order each is new, and no hash map is needed.
  let lastId: string | null = null;
  let ordered = true;
  let p = -1;
  for (let i = 0; i < n; i++) {
    const interval = intervals[i] as Interval;
    if (interval.personId !== lastId) {
      if (ordered && lastId !== null && interval.personId <= lastId) {
        ordered = false;
        personIds.forEach((id, index) => {
          personIndex.set(id, index);
        });
      }
      lastId = interval.personId;
      p = ordered ? -1 : (personIndex.get(lastId) ?? -1);
      if (p === -1) {
        p = personIds.length;
        if (!ordered) personIndex.set(lastId, p);
        personIds.push(lastId);
      }
    }
    table.person[i] = p;
    table.startFirst[i] = interval.startFirst;
    table.startLast[i] = interval.startLast;
    table.startMid[i] = interval.startMid;
    table.endFirst[i] = interval.endFirst ?? OPEN_END;
    table.endLast[i] = interval.endLast ?? OPEN_END;
    table.endMid[i] = interval.endMid ?? OPEN_END;
    table.exit[i] = interval.exit === null ? OPEN_EXIT : (EXIT_CODE.get(interval.exit) as number);
    let o = -1;
    if (interval.operationId !== null) {
      o = operationIndex.get(interval.operationId) ?? -1;
      if (o === -1) {
        o = operationIds.length;
        operationIndex.set(interval.operationId, o);
        operationIds.push(interval.operationId);
      }
    }
    table.operation[i] = o;
  }
  return table;
}

export function asIntervalTable(intervals: readonly Interval[] | IntervalTable): IntervalTable {
  return Array.isArray(intervals)
    ? toIntervalTable(intervals as readonly Interval[])
    : (intervals as IntervalTable);
}

/** Rows of person `p` are `rows[offsets[p]] .. rows[offsets[p + 1] − 1]`. */
export interface PersonGroups {
  readonly rows: Int32Array;
  readonly offsets: Int32Array;
}

const groupCache = new WeakMap<IntervalTable, PersonGroups>();

/** Rows grouped by person with a counting sort (linear); cached per table. */
export function personGroups(table: IntervalTable): PersonGroups {
  const cached = groupCache.get(table);
  if (cached !== undefined) return cached;
  const people = table.personIds.length;
  const offsets = new Int32Array(people + 1);
  for (let i = 0; i < table.length; i++) bump(offsets, (table.person[i] as number) + 1);
  for (let p = 0; p < people; p++) bump(offsets, p + 1, offsets[p] as number);
  const next = offsets.slice(0, people);
  const rows = new Int32Array(table.length);
  for (let i = 0; i < table.length; i++) {
    const p = table.person[i] as number;
    rows[next[p] as number] = i;
    bump(next, p);
  }
  const groups = { rows, offsets };
  groupCache.set(table, groups);
  return groups;
}

/** The latest start or end middle of any interval; the stock is constant after it. */
export function lastBoundary(table: IntervalTable): number {
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < table.length; i++) {
    const start = table.startMid[i] as number;
    const end = table.endMid[i] as number;
    if (start > last) last = start;
    if (end !== OPEN_END && end > last) last = end;
  }
  return last;
}
