/**
 * The romanization systems people actually use for Belarusian and Russian names, as
 * tables for the engine in romanize.ts. Sources (docs/MATCHING.md has the full tables):
 *
 * - Belarusian national system, instruction of 2000 as amended 11 June 2007 (UN-adopted
 *   2007/2013); its 2023 replacement (č š ž ŭ h → ch sh zh w g);
 * - Łacinka, the Belarusian Latin alphabet (classical spelling: ł, and l + vowel for soft);
 * - BGN/PCGN 1979 (Belarusian) and 1947 (Russian);
 * - ICAO Doc 9303 part 3, transliteration of Cyrillic for passports (Belarusian and Russian);
 * - common English, French (ou, tch, ch, j, -ï), German (Duden: w, sch, tsch, z, -j) and
 *   Polish (w, sz, cz, ż, ł, ie) spellings of Russian names.
 */

export type Language = "be" | "ru";

export interface SystemSpec {
  language: Language;
  /** One Latin spelling per Cyrillic letter (lower case); е ё ю я and ь are context-dependent. */
  letters: Record<string, string>;
  /** е ё ю я at the start of a word and after a vowel or a separator. */
  iotated: Record<string, string>;
  /** е ё ю я after a consonant. */
  soft: Record<string, string>;
  /** е ё ю я і after л (Łacinka writes the softness on the l). */
  afterL?: Record<string, string>;
  /** Letters after which е ё ю я are iotated (besides vowels and the word start). */
  separators: string;
  /** ь after these consonants becomes their soft Latin letter (Łacinka ć ń ś ź, ĺ). */
  softConsonants?: Record<string, string>;
  /** ь elsewhere (a mark, or nothing). */
  softSign: string;
  /** Whole endings or clusters spelt as a unit, tried at each position (longest first). */
  clusters?: readonly (readonly [string, string])[];
  /** Endings of a word spelt as a unit (ий → y). */
  endings?: readonly (readonly [string, string])[];
  /** Hard л before a back vowel, a consonant or the end (Łacinka ł, Polish ł). */
  hardL?: string;
  /** с between vowels (French and German ss, so that it is not read as з). */
  sBetweenVowels?: string;
  /** и after ж ш ц is y (Polish). */
  yAfterHard?: boolean;
}

const BASE: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  д: "d",
  з: "z",
  і: "i",
  и: "i",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  ы: "y",
  э: "e",
  ъ: "",
  "'": "",
};

const YE = { е: "ye", ё: "yo", ю: "yu", я: "ya" };
const JE = { е: "je", ё: "jo", ю: "ju", я: "ja" };
const IE = { е: "ie", ё: "io", ю: "iu", я: "ia" };

/** Belarusian national system, 2007 (diacritics; ie/je after consonants/vowels). */
const NATIONAL_2007: SystemSpec = {
  language: "be",
  letters: { ...BASE, г: "h", ґ: "g", ж: "ž", й: "j", ў: "ŭ", х: "ch", ц: "c", ч: "č", ш: "š" },
  iotated: JE,
  soft: IE,
  separators: "йў'ь",
  softConsonants: { з: "ź", л: "ĺ", н: "ń", с: "ś", ц: "ć" },
  softSign: "",
  clusters: [
    ["дзь", "dź"],
    ["дз", "dz"],
    ["дж", "dž"],
  ],
};

/** Belarusian national system, 2023: no diacritics (ch sh zh w g; х as kh, ь as '). */
const NATIONAL_2023: SystemSpec = {
  ...NATIONAL_2007,
  letters: { ...BASE, г: "g", ґ: "g", ж: "zh", й: "j", ў: "w", х: "kh", ц: "c", ч: "ch", ш: "sh" },
  softConsonants: undefined,
  softSign: "'",
  clusters: [
    ["дз", "dz"],
    ["дж", "dzh"],
  ],
};

/** Classical Łacinka: ł for hard л, l + vowel for soft, ć ń ś ź for soft consonants. */
const LACINKA: SystemSpec = {
  ...NATIONAL_2007,
  afterL: { е: "e", ё: "o", ю: "u", я: "a", і: "i" },
  softConsonants: { з: "ź", л: "l", н: "ń", с: "ś", ц: "ć" },
  hardL: "ł",
};

/** BGN/PCGN 1979 for Belarusian: ye yo yu ya everywhere, w for ў. */
const BGN_BE: SystemSpec = {
  language: "be",
  letters: { ...BASE, г: "h", ґ: "g", ж: "zh", й: "y", ў: "w", х: "kh", ц: "ts", ч: "ch", ш: "sh" },
  iotated: YE,
  soft: YE,
  separators: "йў'ь",
  softSign: "ʹ",
  clusters: [
    ["дз", "dz"],
    ["дж", "dzh"],
  ],
};

/** ICAO Doc 9303 for Belarusian (passports): h for г, io iu ia, u for ў, i for й. */
const ICAO_BE: SystemSpec = {
  language: "be",
  letters: { ...BASE, г: "h", ґ: "g", ж: "zh", й: "i", ў: "u", х: "kh", ц: "ts", ч: "ch", ш: "sh" },
  iotated: { е: "e", ё: "io", ю: "iu", я: "ia" },
  soft: { е: "e", ё: "io", ю: "iu", я: "ia" },
  separators: "",
  softSign: "",
};

