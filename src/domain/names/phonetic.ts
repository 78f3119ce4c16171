/**
 * A word in any script and any romanization, read back into one small phonetic alphabet
 * in which the Belarusian and Russian forms of a name and their Latin spellings coincide.
 *
 * The alphabet merges what the scripts and standards disagree on:
 *
 * | phoneme | from Cyrillic | from Latin spellings |
 * |---|---|---|
 * | `h` | г ґ х | g, h, kh, gh; ch (Łacinka, Polish, German, national 2007) |
 * | `t` | т ц | t, ts, tz, c (Łacinka, Polish, national), z (German), ć |
 * | `d` | д, дз | d, dz, dź |
 * | `s` | с з | s, z, ss, ś, ź |
 * | `x` | ш ж | sh, zh, š, ž, ż, sz, rz, sch (German), ch and j (French) |
 * | `c` | ч | ch (English), č, cz, tch, tsch |
 * | `v` | в ў | v, w, ŭ, u after a vowel (passport ў), ff at the end (-off) |
 * | `a` | а о е э і и ы я ё | a o e i y (as vowels) and their accented forms |
 * | `u` | у ю | u, ou (French), ó (Polish) |
 *
 * Then `v` before a consonant or at the end is dropped (Belarusian ў where Russian has в:
 * Ціханоўскі / Тихановский), й and the iotation of е ё ю я (ye, ie, je, ja, ia, …) are
 * dropped, and doubled letters are written once (Генадзь / Геннадий).
 * Вowel quality is kept only as a slot: akanye (о → а), yakanye (е → я) and і/и/ы make the
 * vowels the least reliable part of a cross-script spelling.
 *
 * A Latin word is read under each family of conventions that could have produced it
 * (English/ICAO/BGN, Belarusian national 2023, Łacinka/Polish/national 2007, German,
 * French), so a word can have several readings; a Cyrillic word has one.
 */
import { FAMILIES, type Family, LATIN_COMMON, type LatinFamily } from "./latin-families.ts";
import { type Script, scriptOf } from "./text.ts";

export type { LatinFamily } from "./latin-families.ts";

/** One reading of a word: `fine` keeps vowel slots, `skeleton` only the consonants. */
export interface Reading {
  fine: string;
  skeleton: string;
}

const CYRILLIC: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "h",
  ґ: "h",
  д: "d",
  е: "a",
  ё: "a",
  є: "a",
  ж: "x",
  з: "s",
  і: "a",
  ї: "a",
  и: "a",
  й: "j",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "a",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ў: "v",
  ф: "f",
  х: "h",
  ц: "t",
  ч: "c",
  ш: "x",
  щ: "xc",
  ъ: "",
  ы: "a",
  ь: "",
  э: "a",
  ю: "u",
  я: "a",
};

function readCyrillic(word: string): string {
  let out = "";
  for (let i = 0; i < word.length; i++) {
    const char = word[i] as string;
    const next = word[i + 1];
    // дз and дж are one sound each: дз alternates with д (Belarusian dzekanne).
    if (char === "д" && next === "з") {
      out += "d";
      i++;
      continue;
    }
    if (char === "д" && next === "ж") {
      out += "dx";
      i++;
      continue;
    }
    out += CYRILLIC[char] ?? "";
  }
  return out;
}

const VOWEL_A = new Set("aeoyiéèêëėěàâäåãáōòôöõíìîïıýÿ".split(""));
const VOWEL_U = new Set("uüùûū".split(""));
const GLIDE_LETTERS = new Set(["i", "y", "j", "ï", "í", "ì", "î", "ý"]);

/** Raw units of a Latin word: a consonant phoneme string, or a vowel letter to resolve. */
type Unit = { kind: "consonant"; value: string } | { kind: "vowel"; letter: string };

function tokenizeLatin(word: string, family: Family): Unit[] {
  const units: Unit[] = [];
  let i = 0;
  while (i < word.length) {
    const rest = word.slice(i);
    // French "ou" and Polish "ó" are one vowel u.
    if (family.name === "french" && rest.startsWith("ou")) {
      units.push({ kind: "vowel", letter: "u" });
      i += 2;
      continue;
    }
    // French "c" before e, i, y sounds s.
    if (family.name === "french" && rest[0] === "c" && /^c[eiyéèê]/.test(rest)) {
      units.push({ kind: "consonant", value: "s" });
      i += 1;
      continue;
    }
    // "ff" at the end of a word is the old -ов/-ев spelling (-off, -eff).
    if (rest === "ff") {
      units.push({ kind: "consonant", value: "v" });
      break;
    }
    const char = rest[0] as string;
    if (VOWEL_A.has(char) || VOWEL_U.has(char) || char === "ó") {
      units.push({ kind: "vowel", letter: char });
      i += 1;
      continue;
    }
    let matched = false;
    for (const table of [family.table, LATIN_COMMON]) {
      for (const [pattern, value] of table) {
        if (rest.startsWith(pattern)) {
          units.push({ kind: "consonant", value });
          i += pattern.length;
          matched = true;
          break;
        }
      }
      if (matched) break;
    }
    if (!matched) i += 1; // a letter of no known spelling: ignored
  }
  return units;
}

