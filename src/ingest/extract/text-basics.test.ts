import { describe, expect, it } from "vitest";
import { detectLanguage } from "./language.ts";
import { splitSentences } from "./sentences.ts";

describe("detectLanguage", () => {
  it.each([
    ["Le président a annoncé l'amnistie de 25 personnes condamnées.", "fr"],
    ["The president announced the amnesty of 25 people.", "en"],
    ["Президент объявил об амнистии 25 человек.", "ru"],
    ["Washington a levé les sanctions contre Belavia.", "fr"],
    ["Washington lifted the sanctions on Belavia.", "en"],
  ] as const)("%s → %s", (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });
});

describe("splitSentences", () => {
  it("keeps abbreviations inside sentences and gives exact offsets", () => {
    const text =
      "U.S. officials met Mr. Coale on Sept. 11 in Minsk. Then 52 were freed.\nA title\nDr. Smith said so.";
    const sentences = splitSentences(text, "en");
    expect(sentences.map((s) => s.text)).toEqual([
      "U.S. officials met Mr. Coale on Sept. 11 in Minsk.",
      "Then 52 were freed.",
      "A title",
      "Dr. Smith said so.",
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("handles French and Russian abbreviations", () => {
    expect(splitSentences("M. Dupont est venu. Il a dit oui.", "fr").map((s) => s.text)).toEqual([
      "M. Dupont est venu.",
      "Il a dit oui.",
    ]);
    expect(splitSentences("В 2025 г. в Минске. Он ушёл.", "ru").map((s) => s.text)).toEqual([
      "В 2025 г. в Минске.",
      "Он ушёл.",
    ]);
  });
});
