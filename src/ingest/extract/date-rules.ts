/**
 * The date patterns of each language and what each match means (before resolution against
 * the article's date, in dates.ts). One rule per shape of expression.
 */
import { words } from "./text.ts";
import type { Language } from "./types.ts";

export type Relation = "at" | "since" | "until";
export type Edge = "start" | "middle" | "end";

export interface DateParts {
  type: "day" | "month" | "year" | "relative";
  year?: number;
  month?: number;
  day?: number;
  edge?: Edge;
  /** Relative dates: a count of days back, or a unit and how many of them back. */
  unit?: "day" | "week" | "month" | "year";
  offsetDays?: number;
  back?: number;
  /** Relative weekday (ISO 1–7); "last Tuesday" is strictly before the article's day. */
  weekday?: number;
  strictlyBefore?: boolean;
  relation?: Relation;
}

type Groups = Record<string, string | undefined>;

export interface DateRule {
  re: RegExp;
  parse(groups: Groups, written: string): DateParts | null;
}

function table(entries: string[]): Map<string, number> {
  const map = new Map<string, number>();
  entries.forEach((forms, index) => {
    for (const form of forms.split("|")) map.set(form, index + 1);
  });
  return map;
}
const alternation = (map: Map<string, number>) =>
  [...map.keys()]
    .sort((a, b) => b.length - a.length)
    .map((k) => k.replace(/\./g, "\\."))
    .join("|");

