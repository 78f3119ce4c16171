/**
 * Partial dates as in EDTF (ISO 8601-2) level 1, restricted to what monitors write:
 * `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, optionally followed by `?` (uncertain), `~`
 * (approximate) or `%` (both). A leading `~` is accepted as shorthand for approximate.
 *
 * Days are integers counted from 1970-01-01 (day 0), so that analytics can work on typed
 * arrays. Qualifiers are kept and shown, but change no arithmetic (DESIGN.md).
 */

export type Precision = "year" | "month" | "day";

export interface PartialDate {
  /** Canonical EDTF text, e.g. `2025-09~` (a leading `~` is moved to the end). */
  readonly text: string;
  readonly precision: Precision;
  readonly year: number;
  readonly month: number | null;
  readonly day: number | null;
  readonly uncertain: boolean;
  readonly approximate: boolean;
  /** First day covered (days since 1970-01-01). */
  readonly first: number;
  /** Last day covered, inclusive. */
  readonly last: number;
}

export class PartialDateError extends Error {
  readonly input: string;
  constructor(input: string, reason: string) {
    super(reason);
    this.name = "PartialDateError";
    this.input = input;
  }
}

const MS_PER_DAY = 86_400_000;
const SHAPE = /^(~)?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([?~%])?$/;
const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** Days since 1970-01-01 of a calendar date (month 1–12). */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `YYYY-MM-DD` of a day number. */
export function dayToIso(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Day number of an exact `YYYY-MM-DD` date; throws on anything else. */
export function isoToDay(iso: string): number {
  const date = parsePartialDate(iso);
  if (date.precision !== "day" || date.uncertain || date.approximate) {
    throw new PartialDateError(iso, `expected an exact day YYYY-MM-DD, got "${iso}"`);
  }
  return date.first;
}

function describeShapeProblem(input: string): string {
  const expected = "expected YYYY, YYYY-MM or YYYY-MM-DD (EDTF), optionally followed by ?, ~ or %";
  if (input.trim() === "") return "date is empty";
  if (input !== input.trim()) return `${expected}; got "${input}" with surrounding spaces`;
  if (/^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/.test(input)) {
    return `${expected}; got "${input}", which looks day- or month-first: write it as YYYY-MM-DD`;
  }
  if (/^\d{4}[./]\d{1,2}/.test(input)) {
    return `${expected}; got "${input}": separate year, month and day with "-"`;
  }
  if (/^\d{4}-\d(-|$)/.test(input) || /^\d{4}-\d{2}-\d(\D|$)/.test(input)) {
    return `${expected}; got "${input}": months and days take two digits (2025-09-01)`;
  }
  return `${expected}; got "${input}"`;
}

/**
 * Parses a partial date, throwing a {@link PartialDateError} whose message says what is
 * wrong: `parsePartialDate("2025-09")` covers 2025-09-01..2025-09-30.
 */
export function parsePartialDate(input: string): PartialDate {
  const match = SHAPE.exec(input);
  if (!match) throw new PartialDateError(input, describeShapeProblem(input));
  const [, leadingTilde, y, m, d, qualifier] = match;
  if (leadingTilde && qualifier) {
    throw new PartialDateError(
      input,
      `"${input}" has two qualifiers: use one of ?, ~ or % at the end`,
    );
  }
  const year = Number(y);
  if (year < 1000) throw new PartialDateError(input, `year ${y} is out of range (1000–9999)`);
  const month = m === undefined ? null : Number(m);
  const day = d === undefined ? null : Number(d);
  if (month !== null && (month < 1 || month > 12)) {
    throw new PartialDateError(input, `month ${m} is out of range (01–12) in "${input}"`);
  }
  if (month !== null && day !== null) {
    const length = daysInMonth(year, month);
    if (day < 1 || day > length) {
      throw new PartialDateError(
        input,
        `day ${d} does not exist in ${MONTH_NAMES[month - 1]} ${year} (it has ${length} days)`,
      );
    }
  }
  const q = leadingTilde ? "~" : (qualifier ?? "");
  const uncertain = q === "?" || q === "%";
  const approximate = q === "~" || q === "%";
  let first: number;
  let last: number;
  let precision: Precision;
  if (month === null) {
    precision = "year";
    first = dayNumber(year, 1, 1);
    last = dayNumber(year, 12, 31);
  } else if (day === null) {
    precision = "month";
    first = dayNumber(year, month, 1);
    last = dayNumber(year, month, daysInMonth(year, month));
  } else {
    precision = "day";
    first = dayNumber(year, month, day);
    last = first;
  }
  const core = [y, m, d].filter((part) => part !== undefined).join("-");
  return {
    text: core + q,
    precision,
    year,
    month,
    day,
    uncertain,
    approximate,
    first,
    last,
  };
}

/** Like {@link parsePartialDate}, but returns the reason instead of throwing. */
export function tryParsePartialDate(
  input: string,
): { ok: true; date: PartialDate } | { ok: false; error: string } {
  try {
    return { ok: true, date: parsePartialDate(input) };
  } catch (error) {
    if (error instanceof PartialDateError) return { ok: false, error: error.message };
    throw error;
  }
}

/** The middle day of a range: first + floor((last − first) / 2) (DESIGN.md). */
export function middleDay(first: number, last: number): number {
  return first + Math.floor((last - first) / 2);
}

/** The middle day of a partial date: `2025-09` → 2025-09-15, `2025` → 2025-07-02. */
export function middle(date: Pick<PartialDate, "first" | "last">): number {
  return middleDay(date.first, date.last);
}

/** Orders by first day, then last day: `2025` sorts before `2025-01-01`. */
export function comparePartialDates(
  a: Pick<PartialDate, "first" | "last">,
  b: Pick<PartialDate, "first" | "last">,
): number {
  return a.first - b.first || b.last - a.last;
}

/**
 * Human-readable form in a locale, honest about precision: "September 2025", "~2021",
 * "11 September 2025?". Uses Intl so that every UI language gets its own month names.
 */
export function formatPartialDate(date: PartialDate, locale = "en"): string {
  const utc = new Date(date.first * MS_PER_DAY);
  let body: string;
  if (date.precision === "year") {
    body = String(date.year);
  } else if (date.precision === "month") {
    body = new Intl.DateTimeFormat(locale, {
      year: "numeric",
      month: "long",
      timeZone: "UTC",
    }).format(utc);
  } else {
    body = new Intl.DateTimeFormat(locale, {
      year: "numeric",
      month: "long",
      day: "numeric",
      timeZone: "UTC",
    }).format(utc);
  }
  const prefix = date.approximate ? "~" : "";
  const suffix = date.uncertain ? "?" : "";
  return prefix + body + suffix;
}
