/**
 * Invented surnames in Russian and Belarusian form, for the matching evaluation and the
 * benchmarks: a registry of a million people needs far more surnames than the hand-made
 * list of synthetic-names.ts. A root of one or two syllables takes a surname suffix; the
 * Belarusian form follows from the Russian one by the main rules of Belarusian spelling
 * (akanye, yakanye, і/ы, цеканне and дзеканне, ў, шч). The results look like surnames but
 * are made up; roots are drawn at random, so no list of real people is reproduced.
 */
import type { Rng } from "./synthetic-random.ts";

const ONSETS = [
  "б",
  "в",
  "г",
  "д",
  "ж",
  "з",
  "к",
  "л",
  "м",
  "н",
  "п",
  "р",
  "с",
  "т",
  "х",
  "ч",
  "ш",
  "бр",
  "гр",
  "др",
  "кр",
  "пр",
  "тр",
  "бл",
  "гл",
  "кл",
  "пл",
  "сл",
  "ст",
  "ск",
  "см",
  "зв",
];
const VOWELS = ["а", "о", "е", "и", "у"];
const CODAS = ["", "", "", "р", "л", "н", "м", "с", "т", "к"];

/** Suffixes: Russian, Belarusian masculine forms. */
const SUFFIXES: readonly (readonly [string, string])[] = [
  ["ов", "аў"],
  ["ев", "еў"],
  ["ович", "овіч"],
  ["евич", "евіч"],
  ["ский", "скі"],
  ["енко", "енка"],
  ["ук", "ук"],
  ["чик", "чык"],
  ["енок", "ёнак"],
  ["ец", "ец"],
  ["ин", "ін"],
  ["ко", "ка"],
];

const SOFTENING = new Set(["е", "ё", "и", "ю", "я", "ь"]);
const HARD = new Set(["ж", "ш", "ч", "р", "ц"]);

/** The Belarusian spelling of a Russian stem, by the main regular correspondences. */
export function belarusianStem(russian: string): string {
  const letters = [...russian];
  let out = "";
  const vowelCount = letters.filter((c) => "аоеиуыяёю".includes(c)).length;
  let vowelIndex = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters[i] as string;
    const next = letters[i + 1];
    const previous = out[out.length - 1];
    if (c === "т" && next !== undefined && SOFTENING.has(next)) out += "ц";
    else if (c === "д" && next !== undefined && SOFTENING.has(next)) out += "дз";
    else if (c === "щ") out += "шч";
    else if (c === "и") out += previous !== undefined && HARD.has(previous) ? "ы" : "і";
    else if (c === "о") {
      // Akanye: о stays only under stress (taken here to be the last vowel).
      out += vowelIndex === vowelCount - 1 ? "о" : "а";
    } else if (c === "е" && previous !== undefined && HARD.has(previous)) out += "э";
    else out += c;
    if ("аоеиуыяёю".includes(c)) vowelIndex++;
  }
  return out;
}

function syllable(rng: Rng): string {
  return rng.pick(ONSETS) + rng.pick(VOWELS) + rng.pick(CODAS);
}

/** A made-up surname: [Belarusian, Russian], masculine. */
export function inventSurname(rng: Rng): [string, string] {
  const root = rng.chance(0.9) ? syllable(rng) + syllable(rng) : syllable(rng);
  const [ru, be] = rng.pick(SUFFIXES);
  const russian = root + ru;
  const belarusian = belarusianStem(root) + be;
  const cap = (w: string) => (w[0] as string).toUpperCase() + w.slice(1);
  return [cap(belarusian), cap(russian)];
}

/** The feminine form of a Belarusian masculine surname. */
export function feminineBelarusian(surname: string): string {
  if (surname.endsWith("ў")) return `${surname.slice(0, -1)}ва`;
  if (surname.endsWith("скі") || surname.endsWith("цкі")) return `${surname.slice(0, -1)}ая`;
  if (surname.endsWith("ін") || surname.endsWith("ын")) return `${surname}а`;
  return surname;
}

/** The feminine form of a Russian masculine surname. */
export function feminineRussian(surname: string): string {
  if (surname.endsWith("ов") || surname.endsWith("ев") || surname.endsWith("ёв"))
    return `${surname}а`;
  if (surname.endsWith("ин") || surname.endsWith("ын")) return `${surname}а`;
  if (surname.endsWith("ский") || surname.endsWith("цкий")) return `${surname.slice(0, -2)}ая`;
  return surname;
}
