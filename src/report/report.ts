/**
 * `turnstile report`: one self-contained HTML file with the dashboard's figures as inline
 * SVG (drawn by Vega-Lite on the server), the tables, every source, and the method notes
 * of docs/METHOD.md at the end.
 */
import { readFileSync } from "node:fs";
import { consistencyText, publishedText } from "../services/analytics-rows.ts";
import { type DashboardData, type DashboardQuery, dashboardData } from "../services/dashboard.ts";
import type { Queryable } from "../store/connection.ts";
import {
  atRiskChartSpec,
  flowsChartSpec,
  renderSvg,
  stockChartSpec,
  timeHeldChartSpec,
} from "./charts.ts";
import { type Cell, escapeHtml, figure, page, sourceList, table } from "./html.ts";
import { markdownToHtml } from "./markdown.ts";

export const METHOD_FILE = new URL("../../docs/METHOD.md", import.meta.url);

function registryLine(data: DashboardData): string {
  const s = data.synthetic;
  return s.syntheticPeople > 0
    ? `Person-level figures: the registry (${s.people.toLocaleString("en")} people, ${s.syntheticPeople.toLocaleString("en")} of them <b>SYNTHETIC</b>, made up by the demo generator)`
    : `Person-level figures: the registry (${s.people.toLocaleString("en")} people), each event with its own sources`;
}

function years(days: number): string {
  return `${(days / 365.25).toFixed(1)} years`;
}

function keyFigures(data: DashboardData): string {
  const last = data.stock[data.stock.length - 1];
  const items: [string, string][] = [];
  if (last) {
    items.push([
      last.count.toLocaleString("en"),
      `people held on ${last.date} (bounds ${last.lower.toLocaleString("en")}–${last.upper.toLocaleString("en")})`,
    ]);
  }
  for (const r of data.recognizedStock) {
    const row = r.rows[r.rows.length - 1];
    if (row) items.push([row.count.toLocaleString("en"), `of them recognized by ${r.monitor}`]);
  }
  const count = data.monitorCounts[data.monitorCounts.length - 1];
  if (count) {
    items.push([
      publishedText(count.value, count.qualifier),
      `${count.monitor}'s latest published count (${count.date})`,
    ]);
  }
  items.push([
    data.atRisk.counts.atRisk.toLocaleString("en"),
    `people at risk on ${data.atRisk.asOf}`,
  ]);
  items.push([String(data.deathsInCustody.length), "deaths in custody in the registry"]);
  return `<div class="figures">${items.map(([v, t]) => `<div><b>${escapeHtml(v)}</b><span>${escapeHtml(t)}</span></div>`).join("")}</div>`;
}

function revolvingDoorTable(data: DashboardData): string {
  const rows: Cell[][] = data.revolvingDoor.flatMap((op) =>
    op.windows.map((w) => [
      op.operation_id,
      op.date,
      op.announced,
      op.released_documented,
      op.ratio_basis,
      op.refill_days === null ? "not yet" : op.refill_days,
      w.days,
      w.admissions,
      w.admissions_before,
      w.replacement_ratio === null ? "–" : { num: w.replacement_ratio.toFixed(2) },
      w.stock_before,
      w.stock_after,
      { num: w.stock_change > 0 ? `+${w.stock_change}` : String(w.stock_change) },
      w.rearrests,
    ]),
  );
  return table(
    [
      "operation",
      "date",
      "announced",
      "released (documented)",
      "R taken from",
      "refill (days)",
      "window (days)",
      "admissions after",
      "admissions before",
      "replacement ratio",
      "stock before (t−1)",
      "stock after (t+w)",
      "change",
      "re-arrests",
    ],
    rows,
  );
}

