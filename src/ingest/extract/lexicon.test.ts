import { describe, expect, it } from "vitest";
import { isoToDay } from "../../domain/partial-date.ts";
import { extract } from "./extract.ts";
import { NOT_A_COUNT_AFTER, RELEASE_WORDS } from "./lexicon.ts";
import { has } from "./text.ts";

const pardon = (RELEASE_WORDS.fr.find(([kind]) => kind === "pardon") ?? [])[1] as RegExp;

describe("release words", () => {
  it("'grâce à' is thanks to, a 'grâce' is a pardon", () => {
    expect(has(pardon, "grâce à la mobilisation")).toBe(false);
    expect(has(pardon, "grâce aux efforts")).toBe(false);
    expect(has(pardon, "une grâce présidentielle")).toBe(true);
    expect(has(pardon, "ils ont été graciés")).toBe(true);
  });

  it("Amnesty International is not an amnesty", () => {
    const published = isoToDay("2025-09-16");
    const text = "Amnesty International welcomed the amnesty of 25 people.";
    const { drafts } = extract(text, { published, language: "en" });
    expect(drafts).toHaveLength(1);
    // The amnesty is the second "amnesty", not the organisation's name.
    expect(drafts[0]?.evidence.find((e) => e.field === "kind")?.start).toBe(
      text.indexOf("amnesty"),
    );
  });

  it("ages, durations and shares are not counts", () => {
    for (const after of [" years old", "-year-old", " ans", " лет", "-летний", "%", " months"]) {
      expect(NOT_A_COUNT_AFTER.test(after)).toBe(true);
    }
    expect(NOT_A_COUNT_AFTER.test(" prisoners")).toBe(false);
  });
});
