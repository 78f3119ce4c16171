/**
 * Phase two of the synthetic registry, per detention: the case events a documenter would
 * record, drawn around the days the simulation fixed. Only the detention, recognition,
 * withdrawal and closing events carry the simulation's days (they decide the stock); the
 * others fall strictly inside the detention, so they can never change it.
 */
import type { CaseEvent, EventType, ReleaseMechanism, ReleaseOperation } from "../domain/model.ts";
import { dayNumber } from "../domain/partial-date.ts";
import {
  APPROX,
  addMonths,
  dateRange,
  EXACT,
  fitCode,
  MONTH,
  MONTH_APPROX,
  rangeFirst,
  rangeLast,
} from "./synthetic-dates.ts";
import type { Rng } from "./synthetic-random.ts";
import { type Detentions, END_KIND, TRACK } from "./synthetic-tables.ts";
import { TARGET_MONITOR } from "./synthetic-target.ts";
import {
  ARTICLE_IN_CUSTODY,
  ARTICLES_2020,
  ARTICLES_LATER,
  CONTACT_NOTES,
  DETENTION_NOTES,
  HEALTH_NOTES,
  ILL_TREATMENT_NOTES,
  MEN_COLONIES,
  WOMEN_COLONIES,
} from "./synthetic-vocab.ts";

export const SYNTHETIC_SOURCE_ID = "synthetic-demo";

const MECHANISM: Record<number, ReleaseMechanism> = {
  [END_KIND.endOfTerm]: "end_of_term",
  [END_KIND.court]: "court",
  [END_KIND.pardon]: "pardon",
  [END_KIND.amnesty]: "amnesty",
  [END_KIND.negotiated]: "negotiated",
  [END_KIND.deported]: "deported",
  [END_KIND.other]: "other",
};

/** Order of events on the same first day: the detention first, the release last. */
const RANK: Record<EventType, number> = {
  detained: 0,
  charged: 1,
  recognized: 2,
  sentenced: 3,
  transferred: 4,
  contact: 5,
  health: 5,
  ill_treatment: 5,
  incommunicado: 5,
  recognition_withdrawn: 6,
  released: 7,
  died_in_custody: 7,
  house_arrest: 8,
};

const LATER_CASES = dayNumber(2021, 6, 1);
const INCOMMUNICADO_FROM = dayNumber(2023, 1, 1);

export interface PersonContext {
  personId: string;
  female: boolean;
  ill: boolean;
  /** Pre-trial centre of the person's region. */
  preTrial: string;
  operations: readonly ReleaseOperation[];
  today: number;
}

function blankEvent(personId: string, type: EventType, day: number, code: number): CaseEvent {
  return {
    id: "",
    personId,
    type,
    date: dateRange(day, code),
    mechanism: null,
    operationId: null,
    monitor: null,
    facility: null,
    articles: null,
    sentenceMonths: null,
    description: null,
    sourceIds: [SYNTHETIC_SOURCE_ID],
  };
}

/** Mostly exact; some month precision or `~`, for events whose exact day matters little. */
function looseCode(rng: Rng): number {
  const u = rng.next();
  if (u < 0.12) return MONTH;
  if (u < 0.14) return MONTH_APPROX;
  if (u < 0.18) return APPROX;
  return EXACT;
}

/**
 * Appends the events of detention `iv` to `out` (unsorted, without ids). In-custody
 * events stay within [lo, hi]: after the detention's range and before the release's.
 */
