/**
 * `turnstile simulate` and `turnstile backtest`, and their API: the revolving-door
 * simulator calibrated on the registry, projecting the number held month by month under
 * a scenario of release operations, beside the recorded stock. Method: docs/ESTIMATION.md.
 */

import { revolvingDoor } from "../analytics/revolving-door.ts";
import {
  type ArrestRate,
  type Calibration,
  calibrate,
  DEFAULT_RESPONSE_WINDOW,
} from "../analytics/simulation/calibration.ts";
import { runMonteCarlo } from "../analytics/simulation/monte-carlo.ts";
import {
  type BacktestMetrics,
  backtestMetrics,
  monthlyCheckpoints,
  type ProjectionRow,
  projectionRows,
} from "../analytics/simulation/projection.ts";
import {
  arrestRateDraws,
  bootstrapTimeHeld,
  dispersionIndex,
} from "../analytics/simulation/uncertainty.ts";
import { stockOn } from "../analytics/stock.ts";
import { type IntervalTable, lastBoundary } from "../analytics/table.ts";
import type { StockValue } from "../analytics/types.ts";
import { dayToIso, isoToDay, middleDay } from "../domain/partial-date.ts";
import { loadOperations } from "../store/analytics-source.ts";
import type { Queryable } from "../store/connection.ts";
import {
  AnalyticsInputError,
  type DayInput,
  toDay,
  todayDay,
  wholeNumber,
} from "./analytics-input.ts";
import { loadIntervals } from "./interval-loader.ts";

export const DEFAULT_RUNS = 1000;
export const DEFAULT_SEED = 1;
export const MAX_RUNS = 100_000;
/** Bootstrap curves of time held; runs share them in turn (run r uses curve r mod this). */
export const TIME_HELD_REPLICATES = 200;

/**
 * `parameters` (default): each run draws its arrest rate and time-held curve
 * (analytics/simulation/uncertainty.ts); `noise`: every run uses the point calibration,
 * and the bands show Monte Carlo noise alone.
 */
export type Uncertainty = "parameters" | "noise";

export interface ReleaseInput {
  date: DayInput;
  count: number;
}

export interface SimulateQuery {
  /** First day of the projection. */
  from: DayInput;
  months: number;
  releases?: readonly ReleaseInput[];
  runs?: number;
  seed?: number;
  /** `last-year` (default): the registry's admissions in the 365 days before `from`; or arrests per month. */
  arrestRate?: ArrestRate;
  /** Arrests rise after each release as they did after past operations (default false). */
  responsive?: boolean;
  /** Where the registry's record ends (default: today, or the last recorded change if earlier). */
  today?: number;
  uncertainty?: Uncertainty;
}

export interface CalibrationReport {
  heldAtStart: number;
  arrestsPerMonth: number;
  arrestRate: {
    basis: "registry" | "given";
    admissions: number | null;
    from: string | null;
    to: string | null;
  };
  timeHeld: {
    method: string;
    windowDays: number | null;
    medianDays: number | null;
    closed: number;
    censored: number;
    /** Last day of the empirical curve; beyond it an exponential tail. */
    curveDays: number;
    tailHazardPerYear: number;
  };
  response: {
    extraArrestsPerReleased: number;
    windowDays: number;
    operations: number;
    released: number;
  } | null;
  /** What the bands include besides Monte Carlo noise. */
  uncertainty: {
    kind: Uncertainty;
    /** Variance / mean of the monthly admissions (≥ 1), inflating the rate's posterior. */
    arrestRateDispersion: number | null;
    /** Coefficient of variation of the arrest rate drawn per run. */
    arrestRateCv: number | null;
    timeHeldReplicates: number;
  };
}

export interface SimulationReport {
  from: string;
  months: number;
  runs: number;
  seed: number;
  releases: { date: string; count: number; operationId: string | null }[];
  responsive: boolean;
  calibration: CalibrationReport;
  /** The registry's record ends here; `recorded` is null after it. */
  recordedUntil: string | null;
  rows: ProjectionRow[];
  /** One plain sentence answering the question the scenario asks. */
  summary: string;
}

