/**
 * A seeded, labelled evaluation set for record linkage, all SYNTHETIC: a registry of
 * invented people, and incoming records that are either one of them written another way
 * or someone else who looks alike.
 *
 * A true match is the person's name in another script, standard and order (Belarusian or
 * Russian Cyrillic; ICAO passport, national 2007 and 2023, BGN/PCGN, Łacinka, English,
 * French, German, Polish spellings), with or without the patronymic, sometimes with a
 * typo or in capitals, with the birth date as exact, partial, missing or slightly wrong,
 * and the region present, missing or (rarely) different.
 *
 * A hard non-match is a namesake (same name, another birth year), a sibling (same
 * surname and father, another given name, sometimes a twin born the same day), someone
 * with the same surname and another given name, or a new person.
 */
import type { MatchRecord } from "../analytics/matching/features.ts";
import type { Gender } from "../domain/names/parse.ts";
import { type RomanizationSystem, romanize } from "../domain/names/romanize.ts";
import { stripDiacritics } from "../domain/names/text.ts";
import { dayNumber } from "../domain/partial-date.ts";
import {
  FEMALE_NAMES,
  femininePatronymicBe,
  femininePatronymicRu,
  latinBgnBelarusian,
  latinFromRussian,
  latinPassport,
  MALE_NAMES,
  SURNAMES,
} from "./synthetic-names.ts";
import { Rng } from "./synthetic-random.ts";
import { feminineBelarusian, feminineRussian, inventSurname } from "./synthetic-surnames.ts";
import { REGIONS } from "./synthetic-vocab.ts";

interface Forms {
  given: string;
  patronymic: string;
  surname: string;
}

export interface EvalPerson {
  be: Forms;
  ru: Forms;
  gender: Gender;
  /** Day number of the birth date. */
  born: number;
  region: string;
  /** Index of the father's name and of the surname, to make siblings. */
  father: number;
  surnamePair: readonly [string, string];
}

export type IncomingKind =
  | "match"
  | "namesake"
  | "sibling"
  | "twin"
  | "same-surname"
  | "new-person";

export interface EvalSet {
  registry: MatchRecord[];
  incoming: MatchRecord[];
  /** Registry id each incoming record truly is, or null. */
  truth: Map<string, string | null>;
  kind: Map<string, IncomingKind>;
  /** How each true match's name was written (system, or script and language). */
  spelling: Map<string, string>;
}

export interface EvalOptions {
  people: number;
  incoming: number;
  seed: number;
  /** Share of incoming records that are true matches (default 0.6). */
  matchShare?: number;
}

const FIRST_BIRTH = dayNumber(1950, 1, 1);
const LAST_BIRTH = dayNumber(2005, 12, 31);

/** Share of people with a surname of the hand-made list (common, so many namesakes). */
const COMMON_SURNAMES = 0.15;

function surnamePair(rng: Rng, common = COMMON_SURNAMES): readonly [string, string] {
  return rng.chance(common) ? rng.pick(SURNAMES) : inventSurname(rng);
}

/**
 * An invented person. `commonSurnames` is the share drawn from the short hand-made list
 * (default 0.15); the rest get made-up surnames.
 */
export function makePerson(
  rng: Rng,
  base?: Partial<EvalPerson>,
  commonSurnames = COMMON_SURNAMES,
): EvalPerson {
  const gender: Gender = base?.gender ?? (rng.chance(0.3) ? "female" : "male");
  const father = base?.father ?? rng.int(0, MALE_NAMES.length - 1);
  const [, , fatherBe, fatherRu] = MALE_NAMES[father] as readonly string[];
  const [givenBe, givenRu] = (
    gender === "female" ? rng.pick(FEMALE_NAMES) : rng.pick(MALE_NAMES)
  ) as [string, string];
  const pair = base?.surnamePair ?? surnamePair(rng, commonSurnames);
  const female = gender === "female";
  return {
    gender,
    father,
    surnamePair: pair,
    be: {
      given: givenBe,
      patronymic: female ? femininePatronymicBe(fatherBe as string) : (fatherBe as string),
      surname: female ? feminineBelarusian(pair[0]) : pair[0],
    },
    ru: {
      given: givenRu,
      patronymic: female ? femininePatronymicRu(fatherRu as string) : (fatherRu as string),
      surname: female ? feminineRussian(pair[1]) : pair[1],
    },
    born: base?.born ?? rng.int(FIRST_BIRTH, LAST_BIRTH),
    region: base?.region ?? rng.weighted(REGIONS),
  };
}

