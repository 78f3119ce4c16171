/**
 * Date expressions in French, English and Russian, resolved to partial dates (EDTF):
 * "16 septembre 2025", "September 11, 2025", "11 сентября 2025 года" (a day), "en
 * septembre 2025" (a month), "Fin 2024" / "at the end of 2024" / "в конце 2024 года"
 * (approximately December, whose last day a stock figure refers to), "in 2020" (a year),
 * and relative dates ("mardi dernier", "last week", "вчера") against the article's date.
 */
import { dayNumber, daysInMonth, dayToIso } from "../../domain/partial-date.ts";
import { DATE_RULES, type DateParts, type Relation } from "./date-rules.ts";
import { findAll, normalize, overlaps, type Span } from "./text.ts";
import type { Language } from "./types.ts";

export interface DateMention extends Span {
  /** The partial date (EDTF), or null when it needs an article date that is unknown. */
  edtf: string | null;
  /** For "end of 2024" and the like: the day a stock figure then refers to (YYYY-MM-DD). */
  pointDay: string | null;
  /** explicit: all written out; year_from_article: day or month without a year; relative. */
  basis: "explicit" | "year_from_article" | "relative";
  /** "since 2006" and "until 2020" bound a period rather than date a fact. */
  relation: Relation;
}

const DAY_OF_WEEK_EPOCH = 4; // 1970-01-01 was a Thursday (ISO: Monday 1 … Sunday 7)

/** ISO weekday (1 Monday … 7 Sunday) of a day number. */
export function isoWeekday(day: number): number {
  return ((((day + DAY_OF_WEEK_EPOCH - 1) % 7) + 7) % 7) + 1;
}

function ymd(day: number): { year: number; month: number } {
  const iso = dayToIso(day);
  return { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)) };
}

const pad = (n: number) => String(n).padStart(2, "0");

function resolve(
  parts: DateParts,
  published: number | null,
): Pick<DateMention, "edtf" | "pointDay" | "basis"> | null {
  const approx = parts.edge !== undefined ? "~" : "";
  if (parts.type === "relative") {
    if (published === null) return { edtf: null, pointDay: null, basis: "relative" };
    const { offsetDays, weekday, unit } = parts;
    if (weekday !== undefined) {
      // The latest such weekday on or before the article's date ("last …": strictly before).
      let back = (isoWeekday(published) - weekday + 7) % 7;
      if (back === 0 && parts.strictlyBefore) back = 7;
      return { edtf: dayToIso(published - back), pointDay: null, basis: "relative" };
    }
    if (unit === "day") {
      return { edtf: dayToIso(published - (offsetDays ?? 0)), pointDay: null, basis: "relative" };
    }
    if (unit === "week") {
      // A week is no EDTF precision: its Wednesday, approximately, never after the article.
      const monday = published - (isoWeekday(published) - 1) - 7 * (parts.back ?? 0);
      const day = Math.min(monday + 2, published);
      return { edtf: `${dayToIso(day)}~`, pointDay: null, basis: "relative" };
    }
    const { year, month } = ymd(published);
    if (unit === "month") {
      const back = parts.back ?? 0;
      const m0 = year * 12 + (month - 1) - back;
      return {
        edtf: `${Math.floor(m0 / 12)}-${pad((m0 % 12) + 1)}`,
        pointDay: null,
        basis: "relative",
      };
    }
    return { edtf: String(year - (parts.back ?? 0)), pointDay: null, basis: "relative" };
  }

  let year = parts.year;
  let basis: DateMention["basis"] = "explicit";
  if (year === undefined) {
    if (published === null) return { edtf: null, pointDay: null, basis: "year_from_article" };
    const now = ymd(published);
    year = now.year;
    basis = "year_from_article";
    // A day or month well after the article's date is last year's.
    const probe =
      parts.type === "day"
        ? dayNumber(year, parts.month ?? 1, Math.min(parts.day ?? 1, 28))
        : dayNumber(year, parts.month ?? 1, 1);
    if (probe > published + 31) year -= 1;
  }
  if (parts.type === "day") {
    const month = parts.month ?? 1;
    const day = parts.day ?? 1;
    if (day < 1 || day > daysInMonth(year, month)) return null;
    return { edtf: `${year}-${pad(month)}-${pad(day)}`, pointDay: null, basis };
  }
  if (parts.type === "month") {
    const month = parts.month ?? 1;
    const edge =
      parts.edge === "end"
        ? daysInMonth(year, month)
        : parts.edge === "start"
          ? 1
          : parts.edge === "middle"
            ? 15
            : null;
    return {
      edtf: `${year}-${pad(month)}${approx}`,
      pointDay: edge === null ? null : `${year}-${pad(month)}-${pad(edge)}`,
      basis,
    };
  }
  if (parts.edge === "end") return { edtf: `${year}-12~`, pointDay: `${year}-12-31`, basis };
  if (parts.edge === "start") return { edtf: `${year}-01~`, pointDay: `${year}-01-01`, basis };
  if (parts.edge === "middle") return { edtf: `${year}-07~`, pointDay: `${year}-07-01`, basis };
  return { edtf: String(year), pointDay: null, basis };
}

/**
 * Every date expression in `text` (offsets relative to `text`), the longest where they
 * overlap. `published` is the article's day number, for relative dates and missing years.
 */
export function findDates(
  text: string,
  language: Language,
  published: number | null,
): DateMention[] {
  const norm = normalize(text);
  const candidates: DateMention[] = [];
  for (const rule of DATE_RULES[language]) {
    for (const m of findAll(rule.re, norm)) {
      const parts = rule.parse(m.named, text.slice(m.start, m.end));
      if (!parts) continue;
      const resolved = resolve(parts, published);
      if (!resolved) continue;
      candidates.push({
        start: m.start,
        end: m.end,
        text: text.slice(m.start, m.end),
        ...resolved,
        relation: parts.relation ?? "at",
      });
    }
  }
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const chosen: DateMention[] = [];
  for (const c of candidates) if (!chosen.some((d) => overlaps(c, d))) chosen.push(c);
  return chosen.sort((a, b) => a.start - b.start);
}

/** Full dates written out (day, month and year) in `text`, as day numbers. */
export function explicitDays(text: string, language: Language): number[] {
  return findDates(text, language, null)
    .filter((d) => d.basis === "explicit" && d.edtf !== null && /^\d{4}-\d\d-\d\d$/.test(d.edtf))
    .map((d) => {
      const [y, m, day] = (d.edtf as string).split("-").map(Number);
      return dayNumber(y as number, m as number, day as number);
    });
}
