import edtf from "edtf";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  comparePartialDates,
  dayNumber,
  dayToIso,
  formatPartialDate,
  isoToDay,
  middle,
  parsePartialDate,
  tryParsePartialDate,
} from "./partial-date.ts";

const MS_PER_DAY = 86_400_000;

describe("parsePartialDate", () => {
  it.each([
    // input, canonical text, first, last, middle (DESIGN.md's examples included)
    ["2025-09", "2025-09", "2025-09-01", "2025-09-30", "2025-09-15"],
    ["2025", "2025", "2025-01-01", "2025-12-31", "2025-07-02"],
    ["2025-09-11", "2025-09-11", "2025-09-11", "2025-09-11", "2025-09-11"],
    ["2024-02", "2024-02", "2024-02-01", "2024-02-29", "2024-02-15"],
    ["2024", "2024", "2024-01-01", "2024-12-31", "2024-07-01"],
    ["2023-02", "2023-02", "2023-02-01", "2023-02-28", "2023-02-14"],
    ["~2025-09", "2025-09~", "2025-09-01", "2025-09-30", "2025-09-15"],
    ["2021?", "2021?", "2021-01-01", "2021-12-31", "2021-07-02"],
    ["2021-06-10%", "2021-06-10%", "2021-06-10", "2021-06-10", "2021-06-10"],
  ])("%s covers the right days", (input, text, first, last, mid) => {
    const date = parsePartialDate(input);
    expect(date.text).toBe(text);
    expect(dayToIso(date.first)).toBe(first);
    expect(dayToIso(date.last)).toBe(last);
    expect(dayToIso(middle(date))).toBe(mid);
  });

  it("keeps qualifiers without changing arithmetic", () => {
    const plain = parsePartialDate("2025-09");
    for (const [input, uncertain, approximate] of [
      ["2025-09?", true, false],
      ["2025-09~", false, true],
      ["~2025-09", false, true],
      ["2025-09%", true, true],
    ] as const) {
      const date = parsePartialDate(input);
      expect([date.uncertain, date.approximate]).toEqual([uncertain, approximate]);
      expect([date.first, date.last]).toEqual([plain.first, plain.last]);
    }
  });

  it.each([
    ["2025-13", 'month 13 is out of range (01–12) in "2025-13"'],
    ["2025-00", 'month 00 is out of range (01–12) in "2025-00"'],
    ["2025-02-30", "day 30 does not exist in February 2025 (it has 28 days)"],
    ["2023-02-29", "day 29 does not exist in February 2023 (it has 28 days)"],
    ["2025-04-31", "day 31 does not exist in April 2025 (it has 30 days)"],
    [
      "25-09-2025",
      'expected YYYY, YYYY-MM or YYYY-MM-DD (EDTF), optionally followed by ?, ~ or %; got "25-09-2025", which looks day- or month-first: write it as YYYY-MM-DD',
    ],
    [
      "11/09/2025",
      'expected YYYY, YYYY-MM or YYYY-MM-DD (EDTF), optionally followed by ?, ~ or %; got "11/09/2025", which looks day- or month-first: write it as YYYY-MM-DD',
    ],
    [
      "2025-9-1",
      'expected YYYY, YYYY-MM or YYYY-MM-DD (EDTF), optionally followed by ?, ~ or %; got "2025-9-1": months and days take two digits (2025-09-01)',
    ],
    [
      "2025/09",
      'expected YYYY, YYYY-MM or YYYY-MM-DD (EDTF), optionally followed by ?, ~ or %; got "2025/09": separate year, month and day with "-"',
    ],
    ["", "date is empty"],
    ["~2025~", '"~2025~" has two qualifiers: use one of ?, ~ or % at the end'],
    ["0999", "year 0999 is out of range (1000–9999)"],
    [
      "September 2025",
      'expected YYYY, YYYY-MM or YYYY-MM-DD (EDTF), optionally followed by ?, ~ or %; got "September 2025"',
    ],
  ])("rejects %j: %s", (input, message) => {
    expect(() => parsePartialDate(input)).toThrow(message);
    expect(tryParsePartialDate(input)).toEqual({ ok: false, error: message });
  });

  it("isoToDay accepts only exact days", () => {
    expect(isoToDay("1970-01-02")).toBe(1);
    expect(() => isoToDay("2025-09")).toThrow(/expected an exact day/);
  });
});

