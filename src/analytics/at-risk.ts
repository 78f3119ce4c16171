/**
 * People at risk among those held on a day: chronic illness, old age, no sign of life for
 * a long time, years behind bars (DESIGN.md "Who is at risk?").
 */
import { dayToIso, middleDay } from "../domain/partial-date.ts";
import { compareIds, rangeText } from "./intervals.ts";
import type { Interval } from "./types.ts";

export interface PersonFacts {
  personId: string;
  /** The birth date's range; both null when unknown. */
  birthFirst: number | null;
  birthLast: number | null;
  health: string | null;
}

export interface AtRiskOptions {
  asOf: number;
  /** Flag when the latest sign of life is more than this many days old (default 90). */
  silenceDays?: number;
  /** Flag when held for this many full years or more (default 5). */
  longHeldYears?: number;
  /** Flag from this age in full years (default 60). */
  elderlyAge?: number;
}

export type RiskKind = "health" | "elderly" | "no_sign_of_life" | "long_held";

export interface RiskReason {
  kind: RiskKind;
  /** False when only the partial dates' bounds allow it ("possibly"). */
  certain: boolean;
  detail: string;
}

export interface AtRiskRow {
  personId: string;
  heldSince: string;
  heldDays: number;
  reasons: RiskReason[];
}

/** Full years from `from` to `to` by the calendar (a birthday counts on its day). */
export function fullYears(from: number, to: number): number {
  const a = dayToIso(from);
  const b = dayToIso(to);
  const years = Number(b.slice(0, 4)) - Number(a.slice(0, 4));
  return b.slice(5) < a.slice(5) ? years - 1 : years;
}

/**
 * Each person's latest sign of life on or before `asOf`: the middle day of their latest
 * event of any type (a `contact`, but also a transfer, a trial, a detention).
 */
export function lastSignsOfLife(
  events: readonly { personId: string; first: number; last: number }[],
  asOf: number,
): Map<string, number> {
  const latest = new Map<string, number>();
  for (const event of events) {
    const mid = middleDay(event.first, event.last);
    if (mid > asOf) continue;
    if (mid > (latest.get(event.personId) ?? Number.NEGATIVE_INFINITY)) {
      latest.set(event.personId, mid);
    }
  }
  return latest;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/** A reason that holds for sure at the `certainDay` end, or possibly at the `possibleDay` end. */
function boundedReason(
  kind: RiskKind,
  certainDay: number,
  possibleDay: number,
  asOf: number,
  years: number,
  describe: (certain: boolean) => string,
): RiskReason | null {
  if (fullYears(certainDay, asOf) >= years) return { kind, certain: true, detail: describe(true) };
  if (fullYears(possibleDay, asOf) >= years) {
    return { kind, certain: false, detail: describe(false) };
  }
  return null;
}

/**
 * People held on `asOf` (point value) with at least one reason, most reasons first, then
 * longest held. Old age and long detention use the partial dates' bounds: certain when the
 * latest possible birth or start qualifies, "possibly" when only the earliest does.
 */
export function atRisk(
  intervals: readonly Interval[],
  people: readonly PersonFacts[],
  lastSignOfLife: ReadonlyMap<string, number>,
  options: AtRiskOptions,
): AtRiskRow[] {
  const { asOf, silenceDays = 90, longHeldYears = 5, elderlyAge = 60 } = options;
  const facts = new Map(people.map((person) => [person.personId, person]));
  // The earliest current interval of each person held on asOf.
  const current = new Map<string, Interval>();
  for (const interval of intervals) {
    const held = interval.startMid <= asOf && (interval.endMid === null || interval.endMid > asOf);
    const seen = current.get(interval.personId);
    if (held && (seen === undefined || interval.startMid < seen.startMid)) {
      current.set(interval.personId, interval);
    }
  }
  const rows: AtRiskRow[] = [];
  for (const [personId, interval] of current) {
    const reasons: RiskReason[] = [];
    const person = facts.get(personId);
    const health = person?.health?.trim();
    if (health) reasons.push({ kind: "health", certain: true, detail: health });
    if (person && person.birthFirst !== null && person.birthLast !== null) {
      const born = rangeText(person.birthFirst, person.birthLast);
      const elderly = boundedReason(
        "elderly",
        person.birthLast,
        person.birthFirst,
        asOf,
        elderlyAge,
        (certain) => `${certain ? "" : "possibly "}aged ${elderlyAge} or more (born ${born})`,
      );
      if (elderly) reasons.push(elderly);
    }
    const lastSign = Math.max(lastSignOfLife.get(personId) ?? interval.startMid, interval.startMid);
    if (asOf - lastSign > silenceDays) {
      reasons.push({
        kind: "no_sign_of_life",
        certain: true,
        detail: `no sign of life for ${plural(asOf - lastSign, "day")} (last ${dayToIso(lastSign)})`,
      });
    }
    const since = rangeText(interval.startFirst, interval.startLast);
    const longHeld = boundedReason(
      "long_held",
      interval.startLast,
      interval.startFirst,
      asOf,
      longHeldYears,
      (certain) =>
        `${certain ? "" : "possibly "}held for ${plural(longHeldYears, "year")} or more (since ${since})`,
    );
    if (longHeld) reasons.push(longHeld);
    if (reasons.length > 0) {
      rows.push({
        personId,
        heldSince: dayToIso(interval.startMid),
        heldDays: asOf - interval.startMid,
        reasons,
      });
    }
  }
  return rows.sort(
    (a, b) =>
      b.reasons.length - a.reasons.length ||
      b.heldDays - a.heldDays ||
      compareIds(a.personId, b.personId),
  );
}