/** ICAO Doc 9303 for Russian (Russian passports since 2014). */
const ICAO_RU: SystemSpec = {
  language: "ru",
  letters: {
    ...BASE,
    г: "g",
    ж: "zh",
    й: "i",
    х: "kh",
    ц: "ts",
    ч: "ch",
    ш: "sh",
    щ: "shch",
    ъ: "ie",
  },
  iotated: { е: "e", ё: "e", ю: "iu", я: "ia" },
  soft: { е: "e", ё: "e", ю: "iu", я: "ia" },
  separators: "",
  softSign: "",
};

/** BGN/PCGN 1947 for Russian: ye/yë after vowels, й, ъ, ь and at the start. */
const BGN_RU: SystemSpec = {
  language: "ru",
  letters: {
    ...BASE,
    г: "g",
    ж: "zh",
    й: "y",
    х: "kh",
    ц: "ts",
    ч: "ch",
    ш: "sh",
    щ: "shch",
    ъ: "ʺ",
  },
  iotated: { е: "ye", ё: "yë", ю: "yu", я: "ya" },
  soft: { е: "e", ё: "ë", ю: "yu", я: "ya" },
  separators: "йъь",
  softSign: "ʹ",
};

/** The spelling of English-language media: -sky, -y for -ий, x for кс, yo for ё. */
const ENGLISH_RU: SystemSpec = {
  ...BGN_RU,
  letters: { ...BGN_RU.letters, ъ: "" },
  iotated: YE,
  soft: { е: "e", ё: "yo", ю: "yu", я: "ya" },
  softSign: "",
  clusters: [["кс", "x"]],
  endings: [
    ["ий", "y"],
    ["ый", "y"],
    ["ия", "ia"],
  ],
};

/** French usage: ou, tch, ch, j, gu before e/i, -ï, -i for -ий, ss between vowels. */
const FRENCH_RU: SystemSpec = {
  language: "ru",
  letters: {
    ...BASE,
    г: "g",
    ж: "j",
    й: "ï",
    у: "ou",
    х: "kh",
    ц: "ts",
    ч: "tch",
    ш: "ch",
    щ: "chtch",
  },
  iotated: { е: "ie", ё: "io", ю: "iou", я: "ia" },
  soft: { е: "e", ё: "io", ю: "iou", я: "ia" },
  separators: "йъь",
  softSign: "",
  sBetweenVowels: "ss",
  clusters: [
    ["ге", "gue"],
    ["ги", "gui"],
    ["ая", "aïa"],
  ],
  endings: [
    ["ий", "i"],
    ["ый", "y"],
    ["ия", "ia"],
  ],
};

/** German (Duden) usage: w, s, sch, tsch, z, ch, j; -i for -ий, -ja. */
const GERMAN_RU: SystemSpec = {
  language: "ru",
  letters: {
    ...BASE,
    в: "w",
    г: "g",
    ж: "sch",
    з: "s",
    й: "j",
    х: "ch",
    ц: "z",
    ч: "tsch",
    ш: "sch",
    щ: "schtsch",
  },
  iotated: JE,
  soft: { е: "e", ё: "jo", ю: "ju", я: "ja" },
  separators: "йъь",
  softSign: "",
  sBetweenVowels: "ss",
  endings: [
    ["ий", "i"],
    ["ый", "y"],
  ],
};

/** Polish usage: w, ż, sz, cz, szcz, ch, c, ł / l, ie after consonants. */
const POLISH_RU: SystemSpec = {
  language: "ru",
  letters: {
    ...BASE,
    в: "w",
    г: "g",
    ж: "ż",
    й: "j",
    х: "ch",
    ц: "c",
    ч: "cz",
    ш: "sz",
    щ: "szcz",
  },
  iotated: JE,
  soft: IE,
  afterL: { е: "e", ё: "o", ю: "u", я: "a", и: "i" },
  separators: "йъь",
  softConsonants: { з: "ź", л: "l", н: "ń", с: "ś", ц: "ć" },
  softSign: "",
  hardL: "ł",
  yAfterHard: true,
  endings: [
    ["ский", "ski"],
    ["цкий", "cki"],
    ["ий", "ij"],
  ],
};

export const SYSTEMS = {
  "by-national-2007": NATIONAL_2007,
  "by-national-2023": NATIONAL_2023,
  lacinka: LACINKA,
  "bgn-pcgn-be": BGN_BE,
  "icao-be": ICAO_BE,
  "bgn-pcgn-ru": BGN_RU,
  "icao-ru": ICAO_RU,
  "english-ru": ENGLISH_RU,
  "french-ru": FRENCH_RU,
  "german-ru": GERMAN_RU,
  "polish-ru": POLISH_RU,
} as const satisfies Record<string, SystemSpec>;

export type RomanizationSystem = keyof typeof SYSTEMS;

export const ROMANIZATION_SYSTEMS = Object.keys(SYSTEMS) as RomanizationSystem[];
