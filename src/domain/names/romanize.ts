/**
 * Cyrillic → Latin under a named system (romanization-systems.ts): how a name is spelt in
 * a passport, on a map, in the English, French, German or Polish press, or in Łacinka.
 *
 * ```ts
 * romanize("Сяргей Ціханоўскі", "icao-be")         // "Siarhei Tsikhanouski"
 * romanize("Сяргей Ціханоўскі", "lacinka")         // "Siarhiej Cichanoŭski"
 * romanize("Сергей Тихановский", "english-ru")     // "Sergey Tikhanovsky"
 * ```
 */
import { type RomanizationSystem, SYSTEMS, type SystemSpec } from "./romanization-systems.ts";

export type { RomanizationSystem } from "./romanization-systems.ts";
export { ROMANIZATION_SYSTEMS } from "./romanization-systems.ts";

const VOWELS = new Set("аеёіиоуыэюяє");
const IOTATED_VOWELS = new Set("еёюя");
/** Consonants that are always hard: е ё ю я after them lose the i of ie io iu ia. */
const HARD = { be: new Set("жшчр"), ru: new Set("жшцчщ") };
const SOFT_AFTER_L = new Set("еёюяіиь");

function capitalize(piece: string): string {
  return piece.length === 0 ? piece : (piece[0] as string).toUpperCase() + piece.slice(1);
}

function vowel(spec: SystemSpec, letter: string, previous: string | undefined): string {
  if (spec.afterL && previous === "л" && spec.afterL[letter] !== undefined) {
    return spec.afterL[letter];
  }
  if (!IOTATED_VOWELS.has(letter)) return spec.letters[letter] ?? letter;
  const key = letter as "е" | "ё" | "ю" | "я";
  if (previous === undefined || VOWELS.has(previous) || spec.separators.includes(previous)) {
    return spec.iotated[key] ?? letter;
  }
  const soft = spec.soft[key] ?? letter;
  if (HARD[spec.language].has(previous) && soft.startsWith("i") && soft.length > 1) {
    return soft.slice(1);
  }
  return soft;
}

function romanizeWord(word: string, spec: SystemSpec): string {
  const lower = word.toLowerCase();
  // A word in capitals (as in a passport's machine-readable zone) stays in capitals.
  if (word.length > 1 && word === word.toUpperCase() && word !== lower) {
    return romanizeWord(lower, spec).toUpperCase();
  }
  let out = "";
  let i = 0;
  while (i < lower.length) {
    const upper = word[i] !== lower[i];
    let piece: string | null = null;
    let length = 1;
    for (const [ending, spelling] of spec.endings ?? []) {
      if (i === lower.length - ending.length && lower.endsWith(ending)) {
        piece = spelling;
        length = ending.length;
        break;
      }
    }
    if (piece === null) {
      for (const [cluster, spelling] of spec.clusters ?? []) {
        if (lower.startsWith(cluster, i)) {
          piece = spelling;
          length = cluster.length;
          break;
        }
      }
    }
    if (piece === null) {
      const letter = lower[i] as string;
      const previous = i > 0 ? lower[i - 1] : undefined;
      const next = lower[i + 1];
      if (VOWELS.has(letter)) {
        piece = vowel(spec, letter, previous);
        if (
          letter === "и" &&
          spec.yAfterHard &&
          previous !== undefined &&
          "жшц".includes(previous)
        ) {
          piece = "y";
        }
      } else if (letter === "ь") {
        piece = spec.softSign;
      } else if (next === "ь" && spec.softConsonants?.[letter] !== undefined) {
        // Łacinka and the national system write the softness on the consonant: ць → ć.
        piece = spec.softConsonants[letter] as string;
        length = 2;
      } else if (
        letter === "л" &&
        spec.hardL &&
        (next === undefined || !SOFT_AFTER_L.has(next)) &&
        // лл before a soft vowel is soft twice (Наталля → Natalla).
        !(next === "л" && SOFT_AFTER_L.has(lower[i + 2] ?? ""))
      ) {
        piece = spec.hardL;
      } else if (
        letter === "с" &&
        spec.sBetweenVowels !== undefined &&
        previous !== undefined &&
        VOWELS.has(previous) &&
        next !== undefined &&
        VOWELS.has(next)
      ) {
        piece = spec.sBetweenVowels;
      } else {
        piece = spec.letters[letter] ?? letter;
      }
    }
    out += upper ? capitalize(piece) : piece;
    i += length;
  }
  return out;
}

/** Romanizes Cyrillic text word by word; anything that is not a Cyrillic letter is kept. */
export function romanize(text: string, system: RomanizationSystem): string {
  const spec = SYSTEMS[system];
  return text.replace(/[\p{Script=Cyrillic}'ʼ’]+/gu, (word) =>
    romanizeWord(word.replace(/[ʼ’]/g, "'"), spec),
  );
}

/** The language a system romanizes from: Belarusian or Russian Cyrillic. */
export function systemLanguage(system: RomanizationSystem): "be" | "ru" {
  return SYSTEMS[system].language;
}
