/**
 * How each family of Latin spellings writes the sounds of Belarusian and Russian names,
 * as phonemes of phonetic.ts: sequences longest first, and what a family never writes
 * (a word containing it was not written that way, so it is not read that way).
 */

type Table = readonly (readonly [string, string])[];

/** Latin sequences shared by every family, longest first where they overlap. */
export const LATIN_COMMON: Table = [
  ["šč", "xc"],
  ["ŝ", "xc"],
  ["dž", "dx"],
  ["dż", "dx"],
  ["dź", "d"],
  ["dz", "d"],
  ["ph", "f"],
  ["gh", "h"],
  ["ck", "k"],
  ["b", "b"],
  ["p", "p"],
  ["v", "v"],
  ["w", "v"],
  ["ŭ", "v"],
  ["ǔ", "v"],
  ["ú", "v"],
  ["f", "f"],
  ["d", "d"],
  ["t", "t"],
  ["ć", "t"],
  ["k", "k"],
  ["q", "k"],
  ["l", "l"],
  ["ł", "l"],
  ["ĺ", "l"],
  ["ľ", "l"],
  ["m", "m"],
  ["n", "n"],
  ["ń", "n"],
  ["ň", "n"],
  ["r", "r"],
  ["s", "s"],
  ["ś", "s"],
  ["z", "s"],
  ["ź", "s"],
  ["ž", "x"],
  ["ż", "x"],
  ["š", "x"],
  ["č", "c"],
  ["h", "h"],
  ["g", "h"],
  ["x", "ks"],
  ["j", "j"],
];

export interface Family {
  name: LatinFamily;
  table: Table;
  /** Substrings this family never writes: a word containing one is not read this way. */
  never: readonly string[];
  /** Whether `u` after a vowel stands for ў (passport "Kavaliou"); not in French. */
  uAfterVowelIsV: boolean;
}

export type LatinFamily = "english" | "national2023" | "slavic" | "german" | "french";

export const FAMILIES: readonly Family[] = [
  {
    // English usage, BGN/PCGN, ICAO 9303 and Belarusian passports.
    name: "english",
    table: [
      ["shch", "xc"],
      ["dzh", "dx"],
      ["tch", "c"],
      ["zh", "x"],
      ["sh", "x"],
      ["kh", "h"],
      ["ch", "c"],
      ["ts", "t"],
      ["tz", "t"],
      ["c", "k"],
    ],
    never: ["j", "sz", "cz", "sch", "č", "š", "ž", "ł", "ŭ", "ć", "ś", "ź", "ń", "ż"],
    uAfterVowelIsV: true,
  },
  {
    // Belarusian national system of 2023: c for ц, ch for ч, kh for х, w for ў.
    name: "national2023",
    table: [
      ["shch", "xc"],
      ["dzh", "dx"],
      ["zh", "x"],
      ["sh", "x"],
      ["kh", "h"],
      ["ch", "c"],
      ["ts", "t"],
      ["c", "t"],
    ],
    never: [
      "ts",
      "ya",
      "yu",
      "yo",
      "ye",
      "sz",
      "cz",
      "sch",
      "č",
      "š",
      "ž",
      "ł",
      "ŭ",
      "ć",
      "ś",
      "ź",
      "ń",
      "ż",
    ],
    uAfterVowelIsV: true,
  },
  {
    // Łacinka, the national system of 2007, Polish, ISO 9 and scholarly spellings.
    name: "slavic",
    table: [
      ["szcz", "xc"],
      ["sz", "x"],
      ["cz", "c"],
      ["rz", "x"],
      ["ch", "h"],
      ["c", "t"],
    ],
    never: ["kh", "sh", "zh", "ts", "tch", "ya", "yu", "yo", "ye"],
    uAfterVowelIsV: true,
  },
  {
    // German (Duden) transcription: z for ц, sch for ш and ж, tsch for ч.
    name: "german",
    table: [
      ["schtsch", "xc"],
      ["dsch", "dx"],
      ["tsch", "c"],
      ["sch", "x"],
      ["ch", "h"],
      ["tz", "t"],
      ["z", "t"],
      ["c", "k"],
    ],
    never: ["kh", "sh", "zh", "ts", "ia", "iu", "ya", "yu", "cz", "sz", "č", "š", "ž", "ł", "ŭ"],
    uAfterVowelIsV: true,
  },
  {
    // French transcription: ch for ш, j for ж, tch for ч, ou for у, gu before e/i.
    name: "french",
    table: [
      ["chtch", "xc"],
      ["tch", "c"],
      ["dj", "dx"],
      ["ch", "x"],
      ["kh", "h"],
      ["j", "x"],
      ["ts", "t"],
      ["tz", "t"],
      ["ss", "s"],
      ["gu", "h"],
      ["ç", "s"],
      ["qu", "k"],
    ],
    never: ["w", "ya", "yu", "yo", "sz", "cz", "sch", "č", "š", "ž", "ł", "ŭ", "ś", "ź", "ń", "ż"],
    uAfterVowelIsV: false,
  },
];
