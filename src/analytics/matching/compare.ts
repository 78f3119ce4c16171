/**
 * Compares two records field by field. `scorePair` is the fast path used on every blocked
 * pair (levels and bits only); `explainPair` adds, for the pairs worth showing, which
 * written forms agreed and how, and the bits each field adds.
 */
import { readWord } from "../../domain/names/phonetic.ts";
import { bestWordPair, compareFields, type RecordFeatures, type WordFeature } from "./features.ts";
import {
  FIELDS,
  type Field,
  type Level,
  type Levels,
  levelWeight,
  type MatchModel,
  priorWeight,
  probabilityOf,
} from "./model.ts";

export interface FieldExplanation {
  field: Field;
  level: string;
  /** Bits this field adds to the match weight (negative: evidence against). */
  weight: number;
  detail: string;
}

export interface PairScore {
  levels: Levels;
  /** Bits of evidence, the prior not included. */
  evidence: number;
  /** Given name and surname were compared crosswise (one side wrote them the other way). */
  swapped: boolean;
  /** u of the surname when its frequency in the registry was used. */
  surnameU?: number;
}

export interface Comparison extends PairScore {
  leftId: string;
  rightId: string;
  /** Match weight in bits: the evidence plus the prior log-odds. */
  weight: number;
  /** Probability that the pair is one person. */
  probability: number;
  fields: FieldExplanation[];
}

function nameLevel(score: number): "same" | "phonetic" | "fuzzy" | "different" {
  if (score >= 1) return "same";
  if (score >= 0.95) return "phonetic";
  if (score >= 0.9) return "fuzzy";
  return "different";
}

type NamePair = { score: number; left: WordFeature; right: WordFeature } | null;

function surnameOutcome(
  model: MatchModel,
  score: number | null,
  left: readonly WordFeature[],
  right: readonly WordFeature[],
): { level: Level<"surname"> | "missing"; weight: number; u?: number } {
  if (score === null) return { level: "missing", weight: 0 };
  const level = nameLevel(score);
  let u: number | undefined;
  if ((level === "same" || level === "phonetic") && model.surnameFrequency) {
    // A rare surname agreeing is stronger evidence than a common one.
    u = model.minFrequency ?? 1e-6;
    for (const a of left) {
      for (const s of a.skeletons) {
        if (right.some((b) => b.skeletons.includes(s))) {
          u = Math.max(u, model.surnameFrequency.get(s) ?? 0);
        }
      }
    }
  }
  return { level, weight: levelWeight(model, "surname", level, u), u };
}

function initialMatches(initials: readonly string[], givens: readonly WordFeature[]): boolean {
  return initials.some((initial) => {
    const sounds = readWord(initial).readings.map((r) => r.skeleton[0] ?? r.fine[0]);
    return givens.some((g) => g.skeletons.some((s) => sounds.includes(s[0] ?? "")));
  });
}

function givenLevel(
  a: RecordFeatures,
  b: RecordFeatures,
  score: number | null,
  left: readonly WordFeature[],
  right: readonly WordFeature[],
): Level<"given"> | "missing" {
  if (score === null) {
    const initials = left.length === 0 ? a.givenInitials : b.givenInitials;
    const full = left.length === 0 ? right : left;
    if (initials.length === 0 || full.length === 0) return "missing";
    return initialMatches(initials, full) ? "initial" : "different";
  }
  const level = nameLevel(score);
  return level === "phonetic" ? "equivalent" : level;
}

function birthLevel(a: RecordFeatures, b: RecordFeatures): Level<"birth"> | "missing" {
  if (a.birth === null || b.birth === null) return "missing";
  const x = a.birth;
  const y = b.birth;
  if (x.first === x.last && y.first === y.last && x.first === y.first) return "exact";
  const gap = Math.max(x.first - y.last, y.first - x.last, 0);
  if (gap === 0) return "overlap";
  // Close: a mistyped day or month, or the neighbouring year (1989 / 1990), not two apart.
  const exact = x.first === x.last && y.first === y.last;
  return gap <= (exact ? 366 : 31) ? "close" : "different";
}

function names(
  model: MatchModel,
  a: RecordFeatures,
  b: RecordFeatures,
  swapped: boolean,
): { surname: ReturnType<typeof surnameOutcome>; given: Level<"given"> | "missing" } {
  const bSurnames = swapped ? b.givens : b.surnames;
  const bSurnameIds = swapped ? b.givenIds : b.surnameIds;
  const bGivens = swapped ? b.surnames : b.givens;
  const bGivenIds = swapped ? b.surnameIds : b.givenIds;
  const surname = surnameOutcome(
    model,
    compareFields(a.surnames, a.surnameIds, bSurnames, bSurnameIds),
    a.surnames,
    bSurnames,
  );
  const given = givenLevel(
    a,
    b,
    compareFields(a.givens, a.givenIds, bGivens, bGivenIds),
    a.givens,
    bGivens,
  );
  return { surname, given };
}

