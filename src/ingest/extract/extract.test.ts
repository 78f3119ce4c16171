/**
 * The example articles give exactly the hand-written drafts of their `.expected.json`, no
 * more; sentences with numbers that are not releases or counts give nothing.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isoToDay } from "../../domain/partial-date.ts";
import { extract } from "./extract.ts";
import type { Draft, DraftKind, Language } from "./types.ts";

const EXAMPLES = new URL("../../../data/examples/", import.meta.url);

interface Expected {
  article: string;
  published: string;
  language: Language;
  drafts: { kind: DraftKind; payload: object }[];
}

function example(name: string): { text: string; expected: Expected } {
  const expected = JSON.parse(
    readFileSync(new URL(`${name}.expected.json`, EXAMPLES), "utf8"),
  ) as Expected;
  return { text: readFileSync(new URL(expected.article, EXAMPLES), "utf8"), expected };
}

function only(drafts: Draft[]) {
  return drafts.map((d) => ({ kind: d.kind, payload: d.payload }));
}

describe.each(["founding-article-fr", "article-en", "article-ru"])("the example %s", (name) => {
  const { text, expected } = example(name);
  const result = extract(text, { published: isoToDay(expected.published) });

  it("gives exactly the expected drafts, in the order of the text", () => {
    expect(result.language).toBe(expected.language);
    expect(only(result.drafts)).toEqual(expected.drafts);
  });

  it("points each draft at its sentence and its evidence in the text", () => {
    for (const draft of result.drafts) {
      expect(text.slice(draft.start, draft.end)).toBe(draft.sentence);
      expect(draft.evidence.length).toBeGreaterThan(0);
      for (const e of draft.evidence) {
        expect(text.slice(e.start, e.end)).toBe(e.text);
        expect(e.start).toBeGreaterThanOrEqual(draft.start);
        expect(e.end).toBeLessThanOrEqual(draft.end);
      }
      expect(draft.confidence).toBeGreaterThan(0);
      expect(draft.confidence).toBeLessThanOrEqual(0.95);
    }
  });

  it("detects the language and reads the article's date from the text when not given", () => {
    const guessed = extract(text);
    expect(guessed.language).toBe(expected.language);
    expect(guessed.published).toBe(expected.published);
    expect(guessed.publishedFrom).toBe("text");
    expect(only(guessed.drafts)).toEqual(expected.drafts);
  });
});

describe("confidence says what was inferred", () => {
  const { text } = example("founding-article-fr");
  const { drafts } = extract(text, { published: isoToDay("2025-09-16") });
  const find = (kind: DraftKind, test: (payload: Record<string, unknown>) => boolean) => {
    const draft = drafts.find((d) => d.kind === kind && test(d.payload as never));
    if (!draft) throw new Error(`no ${kind}`);
    return draft;
  };

  it("full confidence when every field is written in the sentence", () => {
    const op = find("release_operation", (p) => p.announced_count === 52);
    expect(op.confidence).toBe(0.95);
    expect(op.notes).toEqual([]);
    expect(op.evidence.map((e) => [e.field, e.text])).toEqual([
      ["kind", "libération"],
      ["announced_count", "52 prisonniers"],
      ["date", "le 11 septembre 2025"],
      ["mediators", "John Coale"],
    ]);
  });

  it("lower when the date is inferred from the release the measure responds to", () => {
    const measure = find("measure", () => true);
    expect(measure.confidence).toBe(0.75);
    expect(measure.notes).toEqual([
      "no date: taken as a response to the release of 2025-09-11 mentioned before, approximately (−0.20)",
    ]);
  });

  it("a present-tense count is as of the article's date, slightly lower", () => {
    const count = find("monitor_count", (p) => p.value === 1000);
    expect(count.confidence).toBe(0.85);
    const end2024 = find("monitor_count", (p) => p.value === 1265);
    expect(end2024.confidence).toBe(0.95);
    expect(end2024.notes).toEqual(['"Fin 2024" taken as 2024-12-31']);
  });
});

describe("numbers that are not releases nor monitor counts give nothing", () => {
  const published = isoToDay("2025-09-16");
  it.each([
    ["en", "The activist, 52 years old, was freed from custody after serving his sentence."],
    ["en", "A 52-year-old political prisoner was released on Monday."],
    ["en", "In 2020, 35,000 were detained during the protests."],
    // A detention count, even from a monitor, is not its count of political prisoners.
    ["en", "In 2020, more than 35,000 people were detained, Viasna said."],
    ["en", "Amnesty International said 52 people remain in danger."],
    ["en", "Lukashenko could pardon 30 prisoners before the election, officials hinted."],
    // A running total is not one release operation.
    ["en", "Viasna has documented more than 3,000 political prisoners released since 2020."],
    ["en", "The European Union extended its sanctions against Belarus for another year."],
    ["en", "Viasna says the releases have not stopped new arrests: 120 people were detained."],
    ["fr", "Le militant, âgé de 52 ans, a été libéré hier."],
    ["fr", "Grâce à la mobilisation, 52 familles ont reçu de l'aide."],
    ["fr", "En 2020, 35 000 personnes ont été arrêtées."],
    ["fr", "Ces actes d'amnistie sont souvent perçus comme des manœuvres stratégiques."],
    ["fr", "Washington pourrait lever les sanctions visant Belavia."],
    ["ru", "Освобождённому 72-летнему пенсионеру вернули паспорт."],
    ["ru", "В 2020 году были задержаны более 35 тысяч человек."],
    ["ru", "Лукашенко может помиловать ещё 30 заключённых."],
    ["ru", "Евросоюз пока не собирается смягчать санкции против Минска."],
  ] as const)("%s: %s", (language, sentence) => {
    expect(only(extract(sentence, { published, language }).drafts)).toEqual([]);
  });
});

describe("single sentences", () => {
  const published = isoToDay("2025-09-16");
  const drafts = (text: string, language?: Language) =>
    only(extract(text, { published, language }).drafts);

  it("a release in words, with a qualifier and a relative date", () => {
    expect(drafts("Mardi dernier, cinquante-deux prisonniers ont été libérés.")).toEqual([
      {
        kind: "release_operation",
        payload: {
          date: "2025-09-09",
          kind: "other",
          announced_count: 52,
          mediators: null,
          description: "52 people released",
        },
      },
    ]);
  });

  it("a measure imposed, with a date and a guessed target", () => {
    expect(drafts("On 3 March 2025 the EU imposed sanctions on Acme Potash Works.", "en")).toEqual([
      {
        kind: "measure",
        payload: {
          authority: "EU",
          target: "Acme Potash Works",
          kind: "sanctions",
          imposed: "2025-03-03",
          eased: null,
          lifted: null,
          description: "EU imposes sanctions on Acme Potash Works",
        },
      },
    ]);
  });

  it("a count with its monitor in Russian, in words", () => {
    expect(
      drafts(
        "По данным «Вясны», 11 сентября 2025 года в Беларуси было двадцать пять политзаключённых.",
      ),
    ).toEqual([
      {
        kind: "monitor_count",
        payload: { monitor: "Viasna", as_of: "2025-09-11", value: 25, qualifier: "exact" },
      },
    ]);
  });

  it.each([
    ["Le 11 septembre, 52 prisonniers, dont 14 étrangers, ont été libérés.", "2025-09-11"],
    ["Belarus on Thursday freed 52 prisoners, including 14 foreign nationals.", "2025-09-11"],
    ["11 сентября Лукашенко помиловал 52 осуждённых, среди них 14 иностранцев.", "2025-09-11"],
  ])("a part of a count is not a release of its own: %s", (sentence, date) => {
    const found = drafts(sentence);
    expect(found.map((d) => d.kind)).toEqual(["release_operation"]);
    expect(found[0]?.payload).toMatchObject({ date, announced_count: 52 });
  });

  it.each([
    [
      "Selon Viasna, le nombre de prisonniers politiques s'élevait à 1 150 au 1er décembre 2025.",
      "exact",
    ],
    [
      "According to Viasna, the number of political prisoners stood at 1,150 on 1 December 2025.",
      "exact",
    ],
    [
      "По данным «Весны», на 1 декабря 2025 года число политзаключённых составило около 1150 человек.",
      "approx",
    ],
  ])("a count with the noun before the number: %s", (sentence, qualifier) => {
    expect(drafts(sentence)).toEqual([
      {
        kind: "monitor_count",
        payload: { monitor: "Viasna", as_of: "2025-12-01", value: 1150, qualifier },
      },
    ]);
  });

  it("a count without a monitor named is not drafted", () => {
    expect(drafts("There are more than 1,100 political prisoners in Belarus.", "en")).toEqual([]);
  });
});
