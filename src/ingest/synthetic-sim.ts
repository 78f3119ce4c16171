/**
 * Phase one of the synthetic registry: a day-by-day simulation that decides who is
 * detained when, and when and how each detention ends, on compact tables.
 *
 * A feedback controller admits people (new or re-arrested) so that the projected
 * *recognized* stock — computed exactly as DESIGN.md defines it, on the middle days of
 * the partial dates the registry will show — tracks the target curve of
 * `synthetic-target.ts`. Releases at the end of term, pardon waves, the real release
 * operations and deaths in custody take people out; the controller refills.
 */
import type { MonitorCount, ReleaseOperation } from "../domain/model.ts";
import { dayNumber } from "../domain/partial-date.ts";
import { addUnrecognized, firstDetentionOrder, scheduleClosings } from "./synthetic-cohorts.ts";
import {
  addMonths,
  coarseCode,
  EXACT,
  FIRST_DAY,
  fitCode,
  MONTH,
  midOf,
  rangeLast,
} from "./synthetic-dates.ts";
import { Rng } from "./synthetic-random.ts";
import { Detentions, END_KIND, NEVER, PERSON_FLAG, People, TRACK } from "./synthetic-tables.ts";
import { targetCurve } from "./synthetic-target.ts";

export { FIRST_DAY } from "./synthetic-dates.ts";
export const DEFAULT_PEOPLE = 8_000;

/** Look-ahead of the controller: about the median delay between detention and recognition. */
const HORIZON = 35;
/** Days over which the controller closes a gap between projection and target. */
const RELAXATION = 6;
const REARREST_SHARE = 0.05;
const REARREST_FROM = dayNumber(2021, 3, 1);
const REARREST_AFTER_DAYS = 60;
/** Share of re-arrests that strike people freed by a pardon or an amnesty. */
const REARREST_OF_PARDONED = 0.35;
const ILL_SHARE = 0.15;
const WITHDRAWAL_SHARE = 0.006;
const LATER_CASES = dayNumber(2022, 1, 1);

export interface SimulationInput {
  people: number;
  seed: number;
  operations: readonly ReleaseOperation[];
  monitorCounts: readonly MonitorCount[];
  today: number;
}

export interface SimulatedRegistry {
  people: People;
  detentions: Detentions;
  /** Person indices in the order of their first detention: the order of their ids. */
  order: Int32Array;
  /** Released people linked to each operation (same order as the input operations). */
  operationReleases: number[];
}