function yearRange(day: number): { first: number; last: number } {
  const year = new Date(day * 86_400_000).getUTCFullYear();
  return { first: dayNumber(year, 1, 1), last: dayNumber(year, 12, 31) };
}

function monthRange(day: number): { first: number; last: number } {
  const date = new Date(day * 86_400_000);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const last = dayNumber(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - 1;
  return { first: dayNumber(year, month, 1), last };
}

function registryRecord(id: string, p: EvalPerson, rng: Rng): MatchRecord {
  const official = `${p.be.given} ${p.be.patronymic} ${p.be.surname}`;
  const names = [official];
  if (rng.chance(0.8)) names.push(romanize(`${p.be.given} ${p.be.surname}`, "icao-be"));
  if (rng.chance(0.5)) names.push(`${p.ru.given} ${p.ru.patronymic} ${p.ru.surname}`);
  const u = rng.next();
  return {
    id,
    names,
    birth: u < 0.8 ? { first: p.born, last: p.born } : u < 0.9 ? yearRange(p.born) : null,
    region: rng.chance(0.9) ? p.region : null,
    gender: rng.chance(0.95) ? p.gender : null,
  };
}

const BE_SYSTEMS: RomanizationSystem[] = [
  "icao-be",
  "by-national-2007",
  "by-national-2023",
  "bgn-pcgn-be",
  "lacinka",
];
const RU_SYSTEMS: RomanizationSystem[] = [
  "icao-ru",
  "bgn-pcgn-ru",
  "english-ru",
  "french-ru",
  "german-ru",
  "polish-ru",
];

/** A typing mistake: a letter dropped, doubled, or two swapped. */
function typo(word: string, rng: Rng): string {
  const letters = [...word];
  if (letters.length < 4) return word;
  const i = rng.int(1, letters.length - 2);
  const kind = rng.int(0, 2);
  if (kind === 0) letters.splice(i, 1);
  else if (kind === 1) letters.splice(i, 0, letters[i] as string);
  else [letters[i], letters[i + 1]] = [letters[i + 1] as string, letters[i] as string];
  return letters.join("");
}

/**
 * One written form of a person's name, as another list would write it, and how: script
 * and language, romanization system, order, with or without patronymic, sometimes with a
 * typo (unless `typos` is false) or in capitals.
 */
export function writeName(
  p: EvalPerson,
  rng: Rng,
  options: { typos?: boolean } = {},
): { name: string; how: string } {
  const u = rng.next();
  const language = u < 0.5 ? "be" : "ru";
  const forms = language === "be" ? p.be : p.ru;
  const cyrillic = rng.chance(0.35);
  const withPatronymic = rng.chance(cyrillic ? 0.6 : 0.08);
  let given = forms.given;
  let surname = forms.surname;
  if ((options.typos ?? true) && rng.chance(0.1)) {
    if (rng.chance(0.5)) surname = typo(surname, rng);
    else given = typo(given, rng);
  }
  const surnameFirst = rng.chance(cyrillic ? 0.5 : 0.3);
  const parts = surnameFirst
    ? [surname, given, ...(withPatronymic ? [forms.patronymic] : [])]
    : [given, ...(withPatronymic ? [forms.patronymic] : []), surname];
  let text = parts.join(" ");
  let how = `${language} cyrillic`;
  if (!cyrillic) {
    const systems = language === "be" ? BE_SYSTEMS : RU_SYSTEMS;
    // The demo generator's own spellings, too: written independently of romanize.ts.
    const choice = rng.int(0, systems.length);
    if (choice === systems.length) {
      text =
        language === "be"
          ? rng.chance(0.5)
            ? latinPassport(text)
            : latinBgnBelarusian(text)
          : latinFromRussian(text);
      how = `${language} demo-generator latin`;
    } else {
      const system = systems[choice] as RomanizationSystem;
      text = romanize(text, system);
      how = system;
      if (system === "by-national-2007" && rng.chance(0.5)) {
        text = stripDiacritics(text);
        how = `${system} without diacritics`;
      }
    }
  }
  // Capitals, as in a passport's machine-readable zone (not part of the label).
  if (rng.chance(0.08)) text = text.toUpperCase();
  return { name: text, how };
}

/**
 * A record of `p`. `birthKnown` keeps the birth date (a namesake's birth year is what
 * tells it apart; a twin's same day is what makes it hard).
 */
function incomingRecord(
  id: string,
  p: EvalPerson,
  rng: Rng,
  birthKnown: "exact" | "year" | "any",
): { record: MatchRecord; how: string } {
  const first = writeName(p, rng);
  const names = [first.name];
  if (rng.chance(0.25)) names.push(writeName(p, rng).name);
  const u = rng.next();
  let birth: MatchRecord["birth"];
  if (birthKnown === "exact" || u < 0.55) birth = { first: p.born, last: p.born };
  else if (birthKnown === "year" || u < 0.7) birth = yearRange(p.born);
  else if (u < 0.75) birth = monthRange(p.born);
  else if (u < 0.9) birth = null;
  else {
    // A wrong date: a few days off, or the year off by one.
    const shifted = rng.chance(0.5)
      ? p.born + rng.int(-20, 20)
      : p.born + 365 * (rng.chance(0.5) ? 1 : -1);
    birth = { first: shifted, last: shifted };
  }
  const r = rng.next();
  const record: MatchRecord = {
    id,
    names,
    birth,
    region: r < 0.65 ? p.region : r < 0.95 ? null : rng.weighted(REGIONS),
    gender: rng.chance(0.7) ? p.gender : null,
  };
  return { record, how: first.how };
}

/** The labelled set: the same options give the same set. */
export function generateEvalSet(options: EvalOptions): EvalSet {
  const rng = new Rng(options.seed, 7);
  const people: EvalPerson[] = [];
  const registry: MatchRecord[] = [];
  for (let i = 0; i < options.people; i++) {
    const person = makePerson(rng);
    people.push(person);
    registry.push(registryRecord(`reg-${i + 1}`, person, rng));
  }
  const set: EvalSet = {
    registry,
    incoming: [],
    truth: new Map(),
    kind: new Map(),
    spelling: new Map(),
  };
  const matchShare = options.matchShare ?? 0.6;
  for (let k = 0; k < options.incoming; k++) {
    const id = `in-${k + 1}`;
    let index = rng.int(0, people.length - 1);
    let kind: IncomingKind;
    let person: EvalPerson;
    let target = people[index] as EvalPerson;
    if (rng.chance(matchShare)) {
      kind = "match";
      person = target;
    } else {
      // A look-alike of a registry person whose birth date is recorded: without it, no
      // method could tell a namesake or a sibling from the person.
      for (let attempt = 0; attempt < 50 && registry[index]?.birth === null; attempt++) {
        index = rng.int(0, people.length - 1);
      }
      target = people[index] as EvalPerson;
      const u = rng.next();
      const years = () => (rng.chance(0.5) ? 1 : -1) * rng.int(2, 30) * 365 + rng.int(-100, 100);
      if (u < 0.35) {
        kind = "namesake";
        person = { ...target, born: target.born + years(), region: rng.weighted(REGIONS) };
        if (rng.chance(0.5))
          person = {
            ...person,
            ...renamePatronymic(makePerson(rng, { gender: target.gender }), person),
          };
      } else if (u < 0.6) {
        const twin = rng.chance(0.05);
        kind = twin ? "twin" : "sibling";
        const born = twin
          ? target.born
          : target.born + (rng.chance(0.5) ? 1 : -1) * rng.int(1, 12) * 365 + rng.int(-150, 150);
        person = siblingOf(target, rng, born);
      } else if (u < 0.8) {
        kind = "same-surname";
        person = makePerson(rng, { surnamePair: target.surnamePair });
      } else {
        kind = "new-person";
        person = makePerson(rng);
      }
    }
    const birthKnown =
      kind === "twin" ? "exact" : kind === "namesake" || kind === "sibling" ? "year" : "any";
    const { record, how } = incomingRecord(id, person, rng, birthKnown);
    set.incoming.push(record);
    set.kind.set(id, kind);
    set.truth.set(id, kind === "match" ? `reg-${index + 1}` : null);
    if (kind === "match") set.spelling.set(id, how);
  }
  return set;
}

/** The person with the patronymic of `other` (a namesake whose father had another name). */
function renamePatronymic(
  other: EvalPerson,
  person: EvalPerson,
): Pick<EvalPerson, "be" | "ru" | "father"> {
  return {
    father: other.father,
    be: { ...person.be, patronymic: other.be.patronymic },
    ru: { ...person.ru, patronymic: other.ru.patronymic },
  };
}

/** A brother or sister: same father and family name, another given name. */
function siblingOf(target: EvalPerson, rng: Rng, born: number): EvalPerson {
  for (let attempt = 0; attempt < 20; attempt++) {
    const sibling = makePerson(rng, {
      father: target.father,
      surnamePair: target.surnamePair,
      region: target.region,
      born,
    });
    if (sibling.ru.given !== target.ru.given) return sibling;
  }
  return makePerson(rng, { father: target.father, surnamePair: target.surnamePair, born });
}
