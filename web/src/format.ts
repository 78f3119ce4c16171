/**
 * Numbers, dates and names as the reader's language writes them (Intl), and people's names
 * in the script the reader chose when the data has it: Latin for English and French,
 * Cyrillic for Russian and Belarusian.
 */
import { useTranslation } from "react-i18next";
import { formatPartialDate, tryParsePartialDate } from "../../src/domain/partial-date.ts";
import type { Count, DateOut, NameForm } from "./api/types.ts";
import { belarusian, intlHasBelarusian } from "./calendar-be.ts";
import { currentLanguage, type Language } from "./i18n/index.ts";

const CYRILLIC = /[\u0400-\u04FF]/;

export function scriptOf(text: string): "cyrillic" | "latin" {
  return CYRILLIC.test(text) ? "cyrillic" : "latin";
}

export function wantsCyrillic(lang: Language): boolean {
  return lang === "ru" || lang === "be";
}

interface Named {
  name: string;
  nameLatin?: string | null;
  names?: NameForm[];
}

/** The person's name in the reader's script, if the data has one; else the official one. */
export function displayName(person: Named, lang: Language): string {
  if (wantsCyrillic(lang)) {
    if (scriptOf(person.name) === "cyrillic") return person.name;
    const cyrillic = person.names?.find((n) => n.script === "cyrillic" && n.kind !== "alias");
    return cyrillic?.name ?? person.name;
  }
  if (person.nameLatin) return person.nameLatin;
  if (scriptOf(person.name) === "latin") return person.name;
  const latin = person.names?.find((n) => n.script === "latin" && n.kind !== "alias");
  return latin?.name ?? person.name;
}

/** The other written forms of the name, for a second line: the official one first. */
export function otherName(person: Named, lang: Language): string | null {
  const shown = displayName(person, lang);
  if (shown !== person.name) return person.name;
  if (person.nameLatin && person.nameLatin !== shown) return person.nameLatin;
  return null;
}

const MS_PER_DAY = 86_400_000;

export interface Formatter {
  lang: Language;
  number(value: number | null | undefined, digits?: number): string;
  /** A count that may be hidden (null: fewer people than may be shown publicly). */
  count(value: Count | undefined): string;
  /** A day, `YYYY-MM-DD`. */
  day(iso: string | null | undefined): string;
  /** A month, from `YYYY-MM` or a day in it. */
  month(iso: string): string;
  /** The month of a time in milliseconds, short, for chart ticks ("Sep 25"). */
  monthTick(time: number): string;
  /** A date and time, from an ISO timestamp. */
  dateTime(iso: string | null | undefined): string;
  /** A partial date, honest about its precision: "September 2025", "~2021". */
  partial(date: DateOut | string | null | undefined): string;
  /** The long name of a month and its year: "September 2025". */
  monthLong(year: number, month: number): string;
  percent(ratio: number | null | undefined): string;
}

/**
 * The locale Intl formats with: the language itself, or for Belarusian where the browser
 * lacks it, Russian numbers (same separators) and our own Belarusian dates.
 */
function intlLocale(lang: Language): { locale: string; ownDates: boolean } {
  if (lang === "be" && !intlHasBelarusian()) return { locale: "ru", ownDates: true };
  return { locale: lang, ownDates: false };
}

export function makeFormatter(lang: Language): Formatter {
  const { locale, ownDates } = intlLocale(lang);
  const numbers = new Intl.NumberFormat(locale);
  const days = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const months = new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    timeZone: "UTC",
  });
  const ticks = new Intl.DateTimeFormat(locale, {
    month: "short",
    year: "2-digit",
    timeZone: "UTC",
  });
  const longMonths = new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "long",
    timeZone: "UTC",
  });
  const times = new Intl.DateTimeFormat(locale, { timeStyle: "short" });
  const percents = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const utc = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  const withDigits = new Map<number, Intl.NumberFormat>();
  const fractions = (digits: number) => {
    let format = withDigits.get(digits);
    if (!format) {
      format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
      withDigits.set(digits, format);
    }
    return format;
  };
  const day = (d: Date) =>
    Number.isNaN(d.getTime()) ? "—" : ownDates ? belarusian.dayMedium(d) : days.format(d);
  const monthLong = (year: number, month: number) => {
    const d = new Date(Date.UTC(year, month - 1, 1));
    return ownDates ? belarusian.monthLong(d) : longMonths.format(d);
  };
  return {
    lang,
    number: (value, digits = 0) =>
      value === null || value === undefined || Number.isNaN(value)
        ? "—"
        : digits === 0
          ? numbers.format(value)
          : fractions(digits).format(value),
    count: (value) => (value === null || value === undefined ? "—" : numbers.format(value)),
    day: (iso) => (iso ? day(utc(iso)) : "—"),
    month: (iso) => {
      const d = new Date(`${String(iso).slice(0, 7)}-01T00:00:00Z`);
      if (Number.isNaN(d.getTime())) return "—";
      return ownDates ? belarusian.monthShort(d) : months.format(d);
    },
    monthTick: (time) =>
      ownDates ? belarusian.monthTick(new Date(time)) : ticks.format(new Date(time)),
    dateTime: (iso) => {
      if (!iso) return "—";
      const d = new Date(iso);
      const local = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
      return `${day(local)} ${times.format(d)}`;
    },
    partial: (date) => {
      if (date === null || date === undefined) return "—";
      const text = typeof date === "string" ? date : date.text;
      const parsed = tryParsePartialDate(text);
      if (!parsed.ok) return text;
      if (!ownDates) return formatPartialDate(parsed.date, locale);
      const { year, month, approximate, uncertain } = parsed.date;
      const body =
        parsed.date.precision === "year"
          ? String(year)
          : parsed.date.precision === "month"
            ? monthLong(year, month as number)
            : belarusian.dayLong(
                new Date(Date.UTC(year, (month as number) - 1, parsed.date.day as number)),
              );
      return `${approximate ? "~" : ""}${body}${uncertain ? "?" : ""}`;
    },
    monthLong,
    percent: (ratio) => (ratio === null || ratio === undefined ? "—" : percents.format(ratio)),
  };
}

/** The formatter of the reader's language (re-made when the language changes). */
export function useFormat(): Formatter {
  // Subscribes the component to language changes; the formatter itself is made once per language.
  useTranslation();
  return formatterFor(currentLanguage());
}

const formatters = new Map<Language, Formatter>();

/** One formatter per language: Intl formatters are slow to make. */
export function formatterFor(lang: Language): Formatter {
  let formatter = formatters.get(lang);
  if (!formatter) {
    formatter = makeFormatter(lang);
    formatters.set(lang, formatter);
  }
  return formatter;
}

/** Days between two `YYYY-MM-DD` days. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY);
}
