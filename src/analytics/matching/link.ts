/**
 * Record linkage at scale: blocking keys put records that could be one person into the
 * same block, and only records sharing a block are compared. Four passes catch what one
 * would miss:
 *
 * - `n:` a pair of name words (surname and given name, in any order, any script);
 * - `sy:` the surname with the birth year (the given name written differently);
 * - `gy:` the given name with the birth year and the surname's first consonant (the
 *   surname misspelt further on);
 * - `gd:` the given name with the exact birth day (the surname changed).
 *
 * A record has at most one match in the registry, so the probability of each candidate is
 * its share of the evidence against all candidates and "no match" (two namesakes split it).
 */
import { type Comparison, explainPair, scorePair } from "./compare.ts";
import type { RecordFeatures } from "./features.ts";
import { log2, type MatchModel } from "./model.ts";

const DAY_MS = 86_400_000;

function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** The blocking keys of a record. */
export function blockingKeys(record: RecordFeatures): string[] {
  const keys = new Set<string>();
  for (const key of record.nameKeys) keys.add(`n:${key}`);
  const birth = record.birth;
  if (birth !== null && yearOf(birth.first) === yearOf(birth.last)) {
    const year = yearOf(birth.first);
    for (const surname of record.surnameKeys) keys.add(`sy:${surname}:${year}`);
    // A misspelt surname usually keeps its first consonant: it narrows the block.
    const initials = new Set(record.surnameKeys.map((k) => k[0] ?? ""));
    for (const given of record.givenKeys) {
      for (const initial of initials) keys.add(`gy:${given}:${year}:${initial}`);
    }
  }
  if (birth !== null && birth.first === birth.last) {
    for (const given of record.givenKeys) keys.add(`gd:${given}:${birth.first}`);
  }
  // A record with one name word only (a surname alone) still needs a block.
  if (record.nameKeys.length === 0) {
    for (const surname of record.surnameKeys) keys.add(`s:${surname}`);
  }
  return [...keys];
}

export interface BlockingIndex {
  records: readonly RecordFeatures[];
  blocks: Map<string, number[]>;
}

/** Blocks larger than this are skipped: they would compare everyone with everyone. */
export const MAX_BLOCK = 5000;

export function buildIndex(records: readonly RecordFeatures[]): BlockingIndex {
  const blocks = new Map<string, number[]>();
  records.forEach((record, index) => {
    for (const key of blockingKeys(record)) {
      const block = blocks.get(key);
      if (block) block.push(index);
      else blocks.set(key, [index]);
    }
  });
  return { records, blocks };
}

export interface LinkStats {
  comparisons: number;
  skippedBlocks: number;
}

export type Decision = "link" | "review" | "none";

export interface Thresholds {
  /** Probability at or above which records are linked. */
  link: number;
  /** Probability at or above which a pair goes to the review queue. */
  review: number;
}

/**
 * Chosen on the training set (seed 101): linking at 0.9 keeps precision near 0.998 with
 * F1 ≈ 0.96; below 0.2 almost no true match remains (docs/MATCHING.md).
 */
export const DEFAULT_THRESHOLDS: Thresholds = { link: 0.9, review: 0.2 };

export interface LinkOptions {
  thresholds?: Thresholds;
  /** Most candidates kept per record, best first (default 5). */
  maxCandidates?: number;
  /** Candidates whose probability is below this are dropped (default 0.001). */
  keepAbove?: number;
}

/** Candidates whose evidence is this far below the best add nothing to the sum. */
const NEGLIGIBLE_BITS = 30;

/**
 * The candidates of one record, best first, with probabilities normalized over them and
 * "no match": p(j) = π·K(j) / ((1 − ρ) + π·ΣK), K = 2^evidence, π the pair prior, ρ the
 * share of records expected to have a match.
 */
