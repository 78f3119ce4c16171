import { describe, expect, it } from "vitest";
import { dayNumber } from "../../domain/partial-date.ts";
import { type MonteCarloInput, runMonteCarlo } from "./monte-carlo.ts";
import {
  addMonths,
  backtestMetrics,
  monthlyCheckpoints,
  type ProjectionRow,
  projectionRows,
  quantile,
} from "./projection.ts";
import { kaplanMeier } from "./time-held.ts";

const FROM = dayNumber(2026, 1, 1);

/** Everyone stays for good (all durations censored). */
const forever = kaplanMeier(Int32Array.from(Array(30).fill(1000)), new Uint8Array(30));
/** Everyone stays exactly ten days. */
const tenDays = kaplanMeier(
  Int32Array.from(Array(30).fill(10)),
  Uint8Array.from(Array(30).fill(1)),
);

function input(overrides: Partial<MonteCarloInput>): MonteCarloInput {
  return {
    from: FROM,
    checkpoints: Int32Array.from([FROM, FROM + 10, FROM + 20]),
    served: Int32Array.from(Array(100).fill(30)),
    arrestsPerDay: 0,
    timeHeld: forever,
    releases: [],
    response: null,
    runs: 20,
    seed: 1,
    ...overrides,
  };
}

function column(result: ReturnType<typeof runMonteCarlo>, c: number): number[] {
  const k = result.checkpoints.length;
  return Array.from({ length: result.runs }, (_, r) => result.stock[r * k + c] as number);
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe("the revolving-door Monte Carlo", () => {
  it("with nobody leaving and no arrests, the stock stays where it starts", () => {
    const result = runMonteCarlo(input({}));
    for (let c = 0; c < 3; c++) expect(new Set(column(result, c))).toEqual(new Set([100]));
  });

  it("a release removes its count on its day, not before", () => {
    const result = runMonteCarlo(input({ releases: [{ day: FROM + 10, count: 30 }] }));
    expect(new Set(column(result, 0))).toEqual(new Set([100]));
    expect(new Set(column(result, 1))).toEqual(new Set([70]));
    expect(new Set(column(result, 2))).toEqual(new Set([70]));
    expect(new Set(result.removed)).toEqual(new Set([30]));
  });

  it("a release larger than the number held frees everyone", () => {
    const result = runMonteCarlo(input({ releases: [{ day: FROM, count: 500 }] }));
    expect(new Set(column(result, 0))).toEqual(new Set([0]));
    expect(new Set(result.removed)).toEqual(new Set([100]));
  });

  it("arrests arrive as a Poisson process: 2 a day for 100 days add about 200", () => {
    const result = runMonteCarlo(
      input({
        served: new Int32Array(0),
        arrestsPerDay: 2,
        checkpoints: Int32Array.from([FROM + 99]),
        runs: 2000,
      }),
    );
    const values = column(result, 0);
    const m = mean(values);
    const variance = mean(values.map((v) => (v - m) ** 2));
    expect(Math.abs(m - 200)).toBeLessThan(3 * Math.sqrt(200 / 2000));
    expect(variance / 200).toBeGreaterThan(0.85);
    expect(variance / 200).toBeLessThan(1.15);
  });

  it("with a stay of exactly ten days, the stock is the arrests of the last ten days", () => {
    const result = runMonteCarlo(
      input({
        served: new Int32Array(0),
        arrestsPerDay: 1,
        timeHeld: tenDays,
        checkpoints: Int32Array.from([FROM + 50]),
        runs: 2000,
      }),
    );
    expect(Math.abs(mean(column(result, 0)) - 10)).toBeLessThan(3 * Math.sqrt(10 / 2000));
  });

  it("people already held leave after their remaining time", () => {
    // Served 4 of a fixed 10 days: all leave on day 6 after the start.
    const result = runMonteCarlo(
      input({
        served: Int32Array.from(Array(50).fill(4)),
        timeHeld: tenDays,
        checkpoints: Int32Array.from([FROM, FROM + 5, FROM + 6]),
      }),
    );
    expect([column(result, 0)[0], column(result, 1)[0], column(result, 2)[0]]).toEqual([50, 50, 0]);
  });

  it("after a release, a response adds about perReleased × released arrests within its window", () => {
    const result = runMonteCarlo(
      input({
        served: Int32Array.from(Array(200).fill(30)),
        releases: [{ day: FROM + 1, count: 100 }],
        response: { perReleased: 0.5, windowDays: 30 },
        checkpoints: Int32Array.from([FROM + 1, FROM + 31]),
        runs: 2000,
      }),
    );
    expect(new Set(column(result, 0))).toEqual(new Set([100]));
    expect(Math.abs(mean(column(result, 1)) - 150)).toBeLessThan(3 * Math.sqrt(50 / 2000));
  });

  it("is deterministic for a seed, differs between seeds, and run r does not depend on the number of runs", () => {
    const base = input({
      arrestsPerDay: 3,
      timeHeld: tenDays,
      served: Int32Array.from([1, 2, 3, 4, 5]),
    });
    const a = runMonteCarlo({ ...base, runs: 10 });
    const b = runMonteCarlo({ ...base, runs: 10 });
    const c = runMonteCarlo({ ...base, runs: 10, seed: 2 });
    const d = runMonteCarlo({ ...base, runs: 30 });
    expect(Array.from(a.stock)).toEqual(Array.from(b.stock));
    expect(Array.from(a.stock)).not.toEqual(Array.from(c.stock));
    expect(Array.from(d.stock.subarray(0, a.stock.length))).toEqual(Array.from(a.stock));
  });

  it("refuses bad input with a reason", () => {
    expect(() => runMonteCarlo(input({ runs: 0 }))).toThrow(/runs/);
    expect(() => runMonteCarlo(input({ releases: [{ day: FROM - 1, count: 1 }] }))).toThrow(
      /before from/,
    );
    expect(() =>
      runMonteCarlo(input({ checkpoints: Int32Array.from([FROM + 5, FROM + 2]) })),
    ).toThrow(/increase/);
  });
});

describe("projection rows and back-test figures", () => {
  it("monthly anniversaries clamp to the month's last day", () => {
    expect(addMonths(dayNumber(2024, 1, 31), 1)).toBe(dayNumber(2024, 2, 29));
    expect(addMonths(dayNumber(2025, 1, 31), 1)).toBe(dayNumber(2025, 2, 28));
    expect(addMonths(dayNumber(2025, 11, 15), 3)).toBe(dayNumber(2026, 2, 15));
    expect(addMonths(dayNumber(2025, 3, 31), -1)).toBe(dayNumber(2025, 2, 28));
    expect(Array.from(monthlyCheckpoints(dayNumber(2026, 1, 1), 2))).toEqual([
      dayNumber(2026, 1, 1),
      dayNumber(2026, 2, 1),
      dayNumber(2026, 3, 1),
    ]);
    expect(() => monthlyCheckpoints(FROM, 0)).toThrow(/months/);
  });

  it("quantiles interpolate between order statistics (R type 7)", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.1)).toBeCloseTo(1.3, 12);
    expect(quantile([5], 0.975)).toBe(5);
  });

  it("rows give median, mean and bands of the runs beside the recorded stock", () => {
    const result = {
      runs: 5,
      checkpoints: Int32Array.from([FROM, FROM + 31]),
      stock: Int32Array.from([10, 20, 11, 22, 12, 24, 13, 26, 14, 28]),
      removed: new Int32Array(0),
    };
    const rows = projectionRows(result, [{ count: 12, lower: 12, upper: 12 }, null]);
    expect(rows[0]).toMatchObject({
      date: "2026-01-01",
      month: 0,
      median: 12,
      mean: 12,
      recorded: { count: 12 },
    });
    expect(rows[0]?.band80.lower).toBeCloseTo(10.4, 12);
    expect(rows[1]).toMatchObject({
      date: "2026-02-01",
      month: 1,
      median: 24,
      mean: 24,
      recorded: null,
    });
  });

  it("back-test figures are worked out by hand", () => {
    const row = (
      month: number,
      median: number,
      recorded: number | null,
      band: number,
    ): ProjectionRow => ({
      date: "x",
      month,
      median,
      mean: median,
      band80: { lower: median - band, upper: median + band },
      band95: { lower: median - 2 * band, upper: median + 2 * band },
      recorded: recorded === null ? null : { count: recorded, lower: recorded, upper: recorded },
    });
    // Errors +10 and −20 on recorded 100 and 200; 110 is inside ±10, 200 is outside ±10
    // but inside ±20. Month 0 and months without a record are left out.
    const metrics = backtestMetrics([
      row(0, 50, 60, 1),
      row(1, 110, 100, 10),
      row(2, 180, 200, 10),
      row(3, 1, null, 1),
    ]);
    expect(metrics).toEqual({
      compared: 2,
      meanAbsoluteError: 15,
      meanAbsolutePercentageError: 10,
      bias: -5,
      coverage80: 0.5,
      coverage95: 1,
    });
    expect(backtestMetrics([row(0, 1, 1, 1)]).compared).toBe(0);
  });
});
