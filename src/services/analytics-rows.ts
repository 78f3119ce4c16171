/**
 * Flat rows of the analytic answers for a table on a terminal or a CSV file: one row per
 * operation × window, per ledger item, per count. A table gives readable cells ("> 1,000",
 * "not yet"); a CSV keeps raw values and the same columns on every row.
 */
import type { FlowRow } from "../analytics/flows.ts";
import type { RevolvingDoorRow } from "../analytics/revolving-door.ts";
import { EXIT_KINDS, type ExitKind } from "../analytics/types.ts";
import type { CountQualifier } from "../domain/model.ts";
import type { AtRiskReport, LedgerReportEntry, ReconcileReportRow } from "./analytics.ts";

type Style = "table" | "csv";

/** Period, admissions, all exits, then one column per kind of exit. */
export function flowTableRows(rows: readonly FlowRow[], style: Style): Record<string, unknown>[] {
  // The table shows only the kinds that occur; a CSV always has every column.
  const kinds: ExitKind[] =
    style === "csv"
      ? [...EXIT_KINDS]
      : EXIT_KINDS.filter((kind) => rows.some((row) => (row.exits[kind] ?? 0) > 0));
  return rows.map((row) => {
    let exits = 0;
    for (const n of Object.values(row.exits)) exits += n ?? 0;
    const out: Record<string, unknown> = {
      period: row.period,
      admissions: row.admissions,
      exits,
    };
    for (const kind of kinds) out[kind] = row.exits[kind] ?? 0;
    return out;
  });
}

function ratio(value: number | null, style: Style): unknown {
  if (value === null) return style === "csv" ? "" : "–";
  return style === "csv" ? value : value.toFixed(2);
}

/** One row per operation × window; short headers on a terminal, names as in JSON in a CSV. */
export function revolvingDoorRows(
  rows: readonly RevolvingDoorRow[],
  style: Style,
): Record<string, unknown>[] {
  const csv = style === "csv";
  return rows.flatMap((row) =>
    row.windows.map((w) => ({
      operation: row.operation_id,
      date: row.date,
      announced: row.announced ?? "",
      [csv ? "released_documented" : "documented"]: row.released_documented,
      [csv ? "ratio_basis" : "R from"]: row.ratio_basis,
      [csv ? "refill_days" : "refill (d)"]: row.refill_days ?? (csv ? "" : "not yet"),
      [csv ? "window_days" : "window (d)"]: w.days,
      [csv ? "admissions" : "admitted after"]: w.admissions,
      [csv ? "admissions_before" : "admitted before"]: w.admissions_before,
      [csv ? "replacement_ratio" : "ratio"]: ratio(w.replacement_ratio, style),
      [csv ? "stock_before" : "stock t−1"]: w.stock_before,
      [csv ? "stock_after" : "stock t+w"]: w.stock_after,
      [csv ? "stock_change" : "change"]: w.stock_change,
      [csv ? "rearrests" : "re-arrests"]: w.rearrests,
    })),
  );
}

function lagText(lag: number): string {
  return lag === 0 ? "same day" : lag < 0 ? `${-lag} d before` : `${lag} d after`;
}

/** One row per item beside an operation (an operation without any keeps one empty row). */
export function ledgerRows(entries: readonly LedgerReportEntry[]): Record<string, unknown>[] {
  return entries.flatMap((entry): Record<string, unknown>[] => {
    const base = { operation: entry.operationId, date: entry.date };
    const items = [
      ...entry.measures.map((m) => ({
        lag: m.lagDays,
        row: {
          ...base,
          item: "measure",
          item_id: m.measureId,
          what: `${m.authority}: ${m.target} ${m.kind} ${m.action}`,
          item_date: m.date,
          lag_days: m.lagDays,
          when: lagText(m.lagDays),
          sources: m.sourceIds.join(" "),
        },
      })),
      ...entry.diplomaticEvents.map((e) => ({
        lag: e.lagDays,
        row: {
          ...base,
          item: "diplomatic",
          item_id: e.id,
          what: `${e.kind}${e.actors ? ` (${e.actors})` : ""}`,
          item_date: e.date,
          lag_days: e.lagDays,
          when: lagText(e.lagDays),
          sources: e.sourceIds.join(" "),
        },
      })),
    ].sort((a, b) => a.lag - b.lag);
    if (items.length === 0) {
      return [
        {
          ...base,
          item: "",
          item_id: "",
          what: "nothing in the window",
          item_date: "",
          lag_days: "",
          when: "",
          sources: "",
        },
      ];
    }
    return items.map((i) => i.row);
  });
}

