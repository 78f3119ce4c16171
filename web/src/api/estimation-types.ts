/**
 * The shapes of the estimation endpoints (src/services/estimate.ts, simulate.ts), as an
 * anonymous reader may get them: counts of people below the smallest cell are null.
 */
type Count = number | null;

export interface Interval {
  lower: number;
  upper: number | null;
  method: string;
}

export interface Estimator {
  name: "lincoln-petersen" | "chapman" | "best-aic" | "best-bic" | "model-average-aic";
  description: string;
  estimate: number | null;
  standardError: number | null;
  interval: Interval | null;
  undocumented: number | null;
  model: string | null;
}

export interface FittedModel {
  name: string;
  terms: string[];
  estimate: number;
  interval: Interval;
  deviance: number;
  df: number;
  aic: number;
  bic: number;
  aicWeight: number;
  bicWeight: number;
  stable: boolean;
  note: string | null;
}

export interface EstimateReport {
  population: { kind: "day"; date: string } | { kind: "period"; from: string; to: string };
  held: Count;
  heldOnNoList: Count;
  documented: Count;
  lists: { label: string; sources: string[]; publisher: string | null; count: Count }[];
  /** `params.count` is a number, or "< 5" when hidden. */
  leftOut: {
    label: string;
    code: string;
    params: Record<string, string | number>;
    reason: string;
  }[];
  overlap: { pattern: string; lists: string[]; count: Count }[];
  level: number;
  estimators: Estimator[];
  models: FittedModel[];
  chosen: { aic: string | null; bic: string | null };
  averaged: Estimator | null;
  warnings: { code: string; params: Record<string, string | number>; message: string }[];
  method: string;
}

export interface Band {
  lower: number;
  upper: number;
}

export interface ProjectionRow {
  date: string;
  month: number;
  median: number;
  mean: number;
  band80: Band;
  band95: Band;
  recorded: { count: Count; lower: Count; upper: Count } | null;
}

export interface SimulationReport {
  from: string;
  months: number;
  runs: number;
  seed: number;
  releases: { date: string; count: number; operationId: string | null }[];
  responsive: boolean;
  calibration: {
    heldAtStart: number;
    arrestsPerMonth: number;
    arrestRate: {
      basis: "registry" | "given";
      admissions: Count;
      from: string | null;
      to: string | null;
    };
    timeHeld: { medianDays: number | null; closed: Count; censored: Count };
    response: { extraArrestsPerReleased: number; windowDays: number } | null;
    uncertainty: {
      kind: "parameters" | "noise";
      arrestRateCv: number | null;
      timeHeldReplicates: number;
    };
  };
  recordedUntil: string | null;
  rows: ProjectionRow[];
  summary: string;
}