function ledgerSection(data: DashboardData): string {
  const summaries = data.ledger
    .map(
      (e) =>
        `<li><b>${escapeHtml(e.operationId)}</b> (${escapeHtml(e.date)}): ${escapeHtml(e.summary)}</li>`,
    )
    .join("");
  const rows: Cell[][] = data.ledger.flatMap((e) => [
    ...e.measures.map((m): Cell[] => [
      e.operationId,
      "measure",
      `${m.authority}: ${m.target} ${m.kind} ${m.action}`,
      m.date,
      m.lagDays,
    ]),
    ...e.diplomaticEvents.map((d): Cell[] => [
      e.operationId,
      "diplomatic",
      `${d.kind}: ${d.description ?? d.actors ?? ""}`,
      d.date,
      d.lagDays,
    ]),
  ]);
  const ids = new Set<string>();
  const byId = new Map<string, string[]>();
  for (const m of data.measures) byId.set(`m:${m.id}`, m.sourceIds);
  for (const d of data.diplomaticEvents) byId.set(`d:${d.id}`, d.sourceIds);
  for (const o of data.operations) for (const s of o.sourceIds) ids.add(s);
  for (const e of data.ledger) {
    for (const m of e.measures) for (const s of byId.get(`m:${m.measureId}`) ?? []) ids.add(s);
    for (const d of e.diplomaticEvents) for (const s of byId.get(`d:${d.id}`) ?? []) ids.add(s);
  }
  return (
    `<ul class="summary">${summaries}</ul>` +
    table(["operation", "item", "what", "date", "lag (days, + after)"], rows) +
    sourceList("Sources", ids, data.sources, [registryLine(data)])
  );
}

function reconciliationSection(data: DashboardData): string {
  const byId = new Map(data.monitorCounts.map((c) => [c.id, c.sourceIds]));
  const bounds = (v: { count: number; lower: number; upper: number }): Cell =>
    v.lower === v.upper ? v.count : { num: `${v.count} (${v.lower}–${v.upper})` };
  const rows: Cell[][] = data.reconciliation.map((r) => [
    r.monitor,
    r.asOf,
    { num: publishedText(r.value, r.qualifier) },
    bounds(r.recognized),
    bounds(r.total),
    { num: r.difference > 0 ? `+${r.difference}` : String(r.difference) },
    consistencyText(r),
    (byId.get(r.countId) ?? []).join(" "),
  ]);
  const ids = data.monitorCounts.flatMap((c) => c.sourceIds);
  return (
    table(
      [
        "monitor",
        "as of",
        "published",
        "registry: recognized (bounds)",
        "registry: all held (bounds)",
        "difference",
        "agrees?",
        "source",
      ],
      rows,
    ) + sourceList("Sources", ids, data.sources, [registryLine(data)])
  );
}

function deathsSection(data: DashboardData): string {
  if (data.deathsInCustody.length === 0) return "<p>No death in custody is recorded.</p>";
  return table(
    ["date (middle)", "date range", "held (days)"],
    data.deathsInCustody.map((d) => [d.date, d.range, d.heldDays]),
  );
}

