/**
 * The analytic services on the demo registry (2,000 synthetic people and the real public
 * facts), on both stores: the founding article's operations and the Belavia measure, the
 * 17 Viasna counts, and agreement with the pure analytics run on the same events as objects.
 */
import { beforeAll, expect, it } from "vitest";
import { flows } from "../src/analytics/flows.ts";
import { deriveIntervals } from "../src/analytics/intervals.ts";
import { reconcile } from "../src/analytics/reconcile.ts";
import { revolvingDoor } from "../src/analytics/revolving-door.ts";
import { stockOn } from "../src/analytics/stock.ts";
import { isoToDay } from "../src/domain/partial-date.ts";
import { readBundle } from "../src/ingest/bundle-reader.ts";
import { loadDemo } from "../src/ingest/demo.ts";
import { PUBLIC_DATA_DIR } from "../src/ingest/public-data.ts";
import { generateSynthetic, type SyntheticSummary } from "../src/ingest/synthetic.ts";
import {
  AnalyticsInputError,
  atRiskReport,
  dashboardData,
  flowsReport,
  ledgerReport,
  reconcileReport,
  revolvingDoorReport,
} from "../src/services/analytics.ts";
import {
  loadIntervalEvents,
  loadMonitorCounts,
  loadOperations,
  loadRecognitionEvents,
} from "../src/store/analytics-source.ts";
import { describeEachStore } from "./helpers/stores.ts";

const PEOPLE = 2000;
const real = readBundle(PUBLIC_DATA_DIR).bundle;

function generatorSummary(): SyntheticSummary {
  const run = generateSynthetic({
    people: PEOPLE,
    seed: 1,
    operations: real.operations,
    monitorCounts: real.monitorCounts,
  });
  let step = run.next();
  while (!step.done) step = run.next();
  return step.value;
}

