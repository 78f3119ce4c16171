/**
 * `simulateReport` and `backtestReport` on both stores: the same projection as the pure
 * simulator run on the same events, the newcomer's question answered in one sentence,
 * recorded release operations as back-test pulses, and clear errors.
 */
import { beforeAll, expect, it } from "vitest";
import { deriveIntervals } from "../src/analytics/intervals.ts";
import { calibrate } from "../src/analytics/simulation/calibration.ts";
import { runMonteCarlo } from "../src/analytics/simulation/monte-carlo.ts";
import { monthlyCheckpoints, projectionRows } from "../src/analytics/simulation/projection.ts";
import { seededRandom } from "../src/analytics/simulation/random.ts";
import { stockOn } from "../src/analytics/stock.ts";
import { lastBoundary, toIntervalTable } from "../src/analytics/table.ts";
import type { Bundle, CaseEvent } from "../src/domain/model.ts";
import { dayToIso, isoToDay } from "../src/domain/partial-date.ts";
import { AnalyticsInputError } from "../src/services/analytics-input.ts";
import { backtestReport, simulateReport } from "../src/services/simulate.ts";
import { writeBundle } from "../src/store/bundle-writer.ts";
import { event, operation, person, source } from "./fixtures/estimation-bundle.ts";
import { describeEachStore } from "./helpers/stores.ts";

/** 400 invented people detained between 2022 and mid-2025; 20 freed by one operation. */
function registry(): Partial<Bundle> {
  const random = seededRandom(5);
  const events: CaseEvent[] = [];
  const people = [];
  const start = isoToDay("2022-01-01");
  let freed = 0;
  for (let i = 0; i < 400; i++) {
    const id = `s${String(i).padStart(3, "0")}`;
    people.push(person(id));
    const detained = start + Math.floor(random.next() * 1260);
    events.push(event(`${id}-d`, id, "detained", dayToIso(detained), ["a1"]));
    const stay = 30 + Math.floor(random.exponential(1 / 400));
    const held = (day: number) => detained < day && detained + stay > day;
    if (freed < 20 && held(isoToDay("2024-09-01"))) {
      freed++;
      events.push(
        event(`${id}-r`, id, "released", "2024-09-01", ["a1"], {
          mechanism: "pardon",
          operationId: "op-x",
        }),
      );
    } else if (detained + stay < isoToDay("2025-07-01")) {
      events.push(
        event(`${id}-r`, id, "released", dayToIso(detained + stay), ["a1"], {
          mechanism: "end_of_term",
        }),
      );
    }
  }
  return {
    sources: [source("a1", null)],
    people,
    operations: [operation("op-x", "2024-09-01", 25)],
    events,
  };
}

const bundle = registry();
const TODAY = isoToDay("2025-07-01");