/** The whole report as one HTML string. */
export async function buildReport(q: Queryable, query: DashboardQuery = {}): Promise<string> {
  const data = await dashboardData(q, query);
  const method = markdownToHtml(readFileSync(METHOD_FILE, "utf8"), 1);
  const { from, to } = data.range;
  // A chart cites the sources of the counts, operations and measures it shows.
  const sourcesBetween = (first: string, last: string) =>
    [...data.monitorCounts, ...data.operations, ...data.measures]
      .filter((item) => item.day >= first && item.day <= last)
      .flatMap((item) => item.sourceIds);
  const stockSvg = await renderSvg(
    stockChartSpec({
      title: `People held for political reasons, ${from} to ${to}`,
      stock: data.stock,
      recognized: data.recognizedStock,
      counts: data.monitorCounts,
      operations: data.operations,
      measures: data.measures,
      from,
      to,
      subtitle:
        "Monthly: each point is the last day of a month; clustered operations are labelled in the close-up below",
      labelGapDays: 240,
      zero: true,
    }),
  );
  let aroundSvg = "";
  if (data.aroundOperations) {
    const around = data.aroundOperations;
    aroundSvg = figure(
      await renderSvg({
        ...stockChartSpec({
          title: `Around the release operations, ${around.from} to ${around.to} (daily)`,
          stock: around.stock,
          recognized: around.recognized,
          counts: data.monitorCounts,
          operations: data.operations,
          measures: data.measures,
          from: around.from,
          to: around.to,
          subtitle: "Daily; the people axis does not start at zero",
          labelGapDays: 0,
          zero: false,
        }),
      }),
      "The same, day by day around the release operations: solid green rules are release operations (announced count freed), dashed orange rules are sanctions imposed, eased or lifted.",
      sourcesBetween(around.from, around.to),
      data.sources,
      [registryLine(data)],
    );
  }
  const flowsSvg = await renderSvg(
    flowsChartSpec(data.flows, `Admissions and exits per month, ${from} to ${to}`),
  );
  const timeSvg = await renderSvg(timeHeldChartSpec(data.timeHeld.closed, data.timeHeld.open));
  const riskSvg = await renderSvg(atRiskChartSpec(data.atRisk));
  const banner = data.synthetic.notice
    ? `<div class="banner" role="alert"><strong>SYNTHETIC DATA.</strong> ${escapeHtml(data.synthetic.notice)}</div>`
    : "";
  const closed = data.timeHeld.closed;
  const open = data.timeHeld.open;
  const problems = Object.entries(data.dataProblems)
    .map(([kind, n]) => `${n} ${kind.replaceAll("_", " ")}`)
    .join(", ");
  const body = `
<h1>Political imprisonment: the registry's figures</h1>
<p class="lead">${escapeHtml(from)} to ${escapeHtml(to)}. Generated by Turnstile on ${new Date().toISOString().slice(0, 10)}. Every figure lists its sources; the definitions are in the method notes at the end.</p>
${banner}
${keyFigures(data)}
<h2>How many are held</h2>
${figure(
  stockSvg,
  'Blue line: people held on the last day of each month, each partial date taken at its middle; light blue band: lower bound (certainly held) to upper bound (possibly held). Dashed line: people the monitor recognized as political prisoners (comparable to its published counts). Black markers: the monitor\'s published counts, shaped by qualifier (▲ more than, ▼ fewer than, ◆ approximately, ● exact) and labelled "> 1,000" where not exact. Rules: release operations (solid green) and sanctions (dashed orange).',
  sourcesBetween(from, to),
  data.sources,
  [registryLine(data)],
)}
${aroundSvg}
<h2>Flows: admissions and exits</h2>
${figure(flowsSvg, "Each detention interval counts once as an admission in the month of its start's middle day, and once as an exit in the month of its end's middle day, by how it ended.", [], data.sources, [registryLine(data)])}
<h2>The revolving door</h2>
<p>For each release operation at day t and window w: admissions in (t, t+w] after it and in [t−w, t) before it; replacement ratio = admissions after / R, where R is the number of documented people released by the operation, or the announced count when none is documented; stock change = stock(t+w) − stock(t−1); refill = first day after t when the stock is back at stock(t−1).</p>
${revolvingDoorTable(data)}
${sourceList(
  "Sources",
  data.operations.flatMap((o) => o.sourceIds),
  data.sources,
  [registryLine(data)],
)}
<h2>The ledger: what was traded</h2>
<p>Each release operation beside the sanctions eased or lifted and the diplomatic events from 30 days before to 90 days after it; lag = days from the operation to the item (negative: before).</p>
${ledgerSection(data)}
<h2>Reconciliation with the monitors' counts</h2>
<p>Each published count beside the registry's stock of people the same monitor recognized on that day, and all people held. "Agrees": the registry's point value satisfies the qualifier (exact, ≈ within 5 %, more than, fewer than); "within bounds": only some value between the bounds does.</p>
${reconciliationSection(data)}
<h2>People at risk</h2>
<div class="pair">${figure(riskSvg, `People held on ${escapeHtml(data.atRisk.asOf)} (the last day the registry records anything, if earlier than the report's end) with a health condition, aged ${data.atRisk.elderlyAge} or more, without a sign of life for more than ${data.atRisk.silenceDays} days, or held ${data.atRisk.longHeldYears} years or more. Counts only: no person is named in this report.`, [], data.sources, [registryLine(data)])}</div>
<h2>Deaths in custody</h2>
${deathsSection(data)}
${sourceList("Sources", [], data.sources, [registryLine(data)])}
<h2>Time held</h2>
<div class="pair">${figure(timeSvg, `Ended detentions: ${closed.count.toLocaleString("en")}, median ${closed.medianDays === null ? "–" : years(closed.medianDays)}, longest ${closed.longest ? years(closed.longest.days) : "–"}. Still held on ${escapeHtml(data.timeHeld.asOf)}: ${open.count.toLocaleString("en")}, median ${open.medianDays === null ? "–" : years(open.medianDays)}, longest ${open.longest ? `${years(open.longest.days)} (since ${escapeHtml(open.longest.from)})` : "–"}.`, [], data.sources, [registryLine(data)])}</div>
<h2>Data problems</h2>
<p>${problems ? `Events set aside or flagged while building detention intervals: ${escapeHtml(problems)}.` : "No data problem was found while building detention intervals."}</p>
<h2>All sources</h2>
${sourceList("Public sources of the aggregate facts", Object.keys(data.sources), data.sources, [registryLine(data)])}
<section class="method">
${method}
</section>`;
  return page(`Turnstile report ${from} – ${to}`, body);
}
