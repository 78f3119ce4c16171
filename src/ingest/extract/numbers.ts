/**
 * Numbers in digits ("52", "1 265" with any space, "1,265", "35 000", "65 тысяч") and in
 * words ("cinquante-deux", "fifty-two", "двадцать пять", "пятидесяти двух"), each with the
 * qualifier written just before it ("plus de", "about", "около", …).
 */
import type { CountQualifier } from "../../domain/model.ts";
import { findAll, normalize, words } from "./text.ts";
import type { Language } from "./types.ts";

export interface NumberMention {
  /** The number with its qualifier, if any. */
  start: number;
  end: number;
  text: string;
  value: number;
  /** Where the number itself starts (after the qualifier). */
  numberStart: number;
  qualifier: CountQualifier;
  /** True when written in words. */
  inWords: boolean;
}

type Word = { value: number; scale?: "hundred" | "thousand" | "million" };

function lexicon(entries: Record<string, number | Word>): Map<string, Word> {
  const map = new Map<string, Word>();
  for (const [key, value] of Object.entries(entries)) {
    for (const form of key.split("|")) map.set(form, typeof value === "number" ? { value } : value);
  }
  return map;
}

const HUNDRED: Word = { value: 100, scale: "hundred" };
const THOUSAND: Word = { value: 1000, scale: "thousand" };
const MILLION: Word = { value: 1_000_000, scale: "million" };

const WORDS: Record<Language, Map<string, Word>> = {
  fr: lexicon({
    "un|une": 1,
    deux: 2,
    trois: 3,
    quatre: 4,
    cinq: 5,
    six: 6,
    sept: 7,
    huit: 8,
    neuf: 9,
    dix: 10,
    onze: 11,
    douze: 12,
    treize: 13,
    quatorze: 14,
    quinze: 15,
    seize: 16,
    vingt: 20,
    trente: 30,
    quarante: 40,
    cinquante: 50,
    soixante: 60,
    septante: 70,
    "quatre-vingt|quatre-vingts|huitante|octante": 80,
    nonante: 90,
    "cent|cents": HUNDRED,
    mille: THOUSAND,
    "million|millions": MILLION,
  }),
  en: lexicon({
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
    eleven: 11,
    twelve: 12,
    thirteen: 13,
    fourteen: 14,
    fifteen: 15,
    sixteen: 16,
    seventeen: 17,
    eighteen: 18,
    nineteen: 19,
    twenty: 20,
    thirty: 30,
    forty: 40,
    fifty: 50,
    sixty: 60,
    seventy: 70,
    eighty: 80,
    ninety: 90,
    hundred: HUNDRED,
    thousand: THOUSAND,
    "million|millions": MILLION,
  }),
  ru: lexicon({
    "один|одна|одно|одного|одной|одному|одним": 1,
    "два|две|двух|двум|двумя": 2,
    "три|трех|трем|тремя": 3,
    "четыре|четырех|четырем|четырьмя": 4,
    "пять|пяти|пятью": 5,
    "шесть|шести|шестью": 6,
    "семь|семи|семью": 7,
    "восемь|восьми|восемью": 8,
    "девять|девяти|девятью": 9,
    "десять|десяти|десятью": 10,
    "одиннадцать|одиннадцати": 11,
    "двенадцать|двенадцати": 12,
    "тринадцать|тринадцати": 13,
    "четырнадцать|четырнадцати": 14,
    "пятнадцать|пятнадцати": 15,
    "шестнадцать|шестнадцати": 16,
    "семнадцать|семнадцати": 17,
    "восемнадцать|восемнадцати": 18,
    "девятнадцать|девятнадцати": 19,
    "двадцать|двадцати|двадцатью": 20,
    "тридцать|тридцати|тридцатью": 30,
    "сорок|сорока": 40,
    "пятьдесят|пятидесяти|пятьюдесятью": 50,
    "шестьдесят|шестидесяти": 60,
    "семьдесят|семидесяти": 70,
    "восемьдесят|восьмидесяти": 80,
    "девяносто|девяноста": 90,
    "сто|ста": 100,
    "двести|двухсот": 200,
    "триста|трехсот": 300,
    "четыреста|четырехсот": 400,
    "пятьсот|пятисот": 500,
    "шестьсот|шестисот": 600,
    "семьсот|семисот": 700,
    "восемьсот|восьмисот": 800,
    "девятьсот|девятисот": 900,
    "тысяча|тысячи|тысяч|тысячу|тысячей|тыс\\.": THOUSAND,
    "миллион|миллиона|миллионов|млн": MILLION,
  }),
};

const QUALIFIERS: Record<Language, [CountQualifier, string][]> = {
  fr: [
    ["more_than", "un peu plus de|bien plus de|plus de|pas moins de|au moins|plus d'"],
    ["fewer_than", "un peu moins de|moins de|moins d'"],
    ["approx", "environ|près de|quelque|approximativement|autour de|aux alentours de|quasiment"],
  ],
  en: [
    ["more_than", "more than|over|upwards of|at least|in excess of|no fewer than|no less than"],
    ["fewer_than", "fewer than|less than|under|no more than"],
    ["approx", "about|around|approximately|roughly|some|nearly|almost|close to|an estimated"],
  ],
  ru: [
    ["more_than", "более чем|более|свыше|больше|не менее|по меньшей мере|как минимум"],
    ["fewer_than", "менее|меньше|не более|не больше"],
    ["approx", "около|примерно|порядка|приблизительно|почти что|почти"],
  ],
};

