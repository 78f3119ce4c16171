import { describe, expect, it } from "vitest";
import { findNumbers, parseNumberWords } from "./numbers.ts";

describe("findNumbers", () => {
  it.each([
    // text, language, value, qualifier, text of the mention
    ["52 prisonniers", "fr", 52, "exact", "52"],
    ["environ 1 265 prisonniers", "fr", 1265, "approx", "environ 1 265"],
    ["environ 1\u00A0265", "fr", 1265, "approx", "environ 1\u00A0265"],
    ["plus de 1\u202F265", "fr", 1265, "more_than", "plus de 1\u202F265"],
    ["plus de 1000 prisonniers", "fr", 1000, "more_than", "plus de 1000"],
    ["moins de 900", "fr", 900, "fewer_than", "moins de 900"],
    ["cinquante-deux détenus", "fr", 52, "exact", "cinquante-deux"],
    ["quatre-vingt-dix-sept", "fr", 97, "exact", "quatre-vingt-dix-sept"],
    ["vingt et un", "fr", 21, "exact", "vingt et un"],
    ["more than 1,265 people", "en", 1265, "more_than", "more than 1,265"],
    ["fewer than 1,200", "en", 1200, "fewer_than", "fewer than 1,200"],
    ["about 35,000", "en", 35000, "approx", "about 35,000"],
    ["fifty-two prisoners", "en", 52, "exact", "fifty-two"],
    ["one hundred and twelve", "en", 112, "exact", "one hundred and twelve"],
    ["65 thousand", "en", 65000, "exact", "65 thousand"],
    ["двадцать пять человек", "ru", 25, "exact", "двадцать пять"],
    ["около 1150", "ru", 1150, "approx", "около 1150"],
    ["более 65 тысяч человек", "ru", 65000, "more_than", "более 65 тысяч"],
    ["свыше 1 100", "ru", 1100, "more_than", "свыше 1 100"],
    ["пятидесяти двух политзаключённых", "ru", 52, "exact", "пятидесяти двух"],
  ] as const)("%s (%s) → %d %s", (text, language, value, qualifier, mention) => {
    const [found] = findNumbers(text, language);
    expect(found?.value).toBe(value);
    expect(found?.qualifier).toBe(qualifier);
    expect(found?.text).toBe(mention);
    expect(text.slice(found?.start, found?.end)).toBe(mention);
  });

  it("skips decimals, lone articles and overlapping scale words", () => {
    expect(findNumbers("1,5 million and 3.5 percent", "en").map((n) => n.value)).toEqual([]);
    expect(findNumbers("un des prisonniers", "fr")).toEqual([]);
    expect(findNumbers("one of them", "en")).toEqual([]);
    expect(findNumbers("тысячи людей", "ru")).toEqual([]);
    expect(findNumbers("65 thousand", "en")).toHaveLength(1);
  });
});

describe("parseNumberWords", () => {
  it.each([
    ["soixante-dix-sept", "fr", 77],
    ["quatre-vingts", "fr", 80],
    ["mille deux cent soixante-cinq", "fr", 1265],
    ["two thousand and five", "en", 2005],
    ["одна тысяча двести шестьдесят пять", "ru", 1265],
    ["сорока", "ru", 40],
  ] as const)("%s (%s) = %d", (text, language, value) => {
    expect(parseNumberWords(text, language)).toBe(value);
  });

  it("refuses words that are not numbers", () => {
    expect(parseNumberWords("vingt prisonniers", "fr")).toBeNull();
  });
});
