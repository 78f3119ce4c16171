/**
 * What the news-text extractor produces: drafts of registry records, each with the sentence
 * it came from, the spans that gave each field, and a confidence that says how much of it
 * was read directly from the sentence rather than inferred.
 */
import type { CountQualifier, OperationKind } from "../../domain/model.ts";

export const LANGUAGES = ["fr", "en", "ru"] as const;
export type Language = (typeof LANGUAGES)[number];

export const DRAFT_KINDS = [
  "release_operation",
  "monitor_count",
  "measure",
  "diplomatic_event",
] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

/**
 * Payloads use the column names of the interchange bundle (DESIGN.md), without `id` and
 * `source_id`, so that a draft is validated by the same row schema as an imported row and
 * a reviewer's edit names the same field a CSV column would.
 */
export interface OperationPayload {
  date: string;
  kind: OperationKind;
  announced_count: number | null;
  mediators: string | null;
  description: string;
}

export interface MonitorCountPayload {
  monitor: string;
  as_of: string;
  value: number;
  qualifier: CountQualifier;
}

export const MEASURE_ACTIONS = ["imposed", "eased", "lifted"] as const;
export type MeasureAction = (typeof MEASURE_ACTIONS)[number];

export interface MeasurePayload {
  authority: string;
  target: string;
  kind: string;
  imposed: string | null;
  eased: string | null;
  lifted: string | null;
  description: string;
}

export interface DiplomaticEventPayload {
  date: string;
  kind: string;
  actors: string | null;
  description: string;
}

export interface PayloadOf {
  release_operation: OperationPayload;
  monitor_count: MonitorCountPayload;
  measure: MeasurePayload;
  diplomatic_event: DiplomaticEventPayload;
}

export type DraftPayload = PayloadOf[DraftKind];

/** A span of the article (JS string indices, i.e. UTF-16 code units) that gave a field. */
export interface Evidence {
  field: string;
  text: string;
  start: number;
  end: number;
}

interface DraftOf<K extends DraftKind> {
  kind: K;
  payload: PayloadOf[K];
  /** The sentence as it stands in the article, and where: `text.slice(start, end)`. */
  sentence: string;
  start: number;
  end: number;
  /** 0–1: 0.95 minus the penalty of each inference listed in `notes` (docs/EXTRACTION.md). */
  confidence: number;
  /** What was inferred rather than read, with its penalty. */
  notes: string[];
  evidence: Evidence[];
}

export type Draft = { [K in DraftKind]: DraftOf<K> }[DraftKind];

export interface Extraction {
  language: Language;
  /** The article's date (YYYY-MM-DD) that relative dates were resolved against, if any. */
  published: string | null;
  /** Whether `published` was given by the caller or taken from the text (latest full date). */
  publishedFrom: "given" | "text" | "none";
  drafts: Draft[];
  /** Things the reader should know: unresolvable dates, facts dropped and why. */
  warnings: string[];
}
