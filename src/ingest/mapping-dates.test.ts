import { describe, expect, it } from "vitest";
import { compileDateFormat, monthFromName, readDate } from "./mapping-dates.ts";

const read = (text: string, ...formats: string[]) => readDate(text, formats.map(compileDateFormat));

describe("dates in other layouts", () => {
  it.each([
    ["11.09.2025", ["DD.MM.YYYY"], "2025-09-11"],
    ["1.9.2025", ["D.M.YYYY"], "2025-09-01"],
    ["1.9.2025", ["DD.MM.YYYY"], "2025-09-01"],
    ["09/2025", ["MM/YYYY"], "2025-09"],
    ["9/2025", ["DD.MM.YYYY", "MM/YYYY"], "2025-09"],
    ["2025", ["DD.MM.YYYY", "YYYY"], "2025"],
    ["сентябрь 2025", ["MMMM YYYY"], "2025-09"],
    ["Сентябрь  2025", ["MMMM YYYY"], "2025-09"],
    ["16 верасня 2025", ["D MMMM YYYY"], "2025-09-16"],
    ["16 вересня 2025", ["D MMMM YYYY"], "2025-09-16"],
    ["3 мая 2021", ["D MMMM YYYY"], "2021-05-03"],
    ["март 2021", ["MMMM YYYY"], "2021-03"],
    ["11 septembre 2025", ["D MMMM YYYY"], "2025-09-11"],
    ["Sept. 2025", ["MMMM YYYY"], "2025-09"],
    ["11 października 2025", ["D MMMM YYYY"], "2025-10-11"],
    ["около 2022", ["YYYY"], "2022~"],
    ["~05.2022", ["MM.YYYY"], "2022-05~"],
    ["2022?", ["YYYY"], "2022?"],
    ["каля 2020?", ["YYYY"], "2020%"],
    ["2025-09-11", ["DD.MM.YYYY", "ISO"], "2025-09-11"],
    // Checked later as a date, not here: the bundle's validation names the impossible day.
    ["31.09.2025", ["DD.MM.YYYY"], "2025-09-31"],
  ])("%s with %j → %s", (text, formats, edtf) => {
    expect(read(text, ...formats)).toEqual({ ok: true, edtf });
  });

  it("names the formats a date does not match", () => {
    expect(read("2025.09.11", "DD.MM.YYYY", "MM.YYYY")).toEqual({
      ok: false,
      reason: '"2025.09.11" is not a date in the formats DD.MM.YYYY, MM.YYYY',
    });
    expect(read("11 Брумера 2025", "D MMMM YYYY")).toEqual({
      ok: false,
      reason: '"11 Брумера 2025": no month is called "Брумера"',
    });
  });

  it("refuses a format without a year, or with a day but no month", () => {
    expect(() => compileDateFormat("DD.MM")).toThrow('the date format "DD.MM" has no year (YYYY)');
    expect(() => compileDateFormat("DD YYYY")).toThrow("has a day but no month");
  });

  it("knows month names in seven languages and any case", () => {
    const september = [
      "сентября",
      "Сентябрь",
      "верасень",
      "верасня",
      "September",
      "sept",
      "wrzesień",
    ];
    expect(september.map(monthFromName)).toEqual(september.map(() => 9));
    expect(["май", "мая", "травень", "траўня", "May", "mai", "maj"].map(monthFromName)).toEqual([
      5, 5, 5, 5, 5, 5, 5,
    ]);
    expect(monthFromName("ліпеня")).toBe(7);
    expect(monthFromName("лiпеня")).toBe(7); // Latin i
    expect(monthFromName("xyz")).toBeNull();
  });
});
