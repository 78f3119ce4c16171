/**
 * Spellings of one name in Belarusian and Russian Cyrillic and in the Latin standards
 * read back to the same consonant skeleton; different names do not.
 */
import { describe, expect, it } from "vitest";
import { wordKeys } from "./keys.ts";
import { readWord } from "./phonetic.ts";
import { words } from "./text.ts";

function keysOf(text: string): string[] {
  return wordKeys(words(text)[0] as string);
}

function share(a: string, b: string): boolean {
  const left = new Set(keysOf(a));
  return keysOf(b).some((k) => left.has(k));
}

const FAMILIES: [string, string[]][] = [
  [
    "Ціханоўскі",
    [
      "Тихановский",
      "Tsikhanouski",
      "Tikhanovsky",
      "Tichanowski",
      "Cichanoŭski",
      "Cichanouski",
      "Tikhanovskiy",
      "Tikhanovskii",
      "Tsikhanowski",
      "Cikhanowski",
      "Tikhanovski",
      "Zichanowski",
      "TSIKHANOUSKI",
    ],
  ],
  [
    "Ціханоўская",
    ["Тихановская", "Tsikhanouskaya", "Tsikhanouskaia", "Tikhanovskaïa", "Cichanoŭskaja"],
  ],
  ["Кавалёў", ["Ковалёв", "Ковалев", "Kavaliou", "Kavalyow", "Kovalyov", "Kovalev", "Kowalow"]],
  ["Кавалёва", ["Ковалёва", "Kavaliova", "Kovaleva", "Kowalewa", "Kovalyova", "Кавалёў"]],
  ["Шчарбакоў", ["Щербаков", "Shcharbakou", "Shcherbakov", "Szczerbakow", "Schtscherbakow"]],
  ["Шаўчэнка", ["Шевченко", "Shauchenka", "Shevchenko", "Szewczenko", "Chevtchenko"]],
  ["Дзмітрый", ["Дмитрий", "Dzmitry", "Dmitriy", "Dmitrij", "Dmitri", "Dzmitryj"]],
  ["Сяргей", ["Сергей", "Siarhei", "Syarhey", "Sergey", "Sergei", "Siergiej", "Sergej", "Sergueï"]],
  ["Юрый", ["Юрий", "Yury", "Iurii", "Jurij", "Iouri", "Yuriy"]],
  ["Жукаў", ["Жуков", "Zhukau", "Zhukov", "Joukov", "Schukow", "Żukow"]],
  ["Навумчык", ["Наумчик"]],
  ["Вольга", ["Ольга", "Volha", "Olga", "Olʹga", "Vol'ga"]],
  ["Ганна", ["Анна", "Hanna", "Anna"]],
  ["Мікалай", ["Николай", "Mikalai", "Nikolai", "Nikolay", "Nikołaj"]],
  ["Генадзь", ["Геннадий", "Hienadz", "Gennady", "Guennadi"]],
];

describe("one name, every spelling, one key", () => {
  for (const [name, spellings] of FAMILIES) {
    it.each(spellings)(`${name} ~ %s`, (spelling) => {
      expect(share(name, spelling)).toBe(true);
    });
  }
});

describe("different names keep different keys", () => {
  it.each([
    ["Кавалёў", "Кузняцоў"],
    ["Ціханоўскі", "Дамброўскі"],
    ["Сяргей", "Андрэй"],
    ["Tsikhanouski", "Savitski"],
    ["Жукаў", "Зайцаў"],
  ])("%s ≁ %s", (a, b) => {
    expect(share(a, b)).toBe(false);
  });
});

describe("readings", () => {
  it("a Cyrillic word has one reading (two with a Belarusian epenthetic в)", () => {
    expect(readWord("ціханоўскі").readings).toEqual([{ fine: "tahanaska", skeleton: "thnsk" }]);
    expect(readWord("навумчык").readings.map((r) => r.skeleton)).toEqual(["nvmck", "nmck"]);
  });

  it("a Latin word is read in each family that could have written it", () => {
    const { readings, families } = readWord("cichanouski");
    expect(readings.map((r) => r.skeleton)).toContain("thnsk");
    const slavic = families.findIndex((f) => f.includes("slavic"));
    expect(readings[slavic]?.skeleton).toBe("thnsk");
  });

  it("families that never write a spelling do not read it", () => {
    // "kh" is not Polish, German or Łacinka.
    const { families } = readWord("tsikhanouski");
    expect(families.flat()).not.toContain("slavic");
    expect(families.flat()).not.toContain("german");
  });

  it("apostrophes, case and look-alike letters do not matter", () => {
    expect(words("Юр'евіч")).toEqual(words("ЮРʼЕВІЧ"));
    // A Latin "o" and "a" typed inside a Cyrillic word.
    expect(keysOf("Кoвaлёв")).toEqual(keysOf("Ковалёв"));
  });
});
