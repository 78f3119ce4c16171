/**
 * The analytic questions, from the store to plain JSON-able answers: flows, revolving
 * door, ledger, reconciliation, people at risk (and, in dashboard.ts, all of it at once).
 * Each call loads the intervals once (interval-loader.ts) and the few small tables it
 * needs, then computes in memory with src/analytics. Shared by the command and the HTTP API.
 */
import { type AtRiskRow, atRisk, type RiskKind } from "../analytics/at-risk.ts";
import { type FlowRow, flows } from "../analytics/flows.ts";
import { DEFAULT_LEDGER_WINDOW, type LedgerEntry, ledger } from "../analytics/ledger.ts";
import { type ReconciliationRow, reconcile } from "../analytics/reconcile.ts";
import {
  DEFAULT_WINDOWS,
  type RevolvingDoorRow,
  revolvingDoor,
} from "../analytics/revolving-door.ts";
import { OPEN_END } from "../analytics/table.ts";
import type { Step } from "../analytics/types.ts";
import { dayToIso } from "../domain/partial-date.ts";
import {
  loadDiplomaticEvents,
  loadLastSignsOfLife,
  loadMeasures,
  loadMonitorCounts,
  loadOperations,
  loadPersonFacts,
  loadRecognitionEvents,
} from "../store/analytics-source.ts";
import type { Queryable } from "../store/connection.ts";
import {
  AnalyticsInputError,
  checkRange,
  type DayInput,
  STEPS,
  toDay,
  todayDay,
  wholeNumber,
} from "./analytics-input.ts";
import {
  intervalObjects,
  type LoadedIntervals,
  loadIntervals,
  rowsWhere,
} from "./interval-loader.ts";

export { AnalyticsInputError, type DayInput } from "./analytics-input.ts";
export { type DashboardData, type DashboardQuery, dashboardData } from "./dashboard.ts";

// ── flows ────────────────────────────────────────────────────────────────────────────────

export interface FlowsQuery {
  from: DayInput;
  to: DayInput;
  step?: Step;
}

/** Admissions and exits by mechanism per period (DESIGN.md shape). */
export async function flowsReport(q: Queryable, query: FlowsQuery): Promise<FlowRow[]> {
  const from = toDay(query.from, "from", "from");
  const to = toDay(query.to, "to", "to");
  const step = query.step ?? "month";
  checkRange(from, to);
  if (!STEPS.includes(step)) {
    throw new AnalyticsInputError(`step must be one of ${STEPS.join(", ")}, got "${step}"`);
  }
  const { table } = await loadIntervals(q);
  return flows(table, { from, to, step });
}

// ── revolving door ───────────────────────────────────────────────────────────────────────

export interface RevolvingDoorQuery {
  operationId?: string;
  windows?: readonly number[];
}

export function checkWindows(windows: readonly number[] | undefined): readonly number[] {
  const list = windows ?? DEFAULT_WINDOWS;
  if (list.length === 0) throw new AnalyticsInputError("windows: give at least one window");
  for (const w of list) wholeNumber(w, "each window (days)", 1);
  return list;
}

/** One row per release operation (or only `operationId`), DESIGN.md's JSON shape. */
export async function revolvingDoorReport(
  q: Queryable,
  query: RevolvingDoorQuery = {},
): Promise<RevolvingDoorRow[]> {
  const windows = checkWindows(query.windows);
  const operations = await loadOperations(q);
  const chosen =
    query.operationId === undefined
      ? operations
      : operations.filter((op) => op.id === query.operationId);
  if (chosen.length === 0 && query.operationId !== undefined) {
    const known = operations.map((op) => op.id).join(", ") || "none";
    throw new AnalyticsInputError(
      `unknown release operation "${query.operationId}" (known: ${known})`,
    );
  }
  const { table } = await loadIntervals(q);
  return revolvingDoor(table, chosen, { windows });
}

// ── ledger ───────────────────────────────────────────────────────────────────────────────

export interface LedgerQuery {
  /** Days before and after each operation to look (default 30 and 90). */
  before?: number;
  after?: number;
}

type Sourced<T> = T & { sourceIds: string[] };

export interface LedgerReportEntry extends Omit<LedgerEntry, "measures" | "diplomaticEvents"> {
  sourceIds: string[];
  measures: Sourced<LedgerEntry["measures"][number]>[];
  diplomaticEvents: Sourced<LedgerEntry["diplomaticEvents"][number]>[];
}

