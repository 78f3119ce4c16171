import { describe, expect, it } from "vitest";
import { isoToDay } from "../../domain/partial-date.ts";
import { findDates, isoWeekday } from "./dates.ts";

const TUESDAY = isoToDay("2025-09-16");

function one(text: string, language: "fr" | "en" | "ru", published: number | null = TUESDAY) {
  const found = findDates(text, language, published);
  expect(found).toHaveLength(1);
  const [date] = found;
  if (!date) throw new Error("no date");
  expect(text.slice(date.start, date.end)).toBe(date.text);
  return date;
}

describe("findDates: explicit dates", () => {
  it.each([
    ["Le 16 septembre 2025, le président", "fr", "2025-09-16", null, "explicit"],
    ["la libération de 52 prisonniers le 11 septembre 2025", "fr", "2025-09-11", null, "explicit"],
    ["le 1er octobre 2024", "fr", "2024-10-01", null, "explicit"],
    ["Fin 2024, Viasna recensait", "fr", "2024-12~", "2024-12-31", "explicit"],
    ["à la fin de 2024", "fr", "2024-12~", "2024-12-31", "explicit"],
    ["en septembre 2025", "fr", "2025-09", null, "explicit"],
    ["en 2020", "fr", "2020", null, "explicit"],
    ["September 11, 2025", "en", "2025-09-11", null, "explicit"],
    ["on 11 September 2025", "en", "2025-09-11", null, "explicit"],
    ["at the end of 2024", "en", "2024-12~", "2024-12-31", "explicit"],
    ["in May 2024", "en", "2024-05", null, "explicit"],
    ["11 сентября 2025 года", "ru", "2025-09-11", null, "explicit"],
    ["в конце 2024 года", "ru", "2024-12~", "2024-12-31", "explicit"],
    ["в сентябре 2025 года", "ru", "2025-09", null, "explicit"],
    ["в 2020 году", "ru", "2020", null, "explicit"],
  ] as const)("%s (%s) → %s", (text, language, edtf, pointDay, basis) => {
    const date = one(text, language);
    expect(date.edtf).toBe(edtf);
    expect(date.pointDay).toBe(pointDay);
    expect(date.basis).toBe(basis);
  });

  it("takes the year from the article, last year's when the day is well after it", () => {
    expect(one("le 11 septembre", "fr").edtf).toBe("2025-09-11");
    expect(one("le 11 septembre", "fr").basis).toBe("year_from_article");
    expect(one("on December 28", "en").edtf).toBe("2024-12-28");
    expect(one("15 января", "ru").edtf).toBe("2025-01-15");
    expect(one("le 11 septembre", "fr", null).edtf).toBeNull();
  });

  it("marks since and until", () => {
    expect(one("depuis 2006", "fr").relation).toBe("since");
    expect(one("since 2022", "en").relation).toBe("since");
    expect(one("с 2020 года", "ru").relation).toBe("since");
    expect(one("in 2020", "en").relation).toBe("at");
  });

  it("leaves the verbs may and march alone", () => {
    expect(findDates("Washington may lift them", "en", TUESDAY)).toEqual([]);
    expect(findDates("they march 2 miles", "en", TUESDAY)).toEqual([]);
  });
});

describe("findDates: relative to the article's date (Tuesday 2025-09-16)", () => {
  it.each([
    ["hier", "fr", "2025-09-15"],
    ["avant-hier", "fr", "2025-09-14"],
    ["mardi dernier", "fr", "2025-09-09"],
    ["mardi", "fr", "2025-09-16"],
    ["vendredi", "fr", "2025-09-12"],
    ["la semaine dernière", "fr", "2025-09-10~"],
    ["le mois dernier", "fr", "2025-08"],
    ["l'année dernière", "fr", "2024"],
    ["yesterday", "en", "2025-09-15"],
    ["last Tuesday", "en", "2025-09-09"],
    ["on Tuesday", "en", "2025-09-16"],
    ["on Sunday", "en", "2025-09-14"],
    ["last week", "en", "2025-09-10~"],
    ["last month", "en", "2025-08"],
    ["вчера", "ru", "2025-09-15"],
    ["во вторник", "ru", "2025-09-16"],
    ["в прошлый вторник", "ru", "2025-09-09"],
    ["в пятницу", "ru", "2025-09-12"],
    ["на прошлой неделе", "ru", "2025-09-10~"],
    ["в прошлом году", "ru", "2024"],
  ] as const)("%s (%s) → %s", (text, language, edtf) => {
    const date = one(text, language);
    expect(date.edtf).toBe(edtf);
    expect(date.basis).toBe("relative");
  });

  it("cannot resolve a relative date without the article's date", () => {
    expect(one("hier", "fr", null).edtf).toBeNull();
  });

  it("knows the weekdays", () => {
    expect(isoWeekday(isoToDay("2025-09-16"))).toBe(2);
    expect(isoWeekday(isoToDay("1970-01-01"))).toBe(4);
    expect(isoWeekday(isoToDay("2026-03-08"))).toBe(7);
  });
});
