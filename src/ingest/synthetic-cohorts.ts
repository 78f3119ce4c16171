/**
 * The parts of the synthetic registry that do not steer the stock: releases and deaths on
 * fixed days (the real operations, pardon waves, deaths in custody), the people detained
 * but never recognized, and the order of person ids.
 */
import type { OperationKind, ReleaseOperation } from "../domain/model.ts";
import { dayNumber, middleDay } from "../domain/partial-date.ts";
import {
  addMonths,
  coarseCode,
  EXACT,
  FIRST_DAY,
  fitCode,
  midOf,
  rangeLast,
} from "./synthetic-dates.ts";
import type { Rng } from "./synthetic-random.ts";
import {
  type Detentions,
  END_KIND,
  NEVER,
  PERSON_FLAG,
  type People,
  TRACK,
} from "./synthetic-tables.ts";

/** Deaths of political prisoners in custody at the default size (public reports: about 7). */
const DEATHS = 7;
const DEATHS_FROM = dayNumber(2021, 5, 1);
const DEATHS_TO = dayNumber(2025, 10, 31);
/** Pardon waves not tied to an operation record, modelled on the 2024–25 announcements. */
const PARDON_WAVES: readonly (readonly [number, number])[] = [
  [dayNumber(2022, 11, 4), 6],
  [dayNumber(2023, 7, 3), 5],
  [dayNumber(2024, 7, 3), 18],
  [dayNumber(2024, 8, 15), 30],
  [dayNumber(2024, 9, 16), 30],
  [dayNumber(2024, 11, 20), 31],
  [dayNumber(2024, 12, 20), 29],
  [dayNumber(2025, 1, 20), 23],
  [dayNumber(2025, 2, 21), 16],
  [dayNumber(2025, 4, 30), 16],
];
const PROTEST_WAVE_START = dayNumber(2020, 8, 9);
const PROTEST_WAVE_END = dayNumber(2021, 6, 30);

const END_OF_OPERATION: Record<OperationKind, number> = {
  amnesty: END_KIND.amnesty,
  pardon: END_KIND.pardon,
  negotiated: END_KIND.negotiated,
  deportation: END_KIND.deported,
  court: END_KIND.court,
  other: END_KIND.other,
};

export interface Closing {
  count: number;
  kind: number;
  operation: number;
  /** Required time served before the release, in days. */
  served: number;
}

/** Releases and deaths on fixed days: operations, pardon waves, deaths in custody. */
export function scheduleClosings(
  operations: readonly ReleaseOperation[],
  today: number,
  rng: Rng,
  scale: number,
): Map<number, Closing[]> {
  const closings = new Map<number, Closing[]>();
  const add = (day: number, closing: Closing) => {
    if (day < FIRST_DAY || day > today || closing.count <= 0) return;
    closings.set(day, [...(closings.get(day) ?? []), closing]);
  };
  operations.forEach((operation, index) => {
    add(middleDay(operation.date.first, operation.date.last), {
      count: Math.round((operation.announcedCount ?? 0) * scale),
      kind: END_OF_OPERATION[operation.kind],
      operation: index,
      served: 60,
    });
  });
  for (const [day, count] of PARDON_WAVES) {
    add(day, {
      count: Math.round(count * scale),
      kind: END_KIND.pardon,
      operation: -1,
      served: 180,
    });
  }
  const deaths = Math.round(DEATHS * scale);
  for (let k = 0; k < deaths; k++) {
    add(rng.int(DEATHS_FROM, DEATHS_TO), {
      count: 1,
      kind: END_KIND.died,
      operation: -1,
      served: 90,
    });
  }
  return closings;
}

/**
 * The rest of the N people: detained but never recognized — mostly the protest wave of
 * 2020–21 (administrative arrests, house arrest), some short terms later.
 */
export function addUnrecognized(
  total: number,
  today: number,
  rng: Rng,
  people: People,
  d: Detentions,
): void {
  for (let k = people.count; k < total; k++) {
    const person = people.add(rng.chance(0.05) ? PERSON_FLAG.ill : 0);
    const iv = d.add(person);
    people.link(person, iv, d);
    const start = rng.chance(0.45)
      ? Math.min(PROTEST_WAVE_END, PROTEST_WAVE_START + Math.floor(-60 * Math.log(1 - rng.next())))
      : rng.int(FIRST_DAY, today - 3);
    const u = rng.next();
    let end: number;
    let kind: number;
    if (u < 0.55) {
      d.track[iv] = TRACK.short;
      end = start + rng.int(3, 30);
      kind = rng.chance(0.5) ? END_KIND.endOfTerm : END_KIND.other;
    } else if (u < 0.8) {
      d.track[iv] = TRACK.houseArrest;
      end = start + rng.int(30, 180);
      kind = END_KIND.court;
    } else {
      d.track[iv] = TRACK.minor;
      d.months[iv] = rng.int(6, 24);
      end = addMonths(start, d.months[iv] as number);
      kind = END_KIND.endOfTerm;
    }
    d.start[iv] = start;
    d.startCode[iv] = fitCode(start, coarseCode(rng, 0.05, 0), FIRST_DAY, Math.min(today, end - 1));
    d.startMid[iv] = midOf(start, d.startCode[iv] as number);
    d.end[iv] = end;
    const startLast = rangeLast(start, d.startCode[iv] as number);
    d.endCode[iv] =
      end - start > 60 ? fitCode(end, coarseCode(rng, 0.04, 0), startLast + 1, today) : EXACT;
    d.endMid[iv] = end > today ? NEVER : midOf(end, d.endCode[iv] as number);
    d.endKind[iv] = end > today ? END_KIND.open : kind;
  }
}

/** Counting sort of people by their first detention's day: ids then read in time order. */
export function firstDetentionOrder(people: People, d: Detentions, span: number): Int32Array {
  const counts = new Int32Array(span + 1);
  const dayOf = (person: number) =>
    Math.min(span, Math.max(0, (d.start[people.first[person] as number] as number) - FIRST_DAY));
  for (let p = 0; p < people.count; p++) {
    const k = dayOf(p);
    counts[k] = (counts[k] as number) + 1;
  }
  let sum = 0;
  for (let k = 0; k <= span; k++) {
    const c = counts[k] as number;
    counts[k] = sum;
    sum += c;
  }
  const order = new Int32Array(people.count);
  for (let p = 0; p < people.count; p++) {
    const k = dayOf(p);
    order[counts[k] as number] = p;
    counts[k] = (counts[k] as number) + 1;
  }
  return order;
}