/** "op-… (2025-09-11): 52 released; …" one line per operation. */
export function ledgerSummaries(entries: readonly LedgerReportEntry[]): string {
  return entries.map((e) => `${e.operationId} (${e.date}): ${e.summary}\n`).join("");
}

const QUALIFIER_SIGN: Record<CountQualifier, string> = {
  exact: "",
  approx: "≈ ",
  more_than: "> ",
  fewer_than: "< ",
};

/** "> 1,000" for a count published as "more than 1,000". */
export function publishedText(value: number, qualifier: CountQualifier): string {
  return `${QUALIFIER_SIGN[qualifier]}${value.toLocaleString("en")}`;
}

function boundsText(v: { count: number; lower: number; upper: number }): string {
  return v.lower === v.upper ? String(v.count) : `${v.count} (${v.lower}–${v.upper})`;
}

export function consistencyText(row: { consistent: boolean; possiblyConsistent: boolean }): string {
  return row.consistent ? "yes" : row.possiblyConsistent ? "within bounds" : "no";
}

export function reconcileRows(
  rows: readonly ReconcileReportRow[],
  style: Style,
): Record<string, unknown>[] {
  if (style === "csv") {
    return rows.map((r) => ({
      count_id: r.countId,
      monitor: r.monitor,
      as_of: r.asOf,
      day: r.day,
      value: r.value,
      qualifier: r.qualifier,
      recognized: r.recognized.count,
      recognized_lower: r.recognized.lower,
      recognized_upper: r.recognized.upper,
      total: r.total.count,
      total_lower: r.total.lower,
      total_upper: r.total.upper,
      difference: r.difference,
      consistent: r.consistent,
      possibly_consistent: r.possiblyConsistent,
      sources: r.sourceIds.join(" "),
    }));
  }
  return rows.map((r) => ({
    count: r.countId,
    monitor: r.monitor,
    as_of: r.asOf,
    published: publishedText(r.value, r.qualifier),
    "registry recognized (bounds)": boundsText(r.recognized),
    "registry total (bounds)": boundsText(r.total),
    difference: r.difference > 0 ? `+${r.difference}` : String(r.difference),
    agrees: consistencyText(r),
    sources: r.sourceIds.join(" "),
  }));
}

const RISK_KINDS = ["health", "elderly", "no_sign_of_life", "long_held"] as const;

/** One row per person at risk; each reason in its own column ("possibly …" when uncertain). */
export function atRiskRows(report: AtRiskReport): Record<string, unknown>[] {
  return report.people.map((person) => {
    const row: Record<string, unknown> = {
      person_id: person.personId,
      held_since: person.heldSince,
      held_days: person.heldDays,
    };
    for (const kind of RISK_KINDS) {
      row[kind] = person.reasons.find((r) => r.kind === kind)?.detail ?? "";
    }
    return row;
  });
}

export function atRiskSummary(report: AtRiskReport): string {
  const c = report.counts;
  return (
    `${c.atRisk} of ${report.held} people held on ${report.asOf} are at risk: ` +
    `${c.health} with a health condition, ${c.elderly} aged ${report.elderlyAge} or more, ` +
    `${c.no_sign_of_life} without sign of life for more than ${report.silenceDays} days, ` +
    `${c.long_held} held ${report.longHeldYears} years or more (some possibly: see each reason)\n`
  );
}