/** Each release operation beside the measures eased or lifted and the diplomatic events around it. */
export async function ledgerReport(
  q: Queryable,
  query: LedgerQuery = {},
): Promise<LedgerReportEntry[]> {
  const window = {
    before: wholeNumber(query.before ?? DEFAULT_LEDGER_WINDOW.before, "before (days)", 0),
    after: wholeNumber(query.after ?? DEFAULT_LEDGER_WINDOW.after, "after (days)", 0),
  };
  const operations = await loadOperations(q);
  const measures = await loadMeasures(q);
  const diplomaticEvents = await loadDiplomaticEvents(q);
  const loaded = await loadIntervals(q);
  const entries = ledger(
    { intervals: loaded.table, operations, measures, diplomaticEvents },
    window,
  );
  const opSources = new Map(operations.map((o) => [o.id, o.sourceIds]));
  const measureSources = new Map(measures.map((m) => [m.id, m.sourceIds]));
  const eventSources = new Map(diplomaticEvents.map((e) => [e.id, e.sourceIds]));
  return entries.map((entry) => ({
    ...entry,
    sourceIds: opSources.get(entry.operationId) ?? [],
    measures: entry.measures.map((m) => ({
      ...m,
      sourceIds: measureSources.get(m.measureId) ?? [],
    })),
    diplomaticEvents: entry.diplomaticEvents.map((e) => ({
      ...e,
      sourceIds: eventSources.get(e.id) ?? [],
    })),
  }));
}

// ── reconciliation ───────────────────────────────────────────────────────────────────────

export interface ReconcileQuery {
  /** Only this monitor's counts (names compared exactly). */
  monitor?: string;
}

export type ReconcileReportRow = Sourced<ReconciliationRow>;

/** Each monitor count beside the registry's recognized and total stock on its day. */
export async function reconcileReport(
  q: Queryable,
  query: ReconcileQuery = {},
): Promise<ReconcileReportRow[]> {
  const counts = await loadMonitorCounts(q, query.monitor);
  if (counts.length === 0 && query.monitor !== undefined) {
    const all = await loadMonitorCounts(q);
    const monitors = [...new Set(all.map((c) => c.monitor))].join(", ") || "none";
    throw new AnalyticsInputError(
      `no counts published by monitor "${query.monitor}" (monitors with counts: ${monitors})`,
    );
  }
  const recognition = await loadRecognitionEvents(q, query.monitor);
  const { table } = await loadIntervals(q);
  const sources = new Map(counts.map((c) => [c.id, c.sourceIds]));
  return reconcile(counts, table, recognition).map((row) => ({
    ...row,
    sourceIds: sources.get(row.countId) ?? [],
  }));
}

// ── people at risk ───────────────────────────────────────────────────────────────────────

export interface AtRiskQuery {
  /** Day to look on (default today). */
  asOf?: DayInput;
  silenceDays?: number;
  longHeldYears?: number;
}

export interface AtRiskReport {
  asOf: string;
  silenceDays: number;
  longHeldYears: number;
  elderlyAge: number;
  /** People held on `asOf` (point value). */
  held: number;
  /** People at risk, and people with each reason (certain or possible). */
  counts: { atRisk: number } & Record<RiskKind, number>;
  people: AtRiskRow[];
}

export const ELDERLY_AGE = 60;

/** Rows of the intervals held on `asOf` (point value). */
export function heldRows(loaded: LoadedIntervals, asOf: number): number[] {
  const { table } = loaded;
  return rowsWhere(
    loaded,
    (i) =>
      (table.startMid[i] as number) <= asOf &&
      (table.endMid[i] === OPEN_END || (table.endMid[i] as number) > asOf),
  );
}

/** People held on `asOf` with health problems, old age, long silence or years behind bars. */
export async function atRiskReport(
  q: Queryable,
  query: AtRiskQuery = {},
  preloaded?: LoadedIntervals,
): Promise<AtRiskReport> {
  const asOf = query.asOf === undefined ? todayDay() : toDay(query.asOf, "from", "as of");
  const silenceDays = wholeNumber(query.silenceDays ?? 90, "silence days", 0);
  const longHeldYears = wholeNumber(query.longHeldYears ?? 5, "long-held years", 1);
  const loaded = preloaded ?? (await loadIntervals(q));
  // Only the intervals held on asOf matter: objects for them alone.
  const held = intervalObjects(loaded, heldRows(loaded, asOf));
  const personIds = [...new Set(held.map((i) => i.personId))];
  const facts = await loadPersonFacts(q, personIds);
  const signs = await loadLastSignsOfLife(q, personIds, asOf);
  const people = atRisk(held, facts, signs, {
    asOf,
    silenceDays,
    longHeldYears,
    elderlyAge: ELDERLY_AGE,
  });
  const counts = { atRisk: people.length, health: 0, elderly: 0, no_sign_of_life: 0, long_held: 0 };
  for (const person of people) for (const reason of person.reasons) counts[reason.kind]++;
  return {
    asOf: dayToIso(asOf),
    silenceDays,
    longHeldYears,
    elderlyAge: ELDERLY_AGE,
    held: personIds.length,
    counts,
    people,
  };
}
