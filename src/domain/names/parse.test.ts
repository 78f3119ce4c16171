import { describe, expect, it } from "vitest";
import { nameKeys } from "./keys.ts";
import { parseName, patronymicStem } from "./parse.ts";

describe("parseName", () => {
  it.each([
    ["Ціханоўскі Сяргей Мікалаевіч", "сяргей", "мікалаевіч", ["ціханоўскі"], "male"],
    ["Сяргей Мікалаевіч Ціханоўскі", "сяргей", "мікалаевіч", ["ціханоўскі"], "male"],
    ["Карповіч Сяргей Мікалаевіч", "сяргей", "мікалаевіч", ["карповіч"], "male"],
    ["Сяргей Мікалаевіч Карповіч", "сяргей", "мікалаевіч", ["карповіч"], "male"],
    ["Тихановская Светлана Георгиевна", "светлана", "георгиевна", ["тихановская"], "female"],
    ["Siarhei Tsikhanouski", "siarhei", null, ["tsikhanouski"], "male"],
    ["Tsikhanouski Siarhei", "siarhei", null, ["tsikhanouski"], "male"],
    ["Kavaliova Hanna", "hanna", null, ["kavaliova"], "female"],
    ["Ivanov Ivan", "ivan", null, ["ivanov"], "male"],
    ["Вольга Юр'еўна Кавалёва", "вольга", "юреўна", ["кавалёва"], "female"],
    ["Ганна Ціханоўская-Пятроўская", "ганна", null, ["ціханоўская", "пятроўская"], "female"],
  ])("%s", (text, given, patronymic, surnames, gender) => {
    const parsed = parseName(text);
    expect(parsed.given).toBe(given);
    expect(parsed.patronymic).toBe(patronymic);
    expect(parsed.surnames).toEqual(surnames);
    expect(parsed.gender).toBe(gender);
  });

  it("keeps initials apart", () => {
    const parsed = parseName("S. Tsikhanouski");
    expect(parsed.initials).toEqual(["s"]);
    expect(parsed.surnames).toEqual(["tsikhanouski"]);
  });

  it("finds the father's name inside a patronymic", () => {
    expect(patronymicStem("мікалаевіч")).toBe("мікала");
    expect(patronymicStem("николаевич")).toBe("никола");
    expect(patronymicStem("mikalaevich")).toBe("mikala");
    expect(patronymicStem("аляксандраўна")).toBe("аляксандр");
    expect(patronymicStem("ціханоўскі")).toBeNull();
  });

  it("an empty name has no parts", () => {
    expect(parseName("  -- ").words).toEqual([]);
  });
});

describe("nameKeys", () => {
  it("the same pair key for every order, script and standard", () => {
    const pairs = (text: string) =>
      nameKeys(text)
        .filter((k) => k.kind === "pair")
        .map((k) => k.key);
    const official = pairs("Ціханоўскі Сяргей Мікалаевіч");
    expect(official).toEqual(["srh|thnsk"]);
    for (const other of [
      "Сяргей Ціханоўскі",
      "Тихановский Сергей Николаевич",
      "Siarhei Tsikhanouski",
      "Tikhanovsky Sergey",
      "Siergiej Tichanowski",
    ]) {
      expect(pairs(other)).toContain("srh|thnsk");
    }
  });

  it("leaves the patronymic and initials out", () => {
    const keys = nameKeys("Ціханоўскі С. Мікалаевіч").map((k) => k.key);
    expect(keys).toEqual(["thnsk"]);
  });
});
