/**
 * What every rule sees of one sentence (numbers, dates, actors, with offsets in the
 * article) and the helpers they share: people counts, date choice, and building a draft
 * whose confidence is 0.95 minus a listed penalty for each inference.
 */
import { dayToIso } from "../../domain/partial-date.ts";
import { type ActorMention, findActors } from "./actors.ts";
import { type DateMention, findDates } from "./dates.ts";
import { COUNT_MODIFIERS, NOT_A_COUNT_AFTER, PEOPLE, POLITICAL_PRISONERS } from "./lexicon.ts";
import { findNumbers, type NumberMention } from "./numbers.ts";
import { distance, findAll, has, overlaps, type Range, type Span } from "./text.ts";
import type { Draft, DraftKind, Evidence, Language, PayloadOf } from "./types.ts";

export interface ArticleContext {
  language: Language;
  text: string;
  /** Normalized text with non-release names ("Amnesty International") blanked out. */
  norm: string;
  published: number | null;
  publishedFrom: "given" | "text" | "none";
  warnings: string[];
}

export interface SentenceContext extends ArticleContext {
  sentence: Span;
  /** Numbers outside date expressions. */
  numbers: NumberMention[];
  dates: DateMention[];
  actors: ActorMention[];
}

export function sentenceContext(article: ArticleContext, sentence: Span): SentenceContext {
  const slice = article.text.slice(sentence.start, sentence.end);
  const shift = <T extends { start: number; end: number }>(list: T[]): T[] =>
    list.map((item) => ({
      ...item,
      start: item.start + sentence.start,
      end: item.end + sentence.start,
    }));
  const dates = shift(findDates(slice, article.language, article.published));
  const numbers = shift(findNumbers(slice, article.language))
    .map((n) => ({ ...n, numberStart: n.numberStart + sentence.start }))
    .filter((n) => !dates.some((d) => overlaps(d, { start: n.numberStart, end: n.end })));
  const actors = findActors(article.norm.slice(sentence.start, sentence.end), sentence.start);
  return { ...article, sentence, numbers, dates, actors };
}

/** The normalized text of the sentence between two absolute offsets. */
export function between(ctx: SentenceContext, start: number, end: number): string {
  return ctx.norm.slice(Math.max(start, ctx.sentence.start), Math.min(end, ctx.sentence.end));
}

/** Every match of `re` in the sentence, with absolute offsets. */
export function matches(ctx: SentenceContext, re: RegExp) {
  return findAll(re, ctx.norm.slice(ctx.sentence.start, ctx.sentence.end), ctx.sentence.start);
}

export interface PeopleCount {
  number: NumberMention;
  /** The noun counted ("prisonniers politiques"); null for "52 were freed". */
  noun: Span | null;
  political: boolean;
  start: number;
  end: number;
}

const anchored = (language: Language) =>
  new RegExp(
    `^\\s*(?:(?:${COUNT_MODIFIERS[language].source})\\s+){0,2}(${PEOPLE[language].source})`,
    "iu",
  );
const ANCHORED: Record<Language, RegExp> = {
  fr: anchored("fr"),
  en: anchored("en"),
  ru: anchored("ru"),
};

/** Numbers followed by a noun of people: "52 prisonniers", "more than 1,000 political prisoners". */
export function peopleCounts(ctx: SentenceContext): PeopleCount[] {
  const out: PeopleCount[] = [];
  for (const number of ctx.numbers) {
    const after = ctx.norm.slice(number.end, ctx.sentence.end);
    if (NOT_A_COUNT_AFTER.test(after)) continue;
    const m = ANCHORED[ctx.language].exec(after);
    if (!m?.[1]) continue;
    const nounStart = number.end + m[0].length - m[1].length;
    const noun = { start: nounStart, end: number.end + m[0].length, text: m[1] };
    // "political" may have been read as a modifier: look at all the words after the number.
    const political = has(POLITICAL_PRISONERS[ctx.language], m[0]);
    out.push({ number, noun, political, start: number.start, end: noun.end });
  }
  return out;
}