export interface BacktestQuery extends Omit<SimulateQuery, "from" | "releases"> {
  /** Calibrate on the registry before this day, project from it. */
  at: DayInput;
  /** `recorded` (default): the release operations recorded in the window, as pulses; `none`: none. */
  releases?: "recorded" | "none";
}

export interface BacktestReport extends SimulationReport {
  releaseBasis: "recorded" | "none";
  metrics: BacktestMetrics;
}

function calibrationReport(c: Calibration): Omit<CalibrationReport, "uncertainty"> {
  const d = c.timeHeld;
  return {
    heldAtStart: c.served.length,
    arrestsPerMonth: c.arrestRate.perMonth,
    arrestRate: {
      basis: c.arrestRate.kind,
      admissions: c.arrestRate.admissions,
      from: c.arrestRate.firstDay === null ? null : dayToIso(c.arrestRate.firstDay),
      to: c.arrestRate.lastDay === null ? null : dayToIso(c.arrestRate.lastDay),
    },
    timeHeld: {
      method:
        "Kaplan–Meier of the detentions observed in the window before from (left-truncated); " +
        "still held and released by an operation are censored",
      windowDays: c.timeHeldWindow,
      medianDays: d.medianDays,
      closed: d.closed,
      censored: d.censored,
      curveDays: d.lastDay + 1,
      tailHazardPerYear: d.tailHazard * 365.25,
    },
    response:
      c.response === null
        ? null
        : {
            extraArrestsPerReleased: c.response.perReleased,
            windowDays: c.response.windowDays,
            operations: c.response.operations,
            released: c.response.released,
          },
  };
}

function checkCommon(
  query: Pick<SimulateQuery, "months" | "runs" | "seed" | "arrestRate" | "uncertainty">,
) {
  const uncertainty = query.uncertainty ?? "parameters";
  if (uncertainty !== "parameters" && uncertainty !== "noise") {
    throw new AnalyticsInputError(
      `uncertainty must be "parameters" or "noise", got "${uncertainty}"`,
    );
  }
  const months = wholeNumber(query.months, "months", 1);
  if (months > 600) throw new AnalyticsInputError(`months must be at most 600, got ${months}`);
  const runs = wholeNumber(query.runs ?? DEFAULT_RUNS, "runs", 1);
  if (runs > MAX_RUNS)
    throw new AnalyticsInputError(`runs must be at most ${MAX_RUNS}, got ${runs}`);
  const seed = query.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed))
    throw new AnalyticsInputError(`seed must be a whole number, got ${seed}`);
  const rate = query.arrestRate ?? "last-year";
  if (rate !== "last-year" && !(typeof rate === "number" && rate >= 0 && Number.isFinite(rate))) {
    throw new AnalyticsInputError(
      `arrest rate must be "last-year" or a number of arrests per month ≥ 0`,
    );
  }
  return { months, runs, seed, rate, uncertainty };
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString("en");
}

function summaryOf(report: Omit<SimulationReport, "summary">): string {
  const last = report.rows[report.rows.length - 1] as ProjectionRow;
  const c = report.calibration;
  const releases =
    report.releases.length === 0
      ? "If there are no releases"
      : `If ${report.releases.map((r) => `${fmt(r.count)} are released on ${r.date}`).join(", ")}`;
  const rate =
    c.arrestRate.basis === "registry"
      ? `arrests continue at ${c.arrestsPerMonth.toFixed(1)} a month (the registry's ${c.arrestRate.admissions} admissions from ${c.arrestRate.from} to ${c.arrestRate.to})`
      : `arrests run at ${c.arrestsPerMonth.toFixed(1)} a month`;
  const response =
    c.response === null
      ? ""
      : `, rising by ${c.response.extraArrestsPerReleased.toFixed(2)} per person released within ${c.response.windowDays} days as after past operations`;
  const recorded =
    last.recorded === null
      ? ""
      : ` The registry records ${fmt(last.recorded.count)} held that day.`;
  return (
    `${releases} and ${rate}${response}, about ${fmt(last.median)} people would be held on ${last.date} ` +
    `(80% band ${fmt(last.band80.lower)}–${fmt(last.band80.upper)}, 95% band ${fmt(last.band95.lower)}–${fmt(last.band95.upper)}; ` +
    `${report.runs.toLocaleString("en")} runs, seed ${report.seed}), against ${fmt(c.heldAtStart)} held when it starts on ${report.from}.${recorded}`
  );
}