const QUALIFIER_RE: Record<Language, RegExp> = Object.fromEntries(
  Object.entries(QUALIFIERS).map(([language, list]) => [
    language,
    new RegExp(`(?:^|[^\\p{L}])(${list.map(([, alt]) => alt).join("|")})\\s*$`, "iu"),
  ]),
) as Record<Language, RegExp>;

function qualifierOf(language: Language, phrase: string): CountQualifier {
  const lower = phrase.toLowerCase().replace(/\s+/g, " ");
  for (const [qualifier, alternatives] of QUALIFIERS[language]) {
    if (alternatives.split("|").includes(lower)) return qualifier;
  }
  return "exact";
}

const DIGITS =
  /(?<![\p{L}\p{N}.,])(\d{1,3}(?:(?: |,)\d{3})+|\d+)(?!\p{N}|[.,]\d)(?:\s*(mille|thousand|тысяч[аи]?|тыс\.|millions?|миллион(?:а|ов)?|млн))?/giu;

function wordPattern(language: Language): RegExp {
  const forms = [...WORDS[language].keys()].sort((a, b) => b.length - a.length);
  const one = forms.map((f) => f.replace(/\./g, "\\.").replace(/-/g, "[- ]")).join("|");
  const joiner = language === "ru" ? "\\s+" : `(?:[\\s-]+(?:(?:et|and)[\\s-]+)?)`;
  return words(`(?:${one})(?:${joiner}(?:${one}))*`);
}
const WORD_PATTERNS: Record<Language, RegExp> = {
  fr: wordPattern("fr"),
  en: wordPattern("en"),
  ru: wordPattern("ru"),
};

/** The value of a run of number words: additive, with hundred/thousand/million scales. */
export function parseNumberWords(phrase: string, language: Language): number | null {
  const lexicon = WORDS[language];
  const tokens = phrase
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/quatre[- ]vingts?/g, "quatre-vingt")
    .split(/[\s]+|-(?!vingt)/)
    .filter((t) => t !== "" && t !== "et" && t !== "and");
  let total = 0;
  let current = 0;
  for (const token of tokens) {
    const word = lexicon.get(token);
    if (!word) return null;
    if (word.scale === "hundred") current = (current || 1) * 100;
    else if (word.scale === "thousand") {
      total += (current || 1) * 1000;
      current = 0;
    } else if (word.scale === "million") {
      total += (current || 1) * 1_000_000;
      current = 0;
    } else current += word.value;
  }
  return total + current;
}

const SCALE: Record<string, number> = { thousand: 1000, mille: 1000, million: 1_000_000 };
function scaleOf(word: string | undefined): number {
  if (!word) return 1;
  const lower = word.toLowerCase();
  if (lower.startsWith("тыс")) return 1000;
  if (lower.startsWith("мил") || lower === "млн") return 1_000_000;
  return SCALE[lower.replace(/s$/, "")] ?? 1;
}

/** Every number in `text` (offsets relative to `text`), in order. */
export function findNumbers(text: string, language: Language): NumberMention[] {
  const norm = normalize(text);
  const found: { start: number; end: number; value: number; inWords: boolean }[] = [];
  for (const m of findAll(DIGITS, norm)) {
    const digits = (m.groups[0] ?? "").replace(/[ ,]/g, "");
    found.push({
      start: m.start,
      end: m.end,
      value: Number(digits) * scaleOf(m.groups[1]),
      inWords: false,
    });
  }
  for (const m of findAll(WORD_PATTERNS[language], norm)) {
    if (found.some((digits) => digits.start < m.end && m.start < digits.end)) continue;
    const value = parseNumberWords(m.text, language);
    const single = !/\s|-/.test(m.text.trim());
    // A lone "un", "one", "один" is an article or a pronoun far more often than a count, and
    // a lone "тысячи" means "thousands".
    if (value === null || (single && (value === 1 || /^тысяч[иь]?$/i.test(m.text)))) continue;
    // "1,5 million": the scale of a decimal figure, not a number of its own.
    if (single && value >= 1000 && /\d[\s.,]*$/.test(norm.slice(0, m.start))) continue;
    found.push({ start: m.start, end: m.end, value, inWords: true });
  }
  found.sort((a, b) => a.start - b.start);
  return found.map((n) => {
    const before = norm.slice(Math.max(0, n.start - 40), n.start);
    const q = QUALIFIER_RE[language].exec(before);
    let start = n.start;
    let qualifier: CountQualifier = "exact";
    if (q?.[1]) {
      qualifier = qualifierOf(language, q[1]);
      start = n.start - (before.length - before.lastIndexOf(q[1]));
    }
    return {
      start,
      end: n.end,
      text: text.slice(start, n.end),
      value: n.value,
      numberStart: n.start,
      qualifier,
      inWords: n.inWords,
    };
  });
}
