/**
 * The analytic reports as the API serves them: computed once per state of the data
 * (report-cache.ts), then shaped for the reader. Aggregates are public; for anonymous
 * readers every count of people below the smallest cell (default 5) becomes null, figures
 * derived from such a count go with it, rows about single people are left out unless the
 * person is public, and restricted sources are removed.
 */

import type { Step } from "../analytics/types.ts";
import { EXIT_KINDS } from "../analytics/types.ts";
import type { Queryable } from "../store/connection.ts";
import { getRecords, restrictedSourceIds } from "../store/records.ts";
import {
  type AtRiskQuery,
  atRiskReport,
  type DashboardQuery,
  dashboardData,
  type FlowsQuery,
  flowsReport,
  type LedgerQuery,
  ledgerReport,
  type ReconcileQuery,
  type RevolvingDoorQuery,
  reconcileReport,
  revolvingDoorReport,
} from "./analytics.ts";
import { AnalyticsInputError, toDay } from "./analytics-input.ts";
import type { ReportCache } from "./report-cache.ts";
import { stock } from "./stock.ts";
import { atLeast, canSeePerson, suppressCount, type Viewer } from "./visibility.ts";

export interface AnalyticsContext {
  cache: ReportCache;
  /** Smallest breakdown cell shown to anonymous readers. */
  minCell: number;
}

/** Keys whose numbers count people. */
const PEOPLE_COUNTS = new Set<string>([
  "count",
  "lower",
  "upper",
  "admissions",
  "admissions_before",
  "rearrests",
  "released_documented",
  "releasedDocumented",
  "stock_before",
  "stock_after",
  "held",
  "atRisk",
  "health",
  "elderly",
  "no_sign_of_life",
  "long_held",
  "release_without_detention",
  "overlapping_intervals",
  "deathsInCustodyCount",
  ...EXIT_KINDS,
]);

/** Figures that would give a hidden count back, hidden with it. */
const DERIVED = new Set(["difference", "stock_change", "replacement_ratio", "medianDays"]);

interface Redaction {
  minCell: number;
  restricted: ReadonlySet<string>;
}

/**
 * A copy of a report fit for anonymous readers (the cached original is not touched). A
 * hidden count also hides the figures derived from it, in the same object and in the
 * objects below it: a revolving-door row's windows carry ratios over its released count.
 */
export function redactForPublic(value: unknown, r: Redaction, parentHidden = false): unknown {
  if (Array.isArray(value)) return value.map((item) => redactForPublic(item, r, parentHidden));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value);
  const hidden =
    parentHidden ||
    entries.some(
      ([key, inner]) =>
        typeof inner === "number" &&
        PEOPLE_COUNTS.has(key) &&
        suppressCount(inner, r.minCell) === null,
    );
  const out: Record<string, unknown> = {};
  for (const [key, inner] of entries) {
    if (typeof inner === "number" && PEOPLE_COUNTS.has(key)) {
      out[key] = suppressCount(inner, r.minCell);
    } else if (key === "sourceIds" && Array.isArray(inner)) {
      out[key] = inner.filter((id) => !r.restricted.has(id as string));
    } else if (
      key === "sources" &&
      inner !== null &&
      typeof inner === "object" &&
      !Array.isArray(inner)
    ) {
      out[key] = Object.fromEntries(Object.entries(inner).filter(([id]) => !r.restricted.has(id)));
    } else if (key === "longest") {
      out[key] = null; // one person's detention
    } else {
      out[key] = redactForPublic(inner, r, hidden);
    }
  }
  for (const key of DERIVED) if (hidden && key in out) out[key] = null;
  if (hidden && typeof out.summary === "string") {
    out.summary = out.summary.replace(/^\d+ released/, `fewer than ${r.minCell} released`);
  }
  return out;
}

async function shaped<T>(
  q: Queryable,
  viewer: Viewer,
  ctx: AnalyticsContext,
  key: unknown[],
  compute: () => Promise<T>,
  /** More to take out for anonymous readers, after the counts. */
  publicOnly: (report: unknown) => unknown = (report) => report,
): Promise<unknown> {
  const report = () => ctx.cache.get(q, JSON.stringify(key), compute);
  if (atLeast(viewer.role, "viewer")) return report();
  // The public version is kept too: it changes only with the data.
  return ctx.cache.get(q, JSON.stringify(["public", ctx.minCell, ...key]), async () => {
    const restricted = await restrictedSourceIds(q);
    return publicOnly(redactForPublic(await report(), { minCell: ctx.minCell, restricted }));
  });
}

