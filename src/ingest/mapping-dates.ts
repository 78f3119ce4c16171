/**
 * Dates as spreadsheets write them — `11.09.2025`, `09/2025`, `сентябрь 2025`,
 * `16 верасня 2025` — turned into the partial dates of the bundle (EDTF) by a format such
 * as `DD.MM.YYYY`. The partial-date parser then checks the result, so `31.09.2025` is
 * refused with "day 31 does not exist in September 2025".
 *
 * Tokens: `YYYY` (year), `MM` or `M` (month number), `MMMM` (month name in Russian,
 * Belarusian, Ukrainian, English, French, German or Polish, any grammatical case), `DD` or `D` (day);
 * `ISO` stands for the bundle's own form. Any other character must appear as it is; a
 * space matches any run of spaces. A leading "~", "около", "каля", "circa", "ca." … marks
 * the date approximate (`2025-09~`), a trailing "?" uncertain.
 */

/** Month-name prefixes, longest first when they share a start. */
const MONTH_PREFIXES: readonly [string, number][] = [
  // Russian (nominative and genitive)
  ["январ", 1],
  ["феврал", 2],
  ["март", 3],
  ["апрел", 4],
  ["май", 5],
  ["мая", 5],
  ["мае", 5],
  ["июн", 6],
  ["июл", 7],
  ["август", 8],
  ["сентябр", 9],
  ["октябр", 10],
  ["ноябр", 11],
  ["декабр", 12],
  // Belarusian
  ["студзен", 1],
  ["лют", 2],
  ["сакавік", 3],
  ["красавік", 4],
  ["травен", 5],
  ["траўн", 5],
  ["чэрвен", 6],
  ["ліпен", 7],
  ["жнівен", 8],
  ["жніўн", 8],
  ["верас", 9],
  ["кастрычнік", 10],
  ["лістапад", 11],
  ["снеж", 12],
  // Ukrainian
  ["січ", 1],
  ["берез", 3],
  ["квіт", 4],
  ["травн", 5],
  ["черв", 6],
  ["лип", 7],
  ["серп", 8],
  ["верес", 9],
  ["жовт", 10],
  ["листоп", 11],
  ["груд", 12],
  // English, French, German, Polish
  ["jan", 1],
  ["feb", 2],
  ["fév", 2],
  ["fev", 2],
  ["lut", 2],
  ["stycz", 1],
  ["mar", 3],
  ["mär", 3],
  ["apr", 4],
  ["avr", 4],
  ["kwie", 4],
  ["may", 5],
  ["mai", 5],
  ["maj", 5],
  ["jun", 6],
  ["juin", 6],
  ["czerw", 6],
  ["jul", 7],
  ["juil", 7],
  ["lip", 7],
  ["aug", 8],
  ["août", 8],
  ["aout", 8],
  ["sierp", 8],
  ["sep", 9],
  ["wrze", 9],
  ["oct", 10],
  ["okt", 10],
  ["paźdz", 10],
  ["pazdz", 10],
  ["nov", 11],
  ["listop", 11],
  ["dec", 12],
  ["déc", 12],
  ["dez", 12],
  ["grud", 12],
];

/** The month (1–12) a name stands for, or null: "сентября" → 9, "Sept." → 9. */
export function monthFromName(name: string): number | null {
  let text = name.toLocaleLowerCase("ru").replace(/\.$/, "");
  // Belarusian is often typed with a Latin "i" among Cyrillic letters.
  if (/[а-яёўі]/.test(text)) text = text.replaceAll("i", "і");
  let best: readonly [string, number] | null = null;
  for (const entry of MONTH_PREFIXES) {
    if (text.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best ? best[1] : null;
}

const APPROXIMATE =
  /^(~|около|примерно|приблизительно|прибл\.|ок\.|каля|прыблізна|circa|ca\.|c\.|about|around|approx\.?|environ|vers|etwa|ok\.|około)\s*/i;

interface CompiledFormat {
  source: string;
  pattern: RegExp | null;
  /** Which token each capture group holds. */
  groups: ("year" | "month" | "monthName" | "day")[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** Compiles a format such as `DD.MM.YYYY`; throws on a format without a year. */
export function compileDateFormat(format: string): CompiledFormat {
  if (format === "ISO") return { source: format, pattern: null, groups: [] };
  const groups: CompiledFormat["groups"] = [];
  let pattern = "";
  let rest = format;
  while (rest.length > 0) {
    const token = ["YYYY", "MMMM", "MM", "DD", "M", "D"].find((t) => rest.startsWith(t));
    if (token) {
      rest = rest.slice(token.length);
      if (token === "YYYY") {
        pattern += "(\\d{4})";
        groups.push("year");
      } else if (token === "MMMM") {
        pattern += "([^\\d\\s.,/-]+\\.?)";
        groups.push("monthName");
      } else {
        pattern += "(\\d{1,2})";
        groups.push(token.startsWith("M") ? "month" : "day");
      }
      continue;
    }
    const char = rest[0] as string;
    rest = rest.slice(1);
    pattern += /\s/.test(char) ? "\\s+" : escapeRegExp(char);
  }
  if (!groups.includes("year")) {
    throw new RangeError(`the date format "${format}" has no year (YYYY)`);
  }
  if (groups.includes("day") && !groups.includes("month") && !groups.includes("monthName")) {
    throw new RangeError(`the date format "${format}" has a day but no month`);
  }
  return { source: format, pattern: new RegExp(`^${pattern}$`, "iu"), groups };
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * The EDTF text of `text` read with the first format it matches, or the reason none does.
 * The result is not yet checked as a date (the bundle's validation does that).
 */
export function readDate(
  text: string,
  formats: readonly CompiledFormat[],
): { ok: true; edtf: string } | { ok: false; reason: string } {
  let body = text.trim();
  let suffix = "";
  const approximate = APPROXIMATE.exec(body);
  if (approximate && approximate[0] !== "") {
    body = body.slice(approximate[0].length);
    suffix = "~";
  }
  if (body.endsWith("?")) {
    body = body.slice(0, -1).trim();
    suffix = suffix === "~" ? "%" : "?";
  }
  for (const format of formats) {
    if (format.pattern === null) return { ok: true, edtf: `${body}${suffix}` };
    const match = format.pattern.exec(body);
    if (!match) continue;
    let year = "";
    let month: number | null = null;
    let day: number | null = null;
    format.groups.forEach((group, i) => {
      const value = match[i + 1] as string;
      if (group === "year") year = value;
      else if (group === "month") month = Number(value);
      else if (group === "day") day = Number(value);
      else month = monthFromName(value) ?? -1;
    });
    if (month === -1) {
      return { ok: false, reason: `"${text}": no month is called "${nameIn(format, match)}"` };
    }
    const parts = [
      year,
      ...(month === null ? [] : [pad(month)]),
      ...(day === null ? [] : [pad(day)]),
    ];
    return { ok: true, edtf: parts.join("-") + suffix };
  }
  const list = formats.map((f) => f.source).join(", ");
  return {
    ok: false,
    reason: `"${text}" is not a date in the format${formats.length > 1 ? "s" : ""} ${list}`,
  };
}

function nameIn(format: CompiledFormat, match: RegExpExecArray): string {
  return match[format.groups.indexOf("monthName") + 1] ?? "";
}
