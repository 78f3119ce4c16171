/**
 * Search keys of a name, computed when a name is written and looked up with a plain btree:
 * every spelling of a word gives the same consonant skeleton (phonetic.ts), so equality of
 * keys finds a person across scripts without any fuzzy index.
 *
 * - `token`: the skeleton of each word other than the patronymic (surname or given name,
 *   in whichever order the name is written), and the key of its given-name group;
 * - `pair`: two such words together, in sorted order, so that "Siarhei Tsikhanouski",
 *   "Ціханоўскі Сяргей Мікалаевіч" and "Тихановский Сергей" share the key `srh|thnsk`.
 */
import { givenNameGroups } from "./given-names.ts";
import { parseName } from "./parse.ts";
import { genderless, readWord } from "./phonetic.ts";

export type NameKeyKind = "token" | "pair";

export interface NameKey {
  kind: NameKeyKind;
  key: string;
}

/** Keys per word and per name are capped: a pathological name cannot flood the index. */
const MAX_KEYS_PER_WORD = 6;
const MAX_PAIR_KEYS_PER_NAME = 24;

/** The keys of one word: skeletons of its readings (surnames without the feminine -а). */
export function wordKeys(word: string): string[] {
  const groups = givenNameGroups(word);
  const keys = new Set<string>();
  for (const reading of readWord(word).readings) {
    const base = groups.length > 0 ? reading : genderless(reading);
    // A word with no consonant (Ия) keys on its vowels instead.
    keys.add(base.skeleton.length > 0 ? base.skeleton : `~${base.fine}`);
  }
  for (const group of groups) keys.add(group.key);
  return [...keys].slice(0, MAX_KEYS_PER_WORD);
}

/** The words of a name that carry keys: all but the patronymic and initials. */
export function keyWords(text: string): string[] {
  const parsed = parseName(text);
  return parsed.words.filter((w) => w !== parsed.patronymic);
}

/** The keys of one written name. */
export function nameKeys(text: string): NameKey[] {
  const list = keyWords(text).slice(0, 5);
  const perWord = list.map(wordKeys);
  const out = new Map<string, NameKey>();
  for (const keys of perWord) {
    for (const key of keys) out.set(`token ${key}`, { kind: "token", key });
  }
  let pairs = 0;
  for (let i = 0; i < perWord.length; i++) {
    for (let j = i + 1; j < perWord.length; j++) {
      for (const a of perWord[i] as string[]) {
        for (const b of perWord[j] as string[]) {
          if (pairs >= MAX_PAIR_KEYS_PER_NAME) break;
          const key = a < b ? `${a}|${b}` : `${b}|${a}`;
          if (!out.has(`pair ${key}`)) {
            out.set(`pair ${key}`, { kind: "pair", key });
            pairs++;
          }
        }
      }
    }
  }
  return [...out.values()];
}

/** The keys of all the names of one person, without repeats. */
export function personNameKeys(names: readonly string[]): NameKey[] {
  const out = new Map<string, NameKey>();
  for (const name of names) {
    for (const key of nameKeys(name)) out.set(`${key.kind} ${key.key}`, key);
  }
  return [...out.values()];
}