const MAX_PERIODS = 20_000;
const DAYS_PER: Record<Step, number> = { day: 1, week: 7, month: 28, year: 365 };

function range(query: { from: string; to: string; step?: Step }) {
  const from = toDay(query.from, "from", "from");
  const to = toDay(query.to, "to", "to");
  const step = query.step ?? "month";
  if (from > to) throw new AnalyticsInputError(`from (${query.from}) is after to (${query.to})`);
  if ((to - from) / DAYS_PER[step] > MAX_PERIODS) {
    throw new AnalyticsInputError(
      `from ${query.from} to ${query.to} by ${step} is more than ${MAX_PERIODS} periods: take a coarser step or a shorter range`,
    );
  }
  return { from, to, step };
}

export function stockView(
  q: Queryable,
  query: { from: string; to: string; step?: Step; recognizedBy?: string },
  viewer: Viewer,
  ctx: AnalyticsContext,
) {
  const { from, to, step } = range(query);
  const recognizedBy = query.recognizedBy;
  return shaped(q, viewer, ctx, ["stock", from, to, step, recognizedBy], () =>
    stock(q, { from, to, step, recognizedBy }),
  );
}

export function flowsView(
  q: Queryable,
  query: FlowsQuery & { from: string; to: string },
  viewer: Viewer,
  ctx: AnalyticsContext,
) {
  const checked = range(query);
  return shaped(q, viewer, ctx, ["flows", checked], () => flowsReport(q, checked));
}

export function revolvingDoorView(
  q: Queryable,
  query: RevolvingDoorQuery,
  viewer: Viewer,
  ctx: AnalyticsContext,
) {
  return shaped(q, viewer, ctx, ["revolving-door", query], () => revolvingDoorReport(q, query));
}

export function ledgerView(
  q: Queryable,
  query: LedgerQuery,
  viewer: Viewer,
  ctx: AnalyticsContext,
) {
  return shaped(q, viewer, ctx, ["ledger", query], () => ledgerReport(q, query));
}

export function reconcileView(
  q: Queryable,
  query: ReconcileQuery,
  viewer: Viewer,
  ctx: AnalyticsContext,
) {
  return shaped(q, viewer, ctx, ["reconcile", query], () => reconcileReport(q, query));
}

export function dashboardView(
  q: Queryable,
  query: DashboardQuery,
  viewer: Viewer,
  ctx: AnalyticsContext,
) {
  // Each death in custody is one person: anonymous readers get how many, not when.
  const withoutDeaths = (report: unknown) => {
    const { deathsInCustody, ...rest } = report as { deathsInCustody: unknown[] };
    return {
      ...rest,
      deathsInCustody: [],
      deathsInCustodyCount: suppressCount(deathsInCustody.length, ctx.minCell),
    };
  };
  return shaped(q, viewer, ctx, ["dashboard", query], () => dashboardData(q, query), withoutDeaths);
}

/**
 * People at risk. Readers see only the people they may see; anonymous readers only the
 * reasons that public fields give (years held), not health, age or silence.
 */
export async function atRiskView(
  q: Queryable,
  query: AtRiskQuery,
  viewer: Viewer,
  ctx: AnalyticsContext,
) {
  const report = await ctx.cache.get(q, JSON.stringify(["at-risk", query]), () =>
    atRiskReport(q, query),
  );
  const people = await getRecords(
    q,
    "person",
    report.people.map((p) => p.personId),
  );
  const visible = new Map(
    people.filter((p) => canSeePerson(viewer.role, p)).map((p) => [p.id, p.name as string]),
  );
  const anonymous = !atLeast(viewer.role, "viewer");
  const rows = report.people
    .filter((row) => visible.has(row.personId))
    .map((row) => ({
      ...row,
      name: visible.get(row.personId) as string,
      reasons: anonymous
        ? row.reasons.filter((reason) => reason.kind === "long_held")
        : row.reasons,
    }))
    .filter((row) => row.reasons.length > 0);
  const { people: _all, ...totals } = report;
  const shownTotals = anonymous
    ? (redactForPublic(totals, { minCell: ctx.minCell, restricted: new Set() }) as typeof totals)
    : totals;
  return { ...shownTotals, people: rows };
}
