/**
 * Plain inputs and outputs of the analytics. Days are integers since 1970-01-01, as in
 * src/domain/partial-date.ts; a partial date enters as its first and last day.
 */
import type { ReleaseMechanism } from "../domain/model.ts";

/** A `detained`, `released` or `died_in_custody` event, reduced to what intervals need. */
export interface IntervalEvent {
  eventId: string;
  personId: string;
  type: "detained" | "released" | "died_in_custody";
  first: number;
  last: number;
  mechanism: ReleaseMechanism | null;
  operationId: string | null;
}

/** A `recognized` or `recognition_withdrawn` event of one monitor. */
export interface RecognitionEvent {
  personId: string;
  type: "recognized" | "recognition_withdrawn";
  monitor: string;
  first: number;
  last: number;
}

/** How an interval ended: the release mechanism, `unknown` when none is given, or death. */
export type ExitKind = ReleaseMechanism | "unknown" | "died_in_custody";

export const EXIT_KINDS: readonly ExitKind[] = [
  "pardon",
  "amnesty",
  "end_of_term",
  "deported",
  "negotiated",
  "court",
  "other",
  "unknown",
  "died_in_custody",
];

/**
 * One detention interval with both ends already narrowed (DESIGN.md). An open interval
 * has `end*`, `endEventId` and `exit` null.
 */
export interface Interval {
  personId: string;
  startEventId: string;
  endEventId: string | null;
  startFirst: number;
  startLast: number;
  startMid: number;
  endFirst: number | null;
  endLast: number | null;
  endMid: number | null;
  exit: ExitKind | null;
  /** The release operation of the closing event, if any. */
  operationId: string | null;
}

export type ProblemKind = "release_without_detention" | "overlapping_intervals";

export interface IntervalProblem {
  kind: ProblemKind;
  personId: string;
  eventIds: string[];
  message: string;
}

export type Step = "day" | "week" | "month" | "year";

/** An inclusive range of days and a period length. */
export interface SeriesOptions {
  from: number;
  to: number;
  step: Step;
}

/** Stock on one day: point value with its lower and upper bounds. */
export interface StockValue {
  count: number;
  lower: number;
  upper: number;
}
