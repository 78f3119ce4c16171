import { describe, expect, it } from "vitest";
import { feminineSurnameBe, feminineSurnameRu } from "./synthetic-names.ts";

describe("feminine surnames", () => {
  it.each([
    ["Кавалёў", "Кавалёва"],
    ["Пятроў", "Пятрова"],
    ["Шэўчык", "Шэўчык"],
    ["Дубіцкі", "Дубіцкая"],
    ["Кузьмін", "Кузьміна"],
  ])("Belarusian %s → %s", (male, female) => {
    expect(feminineSurnameBe(male)).toBe(female);
  });

  it.each([
    ["Ковалёв", "Ковалёва"],
    ["Дубицкий", "Дубицкая"],
  ])("Russian %s → %s", (male, female) => {
    expect(feminineSurnameRu(male)).toBe(female);
  });
});
