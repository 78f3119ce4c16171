/**
 * Who may see what (DESIGN.md "Default private"). Anonymous readers see a person only when
 * the record is public with consent, and then only the public fields: name, region,
 * status, dates of detention and release, articles. Health, facility, birth date, notes
 * and restricted sources go to viewers and above; private records to editors and above.
 * Everything here runs on the server, before an answer leaves it.
 */
import type { Interval } from "../analytics/types.ts";
import {
  type DateRange,
  type EventType,
  type PersonName,
  PUBLIC_EVENT_TYPES,
} from "../domain/model.ts";
import { dayToIso } from "../domain/partial-date.ts";
import type { PersonScope, StoredRecord } from "../store/records.ts";

export const ROLES = ["public", "viewer", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: their role and the name the audit log records for their writes. */
export interface Viewer {
  role: Role;
  actor: string;
}

export const ANONYMOUS: Viewer = { role: "public", actor: "anonymous" };

export function atLeast(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}

/** The people a role may see. */
export function personScope(role: Role): PersonScope {
  if (atLeast(role, "editor")) return "all";
  if (atLeast(role, "viewer")) return "nonprivate";
  return "public";
}

export function canSeePerson(role: Role, person: Record<string, unknown>): boolean {
  if (atLeast(role, "editor")) return true;
  if (atLeast(role, "viewer")) return person.visibility !== "private";
  return person.visibility === "public" && person.consent === "granted";
}

/** Breakdown cells with fewer people than this are hidden from anonymous readers. */
export const DEFAULT_MIN_CELL = 5;

/** A partial date as the API gives it: EDTF text and the first and last day covered. */
export interface DateOut {
  text: string;
  first: string;
  last: string;
}

export function dateOut(range: DateRange | null | undefined): DateOut | null {
  if (!range) return null;
  return { text: range.text, first: dayToIso(range.first), last: dayToIso(range.last) };
}

export type PersonStatus = "held" | "released" | "died_in_custody" | "unknown";

export function statusOf(intervals: readonly Interval[]): PersonStatus {
  if (intervals.length === 0) return "unknown";
  if (intervals.some((i) => i.endEventId === null)) return "held";
  const last = intervals.reduce((a, b) => ((b.endMid ?? 0) > (a.endMid ?? 0) ? b : a));
  return last.exit === "died_in_custody" ? "died_in_custody" : "released";
}

export interface Detention {
  startFirst: string;
  startLast: string;
  endFirst: string | null;
  endLast: string | null;
  end: "released" | "died_in_custody" | null;
}

export function detentionsOf(intervals: readonly Interval[]): Detention[] {
  return intervals.map((i) => ({
    startFirst: dayToIso(i.startFirst),
    startLast: dayToIso(i.startLast),
    endFirst: i.endFirst === null ? null : dayToIso(i.endFirst),
    endLast: i.endLast === null ? null : dayToIso(i.endLast),
    end: i.exit === null ? null : i.exit === "died_in_custody" ? "died_in_custody" : "released",
  }));
}

/** What the API derives about a person besides their row. */
export interface PersonExtras {
  names: PersonName[];
  intervals: Interval[];
  articles: string[];
}

/** A person as `role` may see them (the caller has checked that they may see the person). */
export function personView(person: StoredRecord, extras: PersonExtras, role: Role) {
  const common = {
    id: person.id,
    name: person.name as string,
    nameLatin: (person.nameLatin as string | null) ?? null,
    region: (person.region as string | null) ?? null,
    status: statusOf(extras.intervals),
    detentions: detentionsOf(extras.intervals),
    articles: extras.articles,
    synthetic: person.synthetic as boolean,
  };
  if (!atLeast(role, "viewer")) {
    return {
      ...common,
      names: extras.names
        .filter((n) => n.kind !== "alias")
        .map(({ name, script, kind }) => ({ name, script, kind })),
    };
  }
  return {
    ...common,
    names: extras.names.map(({ name, script, kind }) => ({ name, script, kind })),
    birthDate: dateOut(person.birthDate as DateRange | null),
    gender: (person.gender as string | null) ?? null,
    occupation: (person.occupation as string | null) ?? null,
    health: (person.health as string | null) ?? null,
    visibility: person.visibility as string,
    consent: person.consent as string,
    version: person.version,
    createdAt: person.createdAt,
    updatedAt: person.updatedAt,
  };
}

/**
 * Any record but a person as the API gives it: dates as {@link DateOut}, and for anonymous
 * readers without the sources they may not see. Returns null for an event they may not see
 * (the caller has checked the event's person).
 */
export function recordView(
  entity: string,
  record: StoredRecord,
  role: Role,
  restrictedSources: ReadonlySet<string>,
): Record<string, unknown> | null {
  const anonymous = !atLeast(role, "viewer");
  if (entity === "source" && anonymous && record.restricted === true) return null;
  if (entity === "event" && anonymous) {
    if (!PUBLIC_EVENT_TYPES.includes(record.type as EventType)) return null;
    return {
      id: record.id,
      personId: record.personId,
      type: record.type,
      date: dateOut(record.date as DateRange),
      sourceIds: publicSources(record.sourceIds, restrictedSources),
    };
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value !== null && typeof value === "object" && "first" in value && "text" in value) {
      out[key] = dateOut(value as DateRange);
    } else if (key === "sourceIds" && anonymous) {
      out[key] = publicSources(value, restrictedSources);
    } else {
      out[key] = value;
    }
  }
  return out;
}

function publicSources(ids: unknown, restricted: ReadonlySet<string>): string[] {
  return ((ids as string[] | null) ?? []).filter((id) => !restricted.has(id));
}

/**
 * Hides small cells of a breakdown from anonymous readers: each count below `minCell` (but
 * above zero) becomes null. Totals are left to the caller.
 */
export function suppressCount(count: number, minCell: number): number | null {
  return count > 0 && count < minCell ? null : count;
}
