/**
 * Everything the dashboard and the HTML report show, in one call: one load of the
 * intervals, a few small tables, then the analytics in memory. Aggregates only: no person
 * id leaves this function, so that the answer can be shown to anyone.
 */

import { type FlowRow, flows } from "../analytics/flows.ts";
import type { LedgerEntry } from "../analytics/ledger.ts";
import { ledger } from "../analytics/ledger.ts";
import { recognitionPeriods } from "../analytics/recognition.ts";
import type { ReconciliationRow } from "../analytics/reconcile.ts";
import { reconcile } from "../analytics/reconcile.ts";
import type { RevolvingDoorRow } from "../analytics/revolving-door.ts";
import { revolvingDoor } from "../analytics/revolving-door.ts";
import { type StockRow, stockSeries } from "../analytics/stock.ts";
import { deathsInCustody, type TimeHeldSummary, timeHeld } from "../analytics/time-held.ts";
import { EXIT_KINDS, type ProblemKind, type RecognitionEvent } from "../analytics/types.ts";
import type { CountQualifier } from "../domain/model.ts";
import { dayNumber, dayToIso, middleDay } from "../domain/partial-date.ts";
import {
  loadDiplomaticEvents,
  loadMeasures,
  loadMonitorCounts,
  loadOperations,
  loadRecognitionEvents,
  loadSources,
  registryExtent,
  type SourceRef,
} from "../store/analytics-source.ts";
import type { Queryable } from "../store/connection.ts";
import { type AtRiskReport, atRiskReport } from "./analytics.ts";
import { AnalyticsInputError, type DayInput, toDay, todayDay } from "./analytics-input.ts";
import {
  intervalObjects,
  type LoadedIntervals,
  loadIntervals,
  rowsWhere,
} from "./interval-loader.ts";

export interface DashboardQuery {
  /** Default: 1 January of the year of the earliest monitor count or release operation. */
  from?: DayInput;
  /** Default: today. */
  to?: DayInput;
}

interface Dated {
  /** As recorded (EDTF), and the middle day it is placed on. */
  date: string;
  day: string;
}

export interface DashboardData {
  range: { from: string; to: string };
  /** Set when the registry holds synthetic people: shown as a banner wherever the data is. */
  synthetic: { people: number; syntheticPeople: number; notice: string | null };
  /** Monthly stock (the last day of each month, or `to`), with bounds. */
  stock: StockRow[];
  /** The same for the people each monitor recognized, for every monitor that publishes counts. */
  recognizedStock: { monitor: string; rows: StockRow[] }[];
  /**
   * Daily stock and recognized stock from 90 days before the first release operation to
   * 180 days after the last (within the range), to see each operation's effect; null
   * without operations in the range.
   */
  aroundOperations: {
    from: string;
    to: string;
    stock: StockRow[];
    recognized: { monitor: string; rows: StockRow[] }[];
  } | null;
  monitorCounts: (Dated & {
    id: string;
    monitor: string;
    value: number;
    qualifier: CountQualifier;
    sourceIds: string[];
  })[];
  operations: (Dated & {
    id: string;
    kind: string;
    announced: number | null;
    mediators: string | null;
    description: string | null;
    sourceIds: string[];
  })[];
  /** Each dated step of each measure (imposed, eased, lifted). */
  measures: (Dated & {
    id: string;
    authority: string;
    target: string;
    kind: string;
    action: "imposed" | "eased" | "lifted";
    description: string | null;
    sourceIds: string[];
  })[];
  diplomaticEvents: (Dated & {
    id: string;
    kind: string;
    actors: string | null;
    description: string | null;
    sourceIds: string[];
  })[];
  flows: FlowRow[];
  revolvingDoor: RevolvingDoorRow[];
  ledger: LedgerEntry[];
  reconciliation: ReconciliationRow[];
  atRisk: {
    asOf: string;
    held: number;
    counts: Awaited<ReturnType<typeof atRiskReport>>["counts"];
    silenceDays: number;
    longHeldYears: number;
    elderlyAge: number;
  };
  deathsInCustody: { date: string; range: string; heldDays: number }[];
  /** Days held: intervals ended by `to`, and those still running on it (counted up to it). */
  timeHeld: { asOf: string; closed: AnonymousTimeHeld; open: AnonymousTimeHeld };
  dataProblems: Partial<Record<ProblemKind, number>>;
  /** Every source cited above, by id. */
  sources: Record<string, SourceRef>;
}