interface Loaded {
  table: IntervalTable;
  operations: Awaited<ReturnType<typeof loadOperations>>;
}

/** Each run's arrest rate and time-held curve, unless the bands are to show noise alone. */
function drawParameters(c: Calibration, common: ReturnType<typeof checkCommon>) {
  const report: CalibrationReport["uncertainty"] = {
    kind: common.uncertainty,
    arrestRateDispersion: null,
    arrestRateCv: null,
    timeHeldReplicates: 0,
  };
  if (common.uncertainty === "noise") return { report };
  const basis = c.arrestRate;
  let arrestsPerDayByRun: Float64Array | undefined;
  if (basis.kind === "registry" && basis.admissions !== null && basis.firstDay !== null) {
    const dispersion = dispersionIndex(basis.monthly ?? []);
    const basisDays = (basis.lastDay as number) - basis.firstDay + 1;
    arrestsPerDayByRun = arrestRateDraws(
      { admissions: basis.admissions, basisDays, dispersion },
      common.runs,
      common.seed,
    );
    report.arrestRateDispersion = dispersion;
    report.arrestRateCv = 1 / Math.sqrt(basis.admissions / dispersion + 0.5);
  }
  const timeHeldByRun = bootstrapTimeHeld(
    c.durations,
    c.timeHeld,
    Math.min(common.runs, TIME_HELD_REPLICATES),
    common.seed,
  );
  report.timeHeldReplicates = c.durations.days.length === 0 ? 0 : timeHeldByRun.length;
  return { report, arrestsPerDayByRun, timeHeldByRun };
}

async function load(q: Queryable): Promise<Loaded> {
  const { table } = await loadIntervals(q);
  return { table, operations: await loadOperations(q) };
}

function project(
  loaded: Loaded,
  from: number,
  common: ReturnType<typeof checkCommon>,
  releases: { day: number; count: number; operationId: string | null }[],
  responsive: boolean,
  today: number,
): Omit<SimulationReport, "summary"> {
  const { table, operations } = loaded;
  const checkpoints = monthlyCheckpoints(from, common.months);
  const horizon = checkpoints[checkpoints.length - 1] as number;
  for (const r of releases) {
    if (r.day < from || r.day > horizon) {
      throw new AnalyticsInputError(
        `release on ${dayToIso(r.day)} is outside the projection (${dayToIso(from)} to ${dayToIso(horizon)})`,
      );
    }
  }
  const calibration = calibrate(table, operations, {
    from,
    arrestRate: common.rate,
    responsive,
    responseWindow: DEFAULT_RESPONSE_WINDOW,
  });
  const drawn = drawParameters(calibration, common);
  const result = runMonteCarlo({
    from,
    checkpoints,
    served: calibration.served,
    arrestsPerDay: calibration.arrestsPerDay,
    timeHeld: calibration.timeHeld,
    releases: releases.map(({ day, count }) => ({ day, count })),
    response: calibration.response,
    runs: common.runs,
    seed: common.seed,
    arrestsPerDayByRun: drawn.arrestsPerDayByRun,
    timeHeldByRun: drawn.timeHeldByRun,
  });
  const boundary = lastBoundary(table);
  const until = Number.isFinite(boundary) ? Math.min(today, boundary) : null;
  const days = Array.from(checkpoints);
  const stock = until === null ? [] : stockOn(table, days);
  const recorded: (StockValue | null)[] = days.map((day, i) =>
    until !== null && day <= until ? (stock[i] as StockValue) : null,
  );
  return {
    from: dayToIso(from),
    months: common.months,
    runs: common.runs,
    seed: common.seed,
    releases: releases.map((r) => ({
      date: dayToIso(r.day),
      count: r.count,
      operationId: r.operationId,
    })),
    responsive,
    calibration: { ...calibrationReport(calibration), uncertainty: drawn.report },
    recordedUntil: until === null ? null : dayToIso(until),
    rows: projectionRows(result, recorded),
  };
}

