/**
 * How `estimate`, `simulate` and `backtest` print as a table (on a terminal) or CSV: the
 * JSON is the service's report as it is; tables round to whole people and show bands as
 * ranges, with a plain sentence on top.
 */
import type { Interval } from "../analytics/estimation/loglinear.ts";
import type { ProjectionRow } from "../analytics/simulation/projection.ts";
import type { EstimateReport } from "../services/estimate.ts";
import type { BacktestReport, SimulationReport } from "../services/simulate.ts";
import { type Format, renderRows } from "./output.ts";

function whole(n: number | null | undefined): string {
  return n === null || n === undefined ? "" : Math.round(n).toLocaleString("en");
}

function range(interval: Interval | null): string {
  if (interval === null) return "";
  return `${whole(interval.lower)}–${interval.upper === null ? "unbounded" : whole(interval.upper)}`;
}

function percent(share: number | null): string {
  return share === null ? "" : `${Math.round(share * 100)}%`;
}

function populationText(report: EstimateReport): string {
  return report.population.kind === "day"
    ? `on ${report.population.date}`
    : `at any time from ${report.population.from} to ${report.population.to}`;
}

function estimatorRows(report: EstimateReport) {
  return report.estimators.map((e) => ({
    estimator: e.name,
    estimate: e.estimate,
    lower: e.interval?.lower ?? null,
    upper: e.interval?.upper ?? null,
    interval: e.interval?.method ?? null,
    undocumented: e.undocumented,
    model: e.model,
  }));
}

/** `estimate`: an overview, the overlap table, the estimators, the leading models, warnings. */
export function renderEstimate(report: EstimateReport, format: Format): string {
  if (format === "json") return `${JSON.stringify(report, null, 2)}\n`;
  if (format === "csv") return renderRows(estimatorRows(report), "csv");
  const level = `${Math.round(report.level * 100)}%`;
  const lines = [
    `People held ${populationText(report)}: ${whole(report.held)} in the registry, ` +
      `${whole(report.documented)} of them on at least one of the ${report.lists.length} lists` +
      (report.heldOnNoList > 0 ? ` (${whole(report.heldOnNoList)} on none).` : "."),
    ...report.leftOut.map((l) => `Left out of the lists: ${l.label}, ${l.reason}.`),
    "",
    "Overlap (1 = on the list):",
    renderRows(
      report.overlap.map((row) => ({
        pattern: row.pattern,
        lists: row.lists.join(" & "),
        people: row.count,
      })),
      "table",
    ),
    `Estimates of everyone held, documented or not (${level} intervals):`,
    renderRows(
      report.estimators.map((e) => ({
        estimator: e.name,
        estimate: whole(e.estimate),
        interval: range(e.interval),
        "not documented": whole(e.undocumented),
        model: e.model ?? "",
      })),
      "table",
    ),
  ];
  if (report.models.length > 1) {
    const top = [...report.models].sort((a, b) => b.aicWeight - a.aicWeight).slice(0, 8);
    lines.push(
      `Models carrying the weight (${top.length} of ${report.models.length}, by AIC weight):`,
      renderRows(
        top.map((m) => ({
          model: m.name,
          estimate: whole(m.estimate),
          interval: range(m.interval),
          deviance: m.deviance.toFixed(2),
          df: m.df,
          AIC: m.aic.toFixed(2),
          BIC: m.bic.toFixed(2),
          "AIC weight": percent(m.aicWeight),
          "BIC weight": percent(m.bicWeight),
        })),
        "table",
      ),
    );
  }
  if (report.warnings.length > 0) {
    lines.push("Warnings:", ...report.warnings.map((w) => `  - ${w.message}`), "");
  }
  lines.push(
    "An estimate assumes a closed population and lists that are independent given the model: read it as a bound with an interval, not a count (docs/ESTIMATION.md).",
  );
  return `${lines.join("\n")}\n`;
}

function projectionTable(rows: readonly ProjectionRow[]) {
  return rows.map((row) => ({
    date: row.date,
    median: whole(row.median),
    "80% band": `${whole(row.band80.lower)}–${whole(row.band80.upper)}`,
    "95% band": `${whole(row.band95.lower)}–${whole(row.band95.upper)}`,
    recorded: row.recorded === null ? "" : whole(row.recorded.count),
  }));
}

function projectionCsv(rows: readonly ProjectionRow[]) {
  return rows.map((row) => ({
    date: row.date,
    month: row.month,
    median: row.median,
    mean: row.mean,
    lower80: row.band80.lower,
    upper80: row.band80.upper,
    lower95: row.band95.lower,
    upper95: row.band95.upper,
    recorded: row.recorded?.count ?? null,
    recorded_lower: row.recorded?.lower ?? null,
    recorded_upper: row.recorded?.upper ?? null,
  }));
}

function calibrationText(report: SimulationReport): string {
  const c = report.calibration;
  const median =
    c.timeHeld.medianDays === null ? "over the whole curve" : `${c.timeHeld.medianDays} days`;
  return (
    `Calibration: ${whole(c.heldAtStart)} held at the start; ${c.arrestsPerMonth.toFixed(1)} arrests a month; ` +
    `time held from a Kaplan–Meier curve of the last ${c.timeHeld.windowDays ?? "all"} days ` +
    `(median ${median}, ${whole(c.timeHeld.closed)} ended, ${whole(c.timeHeld.censored)} censored)` +
    (c.response === null
      ? "."
      : `; ${c.response.extraArrestsPerReleased.toFixed(2)} extra arrests per person released, within ${c.response.windowDays} days.`)
  );
}

/** `simulate`: the answer in one sentence, then the months. */
export function renderSimulation(report: SimulationReport, format: Format): string {
  if (format === "json") return `${JSON.stringify(report, null, 2)}\n`;
  if (format === "csv") return renderRows(projectionCsv(report.rows), "csv");
  return [
    report.summary,
    "",
    renderRows(projectionTable(report.rows), "table").trimEnd(),
    calibrationText(report),
    "",
  ].join("\n");
}

/** `backtest`: the error and coverage, then the months beside the recorded stock. */
export function renderBacktest(report: BacktestReport, format: Format): string {
  if (format === "json") return `${JSON.stringify(report, null, 2)}\n`;
  if (format === "csv") return renderRows(projectionCsv(report.rows), "csv");
  const m = report.metrics;
  const metrics =
    m.compared === 0
      ? "No recorded stock after the start to compare with."
      : `Back-test over ${m.compared} months: mean absolute error ${m.meanAbsoluteError?.toFixed(1)} people ` +
        `(${m.meanAbsolutePercentageError?.toFixed(1)}%), bias ${m.bias?.toFixed(1)}; ` +
        `recorded stock inside the 80% band in ${percent(m.coverage80)} of months, inside the 95% band in ${percent(m.coverage95)}.`;
  const releases =
    report.releaseBasis === "recorded"
      ? `Releases: the ${report.releases.length} release operations recorded in the window, as pulses.`
      : "Releases: none (the recorded operations are left out).";
  return [
    metrics,
    releases,
    "",
    renderRows(projectionTable(report.rows), "table").trimEnd(),
    calibrationText(report),
    "",
  ].join("\n");
}