export type AnonymousTimeHeld = Omit<TimeHeldSummary, "longest"> & {
  longest: { days: number; from: string; to: string | null } | null;
};

function anonymous(summary: TimeHeldSummary): AnonymousTimeHeld {
  const { longest, ...rest } = summary;
  return {
    ...rest,
    longest: longest && { days: longest.days, from: longest.from, to: longest.to },
  };
}

function placed(date: { text: string; first: number; last: number }): Dated {
  return { date: date.text, day: dayToIso(middleDay(date.first, date.last)) };
}

/** Everything dashboardData reads from the store (the rest is computed in memory). */
export interface DashboardInputs {
  query: DashboardQuery;
  operations: Awaited<ReturnType<typeof loadOperations>>;
  measures: Awaited<ReturnType<typeof loadMeasures>>;
  diplomaticEvents: Awaited<ReturnType<typeof loadDiplomaticEvents>>;
  counts: Awaited<ReturnType<typeof loadMonitorCounts>>;
  people: number;
  synthetic: number;
  lastEventDay: number | null;
  loaded: LoadedIntervals;
  recognitionEvents: RecognitionEvent[];
  sources: SourceRef[];
}

export async function loadDashboardInputs(
  q: Queryable,
  query: DashboardQuery = {},
): Promise<DashboardInputs> {
  const operations = await loadOperations(q);
  const measures = await loadMeasures(q);
  const diplomaticEvents = await loadDiplomaticEvents(q);
  const counts = await loadMonitorCounts(q);
  const cited = new Set<string>();
  for (const list of [operations, measures, diplomaticEvents, counts]) {
    for (const item of list) for (const id of item.sourceIds) cited.add(id);
  }
  return {
    query,
    operations,
    measures,
    diplomaticEvents,
    counts,
    ...(await registryExtent(q)),
    loaded: await loadIntervals(q),
    recognitionEvents: await loadRecognitionEvents(q),
    sources: await loadSources(q, [...cited]),
  };
}

/** One load of the store, then everything computed in memory. */
export async function dashboardData(
  q: Queryable,
  query: DashboardQuery = {},
): Promise<DashboardData> {
  const inputs = await loadDashboardInputs(q, query);
  const { asOf } = dashboardRange(inputs);
  const risk = await atRiskReport(q, { asOf }, inputs.loaded);
  return computeDashboard(inputs, risk);
}

/** The range asked for, with its defaults, and the day people at risk are taken on. */
function dashboardRange(inputs: DashboardInputs): { from: number; to: number; asOf: number } {
  const { query, counts, operations, loaded, lastEventDay } = inputs;
  const to = query.to === undefined ? todayDay() : toDay(query.to, "to", "to");
  let from: number;
  if (query.from !== undefined) from = toDay(query.from, "from", "from");
  else {
    const firsts = [...counts.map((c) => c.asOf.first), ...operations.map((o) => o.date.first)];
    let earliest = firsts.length > 0 ? Math.min(...firsts) : to;
    if (firsts.length === 0) {
      for (const start of loaded.table.startMid) earliest = Math.min(earliest, start);
    }
    from = dayNumber(Number(dayToIso(Math.min(earliest, to)).slice(0, 4)), 1, 1);
  }
  if (from > to) {
    throw new AnalyticsInputError(`from (${dayToIso(from)}) is after to (${dayToIso(to)})`);
  }
  // The registry says nothing about silence after its last record: people at risk are
  // taken on `to`, or on the last day anything was recorded if that is earlier.
  return { from, to, asOf: Math.min(to, lastEventDay ?? to) };
}

