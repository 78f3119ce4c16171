/**
 * Estimation, simulation and back-test as the API serves them: computed once per state
 * of the data and query (report-cache.ts), then shaped for the reader. They are
 * aggregates, public like the other analytics; for anonymous readers restricted sources
 * cannot be named or used as lists, every count of people below the smallest cell becomes
 * null (the overlap cells, the lists' sizes, the recorded stock), and the warnings say
 * "fewer than N people" instead of a hidden count. docs/API.md "Estimation".
 */

import type { Queryable } from "../store/connection.ts";
import { restrictedSourceIds } from "../store/records.ts";
import { todayDay } from "./analytics-input.ts";
import type { AnalyticsContext } from "./analytics-views.ts";
import { redactForPublic } from "./analytics-views.ts";
import { type EstimateQuery, estimateReport } from "./estimate.ts";
import {
  type BacktestQuery,
  backtestReport,
  type SimulateQuery,
  simulateReport,
} from "./simulate.ts";
import { atLeast, type Viewer } from "./visibility.ts";

/** Keys of the estimate report that count people, besides the analytics' ones. */
const ESTIMATE_COUNTS = new Set(["documented", "heldOnNoList"]);

function hideSmallTotals(report: Record<string, unknown>, minCell: number): void {
  for (const key of ESTIMATE_COUNTS) {
    const value = report[key];
    if (typeof value === "number" && value < minCell) report[key] = null;
  }
}

/** "3 people" → "fewer than 5 people" in free text, for counts below the smallest cell. */
export function hideSmallCountsInText(text: string, minCell: number): string {
  return text.replace(
    /\b(\d[\d,]*) (person|people|admissions|held)\b/g,
    (whole, digits: string, noun: string) =>
      Number(digits.replaceAll(",", "")) < minCell
        ? `fewer than ${minCell} ${noun === "person" ? "people" : noun}`
        : whole,
  );
}

/** The projection for anonymous readers: the people held at the start are a count too. */
function publicProjection(report: unknown, minCell: number): unknown {
  const out = report as { calibration?: { heldAtStart?: number | null }; summary?: string };
  const held = out.calibration?.heldAtStart;
  if (out.calibration && typeof held === "number" && held < minCell) {
    out.calibration.heldAtStart = null;
  }
  if (typeof out.summary === "string") out.summary = hideSmallCountsInText(out.summary, minCell);
  return out;
}

type Params = Record<string, string | number | null>;

/**
 * A number of people below the smallest cell as "< 5" (the same in every language); the
 * general redaction has already made it null.
 */
function hideSmallCountParam(params: Params, minCell: number): Params {
  const count = params.count;
  const hidden = count === null || (typeof count === "number" && count < minCell);
  return hidden ? { ...params, count: `< ${minCell}` } : params;
}

function publicEstimate(report: unknown, minCell: number): unknown {
  const out = report as Record<string, unknown>;
  if (Array.isArray(out.warnings)) {
    out.warnings = (out.warnings as { message: string; params: Params }[]).map((w) => ({
      ...w,
      params: hideSmallCountParam(w.params, minCell),
      message: hideSmallCountsInText(w.message, minCell),
    }));
  }
  if (Array.isArray(out.leftOut)) {
    out.leftOut = (out.leftOut as { reason: string; params: Params }[]).map((l) => ({
      ...l,
      params: hideSmallCountParam(l.params, minCell),
      reason: hideSmallCountsInText(l.reason, minCell),
    }));
  }
  hideSmallTotals(out, minCell);
  return out;
}

async function cached(
  q: Queryable,
  viewer: Viewer,
  ctx: AnalyticsContext,
  key: unknown[],
  compute: (hidden: ReadonlySet<string>) => Promise<unknown>,
  /** More to do for anonymous readers, after the counts; `original` is the full report. */
  publicOnly: (report: unknown, original: unknown) => unknown = (report) => report,
): Promise<unknown> {
  if (atLeast(viewer.role, "viewer")) {
    return ctx.cache.get(q, JSON.stringify(key), () => compute(new Set()));
  }
  return ctx.cache.get(q, JSON.stringify(["public", ctx.minCell, ...key]), async () => {
    const restricted = await restrictedSourceIds(q);
    const report = await compute(restricted);
    return publicOnly(redactForPublic(report, { minCell: ctx.minCell, restricted }), report);
  });
}

/** Multiple systems estimation; anonymous readers cannot use restricted sources. */
export function estimateView(
  q: Queryable,
  query: EstimateQuery,
  viewer: Viewer,
  ctx: AnalyticsContext,
) {
  return cached(
    q,
    viewer,
    ctx,
    ["estimate", query, query.at === undefined && query.from === undefined ? todayDay() : null],
    (hidden) => estimateReport(q, query, { hiddenSources: hidden }),
    (report) => publicEstimate(report, ctx.minCell),
  );
}

export function simulateView(
  q: Queryable,
  query: SimulateQuery,
  viewer: Viewer,
  ctx: AnalyticsContext,
) {
  // The recorded stock ends today: the same query answers differently tomorrow.
  return cached(
    q,
    viewer,
    ctx,
    ["simulate", query, todayDay()],
    () => simulateReport(q, query),
    // The release pulses are the reader's own scenario, not counts of registered people.
    (report, original) =>
      publicProjection(
        { ...(report as object), releases: (original as { releases: unknown }).releases },
        ctx.minCell,
      ),
  );
}

export function backtestView(
  q: Queryable,
  query: BacktestQuery,
  viewer: Viewer,
  ctx: AnalyticsContext,
) {
  return cached(
    q,
    viewer,
    ctx,
    ["backtest", query, todayDay()],
    () => backtestReport(q, query),
    (report) => publicProjection(report, ctx.minCell),
  );
}