/**
 * Projects the number held from `from` for `months` months under the given releases.
 *
 * @example
 * // "If 100 are released on 2026-01-01 and arrests continue as in the last year, how many
 * // will be held in a year?"
 * // simulateReport(store, { from: "2026-01-01", months: 12, releases: [{ date: "2026-01-01", count: 100 }] })
 */
export async function simulateReport(
  q: Queryable,
  query: SimulateQuery,
): Promise<SimulationReport> {
  const from = toDay(query.from, "from", "from");
  const common = checkCommon(query);
  const releases = (query.releases ?? []).map((r, i) => ({
    day: toDay(r.date, "from", `releases[${i}].date`),
    count: wholeNumber(r.count, `releases[${i}].count`, 0),
    operationId: null,
  }));
  const report = project(
    await load(q),
    from,
    common,
    releases,
    query.responsive ?? false,
    query.today ?? todayDay(),
  );
  return { ...report, summary: summaryOf(report) };
}

/**
 * Calibrates on the registry before `at`, projects `months` months, and compares with the
 * recorded stock: mean absolute (percentage) error, bias and the share of months inside
 * the 80% and 95% bands. With `releases: "recorded"` the release operations recorded in
 * the window enter as pulses of their documented (else announced) size.
 */
export async function backtestReport(q: Queryable, query: BacktestQuery): Promise<BacktestReport> {
  const at = toDay(query.at, "from", "at");
  const common = checkCommon(query);
  const basis = query.releases ?? "recorded";
  if (basis !== "recorded" && basis !== "none") {
    throw new AnalyticsInputError(`releases must be "recorded" or "none", got "${basis}"`);
  }
  const loaded = await load(q);
  const horizon = monthlyCheckpoints(at, common.months).at(-1) as number;
  const releases: { day: number; count: number; operationId: string | null }[] = [];
  if (basis === "recorded") {
    const inWindow = loaded.operations.filter((op) => {
      const t = middleDay(op.date.first, op.date.last);
      return t >= at && t <= horizon;
    });
    for (const row of revolvingDoor(loaded.table, inWindow, { windows: [1] })) {
      const op = inWindow.find((o) => o.id === row.operation_id);
      const count =
        row.ratio_basis === "documented" ? row.released_documented : (row.announced ?? 0);
      if (op !== undefined && count > 0) {
        releases.push({ day: middleDay(op.date.first, op.date.last), count, operationId: op.id });
      }
    }
  }
  const report = project(
    loaded,
    at,
    common,
    releases,
    query.responsive ?? false,
    query.today ?? todayDay(),
  );
  if (report.recordedUntil === null || at >= isoToDay(report.recordedUntil)) {
    throw new AnalyticsInputError(
      report.recordedUntil === null
        ? "at: the registry records nobody held: there is nothing to compare a projection with"
        : `at: the registry's records end on ${report.recordedUntil}; a back-test starts before that day, to compare the projection with what was recorded after it`,
    );
  }
  return {
    ...report,
    summary: summaryOf(report),
    releaseBasis: basis,
    metrics: backtestMetrics(report.rows),
  };
}
