import { describe, expect, it } from "vitest";
import { seededRandom } from "./random.ts";
import { kaplanMeier } from "./time-held.ts";
import { arrestRateDraws, bootstrapTimeHeld, dispersionIndex, gammaDraw } from "./uncertainty.ts";

describe("parameter uncertainty", () => {
  it("draws Gamma(shape, 1) with mean and variance equal to the shape", () => {
    for (const shape of [0.5, 3, 400]) {
      const random = seededRandom(11, shape);
      const n = 40_000;
      let sum = 0;
      let squares = 0;
      for (let i = 0; i < n; i++) {
        const x = gammaDraw(random, shape);
        sum += x;
        squares += x * x;
      }
      const mean = sum / n;
      const variance = squares / n - mean * mean;
      expect(Math.abs(mean - shape) / shape).toBeLessThan(0.03);
      expect(Math.abs(variance - shape) / shape).toBeLessThan(0.06);
    }
  });

  it("the dispersion index is variance over mean, at least 1", () => {
    expect(dispersionIndex([10, 10, 10])).toBe(1);
    expect(dispersionIndex([0, 20])).toBeCloseTo(200 / 10, 10);
    expect(dispersionIndex([5])).toBe(1);
  });

  it("arrest rates centre on the observed rate, spread as the posterior, same seed same draws", () => {
    const draws = arrestRateDraws({ admissions: 400, basisDays: 365, dispersion: 4 }, 5000, 1);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const sd = Math.sqrt(draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length);
    expect(mean * 365).toBeCloseTo(400 + 2, -1);
    // CV ≈ 1 / sqrt(400 / 4): 10 %.
    expect(sd / mean).toBeGreaterThan(0.09);
    expect(sd / mean).toBeLessThan(0.11);
    expect(arrestRateDraws({ admissions: 400, basisDays: 365, dispersion: 4 }, 5000, 1)).toEqual(
      draws,
    );
  });

  it("bootstrap curves vary around the fitted one", () => {
    const random = seededRandom(3);
    const n = 500;
    const days = Int32Array.from({ length: n }, () => Math.floor(random.exponential(1 / 300)));
    const ended = Uint8Array.from({ length: n }, () => 1);
    const entry = new Int32Array(n);
    const fitted = kaplanMeier(days, ended, entry);
    const curves = bootstrapTimeHeld({ days, ended, entry }, fitted, 50, 9);
    expect(curves).toHaveLength(50);
    const medians = curves.map((c) => c.medianDays as number);
    expect(new Set(medians).size).toBeGreaterThan(5);
    const average = medians.reduce((a, b) => a + b, 0) / medians.length;
    expect(Math.abs(average - (fitted.medianDays as number))).toBeLessThan(25);
    expect(
      bootstrapTimeHeld(
        { days: new Int32Array(), ended: new Uint8Array(), entry: new Int32Array() },
        fitted,
        50,
        9,
      ),
    ).toEqual([fitted]);
  });
});
