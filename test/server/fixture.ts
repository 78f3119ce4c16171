/**
 * A small registry for the API tests: one person for each allowed visibility × consent,
 * every field holding a recognizable marker, so that a test can search any response for
 * what it must not contain. Written with the bundle writer (audited, like an import).
 */
import type { Bundle, CaseEvent, Person, PersonName } from "../../src/domain/model.ts";
import { parsePartialDate } from "../../src/domain/partial-date.ts";
import { writeBundle } from "../../src/store/bundle-writer.ts";
import type { Store } from "../../src/store/connection.ts";

function range(text: string) {
  const d = parsePartialDate(text);
  return { text: d.text, first: d.first, last: d.last };
}

/** Visibility and consent of each seeded person; public needs granted (a DB constraint). */
export const KINDS = [
  ["pub", "public", "granted"],
  ["res_unk", "restricted", "unknown"],
  ["res_gra", "restricted", "granted"],
  ["res_wit", "restricted", "withheld"],
  ["pri_unk", "private", "unknown"],
  ["pri_gra", "private", "granted"],
  ["pri_wit", "private", "withheld"],
] as const;

export const PUBLIC_ID = "PID_pub";
export const RESTRICTED_SOURCE = "SRCRESTRICTED";
export const PUBLIC_SOURCE = "s-public";
export const OPERATION = "op-2024";
/** A birth date that appears nowhere else. */
export const BIRTH = "1911-11-11";

export function personId(kind: string): string {
  return `PID_${kind}`;
}

/** Markers that anonymous readers may see: the public person's public fields. */
export const PUBLIC_MARKERS = ["NAME_pub", "LATIN_pub", "REGION_pub", "ART_pub", "TRANSLIT_pub"];

/** Every marker that must never reach an anonymous reader. */
export function hiddenMarkers(): string[] {
  const hidden = [RESTRICTED_SOURCE, "RESTRICTED_TITLE", BIRTH];
  for (const [kind] of KINDS) {
    const fields = ["HEALTH", "OCCUP", "FACILITY", "NOTE", "CONTACT", "ALIAS", "MONITORNOTE"];
    for (const f of fields) hidden.push(`${f}_${kind}`);
    hidden.push(`EVHIDDEN_${kind}`);
    if (kind !== "pub") {
      hidden.push(`NAME_${kind}`, `LATIN_${kind}`, `REGION_${kind}`, `ART_${kind}`);
      hidden.push(`TRANSLIT_${kind}`, personId(kind), `EVDET_${kind}`);
    }
  }
  return hidden;
}

export function fixtureBundle(): Partial<Bundle> {
  const people: Person[] = [];
  const names: PersonName[] = [];
  const events: CaseEvent[] = [];
  const event = (
    e: Partial<CaseEvent> & Pick<CaseEvent, "id" | "personId" | "type">,
  ): CaseEvent => ({
    date: range("2015-03-01"),
    mechanism: null,
    operationId: null,
    monitor: null,
    facility: null,
    articles: null,
    sentenceMonths: null,
    description: null,
    sourceIds: [PUBLIC_SOURCE],
    ...e,
  });
  for (const [kind, visibility, consent] of KINDS) {
    const id = personId(kind);
    people.push({
      id,
      name: `NAME_${kind}`,
      nameLatin: `LATIN_${kind}`,
      birthDate: range(BIRTH),
      gender: "female",
      region: `REGION_${kind}`,
      occupation: `OCCUP_${kind}`,
      health: `HEALTH_${kind}`,
      visibility,
      consent,
      synthetic: false,
    });
    names.push(
      { personId: id, name: `ALIAS_${kind}`, script: "latin", kind: "alias" },
      { personId: id, name: `TRANSLIT_${kind}`, script: "latin", kind: "transliteration" },
    );
    events.push(
      event({
        id: `EVDET_${kind}`,
        personId: id,
        type: "detained",
        facility: `FACILITY_${kind}`,
        description: `NOTE_${kind}`,
        sourceIds: [PUBLIC_SOURCE, RESTRICTED_SOURCE],
      }),
      event({
        id: `EVHIDDEN_${kind}`,
        personId: id,
        type: "sentenced",
        date: range("2015-09"),
        articles: `ART_${kind}`,
        sentenceMonths: 120,
        facility: `FACILITY_${kind}`,
      }),
      event({
        id: `EVREC_${kind}`,
        personId: id,
        type: "recognized",
        monitor: "Viasna",
        date: range("2015-04"),
        description: `MONITORNOTE_${kind}`,
      }),
      event({
        id: `EVCONTACT_${kind}`,
        personId: id,
        type: "contact",
        date: range("2016-01"),
        description: `CONTACT_${kind}`,
      }),
    );
  }
  return {
    sources: [
      {
        id: PUBLIC_SOURCE,
        title: "A public report",
        publisher: "Viasna",
        url: "https://example.org/report",
        published: range("2015-03"),
        language: "be",
        reliability: "A",
        credibility: "1",
      },
      {
        id: RESTRICTED_SOURCE,
        title: "RESTRICTED_TITLE",
        publisher: null,
        url: null,
        published: null,
        language: null,
        reliability: "B",
        credibility: "2",
      },
    ],
    people,
    names,
    events,
    operations: [
      {
        id: OPERATION,
        date: range("2024-07-03"),
        kind: "pardon",
        announcedCount: 18,
        mediators: null,
        description: "a pardon",
        sourceIds: [PUBLIC_SOURCE, RESTRICTED_SOURCE],
      },
    ],
    measures: [
      {
        id: "m-belavia",
        authority: "US",
        target: "Belavia",
        kind: "sanctions",
        imposed: range("2021-08"),
        eased: range("2024-09"),
        lifted: null,
        description: null,
        sourceIds: [PUBLIC_SOURCE],
      },
    ],
    diplomaticEvents: [
      {
        id: "d-visit",
        date: range("2024-06"),
        kind: "visit",
        actors: "envoy",
        description: null,
        sourceIds: [PUBLIC_SOURCE],
      },
    ],
    monitorCounts: [
      {
        id: "mc-1",
        monitor: "Viasna",
        asOf: range("2016-01-01"),
        value: 7,
        qualifier: "approx",
        sourceIds: [PUBLIC_SOURCE],
      },
    ],
  };
}

/** Writes the fixture and marks its restricted source. */
export async function seedFixture(store: Store): Promise<void> {
  await store.transaction(async (tx) => {
    await writeBundle(tx, fixtureBundle(), { actor: "test", batch: "fixture" });
    await tx.query("UPDATE source SET restricted = true WHERE id = $1", [RESTRICTED_SOURCE]);
  });
}