/** The in-memory part of dashboardData (the benchmark times it apart from the loads). */
export function computeDashboard(inputs: DashboardInputs, risk: AtRiskReport): DashboardData {
  const {
    operations,
    measures,
    diplomaticEvents,
    counts,
    people,
    synthetic,
    loaded,
    recognitionEvents,
  } = inputs;
  const { table } = loaded;
  const { from, to } = dashboardRange(inputs);
  const range = { from, to, step: "month" as const };

  const monitors = [...new Set(counts.map((c) => c.monitor))].sort();
  const recognition = monitors.map((monitor) => ({
    monitor,
    periods: recognitionPeriods(recognitionEvents, monitor),
  }));
  const recognizedStock = recognition.map(({ monitor, periods }) => ({
    monitor,
    rows: stockSeries(table, range, periods),
  }));
  const opDays = operations
    .map((o) => middleDay(o.date.first, o.date.last))
    .filter((d) => d >= from && d <= to);
  let aroundOperations: DashboardData["aroundOperations"] = null;
  if (opDays.length > 0) {
    const around = {
      from: Math.max(from, Math.min(...opDays) - 90),
      to: Math.min(to, Math.max(...opDays) + 180),
      step: "day" as const,
    };
    aroundOperations = {
      from: dayToIso(around.from),
      to: dayToIso(around.to),
      stock: stockSeries(table, around),
      recognized: recognition.map(({ monitor, periods }) => ({
        monitor,
        rows: stockSeries(table, around, periods),
      })),
    };
  }

  const died = EXIT_KINDS.indexOf("died_in_custody");
  const dead = intervalObjects(
    loaded,
    rowsWhere(loaded, (i) => table.exit[i] === died && (table.endMid[i] as number) <= to),
  );
  const held = timeHeld(intervalObjects(loaded, undefined, { eventIds: false }), to);
  const dataProblems: Partial<Record<ProblemKind, number>> = {};
  for (const problem of loaded.problems) {
    dataProblems[problem.kind] = (dataProblems[problem.kind] ?? 0) + 1;
  }

  const measureSteps: DashboardData["measures"] = [];
  for (const m of measures) {
    for (const action of ["imposed", "eased", "lifted"] as const) {
      const date = m[action];
      if (date === null) continue;
      measureSteps.push({
        id: m.id,
        authority: m.authority,
        target: m.target,
        kind: m.kind,
        action,
        description: m.description,
        sourceIds: m.sourceIds,
        ...placed(date),
      });
    }
  }
  return {
    range: { from: dayToIso(from), to: dayToIso(to) },
    synthetic: {
      people,
      syntheticPeople: synthetic,
      notice:
        synthetic > 0
          ? `${synthetic.toLocaleString("en")} of ${people.toLocaleString("en")} people in this registry are SYNTHETIC (made up by the demo generator): the person-level figures are not real; only the aggregate public facts (release operations, sanctions, diplomatic events, monitors' counts, with their sources) are.`
          : null,
    },
    stock: stockSeries(table, range),
    recognizedStock,
    aroundOperations,
    monitorCounts: counts.map((c) => ({
      id: c.id,
      monitor: c.monitor,
      value: c.value,
      qualifier: c.qualifier,
      sourceIds: c.sourceIds,
      ...placed(c.asOf),
    })),
    operations: operations.map((o) => ({
      id: o.id,
      kind: o.kind,
      announced: o.announcedCount,
      mediators: o.mediators,
      description: o.description,
      sourceIds: o.sourceIds,
      ...placed(o.date),
    })),
    measures: measureSteps,
    diplomaticEvents: diplomaticEvents.map((e) => ({
      id: e.id,
      kind: e.kind,
      actors: e.actors,
      description: e.description,
      sourceIds: e.sourceIds,
      ...placed(e.date),
    })),
    flows: flows(table, range),
    revolvingDoor: revolvingDoor(table, operations),
    ledger: ledger({ intervals: table, operations, measures, diplomaticEvents }),
    reconciliation: reconcile(counts, table, recognitionEvents),
    atRisk: {
      asOf: risk.asOf,
      held: risk.held,
      counts: risk.counts,
      silenceDays: risk.silenceDays,
      longHeldYears: risk.longHeldYears,
      elderlyAge: risk.elderlyAge,
    },
    deathsInCustody: deathsInCustody(dead).map((d) => ({
      date: d.date,
      range: d.range,
      heldDays: d.heldDays,
    })),
    timeHeld: { asOf: dayToIso(to), closed: anonymous(held.closed), open: anonymous(held.open) },
    dataProblems,
    sources: Object.fromEntries(inputs.sources.map((s) => [s.id, s])),
  };
}