export interface Penalty {
  reason: string;
  penalty: number;
}

export interface ChosenDate {
  edtf: string;
  /** The day a stock figure refers to, for "end of 2024". */
  pointDay: string | null;
  mention: DateMention;
  penalties: Penalty[];
}

/** The penalty for leaning on an article date that was only read from the text. */
export function articleDatePenalty(ctx: SentenceContext): Penalty[] {
  if (ctx.publishedFrom !== "text" || ctx.published === null) return [];
  return [
    {
      reason: `the article's date ${dayToIso(ctx.published)} was read from the text`,
      penalty: 0.05,
    },
  ];
}

function datePenalties(ctx: SentenceContext, mention: DateMention): Penalty[] {
  const penalties: Penalty[] = [];
  const against = ctx.published === null ? "" : dayToIso(ctx.published);
  if (mention.basis === "relative") {
    const week = mention.edtf?.endsWith("~") ?? false;
    penalties.push({
      reason: `"${mention.text}" resolved against the article's date ${against}${week ? " (the middle of that week, approximately)" : ""}`,
      penalty: week ? 0.1 : 0.05,
    });
  } else if (mention.basis === "year_from_article") {
    penalties.push({
      reason: `"${mention.text}" has no year: taken from the article's date ${against}`,
      penalty: 0.05,
    });
  }
  if (mention.basis !== "explicit" && ctx.publishedFrom === "text") {
    penalties.push({
      reason: `the article's date ${against} was read from the text`,
      penalty: 0.05,
    });
  }
  return penalties;
}

/**
 * Gives each anchor the nearest date of the sentence, one date per anchor, closest pairs
 * first, so that "1,087 … as of March 1, compared with about 1,150 at the end of 2025"
 * dates each figure by its own expression.
 */
export function assignDates(
  ctx: SentenceContext,
  anchors: Range[],
  relations: DateMention["relation"][] = ["at"],
): (ChosenDate | null)[] {
  const usable = ctx.dates.filter((d) => d.edtf !== null && relations.includes(d.relation));
  const pairs: { a: number; d: number; gap: number }[] = [];
  anchors.forEach((anchor, a) => {
    usable.forEach((date, d) => {
      pairs.push({ a, d, gap: distance(anchor, date) });
    });
  });
  pairs.sort((x, y) => x.gap - y.gap);
  const result: (ChosenDate | null)[] = anchors.map(() => null);
  const taken = new Set<number>();
  for (const { a, d } of pairs) {
    if (result[a] !== null || taken.has(d)) continue;
    const mention = usable[d] as DateMention;
    taken.add(d);
    result[a] = {
      edtf: mention.edtf as string,
      pointDay: mention.pointDay,
      mention,
      penalties: datePenalties(ctx, mention),
    };
  }
  return result;
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

const BASE_CONFIDENCE = 0.95;

export function buildDraft<K extends DraftKind>(
  ctx: SentenceContext,
  kind: K,
  payload: PayloadOf[K],
  penalties: Penalty[],
  evidence: (Evidence | null)[],
): Draft {
  const total = penalties.reduce((sum, p) => sum + p.penalty, 0);
  return {
    kind,
    payload,
    sentence: ctx.sentence.text,
    start: ctx.sentence.start,
    end: ctx.sentence.end,
    confidence: round2(Math.max(0.05, BASE_CONFIDENCE - total)),
    notes: penalties.map((p) =>
      p.penalty > 0 ? `${p.reason} (−${p.penalty.toFixed(2)})` : p.reason,
    ),
    evidence: evidence.filter((e): e is Evidence => e !== null),
  } as Draft;
}

export function evidence(
  ctx: SentenceContext,
  field: string,
  span: Range | null | undefined,
): Evidence | null {
  if (!span) return null;
  return { field, text: ctx.text.slice(span.start, span.end), start: span.start, end: span.end };
}