export function simulateRegistry(input: SimulationInput): SimulatedRegistry {
  const { today } = input;
  const rng = new Rng(input.seed, 0);
  const scale = input.people / DEFAULT_PEOPLE;
  const span = today - FIRST_DAY + 1;
  const target = targetCurve(
    input.monitorCounts,
    input.operations,
    FIRST_DAY,
    span + HORIZON + 1,
    scale,
  );
  const people = new People();
  const detentions = new Detentions();
  const d = detentions;
  // Difference array of the projected recognized stock; `base` is its prefix sum at `now`.
  const diff = new Int32Array(span + HORIZON + 2);
  let base = 0;
  let now = 0;
  const endBucket = new Int32Array(span + 1).fill(-1);
  let held = new Int32Array(1024);
  let heldCount = 0;
  // People who may be re-arrested: freed by a pardon or amnesty, or otherwise.
  const pardoned = new Pool();
  const others = new Pool();

  const addRecognized = (iv: number, sign: number): void => {
    const from = Math.max(d.startMid[iv] as number, d.recFrom[iv] as number);
    const withdrawn = d.withdraw[iv] as number;
    const to = Math.min(d.endMid[iv] as number, withdrawn < 0 ? NEVER : withdrawn);
    if (from >= to) return;
    const a = Math.min(Math.max(from - FIRST_DAY, 0), diff.length - 1);
    const b = Math.min(Math.max(to - FIRST_DAY, 0), diff.length - 1);
    diff[a] = (diff[a] as number) + sign;
    diff[b] = (diff[b] as number) - sign;
    if (a <= now) base += sign;
    if (b <= now) base -= sign;
  };

  const hold = (iv: number): void => {
    if (heldCount === held.length) held = grow(held);
    d.heldAt[iv] = heldCount;
    held[heldCount++] = iv;
    const slot = (d.endMid[iv] as number) - FIRST_DAY;
    if (slot >= 0 && slot <= span) {
      d.bucketNext[iv] = endBucket[slot] as number;
      endBucket[slot] = iv;
    }
  };

  const unhold = (iv: number): void => {
    const at = d.heldAt[iv] as number;
    const moved = held[--heldCount] as number;
    held[at] = moved;
    d.heldAt[moved] = at;
    d.heldAt[iv] = -1;
  };

  const released = (iv: number): void => {
    unhold(iv);
    const kind = d.endKind[iv] as number;
    const person = d.person[iv] as number;
    if (kind === END_KIND.died) {
      people.flags[person] = (people.flags[person] as number) | PERSON_FLAG.dead;
    } else if (kind === END_KIND.negotiated || kind === END_KIND.deported) {
      // Freed in talks means sent abroad: out of reach of a re-arrest.
      people.flags[person] = (people.flags[person] as number) | PERSON_FLAG.expelled;
    } else {
      (kind === END_KIND.pardon || kind === END_KIND.amnesty ? pardoned : others).push(person);
    }
  };

  /** Ends detention `iv` early, on exact day `day`. */
  const close = (iv: number, day: number, kind: number, operation: number): void => {
    addRecognized(iv, -1);
    d.end[iv] = day;
    d.endCode[iv] = EXACT;
    d.endMid[iv] = day;
    d.endKind[iv] = kind;
    d.operation[iv] = operation;
    if ((d.withdraw[iv] as number) >= day) d.withdraw[iv] = -1;
    addRecognized(iv, 1);
    released(iv);
  };

  /** A random held, recognized detention that meets `extra`, or -1. */
  const pickHeld = (day: number, served: number, extra: (iv: number) => boolean): number => {
    for (let attempt = 0; attempt < 400 && heldCount > 0; attempt++) {
      const iv = held[rng.int(0, heldCount - 1)] as number;
      const withdrawn = d.withdraw[iv] as number;
      if (
        (d.recFrom[iv] as number) <= day &&
        (withdrawn < 0 || withdrawn > day) &&
        rangeLast(d.start[iv] as number, d.startCode[iv] as number) <= day - served &&
        (d.endMid[iv] as number) > day &&
        extra(iv)
      ) {
        return iv;
      }
    }
    return -1;
  };

  const pickRearrest = (day: number): number => {
    const pool = pardoned.count > 0 && rng.chance(REARREST_OF_PARDONED) ? pardoned : others;
    for (let attempt = 0; attempt < 20 && pool.count > 0; attempt++) {
      const at = rng.int(0, pool.count - 1);
      const person = pool.items[at] as number;
      const last = people.last[person] as number;
      if ((d.endMid[last] as number) + REARREST_AFTER_DAYS <= day) return pool.take(at);
    }
    return -1;
  };

  const admit = (day: number): void => {
    let person = day >= REARREST_FROM && rng.chance(REARREST_SHARE) ? pickRearrest(day) : -1;
    const rearrest = person >= 0;
    if (!rearrest) person = people.add(rng.chance(ILL_SHARE) ? PERSON_FLAG.ill : 0);
    const iv = detentions.add(person);
    people.link(person, iv, detentions);
    d.rearrest[iv] = rearrest ? 1 : 0;
    d.start[iv] = day;
    const later = day >= LATER_CASES;
    let end: number;
    // Many 2020–21 detainees got a non-custodial sentence after months in pre-trial detention.
    if (rng.chance(later ? 0.18 : 0.4)) {
      d.track[iv] = TRACK.courtRelease;
      end = day + rng.int(45, 240);
    } else {
      d.track[iv] = TRACK.custodial;
      const months = sentenceMonths(rng, later);
      d.months[iv] = months;
      end = addMonths(day, months);
    }
    // A coarse start must end before the release (so the two never overlap).
    const startCode = rearrest ? EXACT : coarseCode(rng, 0.035, 0.008);
    d.startCode[iv] = fitCode(day, startCode, FIRST_DAY, Math.min(today, end - 30));
    d.startMid[iv] = midOf(day, d.startCode[iv] as number);
    setEnd(iv, end, end <= today ? coarseCode(rng, 0.05, 0) : EXACT);
    // Recognition outlives a release: a re-arrested prisoner counts from the first day.
    const alreadyRecognized = ((people.flags[person] as number) & PERSON_FLAG.recognized) !== 0;
    if (alreadyRecognized) d.recFrom[iv] = d.startMid[iv] as number;
    const rec = day + recognitionLag(rng);
    if (rec < end && rec <= today) {
      d.rec[iv] = rec;
      d.recCode[iv] = fitCode(rec, rng.chance(0.03) ? MONTH : EXACT, FIRST_DAY, today);
      if (!alreadyRecognized) d.recFrom[iv] = midOf(rec, d.recCode[iv] as number);
      people.flags[person] = (people.flags[person] as number) | PERSON_FLAG.recognized;
      const latest = Math.min(end, today) - 30;
      if (rng.chance(WITHDRAWAL_SHARE) && latest > rec + 60) {
        d.withdraw[iv] = rng.int(rec + 60, latest);
        people.flags[person] = (people.flags[person] as number) & ~PERSON_FLAG.recognized;
      }
    }
    addRecognized(iv, 1);
    hold(iv);
  };

  const setEnd = (iv: number, end: number, code: number): void => {
    const startLast = rangeLast(d.start[iv] as number, d.startCode[iv] as number);
    d.end[iv] = end;
    d.endCode[iv] = fitCode(end, code, startLast + 1, today);
    d.endMid[iv] = end > today ? NEVER : midOf(end, d.endCode[iv] as number);
    d.endKind[iv] =
      end > today
        ? END_KIND.open
        : d.track[iv] === TRACK.custodial
          ? END_KIND.endOfTerm
          : END_KIND.court;
  };

  const closings = scheduleClosings(input.operations, input.today, rng, scale);
  // Releases already announced for the coming days: the controller counts them in advance,
  // so that it neither stops arresting before an operation nor surges after it.
  const scheduled = new Int32Array(span + HORIZON + 1);
  for (const [day, list] of closings) {
    for (const closing of list) {
      scheduled[day - FIRST_DAY] = (scheduled[day - FIRST_DAY] as number) + closing.count;
    }
  }
  const operationReleases = input.operations.map(() => 0);
  // Deaths in custody strike the chronically ill first.
  const ill = (iv: number) =>
    ((people.flags[d.person[iv] as number] as number) & PERSON_FLAG.ill) !== 0;
  for (now = 0; now < span; now++) {
    const day = FIRST_DAY + now;
    base += diff[now] as number;
    for (let iv = endBucket[now] as number; iv >= 0; iv = d.bucketNext[iv] as number) {
      if ((d.heldAt[iv] as number) >= 0 && d.endMid[iv] === day) released(iv);
    }
    for (const closing of closings.get(day) ?? []) {
      for (let k = 0; k < closing.count; k++) {
        let iv = closing.kind === END_KIND.died ? pickHeld(day, closing.served, ill) : -1;
        if (iv < 0) iv = pickHeld(day, closing.served, () => true);
        if (iv < 0) break;
        close(iv, day, closing.kind, closing.operation);
        if (closing.operation >= 0) {
          operationReleases[closing.operation] = (operationReleases[closing.operation] ?? 0) + 1;
        }
      }
    }
    let projected = base;
    for (let k = now + 1; k <= now + HORIZON; k++) {
      projected += (diff[k] as number) - (scheduled[k] as number);
    }
    const gap = (target[now + HORIZON] as number) - projected;
    const admissions = rng.poisson(Math.max(0, gap) / RELAXATION);
    for (let k = 0; k < admissions; k++) admit(day);
  }
  addUnrecognized(input.people, today, rng, people, detentions);
  return {
    people,
    detentions,
    order: firstDetentionOrder(people, detentions, span),
    operationReleases,
  };
}

