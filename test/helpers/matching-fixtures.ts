/**
 * A small SYNTHETIC registry for the matching tests: invented people (made-up surnames),
 * one of them entered twice from a Russian-language list, one look-alike with another
 * birth year, with events, aliases and every visibility.
 */
import type { Bundle, CaseEvent, Person, PersonName, Source } from "../../src/domain/model.ts";
import { parsePartialDate } from "../../src/domain/partial-date.ts";
import { writeBundle } from "../../src/store/bundle-writer.ts";
import type { Store } from "../../src/store/connection.ts";

function date(text: string) {
  const d = parsePartialDate(text);
  return { text: d.text, first: d.first, last: d.last };
}

function person(fields: Partial<Person> & Pick<Person, "id" | "name">): Person {
  return {
    nameLatin: null,
    birthDate: null,
    gender: null,
    region: null,
    occupation: null,
    health: null,
    visibility: "private",
    consent: "unknown",
    synthetic: true,
    ...fields,
  };
}

const SOURCE: Source = {
  id: "s-test",
  title: "SYNTHETIC test source",
  publisher: null,
  url: null,
  published: null,
  language: "en",
  reliability: "F",
  credibility: "6",
};

export const PEOPLE: Person[] = [
  person({
    id: "p1",
    name: "Андрэй Віктаравіч Хурсколскі",
    nameLatin: "Andrei Khurskolski",
    birthDate: date("1984-03-12"),
    gender: "male",
    region: "Minsk",
    occupation: "engineer",
    visibility: "public",
    consent: "granted",
  }),
  person({
    id: "p2",
    name: "Вольга Юр'еўна Зесленовіч",
    nameLatin: "Volha Zeslenovich",
    birthDate: date("1990"),
    gender: "female",
    region: "Gomel Region",
    visibility: "restricted",
  }),
  person({ id: "p3", name: "Мікалай Алегавіч Каттутук", gender: "male" }),
  // p1 again, from a Russian-language list: same birth day, another order and script.
  person({
    id: "p4",
    name: "Хурсколский Андрей Викторович",
    birthDate: date("1984-03-12"),
    region: "Minsk",
    health: "diabetes",
  }),
  // Like p2 but born three years later: a look-alike, for the review queue.
  person({
    id: "p5",
    name: "Olga Zeslenovich",
    birthDate: date("1993"),
    gender: "female",
    visibility: "restricted",
  }),
];

export const NAMES: PersonName[] = [
  { personId: "p1", name: "Андрей Викторович Хурсколский", script: "cyrillic", kind: "alias" },
  { personId: "p1", name: "Андрусь Пухавік", script: "cyrillic", kind: "alias" },
  { personId: "p4", name: "Khurskolskiy Andrey", script: "latin", kind: "transliteration" },
];

function event(id: string, personId: string, type: CaseEvent["type"], when: string): CaseEvent {
  return {
    id,
    personId,
    type,
    date: date(when),
    mechanism: null,
    operationId: null,
    monitor: type === "recognized" ? "Viasna" : null,
    facility: null,
    articles: null,
    sentenceMonths: null,
    description: null,
    sourceIds: [SOURCE.id],
  };
}

export const EVENTS: CaseEvent[] = [
  event("e1", "p1", "detained", "2021-05-02"),
  event("e2", "p4", "sentenced", "2021-11"),
  event("e3", "p4", "recognized", "2021-12"),
  event("e4", "p2", "detained", "2022"),
];

/** Writes the fixture the way an import does (the writer keys the names). */
export async function loadFixture(store: Store): Promise<void> {
  const bundle: Partial<Bundle> = {
    sources: [SOURCE],
    people: PEOPLE,
    names: NAMES,
    events: EVENTS,
  };
  await store.transaction((tx) => writeBundle(tx, bundle, { actor: "test", batch: "fixture" }));
}
