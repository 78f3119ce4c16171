/**
 * What record linkage compares, computed once per record: the person's surnames, given
 * names and patronymics in every written form they have, read phonetically, with birth
 * date, region and gender. Comparing two records is then mostly set intersections.
 */
import { givenNameGroupsBySound } from "../../domain/names/given-names.ts";
import { wordKeys } from "../../domain/names/keys.ts";
import { type Gender, parseName } from "../../domain/names/parse.ts";
import { genderless, readWord } from "../../domain/names/phonetic.ts";
import { words } from "../../domain/names/text.ts";

/** A record to link: the names it is known by and what else identifies it. */
export interface MatchRecord {
  id: string;
  /** Every written form: official name, Latin name, other spellings, aliases. */
  names: readonly string[];
  /** Birth date as the days it may fall on (from a partial date), if known. */
  birth: { first: number; last: number } | null;
  region: string | null;
  /** Recorded gender; `null` when unknown (the names may still show it). */
  gender: Gender | null;
}

export interface WordFeature {
  word: string;
  fines: string[];
  skeletons: string[];
  /** Given-name groups the word belongs to, by name. */
  groups: string[];
}

/** A field's readings as sorted numbers, for comparisons by set intersection. */
export interface FieldIds {
  fines: number[];
  skeletons: number[];
  groups: number[];
  /** The readings with one character left out: shared when one typing mistake apart. */
  near: number[];
}

export interface RecordFeatures {
  id: string;
  /** The written forms, kept for explanations. */
  names: readonly string[];
  surnames: WordFeature[];
  givens: WordFeature[];
  surnameIds: FieldIds;
  givenIds: FieldIds;
  patronymicIds: FieldIds;
  /** Initials of given names written as initials only. */
  givenInitials: string[];
  patronymics: WordFeature[];
  birth: { first: number; last: number } | null;
  /** Keys of the region (its first significant word, read phonetically). */
  region: string[];
  regionText: string | null;
  gender: Gender | null;
  /** Blocking keys of the name: every pair of keyed words, and each surname alone. */
  nameKeys: string[];
  surnameKeys: string[];
  givenKeys: string[];
}

/**
 * FNV-1a, 32 bits: readings become numbers without a table that grows with the registry.
 * Two different readings share a number about once in four billion pairs.
 */
function hash(tag: string, text: string): number {
  let h = 0x811c9dc5;
  for (const part of [tag, text]) {
    for (let i = 0; i < part.length; i++) {
      h ^= part.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  return h >>> 0;
}

/** The string with each one character left out in turn, and the string itself. */
function deletions(text: string): string[] {
  const out = [text];
  for (let i = 0; i < text.length; i++) out.push(text.slice(0, i) + text.slice(i + 1));
  return out;
}

function fieldIds(list: readonly WordFeature[], withNear: boolean): FieldIds {
  const ids = (strings: string[], tag: string) =>
    [...new Set(strings.map((x) => hash(tag, x)))].sort((a, b) => a - b);
  const skeletons = list.flatMap((w) => w.skeletons);
  const fines = list.flatMap((w) => w.fines);
  return {
    fines: ids(fines, "f"),
    skeletons: ids(skeletons, "k"),
    groups: ids(
      list.flatMap((w) => w.groups),
      "g",
    ),
    // Two words one typing mistake apart share a string with one character left out
    // (consonants of four or more, sounds of six or more): see compareWords.
    near: withNear
      ? [
          ...ids(skeletons.filter((x) => x.length >= 4).flatMap(deletions), "dk"),
          ...ids(fines.filter((x) => x.length >= 6).flatMap(deletions), "df"),
        ].sort((a, b) => a - b)
      : [],
  };
}

function sharesSorted(a: readonly number[], b: readonly number[]): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) return true;
    if (x < y) i++;
    else j++;
  }
  return false;
}

/**
 * The best similarity between two fields' words (see compareWords), or null when either
 * has none: the fast paths by set intersection decide most pairs without looking at words.
 */
export function compareFields(
  aWords: readonly WordFeature[],
  aIds: FieldIds,
  bWords: readonly WordFeature[],
  bIds: FieldIds,
): number | null {
  if (aWords.length === 0 || bWords.length === 0) return null;
  if (sharesSorted(aIds.fines, bIds.fines)) return 1;
  if (sharesSorted(aIds.skeletons, bIds.skeletons) || sharesSorted(aIds.groups, bIds.groups)) {
    return 0.95;
  }
  return sharesSorted(aIds.near, bIds.near) ? 0.9 : 0;
}

function feature(word: string, options: { genderless: boolean; groups?: string[] }): WordFeature {
  const fines = new Set<string>();
  const skeletons = new Set<string>();
  for (const reading of readWord(word).readings) {
    const r = options.genderless ? genderless(reading) : reading;
    fines.add(r.fine);
    skeletons.add(r.skeleton);
  }
  return {
    word,
    fines: [...fines],
    skeletons: [...skeletons],
    groups: options.groups ?? [],
  };
}