describeEachStore("analytic services on the demo", (use) => {
  const summary = generatorSummary();
  beforeAll(async () => {
    await loadDemo(use().store, { people: PEOPLE, seed: 1 });
  }, 120_000);

  it("revolving door of the 2025-09-11 and 2025-09-16 operations", async () => {
    const { store } = use();
    const rows = await revolvingDoorReport(store);
    const byId = new Map(rows.map((row) => [row.operation_id, row]));
    for (const [id, announced] of [
      ["op-2025-09-11", 52],
      ["op-2025-09-16", 25],
    ] as const) {
      const row = byId.get(id);
      expect(row?.announced).toBe(announced);
      // The generator frees the announced number scaled to the registry's size (÷ 4 here).
      expect(summary.operationReleases[id]).toBe(Math.round((announced * PEOPLE) / 8000));
      expect(row?.released_documented).toBe(summary.operationReleases[id]);
      expect(row?.ratio_basis).toBe("documented");
      expect(row?.windows.map((w) => w.days)).toEqual([30, 90, 180]);
      for (const w of row?.windows ?? []) {
        expect(w.replacement_ratio).toBeCloseTo(w.admissions / (row?.released_documented ?? 1), 12);
        expect(w.stock_change).toBe(w.stock_after - w.stock_before);
      }
    }
    // The same figures as the pure analytics on the events loaded as objects.
    const { intervals } = deriveIntervals(await loadIntervalEvents(store));
    expect(rows).toEqual(revolvingDoor(intervals, await loadOperations(store)));
  });

  it("one operation and other windows", async () => {
    const rows = await revolvingDoorReport(use().store, {
      operationId: "op-2025-09-11",
      windows: [7, 365],
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.windows.map((w) => w.days)).toEqual([7, 365]);
  });

  it("the ledger links 2025-09-11 to the Belavia measure and the talks with John Coale", async () => {
    const entries = await ledgerReport(use().store);
    const entry = entries.find((e) => e.operationId === "op-2025-09-11");
    expect(entry?.measures).toContainEqual(
      expect.objectContaining({ measureId: "m-belavia", action: "eased", lagDays: 0 }),
    );
    expect(entry?.diplomaticEvents).toContainEqual(
      expect.objectContaining({ id: "de-2025-09-11", lagDays: 0, sourceIds: ["founding-article"] }),
    );
    expect(entry?.summary).toMatch(
      /^13 released \(documented; 52 announced\); Belavia \(national airline\) sanctions eased by US 0 days later; /,
    );
    expect(entry?.sourceIds).toEqual(["founding-article"]);
    // A narrower window leaves the embassy step (2025-09~, 4 days later) out.
    const narrow = await ledgerReport(use().store, { before: 0, after: 0 });
    const e = narrow.find((x) => x.operationId === "op-2025-09-11");
    expect(e?.diplomaticEvents.map((d) => d.id)).toEqual(["de-2025-09-11"]);
  });

  it("reconciles the 17 Viasna counts", async () => {
    const { store } = use();
    const rows = await reconcileReport(store, { monitor: "Viasna" });
    expect(rows).toHaveLength(17);
    expect(new Set(rows.map((r) => r.countId))).toEqual(
      new Set(real.monitorCounts.map((c) => c.id)),
    );
    for (const row of rows) {
      expect(row.difference).toBe(row.recognized.count - row.value);
      expect(row.recognized.count).toBeLessThanOrEqual(row.total.count);
      expect(row.sourceIds.length).toBeGreaterThan(0);
    }
    const more = rows.find((r) => r.countId === "mc-2025-09");
    expect(more).toMatchObject({ qualifier: "more_than", value: 1000, day: "2025-09-15" });
    const { intervals } = deriveIntervals(await loadIntervalEvents(store));
    const pure = reconcile(
      await loadMonitorCounts(store),
      intervals,
      await loadRecognitionEvents(store),
    );
    expect(rows.map(({ sourceIds: _, ...row }) => row)).toEqual(pure);
  });

  it("flows and at-risk agree with the stock", async () => {
    const { store } = use();
    const { intervals } = deriveIntervals(await loadIntervalEvents(store));
    const from = isoToDay("2025-01-01");
    const to = isoToDay("2025-12-31");
    expect(await flowsReport(store, { from: "2025-01-01", to: "2025-12-31" })).toEqual(
      flows(intervals, { from, to, step: "month" }),
    );
    const report = await atRiskReport(store, { asOf: "2025-09-30", silenceDays: 60 });
    expect(report.held).toBe(stockOn(intervals, [isoToDay("2025-09-30")])[0]?.count);
    expect(report.counts.atRisk).toBe(report.people.length);
    expect(report.counts.atRisk).toBeGreaterThan(0);
    for (const person of report.people) expect(person.reasons.length).toBeGreaterThan(0);
  });

  it("dashboard data: everything in one call, no person named", async () => {
    const data = await dashboardData(use().store, { from: "2020-01-01", to: "2025-12-31" });
    expect(data.stock).toHaveLength(72);
    expect(data.stock[71]?.date).toBe("2025-12-31");
    expect(data.recognizedStock.map((r) => r.monitor)).toEqual(["Viasna"]);
    expect(data.monitorCounts).toHaveLength(17);
    expect(data.operations.map((o) => o.id)).toContain("op-2025-09-11");
    expect(data.reconciliation).toHaveLength(17);
    expect(data.revolvingDoor).toHaveLength(real.operations.length);
    expect(data.synthetic.notice).toMatch(/2,000 of 2,000 people .* SYNTHETIC/);
    expect(data.sources["kyiv-2025-09-11"]?.url).toBe(
      "https://kyivindependent.com/belarus-frees-52",
    );
    expect(JSON.stringify(data)).not.toMatch(/syn-p\d/);
  });

  it("refuses bad input with a clear message", async () => {
    const { store } = use();
    await expect(revolvingDoorReport(store, { operationId: "op-nope" })).rejects.toThrow(
      /unknown release operation "op-nope" \(known: op-2025-06-21, /,
    );
    await expect(revolvingDoorReport(store, { windows: [30, 0] })).rejects.toThrow(
      AnalyticsInputError,
    );
    await expect(reconcileReport(store, { monitor: "Nobody" })).rejects.toThrow(
      /no counts published by monitor "Nobody" \(monitors with counts: Viasna\)/,
    );
    await expect(flowsReport(store, { from: "2025-10", to: "2025-09" })).rejects.toThrow(
      /from \(2025-10-01\) is after to \(2025-09-30\)/,
    );
    await expect(ledgerReport(store, { before: -1 })).rejects.toThrow(/before \(days\)/);
    await expect(atRiskReport(store, { asOf: "2025-13" })).rejects.toThrow(/month 13/);
  });
});
