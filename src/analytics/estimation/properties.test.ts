/**
 * Properties of the estimators: with a known true population the intervals cover the
 * truth most of the time, the estimates do not depend on the order of the lists, and they
 * never fall below what is documented. Plus the small pieces (overlap table, quantiles).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../simulation/random.ts";
import { fitLogLinear, type Interval } from "./loglinear.ts";
import { countPatterns, listTotals, overlapRows, pairTotal, patternText } from "./overlap.ts";
import { estimatePopulation } from "./population.ts";
import { chiSquare1Quantile, chiSquareSurvival, logGamma, normalQuantile } from "./special.ts";

/**
 * People of a closed population of `size` caught by each list with its probability;
 * `dependence` raises list 2's probability for people on list 1 (positive dependence).
 */
function captureMasks(
  size: number,
  probabilities: readonly number[],
  seed: number,
  dependence = 0,
): number[] {
  const random = seededRandom(seed);
  const masks: number[] = [];
  for (let person = 0; person < size; person++) {
    let mask = 0;
    probabilities.forEach((p, i) => {
      const boost = i === 1 && mask & 1 ? dependence : 0;
      if (random.next() < p + boost) mask |= 1 << i;
    });
    masks.push(mask);
  }
  return masks;
}

describe("coverage with a known true population", () => {
  it("three independent lists, 200 samples: the intervals cover the truth as they should", () => {
    const truth = 2000;
    const samples = 200;
    const covered = { trueModel: 0, bestAic: 0, bestBic: 0, averaged: 0 };
    let sum = 0;
    const inside = (interval: Interval | null | undefined) =>
      interval != null && interval.lower <= truth && (interval.upper ?? Infinity) >= truth;
    for (let s = 0; s < samples; s++) {
      const counts = countPatterns(captureMasks(truth, [0.2, 0.3, 0.25], 1000 + s), 3);
      const report = estimatePopulation(counts, ["A", "B", "C"]);
      const [bestAic, bestBic] = report.estimators;
      if (inside(report.models.find((m) => m.name === "independence")?.interval))
        covered.trueModel++;
      if (inside(bestAic?.interval)) covered.bestAic++;
      if (inside(bestBic?.interval)) covered.bestBic++;
      if (inside(report.averaged?.interval)) covered.averaged++;
      sum += bestAic?.estimate ?? 0;
    }
    // The true model's profile interval has about its nominal 95%.
    expect(covered.trueModel / samples).toBeGreaterThanOrEqual(0.91);
    expect(covered.trueModel / samples).toBeLessThanOrEqual(0.99);
    // The model-averaged interval adds the spread between models: at least nominal.
    expect(covered.averaged / samples).toBeGreaterThanOrEqual(0.93);
    expect(covered.bestBic / samples).toBeGreaterThanOrEqual(0.88);
    // The AIC-chosen model's own interval ignores that it was chosen, and AIC often picks
    // a needless interaction: it covers less (about 87% here). docs/ESTIMATION.md says so.
    expect(covered.bestAic / samples).toBeGreaterThanOrEqual(0.8);
    expect(Math.abs(sum / samples - truth) / truth).toBeLessThan(0.03);
  });

  it("four lists with dependence between lists 1 and 2: the average covers; independence alone is biased low", () => {
    const truth = 3000;
    const samples = 60;
    let covered = 0;
    let independenceSum = 0;
    for (let s = 0; s < samples; s++) {
      const counts = countPatterns(captureMasks(truth, [0.15, 0.15, 0.2, 0.1], 5000 + s, 0.35), 4);
      const report = estimatePopulation(counts, ["A", "B", "C", "D"]);
      const avg = report.averaged?.interval;
      if (avg && avg.lower <= truth && (avg.upper ?? Infinity) >= truth) covered++;
      independenceSum += report.models.find((m) => m.name === "independence")?.estimate ?? 0;
    }
    expect(covered / samples).toBeGreaterThanOrEqual(0.85);
    // Positive dependence makes overlaps too large, so ignoring it underestimates.
    expect(independenceSum / samples).toBeLessThan(0.85 * truth);
  });

  it("two lists: Chapman's interval covers the truth in ≥ 90% of 300 samples", () => {
    const truth = 800;
    let covered = 0;
    for (let s = 0; s < 300; s++) {
      const counts = countPatterns(captureMasks(truth, [0.25, 0.3], 9000 + s), 2);
      const chapman = estimatePopulation(counts, ["A", "B"]).estimators.find(
        (e) => e.name === "chapman",
      );
      const interval = chapman?.interval;
      if (interval && interval.lower <= truth && (interval.upper ?? Infinity) >= truth) covered++;
    }
    expect(covered / 300).toBeGreaterThanOrEqual(0.9);
  });
});

