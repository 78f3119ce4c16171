/**
 * Builds an {@link IntervalTable} straight from event columns, one person at a time, with
 * the exact rules of `deriveIntervals` (src/analytics/intervals.ts) but without an object
 * per event or per interval: a million people's events go from the store's pages into
 * typed arrays. test/analytics-loader.test.ts checks that both give the same intervals and
 * problems on random registries.
 */
import { rangeText } from "../analytics/intervals.ts";
import { type IntervalTable, OPEN_END, OPEN_EXIT } from "../analytics/table.ts";
import { EXIT_KINDS, type IntervalProblem } from "../analytics/types.ts";
import { dayToIso, middleDay } from "../domain/partial-date.ts";

/** Event type codes of the columns: the tie order of DESIGN.md (detention first). */
export const DETAINED = 0;
export const RELEASED = 1;
export const DIED = 2;
/** `mechanism` code of a release without one. */
export const NO_MECHANISM = 255;

/**
 * One person's interval events, rows `lo .. hi − 1` of the columns, in the store's order
 * (first day, then event id in code-unit order, which breaks the last ties as
 * `deriveIntervals` does). `mechanism` indexes RELEASE_MECHANISMS (= the first kinds of
 * EXIT_KINDS); `operation` indexes the builder's operation ids, −1 for none.
 */
export interface EventColumns {
  type: Uint8Array;
  first: Int32Array;
  last: Int32Array;
  mechanism: Uint8Array;
  operation: Int32Array;
}

const UNKNOWN_EXIT = EXIT_KINDS.indexOf("unknown");
const DIED_EXIT = EXIT_KINDS.indexOf("died_in_custody");

/** The built table plus, for each interval, the global ordinals of its start and end events. */
export interface BuiltIntervals {
  table: IntervalTable;
  /** Ordinal (as passed to {@link IntervalTableBuilder.addPerson}) of each interval's events. */
  startEvent: Int32Array;
  /** −1 for an open interval. */
  endEvent: Int32Array;
  problems: IntervalProblem[];
}

function grow<T extends Int32Array | Uint8Array>(array: T, size: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  return bigger;
}

export class IntervalTableBuilder {
  private n = 0;
  private capacity = 1024;
  private readonly personIds: string[] = [];
  private person = new Int32Array(this.capacity);
  private startFirst = new Int32Array(this.capacity);
  private startLast = new Int32Array(this.capacity);
  private startMid = new Int32Array(this.capacity);
  private endFirst = new Int32Array(this.capacity);
  private endLast = new Int32Array(this.capacity);
  private endMid = new Int32Array(this.capacity);
  private exit = new Uint8Array(this.capacity);
  private operation = new Int32Array(this.capacity);
  private startEvent = new Int32Array(this.capacity);
  private endEvent = new Int32Array(this.capacity);
  private readonly problems: IntervalProblem[] = [];
  private order = new Int32Array(64);
  private mids = new Int32Array(64);
  private readonly operationIds: readonly string[];
  private readonly eventId: (ordinal: number) => string;

  /**
   * @param operationIds ids that `operation` codes index
   * @param eventId resolves an event ordinal to its id (for problem messages)
   */
  constructor(operationIds: readonly string[], eventId: (ordinal: number) => string) {
    this.operationIds = operationIds;
    this.eventId = eventId;
  }

  private ensure(extra: number): void {
    if (this.n + extra <= this.capacity) return;
    let size = this.capacity;
    while (size < this.n + extra) size *= 2;
    this.capacity = size;
    this.person = grow(this.person, size);
    this.startFirst = grow(this.startFirst, size);
    this.startLast = grow(this.startLast, size);
    this.startMid = grow(this.startMid, size);
    this.endFirst = grow(this.endFirst, size);
    this.endLast = grow(this.endLast, size);
    this.endMid = grow(this.endMid, size);
    this.exit = grow(this.exit, size);
    this.operation = grow(this.operation, size);
    this.startEvent = grow(this.startEvent, size);
    this.endEvent = grow(this.endEvent, size);
  }

  /**
   * Derives the intervals of one person from rows `lo .. hi − 1` of `c`; `ordinal0` is the
   * global ordinal of row `lo` (ordinals of the person's rows follow on).
   */
  addPerson(personId: string, c: EventColumns, lo: number, hi: number, ordinal0: number): void {
    const k = hi - lo;
    if (k === 0) return;
    if (k > this.order.length) {
      this.order = new Int32Array(2 * k);
      this.mids = new Int32Array(2 * k);
    }
    const order = this.order;
    const mids = this.mids;
    // Insertion sort by (middle, type, first, last); equal keys keep the store's order,
    // which is by event id: the order of compareEvents in intervals.ts.
    for (let j = 0; j < k; j++) {
      const row = lo + j;
      const mid = middleDay(c.first[row] as number, c.last[row] as number);
      let i = j;
      while (i > 0 && this.after(c, order[i - 1] as number, mids[i - 1] as number, row, mid)) {
        order[i] = order[i - 1] as number;
        mids[i] = mids[i - 1] as number;
        i--;
      }
      order[i] = row;
      mids[i] = mid;
    }
    this.ensure(k);
    const from = this.n;
    let p = -1;
    const personIndex = () => {
      if (p < 0) {
        p = this.personIds.length;
        this.personIds.push(personId);
      }
      return p;
    };
    let open = -1;
    for (let j = 0; j < k; j++) {
      const row = order[j] as number;
      if (c.type[row] === DETAINED) {
        if (open < 0) open = row;
        continue;
      }
      if (open >= 0) {
        this.close(personIndex(), c, open, row, lo, ordinal0);
        open = -1;
        continue;
      }
      const next = j + 1 < k ? (order[j + 1] as number) : -1;
      if (
        next >= 0 &&
        c.type[next] === DETAINED &&
        (c.first[next] as number) <= (c.last[row] as number)
      ) {
        this.close(personIndex(), c, next, row, lo, ordinal0);
        j++;
        continue;
      }
      const what = c.type[row] === RELEASED ? "Release" : "Death in custody";
      const id = this.eventId(ordinal0 + row - lo);
      this.problems.push({
        kind: "release_without_detention",
        personId,
        eventIds: [id],
        message:
          `${what} ${id} of person ${personId} ` +
          `(${rangeText(c.first[row] as number, c.last[row] as number)}) finds no open detention and no detention ` +
          "that could have started by then; it is ignored",
      });
    }
    if (open >= 0) this.openInterval(personIndex(), c, open, lo, ordinal0);
    if (this.n - from > 1) this.flagOverlaps(personId, from);
  }