describe("partial dates agree with the edtf package", () => {
  const dates = fc
    .tuple(
      fc.integer({ min: 1000, max: 2999 }),
      fc.option(fc.integer({ min: 1, max: 12 })),
      fc.option(fc.integer({ min: 1, max: 31 })),
      fc.constantFrom("", "?", "~", "%"),
    )
    .map(([y, m, d, q]) => {
      let text = String(y);
      if (m !== null) {
        text += `-${String(m).padStart(2, "0")}`;
        if (d !== null) text += `-${String(d).padStart(2, "0")}`;
      }
      return text + q;
    });

  it("on validity, first and last day of any date", () => {
    fc.assert(
      fc.property(dates, (text) => {
        let reference: { min: number; max: number } | null;
        try {
          reference = edtf(text);
        } catch {
          reference = null;
        }
        const ours = tryParsePartialDate(text);
        // edtf 4.11's grammar accepts 29 February in any year (2025-02-29, 1900-02-29); we
        // follow the Gregorian calendar, so those dates are the one known disagreement.
        const year = Number(text.slice(0, 4));
        const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
        if (/^\d{4}-02-29/.test(text) && !leap) expect(ours.ok).toBe(false);
        else expect(ours.ok).toBe(reference !== null);
        if (ours.ok && reference) {
          expect(ours.date.first).toBe(Math.floor(reference.min / MS_PER_DAY));
          expect(ours.date.last).toBe(Math.floor(reference.max / MS_PER_DAY));
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("properties", () => {
  const valid = fc
    .tuple(
      fc.integer({ min: 1900, max: 2100 }),
      fc.integer({ min: 0, max: 12 }),
      fc.integer({ min: 0, max: 31 }),
    )
    .map(([y, m, d]) =>
      m === 0
        ? `${y}`
        : d === 0
          ? `${y}-${String(m).padStart(2, "0")}`
          : `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
    )
    .filter((text) => tryParsePartialDate(text).ok);

  it("first ≤ middle ≤ last, and the canonical text parses to the same date", () => {
    fc.assert(
      fc.property(valid, (text) => {
        const date = parsePartialDate(text);
        expect(date.first).toBeLessThanOrEqual(middle(date));
        expect(middle(date)).toBeLessThanOrEqual(date.last);
        expect(parsePartialDate(date.text)).toEqual(date);
      }),
    );
  });

  it("dayNumber and dayToIso are inverse", () => {
    fc.assert(
      fc.property(fc.integer({ min: -40_000, max: 80_000 }), (day) => {
        const [y, m, d] = dayToIso(day).split("-").map(Number) as [number, number, number];
        expect(dayNumber(y, m, d)).toBe(day);
      }),
    );
  });

  it("comparison orders by first day, wider range first", () => {
    const sorted = ["2025-09-11", "2025", "2025-09", "2024-12-31"]
      .map(parsePartialDate)
      .sort(comparePartialDates)
      .map((d) => d.text);
    expect(sorted).toEqual(["2024-12-31", "2025", "2025-09", "2025-09-11"]);
  });
});

describe("formatPartialDate", () => {
  it.each([
    ["2025-09", "en", "September 2025"],
    ["~2021", "en", "~2021"],
    ["2025-09-11?", "en", "September 11, 2025?"],
    ["2025-09", "fr", "septembre 2025"],
    ["2025-09", "ru", "сентябрь 2025 г."],
  ])("%s in %s is %s", (text, locale, expected) => {
    expect(formatPartialDate(parsePartialDate(text), locale)).toBe(expected);
  });
});
