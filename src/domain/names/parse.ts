/**
 * The parts of a written name, whatever its order: "Surname Name Patronymic" (official
 * Belarusian and Russian order), "Name Patronymic Surname", "Name Surname", initials.
 * The given name is found by the list of given names, the patronymic by its ending and by
 * the given name it is made from; the rest is the surname.
 */
import { type GivenNameGroup, givenNameGroups, SURNAME_ENDING } from "./given-names.ts";
import { type Script, scriptOf, words } from "./text.ts";

export type Gender = "male" | "female";

export interface ParsedName {
  /** The text as written. */
  text: string;
  words: string[];
  script: Script;
  given: string | null;
  /** Groups of the given name (empty when it is not in the list). */
  givenGroups: GivenNameGroup[];
  patronymic: string | null;
  /** The patronymic without its ending: the father's given name, as spelt. */
  patronymicStem: string | null;
  surnames: string[];
  /** One-letter words (initials). */
  initials: string[];
  /** Gender the name itself shows (given name, patronymic or surname ending), if any. */
  gender: Gender | null;
}

const PATRONYMIC_CYRILLIC =
  /(ьевіч|евіч|авіч|овіч|ьевич|евич|ович|ьеўна|еўна|аўна|оўна|ічна|ьевна|евна|овна|ична|ыч|іч|ич)$/;
const PATRONYMIC_LATIN =
  /(ievich|yevich|jevich|evich|ovich|avich|ievitch|evitch|ovitch|jewitsch|ewitsch|owitsch|iewicz|ewicz|owicz|awicz|ievič|evič|ovič|avič|ievna|yevna|jevna|evna|ovna|ieuna|ieŭna|euna|eŭna|auna|aŭna|ewna|owna|awna|ichna|iczna|ičná|ich|ič|icz)$/;
const FEMININE_PATRONYMIC = /(на|na|ná)$/;

const FEMININE_SURNAME_CYRILLIC = /(ая|ва|на)$/;
const MASCULINE_SURNAME_CYRILLIC = /(ў|в|ін|ын|ин|скі|цкі|ский|цкий|ой|ый|ий)$/;
const FEMININE_SURNAME_LATIN = /(aya|aja|aia|ova|eva|owa|ewa|ina|yna|ska|cka)$/;
const MASCULINE_SURNAME_LATIN = /(ov|ev|ou|ow|oŭ|aŭ|in|yn|ski|sky|skiy|skii|skij|cki|cky)$/;

function patronymicEnding(word: string): RegExpMatchArray | null {
  return scriptOf(word) === "cyrillic"
    ? word.match(PATRONYMIC_CYRILLIC)
    : word.match(PATRONYMIC_LATIN);
}

/** The father's given name inside a patronymic, or null when the word is not one. */
export function patronymicStem(word: string): string | null {
  const match = patronymicEnding(word);
  if (!match || match.index === undefined || match.index < 2) return null;
  return word.slice(0, match.index);
}

function stemIsGivenName(word: string): boolean {
  const stem = patronymicStem(word);
  if (stem === null) return false;
  // Юр'евіч → юр, Мікалаевіч → мікала: compare the stem with given names by sound.
  return givenNameGroups(stem).length > 0 || givenNameGroups(`${stem}й`).length > 0;
}

function genderOfGroups(groups: readonly GivenNameGroup[]): Gender | null {
  const genders = new Set(groups.map((g) => g.gender));
  return genders.size === 1 ? (groups[0] as GivenNameGroup).gender : null;
}

function surnameGender(word: string): Gender | null {
  const cyrillic = scriptOf(word) === "cyrillic";
  if ((cyrillic ? FEMININE_SURNAME_CYRILLIC : FEMININE_SURNAME_LATIN).test(word)) return "female";
  if ((cyrillic ? MASCULINE_SURNAME_CYRILLIC : MASCULINE_SURNAME_LATIN).test(word)) return "male";
  return null;
}

