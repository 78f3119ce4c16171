/**
 * Belarusian dates for browsers whose Intl lacks the locale (Chromium ships without
 * Belarusian data and falls back to English). Forms follow CLDR's `be` locale: "11 вер.
 * 2025 г.", "верасень 2025", "11 верасня 2025 г.".
 */

const NOMINATIVE = [
  "студзень",
  "люты",
  "сакавік",
  "красавік",
  "май",
  "чэрвень",
  "ліпень",
  "жнівень",
  "верасень",
  "кастрычнік",
  "лістапад",
  "снежань",
];
const GENITIVE = [
  "студзеня",
  "лютага",
  "сакавіка",
  "красавіка",
  "мая",
  "чэрвеня",
  "ліпеня",
  "жніўня",
  "верасня",
  "кастрычніка",
  "лістапада",
  "снежня",
];
const SHORT = [
  "студз.",
  "лют.",
  "сак.",
  "крас.",
  "май",
  "чэрв.",
  "ліп.",
  "жн.",
  "вер.",
  "кастр.",
  "ліст.",
  "снеж.",
];
const SHORT_GENITIVE = [
  "студз.",
  "лют.",
  "сак.",
  "крас.",
  "мая",
  "чэрв.",
  "ліп.",
  "жн.",
  "вер.",
  "кастр.",
  "ліст.",
  "снеж.",
];

/** Whether this browser's Intl formats Belarusian itself. */
export function intlHasBelarusian(): boolean {
  return Intl.DateTimeFormat.supportedLocalesOf(["be"]).length > 0;
}

const at = (list: string[], date: Date) => list[date.getUTCMonth()] as string;

export const belarusian = {
  /** "11 вер. 2025 г." */
  dayMedium: (d: Date) => `${d.getUTCDate()} ${at(SHORT_GENITIVE, d)} ${d.getUTCFullYear()} г.`,
  /** "11 верасня 2025 г." */
  dayLong: (d: Date) => `${d.getUTCDate()} ${at(GENITIVE, d)} ${d.getUTCFullYear()} г.`,
  /** "верасень 2025" */
  monthLong: (d: Date) => `${at(NOMINATIVE, d)} ${d.getUTCFullYear()}`,
  /** "вер. 2025" */
  monthShort: (d: Date) => `${at(SHORT, d)} ${d.getUTCFullYear()}`,
  /** "вер. 25", for chart ticks */
  monthTick: (d: Date) => `${at(SHORT, d)} ${String(d.getUTCFullYear()).slice(2)}`,
};
