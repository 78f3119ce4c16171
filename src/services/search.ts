/**
 * Name search across scripts and spellings: the query's words give phonetic keys
 * (src/domain/names), the key table gives the people that share them (btree lookups),
 * and the people are ranked by how well one of their written names answers the query.
 *
 * ```ts
 * await searchPeople(store, "Tikhanovsky", { role: "public", limit: 10 });
 * // [{ id: "p1", name: "Сяргей Ціханоўскі", matchedForm: "Siarhei Tsikhanouski", score: 1 }]
 * ```
 */
import { keyWords, wordKeys } from "../domain/names/keys.ts";
import { readWord } from "../domain/names/phonetic.ts";
import { wordsSimilarity } from "../domain/names/similarity.ts";
import { words } from "../domain/names/text.ts";
import type { Queryable } from "../store/connection.ts";
import { type NameScope, nameFormsOf, peopleByPairKeys, peopleByWordKeys } from "../store/names.ts";

export type SearchRole = "public" | "viewer" | "editor" | "admin";

export interface SearchHit {
  id: string;
  /** The person's name as recorded (official form). */
  name: string;
  /** The written form of the person's name that answered the query best. */
  matchedForm: string;
  /** 0–1: how much of the query that form explains (1: every word, same sounds). */
  score: number;
}

export interface SearchOptions {
  limit?: number;
  role: SearchRole;
}

/** People taken per key before ranking: enough for every namesake of a common name. */
const PER_KEY = 200;
/** People ranked per query at most: the best tiers and most keys shared first. */
const MAX_CANDIDATES = 100;
const MAX_QUERY_WORDS = 6;

function scopeOf(role: SearchRole): NameScope {
  if (role === "public") return "public";
  if (role === "viewer") return "nonprivate";
  return "all";
}

/**
 * A Latin word without diacritics may be the Belarusian national (2007) or Łacinka
 * spelling with its č š ž lost: the word with each c, s, z put back as č, š, ž (at most
 * eight variants). Only queries get them; stored names keep their own keys.
 */
export function lostDiacritics(word: string): string[] {
  if (!/^[a-z]+$/.test(word)) return [word];
  let variants = [""];
  for (let i = 0; i < word.length; i++) {
    const char = word[i] as string;
    const next = word[i + 1];
    const previous = word[i - 1];
    const free =
      (char === "c" && next !== "h" && next !== "z") ||
      (char === "s" && next !== "z" && next !== "h") ||
      (char === "z" && previous !== "d" && previous !== "c" && previous !== "s");
    const accented = { c: "č", s: "š", z: "ž" }[char];
    if (free && accented && variants.length < 8) {
      variants = variants.flatMap((v) => [v + char, v + accented]);
    } else {
      variants = variants.map((v) => v + char);
    }
  }
  return variants;
}

/** The keys of a query: pairs of its words, each word, and the beginnings of long words. */
export function queryKeys(text: string): {
  pairKeys: string[];
  tokenKeys: string[];
  prefixes: string[];
} {
  const list = keyWords(text).slice(0, MAX_QUERY_WORDS);
  const perWord = list.map((word) => [...new Set(lostDiacritics(word).flatMap(wordKeys))]);
  const pairKeys = new Set<string>();
  for (let i = 0; i < perWord.length; i++) {
    for (let j = i + 1; j < perWord.length; j++) {
      for (const a of perWord[i] as string[]) {
        for (const b of perWord[j] as string[]) pairKeys.add(a < b ? `${a}|${b}` : `${b}|${a}`);
      }
    }
  }
  // The first consonants of a long word find it even with a misspelt ending.
  const prefixes = new Set<string>();
  for (const word of list) {
    for (const reading of readWord(word).readings) {
      if (reading.skeleton.length >= 5) prefixes.add(reading.skeleton.slice(0, 4));
    }
  }
  return {
    pairKeys: [...pairKeys],
    tokenKeys: [...new Set(perWord.flat())],
    prefixes: [...prefixes],
  };
}

/**
 * People whose name matches `text` in any script or spelling, best first, as the role may
 * see them: anonymous readers (`public`) find only people public with consent, by their
 * official and transliterated names (not aliases); viewers also restricted people and
 * aliases; editors and admins everyone.
 */
export async function searchPeople(
  q: Queryable,
  text: string,
  options: SearchOptions,
): Promise<SearchHit[]> {
  const limit = Math.max(1, Math.min(100, Math.trunc(options.limit ?? 10)));
  if (words(text).length === 0) return [];
  const keys = queryKeys(text);
  const aliases = options.role !== "public";
  const lookup = {
    scope: scopeOf(options.role),
    aliases,
    perKey: PER_KEY,
    maxPeople: MAX_CANDIDATES,
  };
  // People sharing two of the query's words; when there are none (a one-word query, a
  // misspelt word), people sharing one word or a word's beginning.
  const tier = new Map<string, number>();
  for (const id of await peopleByPairKeys(q, keys.pairKeys, lookup)) tier.set(id, 2);
  if (tier.size === 0) {
    for (const id of await peopleByWordKeys(q, keys.tokenKeys, keys.prefixes, lookup)) {
      tier.set(id, 1);
    }
  }
  if (tier.size === 0) return [];
  const people = await nameFormsOf(q, [...tier.keys()]);
  const queryWords = words(text);
  const hits: (SearchHit & { tier: number })[] = [];
  for (const person of people) {
    let best = { score: -1, form: person.name };
    for (const form of person.forms) {
      if (!aliases && form.kind === "alias") continue;
      const score = wordsSimilarity(queryWords, words(form.name));
      if (score > best.score) best = { score, form: form.name };
    }
    hits.push({
      id: person.id,
      name: person.name,
      matchedForm: best.form,
      score: Math.round(Math.max(0, best.score) * 1000) / 1000,
      tier: tier.get(person.id) ?? 0,
    });
  }
  hits.sort((a, b) => b.score - a.score || b.tier - a.tier || a.id.localeCompare(b.id));
  return hits.slice(0, limit).map(({ tier: _, ...hit }) => hit);
}