/** `wordCount` includes initials: "Ціханоўскі С. Мікалаевіч" has a patronymic. */
function pickPatronymic(list: string[], wordCount: number): number {
  if (wordCount < 3 || list.length < 2) return -1;
  const candidates = list
    .map((word, index) => ({ word, index }))
    .filter(({ word }) => patronymicStem(word) !== null);
  if (candidates.length === 0) return -1;
  if (candidates.length === 1) {
    const only = candidates[0] as { word: string; index: number };
    // A lone -віч word first in a three-word name with no given-name stem is a surname.
    if (only.index === 0 && !stemIsGivenName(only.word)) return -1;
    return only.index;
  }
  // Two: a surname in -віч and the patronymic. The patronymic follows the given name.
  for (const { index } of candidates) {
    const before = list[index - 1];
    if (before !== undefined && givenNameGroups(before).length > 0) return index;
  }
  const byStem = candidates.filter(({ word }) => stemIsGivenName(word));
  if (byStem.length === 1) return (byStem[0] as { index: number }).index;
  return (candidates[candidates.length - 1] as { index: number }).index;
}

/**
 * Splits a name into given name, patronymic and surname(s).
 *
 * `parseName("Ціханоўскі Сяргей Мікалаевіч")` → given "сяргей", patronymic "мікалаевіч",
 * surnames ["ціханоўскі"]; `parseName("Siarhei Tsikhanouski")` → given "siarhei",
 * surnames ["tsikhanouski"].
 */
export function parseName(text: string): ParsedName {
  const all = words(text);
  const initials = all.filter((w) => [...w].length === 1);
  const list = all.filter((w) => [...w].length > 1);
  const script = scriptOf(list.join("") || all.join(""));
  const parsed: ParsedName = {
    text,
    words: list,
    script,
    given: null,
    givenGroups: [],
    patronymic: null,
    patronymicStem: null,
    surnames: [],
    initials,
    gender: null,
  };
  if (list.length === 0) return parsed;

  const p = pickPatronymic(list, all.length);
  if (p >= 0) {
    parsed.patronymic = list[p] as string;
    parsed.patronymicStem = patronymicStem(parsed.patronymic);
  }
  // The given name: just before the patronymic, else the word in the list of given names.
  let g = -1;
  if (p > 0) g = p - 1;
  else {
    const hits = list
      .map((word, index) => ({ index, groups: index === p ? [] : givenNameGroups(word) }))
      .filter((h) => h.groups.length > 0);
    if (hits.length === 1) g = (hits[0] as { index: number }).index;
    else if (list.length >= 2) {
      // None or several: Latin lists write the given name first; in Cyrillic, the word
      // with a surname's ending is the surname.
      const firstLooksLikeSurname =
        SURNAME_ENDING.test(list[0] as string) || surnameGender(list[0] as string) !== null;
      g = script === "cyrillic" && firstLooksLikeSurname && p !== 1 ? 1 : 0;
      if (g === p) g = p === 0 ? 1 : 0;
    }
  }
  if (g >= 0 && g < list.length) {
    parsed.given = list[g] as string;
    parsed.givenGroups = givenNameGroups(parsed.given);
  }
  parsed.surnames = list.filter((_, index) => index !== p && index !== g);
  if (parsed.surnames.length === 0 && parsed.given !== null && list.length === 1) {
    // One word alone: most often a surname; keep it as both so that either can match.
    parsed.surnames = [parsed.given];
  }

  const byGiven = genderOfGroups(parsed.givenGroups);
  const byPatronymic = parsed.patronymic
    ? FEMININE_PATRONYMIC.test(parsed.patronymic)
      ? "female"
      : "male"
    : null;
  const bySurname = parsed.surnames.length > 0 ? surnameGender(parsed.surnames[0] as string) : null;
  parsed.gender = byGiven ?? byPatronymic ?? bySurname;
  return parsed;
}
