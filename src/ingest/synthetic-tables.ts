/**
 * Compact column tables for the synthetic registry's simulation: a few bytes per person
 * and per detention, so that a million people fit in tens of megabytes before rendering.
 */

type Column = Int32Array | Int16Array | Uint8Array;

function grown<T extends Column>(column: T, size: number): T {
  const bigger = new (column.constructor as new (length: number) => T)(size);
  bigger.set(column);
  return bigger;
}

/** Sentinel for "never" / "open" in day columns. */
export const NEVER = 2 ** 30;

/** How a detention ended (or `open`). */
export const END_KIND = {
  open: 0,
  endOfTerm: 1,
  court: 2,
  pardon: 3,
  amnesty: 4,
  negotiated: 5,
  deported: 6,
  other: 7,
  died: 8,
} as const;

/** Which story a detention tells, for rendering its events. */
export const TRACK = {
  /** Sentenced to prison, serves until the end of term or an early release. */
  custodial: 0,
  /** Held before trial, then a non-custodial sentence and released in court. */
  courtRelease: 1,
  /** Held days or weeks (administrative arrest, released without charge), not recognized. */
  short: 2,
  /** Held weeks or months, then moved to house arrest, not recognized. */
  houseArrest: 3,
  /** A short prison term, not recognized. */
  minor: 4,
} as const;

export class Detentions {
  count = 0;
  person = new Int32Array(0);
  /** Next detention of the same person, or -1. */
  next = new Int32Array(0);
  start = new Int32Array(0);
  startCode = new Uint8Array(0);
  startMid = new Int32Array(0);
  /** Day of the `recognized` event of this detention, or -1. */
  rec = new Int32Array(0);
  recCode = new Uint8Array(0);
  /** Middle day from which the person counts as recognized in this detention, or NEVER. */
  recFrom = new Int32Array(0);
  /** Day of a `recognition_withdrawn` event, or -1. */
  withdraw = new Int32Array(0);
  /** End day: actual, or planned (end of term) and possibly after today. */
  end = new Int32Array(0);
  endCode = new Uint8Array(0);
  endMid = new Int32Array(0);
  endKind = new Uint8Array(0);
  /** Index of the release operation, or -1. */
  operation = new Int16Array(0);
  months = new Int16Array(0);
  track = new Uint8Array(0);
  rearrest = new Uint8Array(0);
  /** Position in the simulation's list of people held, or -1. */
  heldAt = new Int32Array(0);
  /** Next detention ending on the same day (the simulation's day buckets), or -1. */
  bucketNext = new Int32Array(0);

  add(person: number): number {
    if (this.count === this.person.length) this.resize(Math.max(1024, this.count * 2));
    const id = this.count++;
    this.person[id] = person;
    this.next[id] = -1;
    this.rec[id] = -1;
    this.recFrom[id] = NEVER;
    this.withdraw[id] = -1;
    this.operation[id] = -1;
    this.heldAt[id] = -1;
    this.bucketNext[id] = -1;
    return id;
  }

  private resize(size: number): void {
    this.person = grown(this.person, size);
    this.next = grown(this.next, size);
    this.start = grown(this.start, size);
    this.startCode = grown(this.startCode, size);
    this.startMid = grown(this.startMid, size);
    this.rec = grown(this.rec, size);
    this.recCode = grown(this.recCode, size);
    this.recFrom = grown(this.recFrom, size);
    this.withdraw = grown(this.withdraw, size);
    this.end = grown(this.end, size);
    this.endCode = grown(this.endCode, size);
    this.endMid = grown(this.endMid, size);
    this.endKind = grown(this.endKind, size);
    this.operation = grown(this.operation, size);
    this.months = grown(this.months, size);
    this.track = grown(this.track, size);
    this.rearrest = grown(this.rearrest, size);
    this.heldAt = grown(this.heldAt, size);
    this.bucketNext = grown(this.bucketNext, size);
  }
}

export const PERSON_FLAG = { ill: 1, recognized: 2, expelled: 4, dead: 8 } as const;

export class People {
  count = 0;
  first = new Int32Array(0);
  last = new Int32Array(0);
  flags = new Uint8Array(0);

  add(flags: number): number {
    if (this.count === this.first.length) {
      const size = Math.max(1024, this.count * 2);
      this.first = grown(this.first, size);
      this.last = grown(this.last, size);
      this.flags = grown(this.flags, size);
    }
    const id = this.count++;
    this.first[id] = -1;
    this.last[id] = -1;
    this.flags[id] = flags;
    return id;
  }

  /** Appends detention `detention` to the person's chain (detentions are added in time order). */
  link(person: number, detention: number, detentions: Detentions): void {
    const last = this.last[person] as number;
    if (last < 0) this.first[person] = detention;
    else detentions.next[last] = detention;
    this.last[person] = detention;
  }
}