export function detentionEvents(
  d: Detentions,
  iv: number,
  ctx: PersonContext,
  rng: Rng,
  out: CaseEvent[],
): void {
  const start = d.start[iv] as number;
  const startCode = d.startCode[iv] as number;
  const end = d.end[iv] as number;
  const endKind = d.endKind[iv] as number;
  const open = endKind === END_KIND.open;
  const track = d.track[iv] as number;
  const lo = rangeLast(start, startCode) + 1;
  const hi = open ? ctx.today : rangeFirst(end, d.endCode[iv] as number) - 1;
  const inside = (day: number) => day >= lo && day <= hi;
  const add = (type: EventType, day: number, code: number): CaseEvent => {
    const event = blankEvent(ctx.personId, type, day, code);
    out.push(event);
    return event;
  };
  const addInside = (type: EventType, day: number): CaseEvent =>
    add(type, day, fitCode(day, looseCode(rng), lo, hi));
  const articles = rng.weighted(start < LATER_CASES ? ARTICLES_2020 : ARTICLES_LATER);
  const colony = rng.pick(ctx.female ? WOMEN_COLONIES : MEN_COLONIES);
  const recognized = track === TRACK.custodial || track === TRACK.courtRelease;

  const detained = add("detained", start, startCode);
  detained.facility = ctx.preTrial;
  detained.description =
    d.rearrest[iv] === 1
      ? "detained again after an earlier release"
      : rng.weighted(DETENTION_NOTES);

  if (track !== TRACK.short) {
    const charged = start + rng.int(1, 12);
    if (inside(charged)) addInside("charged", charged).articles = articles;
  }
  const rec = d.rec[iv] as number;
  if (rec >= 0) {
    const event = add("recognized", rec, d.recCode[iv] as number);
    event.monitor = TARGET_MONITOR;
    event.description = "recognized as a political prisoner";
  }
  const withdrawn = d.withdraw[iv] as number;
  if (withdrawn >= 0) {
    const event = add("recognition_withdrawn", withdrawn, EXACT);
    event.monitor = TARGET_MONITOR;
    event.description = "status withdrawn after a review of the case";
  }

  // Where the person is held on a given day: pre-trial centre until the transfer.
  let transferDay = Number.POSITIVE_INFINITY;
  const months = d.months[iv] as number;
  if (track === TRACK.custodial || track === TRACK.minor) {
    const plannedEnd = addMonths(start, months);
    const trial = Math.min(start + rng.int(40, 200), plannedEnd - 31);
    // A new case in the colony may lengthen the term: then two sentences add up to `months`.
    let extra = months >= 36 && rng.chance(0.12) ? rng.int(6, 12) : 0;
    const newCase = addMonths(start, months - extra) - rng.int(60, 120);
    const verdict = newCase + rng.int(30, 60);
    if (!(inside(trial) && newCase > trial + 120 && inside(newCase) && inside(verdict))) extra = 0;
    if (inside(trial)) {
      const sentenced = addInside("sentenced", trial);
      sentenced.articles = articles;
      sentenced.sentenceMonths = months - extra;
      sentenced.description = months >= 60 ? "reinforced-regime colony" : "general-regime colony";
      const transfer = trial + rng.int(25, 70);
      if (inside(transfer)) {
        transferDay = transfer;
        addInside("transferred", transfer).facility = colony;
      }
    }
    if (extra > 0) {
      const charged = addInside("charged", newCase);
      charged.articles = ARTICLE_IN_CUSTODY;
      charged.facility = colony;
      const sentenced = addInside("sentenced", verdict);
      sentenced.articles = ARTICLE_IN_CUSTODY;
      sentenced.sentenceMonths = extra;
      sentenced.description = "additional term for disobedience to the colony administration";
    }
  }
  const placeOn = (day: number) => (day >= transferDay ? colony : ctx.preTrial);

  if (track !== TRACK.short && hi > lo) {
    // Held incommunicado: no sign of life after that day.
    const from = Math.max(lo, INCOMMUNICADO_FROM);
    let quiet = hi;
    if (track === TRACK.custodial && months >= 48 && from < hi && rng.chance(0.2)) {
      quiet = rng.int(from, hi);
      const event = add("incommunicado", quiet, EXACT);
      event.facility = placeOn(quiet);
      event.description = "no news; lawyer and family denied access";
    }
    const span = quiet - lo;
    const news = (type: EventType, notes: readonly string[]) => {
      const day = lo + rng.int(0, span);
      const event = add(type, day, fitCode(day, looseCode(rng), lo, quiet));
      event.facility = placeOn(day);
      event.description = rng.pick(notes);
    };
    const contacts = Math.min(7, Math.floor(span / 130) + (rng.chance(0.6) ? 1 : 0));
    for (let k = 0; k < contacts; k++) news("contact", CONTACT_NOTES);
    if (ctx.ill && recognized) {
      for (let k = rng.int(1, 2); k > 0; k--) news("health", HEALTH_NOTES);
    }
    if (recognized && rng.chance(0.05)) news("ill_treatment", ILL_TREATMENT_NOTES);
  }

  if (open) return;
  const facility = placeOn(end);
  if (endKind === END_KIND.died) {
    const died = add("died_in_custody", end, EXACT);
    died.facility = facility;
    died.description = "died in custody";
    return;
  }
  if (track === TRACK.courtRelease && endKind === END_KIND.court) {
    const sentenced = add("sentenced", end, EXACT);
    sentenced.articles = articles;
    sentenced.sentenceMonths = rng.int(2, 6) * 6;
    sentenced.description = rng.pick([
      "restriction of freedom without referral to an open-type institution",
      "suspended sentence",
      "restriction of freedom at home",
    ]);
  }
  const released = add("released", end, d.endCode[iv] as number);
  released.mechanism = MECHANISM[endKind] ?? "other";
  released.facility = facility;
  const operation = d.operation[iv] as number;
  if (operation >= 0) {
    released.operationId = ctx.operations[operation]?.id ?? null;
    released.description =
      endKind === END_KIND.negotiated ? "freed in a negotiated release and taken abroad" : null;
  } else if (track === TRACK.short) {
    released.description =
      endKind === END_KIND.endOfTerm
        ? "served an administrative arrest"
        : "released without charge";
  } else if (track === TRACK.houseArrest) {
    released.description = "moved to house arrest";
    const houseArrest = add("house_arrest", end, EXACT);
    houseArrest.articles = articles;
  } else if (endKind === END_KIND.pardon) {
    released.description = "pardoned";
  }
}

/** Sorts one person's events by date (detention first on a tie) and gives them ids. */
export function numberEvents(events: CaseEvent[], firstNumber: number): number {
  events.sort((a, b) => a.date.first - b.date.first || RANK[a.type] - RANK[b.type]);
  let n = firstNumber;
  for (const event of events) event.id = `syn-e${String(n++).padStart(7, "0")}`;
  return n;
}