  /** Whether row a (middle ma) sorts after row b (middle mb). */
  private after(c: EventColumns, a: number, ma: number, b: number, mb: number): boolean {
    if (ma !== mb) return ma > mb;
    const ta = c.type[a] as number;
    const tb = c.type[b] as number;
    if (ta !== tb) return ta > tb;
    if (c.first[a] !== c.first[b]) return (c.first[a] as number) > (c.first[b] as number);
    return (c.last[a] as number) > (c.last[b] as number);
  }

  private close(p: number, c: EventColumns, start: number, end: number, lo: number, o0: number) {
    const i = this.n++;
    const sFirst = c.first[start] as number;
    const sLast = Math.min(c.last[start] as number, c.last[end] as number);
    const eFirst = Math.max(c.first[end] as number, sFirst);
    const eLast = c.last[end] as number;
    this.person[i] = p;
    this.startFirst[i] = sFirst;
    this.startLast[i] = sLast;
    this.startMid[i] = middleDay(sFirst, sLast);
    this.endFirst[i] = eFirst;
    this.endLast[i] = eLast;
    this.endMid[i] = middleDay(eFirst, eLast);
    const mechanism = c.mechanism[end] as number;
    this.exit[i] =
      c.type[end] === DIED ? DIED_EXIT : mechanism === NO_MECHANISM ? UNKNOWN_EXIT : mechanism;
    this.operation[i] = c.operation[end] as number;
    this.startEvent[i] = o0 + start - lo;
    this.endEvent[i] = o0 + end - lo;
  }

  private openInterval(p: number, c: EventColumns, start: number, lo: number, o0: number) {
    const i = this.n++;
    this.person[i] = p;
    this.startFirst[i] = c.first[start] as number;
    this.startLast[i] = c.last[start] as number;
    this.startMid[i] = middleDay(c.first[start] as number, c.last[start] as number);
    this.endFirst[i] = OPEN_END;
    this.endLast[i] = OPEN_END;
    this.endMid[i] = OPEN_END;
    this.exit[i] = OPEN_EXIT;
    this.operation[i] = -1;
    this.startEvent[i] = o0 + start - lo;
    this.endEvent[i] = -1;
  }

  // As flagOverlaps in intervals.ts: the same pairs, the same messages.
  private flagOverlaps(personId: string, from: number): void {
    const endText = (i: number) =>
      this.endMid[i] === OPEN_END ? "still held" : dayToIso(this.endMid[i] as number);
    for (let a = from; a < this.n; a++) {
      const aStart = this.startMid[a] as number;
      const aEnd = this.endMid[a] as number;
      for (let b = a + 1; b < this.n; b++) {
        const bStart = this.startMid[b] as number;
        const bEnd = this.endMid[b] as number;
        if (aStart < bEnd && bStart < aEnd && aStart < aEnd && bStart < bEnd) {
          const aId = this.eventId(this.startEvent[a] as number);
          const bId = this.eventId(this.startEvent[b] as number);
          this.problems.push({
            kind: "overlapping_intervals",
            personId,
            eventIds: [aId, bId],
            message:
              `Detentions ${aId} (${dayToIso(aStart)} to ${endText(a)}) and ` +
              `${bId} (${dayToIso(bStart)} to ${endText(b)}) of person ` +
              `${personId} overlap; the person is counted once per day`,
          });
        }
      }
    }
  }

  /** The table so far, trimmed to its length (views, no copy). */
  build(): BuiltIntervals {
    const n = this.n;
    return {
      table: {
        length: n,
        personIds: this.personIds,
        person: this.person.subarray(0, n),
        startFirst: this.startFirst.subarray(0, n),
        startLast: this.startLast.subarray(0, n),
        startMid: this.startMid.subarray(0, n),
        endFirst: this.endFirst.subarray(0, n),
        endLast: this.endLast.subarray(0, n),
        endMid: this.endMid.subarray(0, n),
        exit: this.exit.subarray(0, n),
        operationIds: this.operationIds,
        operation: this.operation.subarray(0, n),
      },
      startEvent: this.startEvent.subarray(0, n),
      endEvent: this.endEvent.subarray(0, n),
      problems: this.problems,
    };
  }
}