describeEachStore("the revolving-door simulator from the store", (use) => {
  beforeAll(async () => {
    await use().store.transaction((tx) =>
      writeBundle(tx, bundle, { actor: "test", batch: "simulate" }),
    );
  });

  it("gives the same projection as the pure simulator on the same events", async () => {
    const report = await simulateReport(use().store, {
      from: "2025-01-01",
      months: 6,
      releases: [{ date: "2025-01-01", count: 10 }],
      runs: 200,
      seed: 3,
      today: TODAY,
      uncertainty: "noise",
    });
    const events = (bundle.events ?? []).filter((e) => e.type !== "contact");
    const table = toIntervalTable(
      deriveIntervals(
        events.map((e) => ({
          eventId: e.id,
          personId: e.personId,
          type: e.type as "detained" | "released",
          first: e.date.first,
          last: e.date.last,
          mechanism: e.mechanism,
          operationId: e.operationId,
        })),
      ).intervals,
    );
    const from = isoToDay("2025-01-01");
    const c = calibrate(table, bundle.operations ?? [], { from });
    const checkpoints = monthlyCheckpoints(from, 6);
    const result = runMonteCarlo({
      from,
      checkpoints,
      served: c.served,
      arrestsPerDay: c.arrestsPerDay,
      timeHeld: c.timeHeld,
      releases: [{ day: from, count: 10 }],
      response: null,
      runs: 200,
      seed: 3,
    });
    // The record ends at the registry's last start or end (before "today" here).
    const until = lastBoundary(table);
    expect(report.recordedUntil).toBe(dayToIso(until));
    const stock = stockOn(table, Array.from(checkpoints));
    const recorded = Array.from(checkpoints, (day, i) =>
      day <= until ? (stock[i] ?? null) : null,
    );
    expect(recorded.filter((r) => r !== null)).toHaveLength(6);
    expect(report.rows).toEqual(projectionRows(result, recorded));
    expect(report.calibration.heldAtStart).toBe(c.served.length);
  });

  it("answers the newcomer's question in one sentence with bands", async () => {
    const report = await simulateReport(use().store, {
      from: "2025-01-01",
      months: 12,
      releases: [{ date: "2025-01-01", count: 10 }],
      runs: 100,
      today: TODAY,
    });
    expect(report.summary).toMatch(
      /^If 10 are released on 2025-01-01 and arrests continue at [\d.]+ a month \(the registry's \d+ admissions from 2024-01-02 to 2024-12-31\), about [\d,]+ people would be held on 2026-01-01 \(80% band [\d,]+–[\d,]+, 95% band [\d,]+–[\d,]+; 100 runs, seed 1\), against [\d,]+ held when it starts on 2025-01-01\.$/,
    );
    // Past the registry's record there is nothing to compare with.
    expect(report.rows.at(-1)?.recorded).toBeNull();
    const row = report.rows.at(-1);
    expect(row?.band95.lower).toBeLessThanOrEqual(row?.band80.lower as number);
    expect(row?.band80.lower).toBeLessThanOrEqual(row?.median as number);
    expect(row?.median).toBeLessThanOrEqual(row?.band80.upper as number);
  });

  it("draws each run's arrest rate and time-held curve: wider bands than noise alone, seeded", async () => {
    const query = { from: "2025-01-01", months: 12, runs: 300, seed: 5, today: TODAY };
    const noise = await simulateReport(use().store, { ...query, uncertainty: "noise" });
    const parameters = await simulateReport(use().store, query);
    expect(parameters.calibration.uncertainty.kind).toBe("parameters");
    expect(parameters.calibration.uncertainty.timeHeldReplicates).toBe(200);
    expect(parameters.calibration.uncertainty.arrestRateCv).toBeGreaterThan(0);
    expect(noise.calibration.uncertainty.timeHeldReplicates).toBe(0);
    const width = (r: typeof noise) => {
      const last = r.rows.at(-1) as (typeof r.rows)[number];
      return last.band95.upper - last.band95.lower;
    };
    expect(width(parameters)).toBeGreaterThan(width(noise));
    expect((await simulateReport(use().store, query)).rows).toEqual(parameters.rows);
  });

  it("back-tests with the recorded operation as a pulse of its documented size", async () => {
    const report = await backtestReport(use().store, {
      at: "2024-06-01",
      months: 6,
      runs: 200,
      today: TODAY,
    });
    expect(report.releaseBasis).toBe("recorded");
    expect(report.releases).toEqual([{ date: "2024-09-01", count: 20, operationId: "op-x" }]);
    expect(report.metrics.compared).toBe(6);
    expect(report.metrics.coverage95).toBeGreaterThanOrEqual(0);
    expect(report.metrics.meanAbsolutePercentageError).toBeGreaterThan(0);
    const none = await backtestReport(use().store, {
      at: "2024-06-01",
      months: 6,
      runs: 50,
      releases: "none",
      today: TODAY,
    });
    expect(none.releases).toEqual([]);
  });

  it("refuses bad scenarios with a reason", async () => {
    const { store } = use();
    const refuse = (promise: Promise<unknown>, message: RegExp) =>
      expect(promise).rejects.toSatisfy(
        (e: unknown) => e instanceof AnalyticsInputError && message.test((e as Error).message),
      );
    await refuse(
      simulateReport(store, {
        from: "2025-01-01",
        months: 3,
        releases: [{ date: "2025-06-01", count: 5 }],
      }),
      /release on 2025-06-01 is outside the projection \(2025-01-01 to 2025-04-01\)/,
    );
    await refuse(
      simulateReport(store, { from: "2025-01-01", months: 0 }),
      /months must be a whole number ≥ 1/,
    );
    await refuse(
      simulateReport(store, { from: "2025-01-01", months: 3, runs: 1e6 }),
      /runs must be at most/,
    );
    await refuse(simulateReport(store, { from: "2025-13", months: 3 }), /from: month 13/);
    await refuse(
      simulateReport(store, {
        from: "2025-01-01",
        months: 3,
        releases: [{ date: "2025-01-01", count: -1 }],
      }),
      /releases\[0\]\.count/,
    );
    await refuse(
      backtestReport(store, { at: "2024-06-01", months: 3, releases: "some" as "none" }),
      /recorded" or "none/,
    );
    // Nothing recorded after `at`: there is nothing to compare the projection with.
    await refuse(
      backtestReport(store, { at: "2030-01-01", months: 3, runs: 50, today: TODAY }),
      /at: the registry's records end on \d{4}-\d{2}-\d{2}; a back-test starts before/,
    );
  });
});

describeEachStore("the simulator on an empty registry", (use) => {
  it("is a flat projection of arrests at the given rate", async () => {
    const report = await simulateReport(use().store, {
      from: "2025-01-01",
      months: 2,
      arrestRate: 0,
      runs: 10,
    });
    expect(report.rows.map((r) => r.median)).toEqual([0, 0, 0]);
    expect(report.recordedUntil).toBeNull();
    expect(report.summary).toContain("If there are no releases and arrests run at 0.0 a month");
  });
});
