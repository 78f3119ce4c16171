/**
 * The registry as FollowTheMoney entities (JSON lines), for investigative tools (Aleph,
 * OpenSanctions' tooling). Each entity is `{"id", "schema", "properties"}` with every
 * property a list of strings, as the FtM schema (followthemoney/schema/*.yaml) defines:
 *
 * - Person: name, alias (Latin name and other spellings), birthDate, gender, address
 *   (region), notes ("SYNTHETIC …" for demo people). Public exports carry only the public
 *   fields: name, aliases that are spellings, region.
 * - Organization: authorities of measures (topic `gov`), their targets (topic `sanction`
 *   while a measure against them is not lifted), monitors and source publishers.
 * - Sanction: one per measure: entity → the target Organization, authority (text, as in the
 *   schema), program (the kind), startDate (imposed), date (eased), endDate (lifted), status.
 * - Event: release operations and diplomatic events, and the events of a person's case
 *   (detained, released, …) with `involved` → the Person.
 *
 * Dates are ISO prefixes (`2025`, `2025-09`, `2025-09-11`); EDTF qualifiers (`~`, `?`)
 * have no FtM form and are dropped from the date, kept in the summary.
 */
import type { Bundle, DateRange } from "../domain/model.ts";

export interface FtmEntity {
  id: string;
  schema: "Person" | "Organization" | "Sanction" | "Event";
  properties: Record<string, string[]>;
}

const PREFIX = "turnstile";

function slug(text: string): string {
  return text
    .toLocaleLowerCase("en")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

export const ftmId = {
  person: (id: string) => `${PREFIX}-person-${id}`,
  event: (id: string) => `${PREFIX}-event-${id}`,
  operation: (id: string) => `${PREFIX}-operation-${id}`,
  diplomatic: (id: string) => `${PREFIX}-diplomatic-${id}`,
  measure: (id: string) => `${PREFIX}-sanction-${id}`,
  organization: (name: string) => `${PREFIX}-org-${slug(name)}`,
};

/** Properties without empty values; an entity lists only what it has. */
function props(entries: Record<string, (string | null | undefined)[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(entries)) {
    const kept = [...new Set(values.filter((v): v is string => typeof v === "string" && v !== ""))];
    if (kept.length > 0) out[key] = kept;
  }
  return out;
}

/** The ISO prefix of a partial date, without its EDTF qualifier. */
export function ftmDate(range: DateRange | null): string | null {
  return range ? range.text.replace(/[?~%]/g, "") : null;
}

function qualified(range: DateRange | null): string | null {
  if (!range || !/[?~%]/.test(range.text)) return null;
  return `date given as ${range.text} (EDTF: ~ approximate, ? uncertain)`;
}

export function personEntity(
  person: Bundle["people"][number],
  names: readonly Bundle["names"][number][],
): FtmEntity {
  return {
    id: ftmId.person(person.id),
    schema: "Person",
    properties: props({
      name: [person.name],
      alias: [person.nameLatin, ...names.map((n) => n.name)],
      birthDate: [ftmDate(person.birthDate)],
      gender: [person.gender === "unknown" ? null : person.gender],
      address: [person.region],
      notes: [person.synthetic ? "SYNTHETIC demo record: an invented person, not real data" : null],
    }),
  };
}

export function caseEventEntity(event: Bundle["events"][number]): FtmEntity {
  const what = event.type.replaceAll("_", " ");
  return {
    id: ftmId.event(event.id),
    schema: "Event",
    properties: props({
      name: [`${what} ${event.date.text}`],
      date: [ftmDate(event.date)],
      involved: [ftmId.person(event.personId)],
      keywords: [event.type, event.mechanism, event.monitor],
      location: [event.facility],
      summary: [
        event.description,
        event.articles ? `articles: ${event.articles}` : null,
        event.sentenceMonths !== null ? `sentence: ${event.sentenceMonths} months` : null,
        qualified(event.date),
      ],
      recordId: [event.id],
    }),
  };
}

interface SourceInfo {
  url: string | null;
  publisher: string | null;
}

function provenance(sourceIds: readonly string[], sources: ReadonlyMap<string, SourceInfo>) {
  const found = sourceIds.map((id) => sources.get(id)).filter((s) => s !== undefined);
  return {
    sourceUrl: found.map((s) => s.url),
    publisher: found.map((s) => (s.publisher === "unknown" ? null : s.publisher)),
  };
}

export function operationEntity(
  op: Bundle["operations"][number],
  sources: ReadonlyMap<string, SourceInfo>,
): FtmEntity {
  const count = op.announcedCount === null ? "" : `, ${op.announcedCount} announced`;
  return {
    id: ftmId.operation(op.id),
    schema: "Event",
    properties: props({
      name: [`Release operation ${op.date.text} (${op.kind}${count})`],
      date: [ftmDate(op.date)],
      country: ["by"],
      keywords: ["release operation", op.kind],
      summary: [op.description, qualified(op.date)],
      description: [op.mediators ? `mediators: ${op.mediators}` : null],
      recordId: [op.id],
      ...provenance(op.sourceIds, sources),
    }),
  };
}

export function diplomaticEntity(
  d: Bundle["diplomaticEvents"][number],
  sources: ReadonlyMap<string, SourceInfo>,
): FtmEntity {
  return {
    id: ftmId.diplomatic(d.id),
    schema: "Event",
    properties: props({
      name: [`${d.kind} ${d.date.text}${d.description ? `: ${d.description}` : ""}`],
      date: [ftmDate(d.date)],
      keywords: ["diplomatic event", d.kind],
      summary: [d.description, qualified(d.date)],
      description: [d.actors ? `actors: ${d.actors}` : null],
      recordId: [d.id],
      ...provenance(d.sourceIds, sources),
    }),
  };
}

export function sanctionEntity(
  m: Bundle["measures"][number],
  sources: ReadonlyMap<string, SourceInfo>,
): FtmEntity {
  const status = m.lifted ? "lifted" : m.eased ? "eased" : "active";
  return {
    id: ftmId.measure(m.id),
    schema: "Sanction",
    properties: props({
      entity: [ftmId.organization(m.target)],
      authority: [m.authority],
      program: [m.kind],
      startDate: [ftmDate(m.imposed)],
      date: [ftmDate(m.eased)],
      endDate: [ftmDate(m.lifted)],
      status: [status],
      summary: [
        m.eased ? `eased ${m.eased.text}` : null,
        m.lifted ? `lifted ${m.lifted.text}` : null,
      ],
      description: [m.description],
      recordId: [m.id],
      ...provenance(m.sourceIds, sources),
    }),
  };
}

/** Organizations met along the way (few), emitted at the end with all their roles. */
export class Organizations {
  private readonly byId = new Map<
    string,
    { name: string; roles: Set<string>; topics: Set<string> }
  >();

  add(name: string | null, role: "authority" | "target" | "monitor" | "publisher", topic?: string) {
    if (!name || name === "unknown") return;
    const id = ftmId.organization(name);
    let org = this.byId.get(id);
    if (!org) {
      org = { name, roles: new Set(), topics: new Set() };
      this.byId.set(id, org);
    }
    org.roles.add(role);
    if (topic) org.topics.add(topic);
  }

  entities(): FtmEntity[] {
    return [...this.byId].map(([id, org]) => ({
      id,
      schema: "Organization",
      properties: props({
        name: [org.name],
        classification: [...org.roles],
        topics: [...org.topics],
      }),
    }));
  }
}
