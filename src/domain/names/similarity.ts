/**
 * How alike two written names sound, from 0 to 1, across scripts and romanizations:
 * word against word on their phonetic readings (phonetic.ts), then the best pairing of
 * the words of two names, in any order.
 */
import { givenNameGroups } from "./given-names.ts";
import { genderless, type Reading, readWord } from "./phonetic.ts";
import { words as splitWords } from "./text.ts";

/** Jaro–Winkler similarity of two strings (prefix scale 0.1, up to 4 characters). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(b.length - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = true;
      bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const jaro =
    (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Whether `a` and `b` are equal up to one character (a, b of equal length, no mismatch). */
function sameFrom(a: string, i: number, b: string, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i++, j++) if (a[i] !== b[j]) return false;
  return true;
}

/**
 * Whether two strings are at most one typing mistake apart: one letter changed, added or
 * dropped, or two neighbours swapped (optimal string alignment distance ≤ 1). Linear time,
 * no allocation: it runs on every blocked pair.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return true;
  if (a.length === b.length) {
    if (sameFrom(a, i + 1, b, i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && sameFrom(a, i + 2, b, i + 2);
  }
  return a.length > b.length ? sameFrom(a, i + 1, b, i) : sameFrom(a, i, b, i + 1);
}

/** Similarity of two readings: same sounds 1; same consonants ≥ 0.9; else Jaro–Winkler. */
export function readingSimilarity(a: Reading, b: Reading): number {
  if (a.fine === b.fine) return 1;
  const fine = jaroWinkler(a.fine, b.fine);
  if (a.skeleton === b.skeleton && a.skeleton.length > 0) return 0.9 + 0.1 * fine;
  return 0.85 * Math.max(fine, jaroWinkler(a.skeleton, b.skeleton));
}

const wordCache = new Map<string, number>();

/**
 * Similarity of two normalized words (see `words` in text.ts), the best over their
 * readings; feminine and masculine surname forms score 0.95 of a full match, and two
 * forms of one given name (Ганна / Anna) at least 0.95.
 */
export function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const cacheKey = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
  const cached = wordCache.get(cacheKey);
  if (cached !== undefined) return cached;
  let best = 0;
  const ra = readWord(a).readings;
  const rb = readWord(b).readings;
  for (const x of ra) {
    for (const y of rb) {
      best = Math.max(best, readingSimilarity(x, y));
      if (best === 1) break;
      best = Math.max(best, 0.95 * readingSimilarity(genderless(x), genderless(y)));
    }
    if (best === 1) break;
  }
  if (best < 0.95) {
    const ga = givenNameGroups(a);
    if (ga.length > 0 && givenNameGroups(b).some((g) => ga.includes(g))) best = 0.95;
  }
  if (wordCache.size > 500_000) wordCache.clear();
  wordCache.set(cacheKey, best);
  return best;
}

/** The best one-to-one pairing of two short word lists: total similarity and the pairs. */
export function alignWords(
  left: readonly string[],
  right: readonly string[],
): { total: number; pairs: [number, number, number][] } {
  const scores = left.map((a) => right.map((b) => wordSimilarity(a, b)));
  let best = { total: -1, pairs: [] as [number, number, number][] };
  const used = new Array<boolean>(right.length).fill(false);
  const current: [number, number, number][] = [];
  // Names have few words: an exhaustive search is cheap and exact.
  const visit = (i: number, total: number) => {
    if (i === left.length) {
      if (total > best.total) best = { total, pairs: [...current] };
      return;
    }
    visit(i + 1, total); // word i left unpaired
    for (let j = 0; j < right.length; j++) {
      if (used[j]) continue;
      const score = (scores[i] as number[])[j] as number;
      if (score < 0.5) continue;
      used[j] = true;
      current.push([i, j, score]);
      visit(i + 1, total + score);
      current.pop();
      used[j] = false;
    }
  };
  visit(0, 0);
  return best;
}

/**
 * How well a written name `form` answers the query `query`, from 0 to 1: the share of the
 * query's words found in the form (in any order), less a little for each word of the form
 * the query does not mention, so that "Siarhei Tsikhanouski" ranks the person of that
 * name before "Siarhei Mikalaevich Tsikhanouski".
 */
export function nameSimilarity(query: string, form: string): number {
  return wordsSimilarity(splitWords(query), splitWords(form));
}

/** `nameSimilarity` on names already split into normalized words (see `words`). */
export function wordsSimilarity(
  queryWords: readonly string[],
  formWords: readonly string[],
): number {
  const q = queryWords.slice(0, 6);
  const f = formWords.slice(0, 6);
  if (q.length === 0 || f.length === 0) return 0;
  const { total, pairs } = alignWords(q, f);
  const unmatched = f.length - pairs.length;
  return Math.max(0, total / q.length - 0.02 * unmatched);
}