const MONTHS = {
  fr: table([
    "janvier|janv.",
    "février|fevrier|févr.",
    "mars",
    "avril|avr.",
    "mai",
    "juin",
    "juillet|juil.",
    "août|aout",
    "septembre|sept.",
    "octobre|oct.",
    "novembre|nov.",
    "décembre|decembre|déc.",
  ]),
  en: table([
    "January|Jan.|Jan",
    "February|Feb.|Feb",
    "March|Mar.",
    "April|Apr.|Apr",
    "May",
    "June|Jun.",
    "July|Jul.",
    "August|Aug.|Aug",
    "September|Sept.|Sept|Sep.",
    "October|Oct.|Oct",
    "November|Nov.|Nov",
    "December|Dec.|Dec",
  ]),
  ruGenitive: table([
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
  ]),
  ruPrepositional: table([
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
  ]),
};
const WEEKDAYS = {
  fr: table(["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]),
  en: table(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]),
  ru: table(["понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье"]),
};

const EDGES: Record<string, Edge> = {};
for (const w of ["fin", "end", "late", "close", "конце", "конец", "концу"]) EDGES[w] = "end";
for (const w of ["début", "debut", "beginning", "start", "early", "начале", "начало", "началу"])
  EDGES[w] = "start";
for (const w of ["mi", "milieu", "middle", "mid", "середине", "середину"]) EDGES[w] = "middle";

const RELATIONS: Record<string, Relation> = {};
for (const w of ["depuis", "dès", "à partir de", "a partir de", "après", "since", "from"])
  RELATIONS[w] = "since";
for (const w of ["after", "с", "со", "начиная с", "после"]) RELATIONS[w] = "since";
for (const w of ["jusqu'en", "jusqu'au", "avant", "until", "before", "by", "до", "к"])
  RELATIONS[w] = "until";

function lookup(map: Map<string, number>, key: string | undefined): number | undefined {
  if (key === undefined) return undefined;
  return map.get(key) ?? map.get(key.toLowerCase());
}
function edgeOf(word: string | undefined): Edge | undefined {
  return word === undefined ? undefined : EDGES[word.toLowerCase()];
}
function relationOf(word: string | undefined): Relation | undefined {
  return word === undefined ? undefined : RELATIONS[word.toLowerCase().replace(/\s+/g, " ")];
}
function year(text: string | undefined): number | undefined | null {
  if (text === undefined) return undefined;
  const value = Number(text);
  return value >= 1900 && value <= 2100 ? value : null;
}
/** English month and weekday names are capitalized; "may" and "march" are verbs. */
const capitalized = (text: string | undefined) =>
  text === undefined || text[0] === text[0]?.toUpperCase();

function dayRule(re: RegExp, months: Map<string, number>, language: Language): DateRule {
  return {
    re,
    parse(g) {
      const month = lookup(months, g.month);
      const y = year(g.year);
      if (month === undefined || y === null) return null;
      if (language === "en" && !(capitalized(g.month) && capitalized(g.wd))) return null;
      const day = Number((g.day ?? "").replace(/\D/g, ""));
      return { type: "day", day, month, year: y, relation: relationOf(g.prep) };
    },
  };
}
function monthRule(re: RegExp, months: Map<string, number>, language: Language): DateRule {
  return {
    re,
    parse(g) {
      const month = lookup(months, g.month);
      const y = year(g.year);
      if (month === undefined || y === null) return null;
      if (language === "en" && !capitalized(g.month)) return null;
      return {
        type: "month",
        month,
        year: y,
        edge: edgeOf(g.edge ?? g.edge2),
        relation: relationOf(g.prep),
      };
    },
  };
}
function yearRule(re: RegExp): DateRule {
  return {
    re,
    parse(g) {
      const y = year(g.year);
      if (y === null || y === undefined) return null;
      return {
        type: "year",
        year: y,
        edge: edgeOf(g.edge ?? g.edge2),
        relation: relationOf(g.prep),
      };
    },
  };
}
function relativeRule(re: RegExp, parts: DateParts): DateRule {
  return { re, parse: () => parts };
}
function weekdayRule(re: RegExp, days: Map<string, number>, language: Language): DateRule {
  return {
    re,
    parse(g) {
      const weekday = lookup(days, g.wd);
      if (weekday === undefined) return null;
      if (language === "en" && !capitalized(g.wd)) return null;
      return { type: "relative", weekday, strictlyBefore: g.last !== undefined };
    },
  };
}

const FR_M = alternation(MONTHS.fr);
const FR_WD = alternation(WEEKDAYS.fr);
const EN_M = alternation(MONTHS.en);
const EN_WD = alternation(WEEKDAYS.en);
const RU_MG = alternation(MONTHS.ruGenitive);
const RU_MP = alternation(MONTHS.ruPrepositional);
const RU_WD = alternation(WEEKDAYS.ru);
const RU_YEAR = "(?:\\s*(?:года|году|г\\.?))?";
const RU_EDGE = "(?<edge>конце|начале|середине|конец|начало|середину|концу|началу)";

const day = (language: Language) => (re: string) =>
  dayRule(
    words(re),
    language === "ru" ? MONTHS.ruGenitive : MONTHS[language as "fr" | "en"],
    language,
  );

export const DATE_RULES: Record<Language, DateRule[]> = {
  fr: [
    day("fr")(
      `(?:(?<prep>depuis|dès|jusqu'au)\\s+)?(?:(?<wd>${FR_WD})\\s+)?(?:le\\s+)?(?<day>1er|\\d{1,2})\\s+(?<month>${FR_M})(?:\\s+(?<year>\\d{4}))?`,
    ),
    monthRule(
      words(
        `(?:(?<edge>fin|début|debut|mi|courant)[\\s-]+(?:de\\s+|d')?|(?<prep>depuis|dès|jusqu'en|avant|après)\\s+|(?:en|au mois de|au mois d')\\s*)?(?<month>${FR_M})\\s+(?<year>\\d{4})`,
      ),
      MONTHS.fr,
      "fr",
    ),
    monthRule(
      words(
        `(?:(?<edge>fin|début|debut|mi)[\\s-]+(?:de\\s+|d')?|(?<prep>depuis|dès|jusqu'en)\\s+|en\\s+|au mois d[e']\\s*)(?<month>${FR_M})(?!\\s+\\d)`,
      ),
      MONTHS.fr,
      "fr",
    ),
    yearRule(
      words(
        `(?:(?:à|a)\\s+la\\s+)?(?<edge>fin|début|debut|mi|milieu|courant)[\\s-]*(?:de\\s+l'ann[ée]e\\s+|de\\s+l'an\\s+|de\\s+)?(?<year>\\d{4})`,
      ),
    ),
    yearRule(
      words(
        `(?<prep>en|depuis|dès|jusqu'en|avant|après|à partir de|a partir de)\\s+(?<year>\\d{4})`,
      ),
    ),
    relativeRule(words("avant-hier"), { type: "relative", unit: "day", offsetDays: 2 }),
    relativeRule(words("hier"), { type: "relative", unit: "day", offsetDays: 1 }),
    relativeRule(words("aujourd'hui|ce matin|ce soir|cet après-midi"), {
      type: "relative",
      unit: "day",
      offsetDays: 0,
    }),
    relativeRule(words("la semaine (?:dernière|derniere|passée|passee)"), {
      type: "relative",
      unit: "week",
      back: 1,
    }),
    relativeRule(words("cette semaine|en début de semaine"), {
      type: "relative",
      unit: "week",
      back: 0,
    }),
    relativeRule(words("le mois (?:dernier|passé|passe)"), {
      type: "relative",
      unit: "month",
      back: 1,
    }),
    relativeRule(words("ce mois-ci"), { type: "relative", unit: "month", back: 0 }),
    relativeRule(words("l'an (?:dernier|passé)|l'année (?:dernière|derniere|passée|passee)"), {
      type: "relative",
      unit: "year",
      back: 1,
    }),
    relativeRule(words("cette année"), { type: "relative", unit: "year", back: 0 }),
    weekdayRule(
      words(`(?:(?:ce|le)\\s+)?(?<wd>${FR_WD})(?:\\s+(?<last>dernier|passé|passe))?`),
      WEEKDAYS.fr,
      "fr",
    ),
  ],
  en: [
    day("en")(
      `(?:(?<prep>since|until)\\s+)?(?:(?<wd>${EN_WD}),?\\s+)?(?<month>${EN_M})\\s+(?<day>\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(?<year>\\d{4}))?`,
    ),
    day("en")(
      `(?:(?<prep>since|until)\\s+)?(?:(?<wd>${EN_WD}),?\\s+)?(?:the\\s+)?(?<day>\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?<month>${EN_M})(?:,?\\s+(?<year>\\d{4}))?`,
    ),
    monthRule(
      words(
        `(?:(?:(?:at|by|towards?)\\s+the\\s+)?(?<edge>end|beginning|start|middle)\\s+of\\s+|(?<edge2>late|early|mid)[\\s-]+|(?<prep>since|until|by|before|after)\\s+|in\\s+)?(?<month>${EN_M})\\s+(?<year>\\d{4})`,
      ),
      MONTHS.en,
      "en",
    ),
    monthRule(
      words(
        `(?:(?:(?:at|by|towards?)\\s+the\\s+)?(?<edge>end|beginning|start|middle)\\s+of\\s+|(?<edge2>late|early|mid)[\\s-]+|(?<prep>since|until)\\s+|in\\s+)(?<month>${EN_M})(?!\\s+\\d)`,
      ),
      MONTHS.en,
      "en",
    ),
    yearRule(
      words(
        `(?:(?:at|by|towards?|to)\\s+the\\s+)?(?<edge>end|beginning|start|middle|close)\\s+of\\s+(?:the\\s+year\\s+)?(?<year>\\d{4})`,
      ),
    ),
    yearRule(words(`(?<edge>late|early|mid)[\\s-]+(?<year>\\d{4})`)),
    yearRule(
      words(`(?<prep>in|since|by|during|until|before|after|from|throughout)\\s+(?<year>\\d{4})`),
    ),
    relativeRule(words("the day before yesterday"), {
      type: "relative",
      unit: "day",
      offsetDays: 2,
    }),
    relativeRule(words("yesterday"), { type: "relative", unit: "day", offsetDays: 1 }),
    relativeRule(words("(?:earlier\\s+)?today|this morning|tonight|this evening"), {
      type: "relative",
      unit: "day",
      offsetDays: 0,
    }),
    relativeRule(words("last week|the previous week|the week before"), {
      type: "relative",
      unit: "week",
      back: 1,
    }),
    relativeRule(words("(?:earlier\\s+)?this week"), { type: "relative", unit: "week", back: 0 }),
    relativeRule(words("last month|the previous month"), {
      type: "relative",
      unit: "month",
      back: 1,
    }),
    relativeRule(words("(?:earlier\\s+)?this month"), {
      type: "relative",
      unit: "month",
      back: 0,
    }),
    relativeRule(words("last year|the previous year"), {
      type: "relative",
      unit: "year",
      back: 1,
    }),
    relativeRule(words("(?:earlier\\s+)?this year"), { type: "relative", unit: "year", back: 0 }),
    weekdayRule(
      words(`(?:(?<last>last|this past)\\s+|on\\s+|this\\s+)?(?<wd>${EN_WD})`),
      WEEKDAYS.en,
      "en",
    ),
  ],
  ru: [
    day("ru")(
      `(?:(?<prep>с|со|до|начиная\\s+с)\\s+)?(?:(?:в|во)\\s+(?:${RU_WD}),?\\s+)?(?<day>\\d{1,2})(?:-?го)?\\s+(?<month>${RU_MG})(?:\\s+(?<year>\\d{4})${RU_YEAR})?`,
    ),
    monthRule(
      words(`(?:в|к|на)\\s+${RU_EDGE}\\s+(?<month>${RU_MG})(?:\\s+(?<year>\\d{4})${RU_YEAR})?`),
      MONTHS.ruGenitive,
      "ru",
    ),
    monthRule(
      words(`(?:во?)\\s+(?<month>${RU_MP})(?:\\s+(?<year>\\d{4})${RU_YEAR})?`),
      MONTHS.ruPrepositional,
      "ru",
    ),
    monthRule(
      words(`(?<prep>с|до|начиная\\s+с)\\s+(?<month>${RU_MG})(?:\\s+(?<year>\\d{4})${RU_YEAR})?`),
      MONTHS.ruGenitive,
      "ru",
    ),
    yearRule(words(`(?:(?:в|к|на)\\s+)?${RU_EDGE}\\s+(?<year>\\d{4})${RU_YEAR}`)),
    yearRule(
      words(`(?<prep>во|в|со|с|до|после|к|начиная\\s+с)\\s+(?<year>\\d{4})\\s*(?:году|года|г\\.?)`),
    ),
    relativeRule(words("позавчера"), { type: "relative", unit: "day", offsetDays: 2 }),
    relativeRule(words("вчера"), { type: "relative", unit: "day", offsetDays: 1 }),
    relativeRule(words("сегодня|этим утром"), { type: "relative", unit: "day", offsetDays: 0 }),
    relativeRule(words("на (?:прошлой|минувшей|предыдущей) неделе"), {
      type: "relative",
      unit: "week",
      back: 1,
    }),
    relativeRule(words("на этой неделе"), { type: "relative", unit: "week", back: 0 }),
    relativeRule(words("в (?:прошлом|минувшем) месяце"), {
      type: "relative",
      unit: "month",
      back: 1,
    }),
    relativeRule(words("в этом месяце"), { type: "relative", unit: "month", back: 0 }),
    relativeRule(words("в (?:прошлом|минувшем) году"), {
      type: "relative",
      unit: "year",
      back: 1,
    }),
    relativeRule(words("в этом году"), { type: "relative", unit: "year", back: 0 }),
    weekdayRule(
      words(
        `(?:в|во)\\s+(?:(?<last>прошлый|прошлую|прошлое|минувший|минувшую|минувшее)\\s+)?(?<wd>${RU_WD})`,
      ),
      WEEKDAYS.ru,
      "ru",
    ),
  ],
};