export function candidatesOf(
  index: BlockingIndex,
  model: MatchModel,
  record: RecordFeatures,
  options: LinkOptions & { skip?: (j: number) => boolean; seen?: Int32Array; stamp?: number },
  stats: LinkStats = { comparisons: 0, skippedBlocks: 0 },
): Comparison[] {
  const seen = options.seen ?? new Int32Array(index.records.length);
  const stamp = options.stamp ?? 1;
  const scored: { j: number; evidence: number }[] = [];
  for (const key of blockingKeys(record)) {
    const block = index.blocks.get(key);
    if (!block) continue;
    if (block.length > MAX_BLOCK) {
      stats.skippedBlocks++;
      continue;
    }
    for (const j of block) {
      if (seen[j] === stamp || options.skip?.(j)) continue;
      seen[j] = stamp;
      stats.comparisons++;
      scored.push({
        j,
        evidence: scorePair(model, record, index.records[j] as RecordFeatures).evidence,
      });
    }
  }
  if (scored.length === 0) return [];
  scored.sort((a, b) => b.evidence - a.evidence);
  // In log2 units relative to the best candidate, so that 2^x never overflows.
  const top = (scored[0] as { evidence: number }).evidence + log2(model.prior);
  const none = log2(1 - model.inRegistry);
  const reference = Math.max(top, none);
  let total = 2 ** (none - reference);
  for (const { evidence } of scored) {
    const w = evidence + log2(model.prior) - reference;
    if (w < -NEGLIGIBLE_BITS) break;
    total += 2 ** w;
  }
  const keep = options.keepAbove ?? 0.001;
  const out: Comparison[] = [];
  for (const { j, evidence } of scored.slice(0, options.maxCandidates ?? 5)) {
    const probability = 2 ** (evidence + log2(model.prior) - reference) / total;
    if (probability < keep) break;
    const explained = explainPair(model, record, index.records[j] as RecordFeatures);
    out.push({ ...explained, probability });
  }
  return out;
}

/**
 * Whether a comparison may be linked without a person looking at it: not when the given
 * names, the surnames, the genders or the birth dates disagree outright, however strong
 * the rest (twins share surname, patronymic and birth day; namesakes share a whole name;
 * a married woman's surname changes; a birth year can be mistyped).
 */
export function mayAutoLink(comparison: Comparison): boolean {
  const { given, surname, gender, birth } = comparison.levels;
  return (
    given !== "different" &&
    surname !== "different" &&
    gender !== "different" &&
    birth !== "different"
  );
}

export interface IncomingResult {
  id: string;
  decision: Decision;
  /** Candidates best first (the first is the one linked or reviewed). */
  candidates: Comparison[];
}

/** Link the best candidate when it clears the link threshold and may be auto-linked. */
export function decide(
  id: string,
  candidates: Comparison[],
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): IncomingResult {
  const best = candidates[0];
  if (!best || best.probability < thresholds.review) return { id, decision: "none", candidates };
  if (best.probability >= thresholds.link && mayAutoLink(best)) {
    return { id, decision: "link", candidates };
  }
  return { id, decision: "review", candidates };
}

/** Each incoming record against the registry index. */
export function matchIncoming(
  index: BlockingIndex,
  model: MatchModel,
  incoming: readonly RecordFeatures[],
  options: LinkOptions = {},
): { results: IncomingResult[]; stats: LinkStats } {
  const stats: LinkStats = { comparisons: 0, skippedBlocks: 0 };
  const seen = new Int32Array(index.records.length);
  const results = incoming.map((record, k) =>
    decide(
      record.id,
      candidatesOf(index, model, record, { ...options, seen, stamp: k + 1 }, stats),
      options.thresholds,
    ),
  );
  return { results, stats };
}

/**
 * Pairs of records of one registry that may be one person, each pair once with the
 * higher of its two probabilities (each record's candidates are normalized on its own),
 * at or above the review threshold, best first.
 */
export function findDuplicatePairs(
  index: BlockingIndex,
  model: MatchModel,
  options: LinkOptions = {},
): { pairs: Comparison[]; stats: LinkStats } {
  const stats: LinkStats = { comparisons: 0, skippedBlocks: 0 };
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const seen = new Int32Array(index.records.length);
  const byPair = new Map<string, Comparison>();
  index.records.forEach((record, i) => {
    const found = candidatesOf(
      index,
      model,
      record,
      { ...options, keepAbove: thresholds.review, seen, stamp: i + 1, skip: (j) => j === i },
      stats,
    );
    for (const comparison of found) {
      const [left, right] = [comparison.leftId, comparison.rightId].sort() as [string, string];
      const key = `${left}\u0000${right}`;
      const previous = byPair.get(key);
      if (!previous || previous.probability < comparison.probability) byPair.set(key, comparison);
    }
  });
  const pairs = [...byPair.values()].sort((a, b) => b.probability - a.probability);
  return { pairs, stats };
}