function addUnique(list: WordFeature[], item: WordFeature): void {
  if (!list.some((f) => f.word === item.word)) list.push(item);
}

/** Words of a region name that say what kind of place it is, not which. */
const GENERIC_PLACE = new Set([
  "region",
  "oblast",
  "voblasts",
  "voblasc",
  "district",
  "city",
  "область",
  "вобласць",
  "раён",
  "район",
  "горад",
  "город",
  "г",
]);

function regionKeys(region: string | null): string[] {
  if (!region) return [];
  const significant = words(region).find((w) => !GENERIC_PLACE.has(w));
  return significant ? wordKeys(significant) : [];
}

/** The features of one record. */
export function recordFeatures(record: MatchRecord): RecordFeatures {
  const surnames: WordFeature[] = [];
  const givens: WordFeature[] = [];
  const patronymics: WordFeature[] = [];
  const givenInitials = new Set<string>();
  const nameKeys = new Set<string>();
  const surnameKeys = new Set<string>();
  const givenKeys = new Set<string>();
  let inferred: Gender | null = null;
  for (const name of record.names) {
    const parsed = parseName(name);
    inferred ??= parsed.gender;
    for (const surname of parsed.surnames) {
      addUnique(surnames, feature(surname, { genderless: true }));
      for (const key of wordKeys(surname)) surnameKeys.add(key);
    }
    if (parsed.given !== null && !parsed.surnames.includes(parsed.given)) {
      const groups = parsed.givenGroups.map((g) => g.name);
      addUnique(givens, feature(parsed.given, { genderless: false, groups }));
      for (const key of wordKeys(parsed.given)) givenKeys.add(key);
    }
    for (const initial of parsed.initials) givenInitials.add(initial);
    if (parsed.patronymicStem !== null) {
      const groups = givenNameGroupsBySound(parsed.patronymicStem).map((g) => g.name);
      addUnique(patronymics, feature(parsed.patronymicStem, { genderless: false, groups }));
    }
    const keyed = parsed.words.filter((w) => w !== parsed.patronymic).map(wordKeys);
    for (let i = 0; i < keyed.length; i++) {
      for (let j = i + 1; j < keyed.length; j++) {
        for (const a of keyed[i] as string[]) {
          for (const b of keyed[j] as string[]) nameKeys.add(a < b ? `${a}|${b}` : `${b}|${a}`);
        }
      }
    }
  }
  return {
    id: record.id,
    names: record.names,
    surnames,
    givens,
    surnameIds: fieldIds(surnames, true),
    givenIds: fieldIds(givens, true),
    patronymicIds: fieldIds(patronymics, false),
    givenInitials: [...givenInitials],
    patronymics,
    birth: record.birth,
    region: regionKeys(record.region),
    regionText: record.region,
    gender: record.gender ?? inferred,
    nameKeys: [...nameKeys],
    surnameKeys: [...surnameKeys],
    givenKeys: [...givenKeys],
  };
}

function intersects(a: readonly string[], b: readonly string[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

/**
 * Similarity of two words as features: same reading 1, same consonants 0.95, one given
 * name 0.95; one typing mistake in the consonants of a word of four or more (or in the
 * sounds of a word of six or more) 0.9 — "one mistake" meaning that leaving out one
 * character of each gives the same string (a letter changed, added, dropped, or two
 * neighbours swapped); otherwise 0. compareFields gives the same answers from FieldIds.
 */
export function compareWords(a: WordFeature, b: WordFeature): number {
  if (a.word === b.word || intersects(a.fines, b.fines)) return 1;
  if (intersects(a.skeletons, b.skeletons) || intersects(a.groups, b.groups)) return 0.95;
  let score = 0;
  const near = (x: string, y: string, min: number) =>
    x.length >= min && y.length >= min && deletions(x).some((d) => deletions(y).includes(d));
  for (const x of a.skeletons) for (const y of b.skeletons) if (near(x, y, 4)) score = 0.9;
  for (const x of a.fines) for (const y of b.fines) if (near(x, y, 6)) score = 0.9;
  return score;
}

/** The best-matching pair of two lists of words, or null when either is empty. */
export function bestWordPair(
  left: readonly WordFeature[],
  right: readonly WordFeature[],
): { score: number; left: WordFeature; right: WordFeature } | null {
  let best: { score: number; left: WordFeature; right: WordFeature } | null = null;
  for (const a of left) {
    for (const b of right) {
      const score = compareWords(a, b);
      if (best === null || score > best.score) best = { score, left: a, right: b };
      if (score === 1) return best;
    }
  }
  return best;
}
