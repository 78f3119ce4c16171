/**
 * Normalization of name text before any comparison: Unicode form, case, apostrophes,
 * Latin look-alikes inside Cyrillic words (and the reverse), and splitting into words.
 */

export type Script = "cyrillic" | "latin";

/** Every character used as an apostrophe or a soft/hard-sign mark in romanized names. */
const APOSTROPHES = /['’‘ʼʹʺ′″`´"ˮ]/g;

/** Latin letters that look like Cyrillic ones, and back: typed on the wrong keyboard. */
const LATIN_TO_CYRILLIC: Record<string, string> = {
  a: "а",
  c: "с",
  e: "е",
  i: "і",
  o: "о",
  p: "р",
  x: "х",
  y: "у",
  k: "к",
  m: "м",
  h: "н",
  t: "т",
  b: "в",
};
const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: "a",
  с: "c",
  е: "e",
  і: "i",
  о: "o",
  р: "p",
  х: "x",
  у: "y",
  к: "k",
  м: "m",
  т: "t",
};

const CYRILLIC_LETTER = /[\u0400-\u04ff]/u;
const LATIN_LETTER = /[a-z\u00c0-\u024f]/u;

export function scriptOf(word: string): Script {
  let cyrillic = 0;
  let latin = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i) | 0x20; // lower case for ASCII letters
    if (code >= 0x400 && code <= 0x4ff) cyrillic++;
    else if ((code >= 0x61 && code <= 0x7a) || (code >= 0xc0 && code <= 0x24f)) latin++;
  }
  return cyrillic > latin ? "cyrillic" : "latin";
}

/** A word in one script: look-alike letters of the other script are replaced. */
function oneScript(word: string): string {
  const script = scriptOf(word);
  const table = script === "cyrillic" ? LATIN_TO_CYRILLIC : CYRILLIC_TO_LATIN;
  const foreign = script === "cyrillic" ? LATIN_LETTER : CYRILLIC_LETTER;
  if (![...word].some((c) => foreign.test(c))) return word;
  return [...word].map((c) => (foreign.test(c) ? (table[c] ?? c) : c)).join("");
}

/**
 * Lower case, NFC, apostrophes removed (Belarusian ʼ and ', the romanizations' ʹ and ʺ),
 * look-alike letters unified; words split on spaces, hyphens, dots and commas.
 *
 * `words("Ціханоўская-Пятроўская, Святлана")` → `["ціханоўская", "пятроўская", "святлана"]`
 */
export function words(text: string): string[] {
  const clean = text.normalize("NFC").toLowerCase().replace(APOSTROPHES, "");
  return clean
    .split(/[\s\-‐‑–—.,;:()/]+/u)
    .map((w) => w.replace(/[^\p{L}]/gu, ""))
    .filter((w) => w.length > 0)
    .map(oneScript);
}

/** The text without diacritics, for display-independent comparison of Latin spellings. */
export function stripDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/ł/g, "l")
    .replace(/Ł/g, "L")
    .normalize("NFC");
}