class Pool {
  items = new Int32Array(1024);
  count = 0;

  push(person: number): void {
    if (this.count === this.items.length) this.items = grow(this.items);
    this.items[this.count++] = person;
  }

  /** Removes and returns the item at `at` (the last item takes its place). */
  take(at: number): number {
    const person = this.items[at] as number;
    this.items[at] = this.items[--this.count] as number;
    return person;
  }
}

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** Prison terms: 2020–21 cases drew shorter terms than the later "extremism" cases. */
function sentenceMonths(rng: Rng, later: boolean): number {
  const u = rng.next();
  const bands = later ? [0.3, 0.72, 0.91, 0.98] : [0.4, 0.8, 0.945, 0.99];
  let months: number;
  if (u < (bands[0] as number)) months = rng.int(6, 18);
  else if (u < (bands[1] as number)) months = rng.int(18, 36);
  else if (u < (bands[2] as number)) months = rng.int(36, 60);
  else if (u < (bands[3] as number)) months = rng.int(60, 120);
  else months = rng.int(120, 180);
  // Courts mostly hand down whole or half years.
  return rng.chance(0.7) ? Math.max(6, Math.round(months / 6) * 6) : months;
}

/** Days from detention to recognition by the monitor: mostly weeks, sometimes months. */
function recognitionLag(rng: Rng): number {
  const u = rng.next();
  if (u < 0.7) return rng.int(14, 45);
  if (u < 0.93) return rng.int(45, 120);
  return rng.int(120, 365);
}
