import { describe, expect, it } from "vitest";
import {
  alignWords,
  jaroWinkler,
  nameSimilarity,
  withinOneEdit,
  wordSimilarity,
} from "./similarity.ts";

describe("withinOneEdit", () => {
  it.each([
    ["thnsk", "thnsk", true],
    ["thnsk", "thnk", true],
    ["thnsk", "thnskk", true],
    ["thnsk", "thnsx", true],
    ["thnsk", "htnsk", true],
    ["thnsk", "tnhks", false],
    ["thnsk", "thn", false],
    ["abcd", "abdc", true],
    ["abcd", "bacd", true],
    ["abcd", "acbe", false],
    ["", "a", true],
    ["", "ab", false],
  ])("%s / %s: %s", (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
    expect(withinOneEdit(b, a)).toBe(expected);
  });
});

describe("jaroWinkler", () => {
  it.each([
    ["martha", "marhta", 0.961],
    ["dwayne", "duane", 0.84],
    ["dixon", "dicksonx", 0.813],
    ["abc", "abc", 1],
    ["abc", "", 0],
  ])("%s / %s = %d", (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 3);
  });
});

describe("wordSimilarity", () => {
  it("1 for two spellings that read the same", () => {
    expect(wordSimilarity("ціханоўскі", "tikhanovsky")).toBe(1);
  });
  it("0.95 for the feminine and masculine forms of a surname", () => {
    expect(wordSimilarity("кавалёва", "kovalev")).toBeCloseTo(0.95, 2);
  });
  it("0.95 for two forms of one given name", () => {
    expect(wordSimilarity("ганна", "anna")).toBeGreaterThanOrEqual(0.95);
  });
  it("low for different names", () => {
    expect(wordSimilarity("кавалёў", "кузняцоў")).toBeLessThan(0.75);
  });
});

describe("nameSimilarity", () => {
  it("any order, any script", () => {
    expect(nameSimilarity("Siarhei Tsikhanouski", "Ціханоўскі Сяргей")).toBe(1);
    expect(nameSimilarity("Tikhanovsky", "Сяргей Мікалаевіч Ціханоўскі")).toBeCloseTo(0.96, 2);
  });
  it("ranks an exact form before one with extra words", () => {
    expect(nameSimilarity("Siarhei Tsikhanouski", "Siarhei Tsikhanouski")).toBeGreaterThan(
      nameSimilarity("Siarhei Tsikhanouski", "Siarhei Mikalaevich Tsikhanouski"),
    );
  });
  it("a different given name halves the score", () => {
    const score = nameSimilarity("Andrei Tsikhanouski", "Сяргей Ціханоўскі");
    expect(score).toBeGreaterThan(0.45);
    expect(score).toBeLessThan(0.85);
  });
  it("alignWords pairs words one to one", () => {
    const { pairs } = alignWords(["a", "b"], ["b", "a"]);
    expect(pairs.map(([i, j]) => [i, j])).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });
});