/** Levels and bits of a pair: the fast path, no text. */
export function scorePair(model: MatchModel, a: RecordFeatures, b: RecordFeatures): PairScore {
  let chosen = names(model, a, b, false);
  let swapped = false;
  if (chosen.surname.level === "different" || chosen.surname.level === "missing") {
    // Given name and surname swapped (a list that put the surname first without saying
    // so): the better reading counts, by a clear margin.
    const crosswise = names(model, a, b, true);
    const total = (n: typeof chosen) => n.surname.weight + levelWeight(model, "given", n.given);
    if (total(crosswise) > total(chosen) + 1) {
      chosen = crosswise;
      swapped = true;
    }
  }
  const patronymic = compareFields(a.patronymics, a.patronymicIds, b.patronymics, b.patronymicIds);
  const region =
    a.region.length === 0 || b.region.length === 0
      ? "missing"
      : a.region.some((k) => b.region.includes(k))
        ? "same"
        : "different";
  const levels: Levels = {
    surname: chosen.surname.level,
    given: chosen.given,
    patronymic: patronymic === null ? "missing" : patronymic >= 0.95 ? "same" : "different",
    birth: birthLevel(a, b),
    region,
    gender:
      a.gender === null || b.gender === null
        ? "missing"
        : a.gender === b.gender
          ? "same"
          : "different",
  };
  let evidence = chosen.surname.weight;
  for (const field of FIELDS) {
    if (field !== "surname") evidence += levelWeight(model, field, levels[field] as never);
  }
  return { levels, evidence, swapped, surnameU: chosen.surname.u };
}

function describeWords(pair: NamePair, level: string): string {
  if (pair === null) return "missing on one side";
  const shared = pair.left.skeletons.find((s) => pair.right.skeletons.includes(s));
  const how =
    level === "same"
      ? `same sounds "${pair.left.fines.find((f) => pair.right.fines.includes(f)) ?? pair.left.fines[0]}"`
      : level === "phonetic" || level === "equivalent"
        ? shared
          ? `same consonants "${shared}"`
          : "forms of one given name"
        : level === "fuzzy"
          ? "one typing mistake apart"
          : "different";
  return `"${pair.left.word}" ~ "${pair.right.word}": ${how}`;
}

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function birthText(r: RecordFeatures): string {
  if (r.birth === null) return "unknown";
  if (r.birth.first === r.birth.last) return isoDay(r.birth.first);
  return `${isoDay(r.birth.first)}..${isoDay(r.birth.last)}`;
}

/** A pair with its explanation: every field, its level, its bits and what agreed. */
export function explainPair(model: MatchModel, a: RecordFeatures, b: RecordFeatures): Comparison {
  const score = scorePair(model, a, b);
  const { levels, swapped } = score;
  const order = swapped ? " (given name and surname swapped)" : "";
  const surnamePair = bestWordPair(a.surnames, swapped ? b.givens : b.surnames);
  const givenPair = bestWordPair(a.givens, swapped ? b.surnames : b.givens);
  const detail: Record<Field, string> = {
    surname: `${describeWords(surnamePair, levels.surname)}${order}${
      score.surnameU !== undefined
        ? `; ${(score.surnameU * 100).toPrecision(2)}% of the registry`
        : ""
    }`,
    given:
      levels.given === "initial" || (givenPair === null && levels.given === "different")
        ? `initial ${[...a.givenInitials, ...b.givenInitials].join(" ")} against a full given name`
        : `${describeWords(givenPair, levels.given)}${order}`,
    patronymic: describeWords(bestWordPair(a.patronymics, b.patronymics), levels.patronymic),
    birth: `${birthText(a)} / ${birthText(b)}`,
    region: `${a.regionText ?? "unknown"} / ${b.regionText ?? "unknown"}`,
    gender: `${a.gender ?? "unknown"} / ${b.gender ?? "unknown"}`,
  };
  const fields = FIELDS.map((field) => ({
    field,
    level: levels[field],
    weight:
      field === "surname"
        ? levelWeight(model, "surname", levels.surname, score.surnameU)
        : levelWeight(model, field, levels[field] as never),
    detail: detail[field],
  }));
  const weight = score.evidence + priorWeight(model);
  return {
    ...score,
    leftId: a.id,
    rightId: b.id,
    weight,
    probability: probabilityOf(weight),
    fields,
  };
}