function isVowelUnit(unit: Unit | undefined): boolean {
  return unit?.kind === "vowel";
}

/** Resolves each vowel letter: i/y/j next to a vowel is a glide, u after a vowel may be ў. */
function resolveLatin(units: Unit[], family: Family): string {
  let out = "";
  for (let k = 0; k < units.length; k++) {
    const unit = units[k] as Unit;
    if (unit.kind === "consonant") {
      out += unit.value;
      continue;
    }
    const previous = units[k - 1];
    const next = units[k + 1];
    const letter = unit.letter;
    if (GLIDE_LETTERS.has(letter) && letter !== "í") {
      const nextIsGlideLetter =
        next?.kind === "vowel" && GLIDE_LETTERS.has(next.letter) && next.letter !== "j";
      // "ii", "iy", "yi": the first is the vowel, the second the й (ICAO -ii, BGN -iy).
      if (nextIsGlideLetter) out += "a";
      else if (isVowelUnit(next) || isVowelUnit(previous)) out += "j";
      else out += "a";
      continue;
    }
    if (VOWEL_U.has(letter) || letter === "ó") {
      const afterVowel =
        isVowelUnit(previous) && !GLIDE_LETTERS.has((previous as { letter: string }).letter);
      const beforeConsonantOrEnd = next === undefined || next.kind === "consonant";
      out += family.uAfterVowelIsV && afterVowel && beforeConsonantOrEnd ? "v" : "u";
      continue;
    }
    out += "a";
  }
  return out;
}

const CONSONANT = /[bpvfhdtsxcklmnr]/;

/** From raw phonemes to a reading: the ў/в rule, glides dropped, doubles merged. */
function finish(raw: string): Reading {
  let dropped = "";
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i] as string;
    if (char === "v") {
      // Skip glides to find what follows the v.
      let j = i + 1;
      while (raw[j] === "j") j++;
      const next = raw[j];
      if (next === undefined || (CONSONANT.test(next) && next !== "v")) continue;
    }
    if (char !== "j") dropped += char;
  }
  const fine = collapse(dropped);
  return { fine, skeleton: collapse(fine.replace(/[au]/g, "")) };
}

function collapse(text: string): string {
  let out = "";
  for (const char of text) if (out[out.length - 1] !== char) out += char;
  return out;
}

/**
 * The word, and the word without a Belarusian prothetic or epenthetic в: Вольга / Ольга
 * (before о, у at the start), Навумчык / Наумчик, Радзівонаў / Родионов (between a vowel
 * and о, у).
 */
function cyrillicVariants(word: string): string[] {
  const variants = [word];
  const epenthetic = word.replace(/([аоуыіиэе])в([оу])/g, "$1$2");
  if (epenthetic !== word) variants.push(epenthetic);
  if (/^в[оу]/.test(word)) variants.push(word.slice(1));
  return variants;
}

function latinFamilies(word: string): Family[] {
  const possible = FAMILIES.filter((f) => !f.never.some((s) => word.includes(s)));
  return possible.length > 0 ? possible : [...FAMILIES];
}

/** A word read in each way it could have been written; the first is the likeliest. */
export interface WordReadings {
  word: string;
  script: Script;
  readings: Reading[];
  /** The Latin families that gave each reading (empty for Cyrillic). */
  families: LatinFamily[][];
}

const cache = new Map<string, WordReadings>();
const CACHE_LIMIT = 200_000;

/** The readings of one normalized word (see `words` in text.ts); memoized. */
export function readWord(word: string): WordReadings {
  const cached = cache.get(word);
  if (cached) return cached;
  const script = scriptOf(word);
  const result: WordReadings = { word, script, readings: [], families: [] };
  if (script === "cyrillic") {
    for (const variant of cyrillicVariants(word)) {
      const reading = finish(readCyrillic(variant));
      if (!result.readings.some((r) => r.fine === reading.fine)) {
        result.readings.push(reading);
        result.families.push([]);
      }
    }
  } else {
    for (const family of latinFamilies(word)) {
      const reading = finish(resolveLatin(tokenizeLatin(word, family), family));
      const index = result.readings.findIndex((r) => r.fine === reading.fine);
      if (index >= 0) result.families[index]?.push(family.name);
      else {
        result.readings.push(reading);
        result.families.push([family.name]);
      }
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, result);
  return result;
}

/**
 * The surname without a feminine -а after в (Кавалёва → Кавалёў, Kovaleva → Kovalev);
 * -ая/-ая against -і/-ий and -іна against -ін already agree once vowels are slots.
 */
export function genderless(reading: Reading): Reading {
  if (!reading.fine.endsWith("va") || reading.skeleton.length < 3) return reading;
  const fine = reading.fine.slice(0, -2);
  return { fine, skeleton: collapse(fine.replace(/[au]/g, "")) };
}