const tables = fc.integer({ min: 3, max: 4 }).chain((k) =>
  fc.tuple(
    fc.constant(k),
    fc.array(fc.integer({ min: 1, max: 80 }), {
      minLength: (1 << k) - 1,
      maxLength: (1 << k) - 1,
    }),
  ),
);

/** The same table with lists reordered by `order` (new list j is old list order[j]). */
function permute(counts: Float64Array, _k: number, order: readonly number[]): Float64Array {
  const out = new Float64Array(counts.length);
  for (let mask = 1; mask < counts.length; mask++) {
    let next = 0;
    order.forEach((old, j) => {
      if (mask & (1 << old)) next |= 1 << j;
    });
    out[next] = counts[mask] as number;
  }
  return out;
}

describe("properties", () => {
  it("estimates do not depend on the order of the lists", () => {
    fc.assert(
      fc.property(tables, ([k, cells]) => {
        const counts = new Float64Array([0, ...cells]);
        const order = Array.from({ length: k }, (_, i) => k - 1 - i);
        const a = estimatePopulation(counts, ["A", "B", "C", "D"].slice(0, k));
        const b = estimatePopulation(permute(counts, k, order), ["A", "B", "C", "D"].slice(0, k));
        const sorted = (r: typeof a) => r.models.map((m) => m.estimate).sort((x, y) => x - y);
        const x = sorted(a);
        const y = sorted(b);
        x.forEach((v, i) => {
          expect(Math.abs(v - (y[i] as number)) / v).toBeLessThan(1e-7);
        });
        const avg = (r: typeof a) => r.averaged?.estimate ?? 0;
        expect(Math.abs(avg(a) - avg(b)) / Math.max(1, avg(a))).toBeLessThan(1e-6);
      }),
      { numRuns: 15 },
    );
  });

  it("every stable estimate is at least the documented count and inside its interval", () => {
    fc.assert(
      fc.property(tables, ([k, cells]) => {
        const counts = new Float64Array([0, ...cells]);
        const report = estimatePopulation(counts, ["A", "B", "C", "D"].slice(0, k));
        for (const m of report.models.filter((model) => model.stable)) {
          expect(m.estimate).toBeGreaterThanOrEqual(report.documented);
          expect(m.interval.lower).toBeGreaterThanOrEqual(report.documented - 1e-6);
          expect(m.interval.lower).toBeLessThanOrEqual(m.estimate + 1e-6);
          if (m.interval.upper !== null)
            expect(m.interval.upper).toBeGreaterThanOrEqual(m.interval.lower);
        }
        const total = report.models.reduce((sum, m) => sum + m.aicWeight, 0);
        if (report.models.some((m) => m.stable)) expect(total).toBeCloseTo(1, 9);
      }),
      { numRuns: 15 },
    );
  });

  it("a saturated-in-pairs model reproduces the observed counts of a 3-list table exactly", () => {
    const counts = new Float64Array([0, 40, 30, 7, 20, 5, 6, 2]);
    const fit = fitLogLinear(counts, [
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
    expect(fit.deviance).toBeLessThan(1e-9);
    expect(fit.df).toBe(0);
  });
});

describe("overlap table", () => {
  it("counts people by pattern, ignoring people on no list", () => {
    const counts = countPatterns([1, 1, 3, 0, 2, 7, 5], 3);
    expect(Array.from(counts)).toEqual([0, 2, 1, 1, 0, 1, 0, 1]);
    expect(listTotals(counts, 3)).toEqual([5, 3, 2]);
    expect(pairTotal(counts, 0, 2)).toBe(2);
    expect(patternText(5, 3)).toBe("101");
    expect(overlapRows(counts, ["A", "B", "C"]).slice(0, 3)).toEqual([
      { pattern: "111", lists: ["A", "B", "C"], count: 1 },
      { pattern: "110", lists: ["A", "B"], count: 1 },
      { pattern: "101", lists: ["A", "C"], count: 1 },
    ]);
  });

  it("refuses masks outside the lists and list counts outside 2–12", () => {
    expect(() => countPatterns([8], 3)).toThrow(/below 8/);
    expect(() => countPatterns([1], 1)).toThrow(/from 2 to 12/);
  });
});

describe("special functions", () => {
  it("match tabulated values", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.1)).toBeCloseTo(-1.2815515655446004, 13);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 9);
    expect(chiSquare1Quantile(0.95)).toBeCloseTo(3.841458820694124, 12);
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(chiSquareSurvival(11.0705, 5)).toBeCloseTo(0.05, 5);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
  });
});
