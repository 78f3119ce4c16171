import { describe, expect, it } from "vitest";
import { seededRandom } from "./random.ts";
import { drawDuration, kaplanMeier, NEVER, survivalAt } from "./time-held.ts";

const ints = (values: number[]) => Int32Array.from(values);
const flags = (values: number[]) => Uint8Array.from(values);

describe("Kaplan–Meier on whole days", () => {
  it("matches a hand-worked table", () => {
    // Durations 2, 3, 3, 5 (still held), 7. At risk: 5 on day 2 (one leaves: 4/5), 4 on
    // day 3 (two leave: × 2/4), 1 on day 7 (leaves: × 0).
    const km = kaplanMeier(ints([2, 3, 3, 5, 7]), flags([1, 1, 1, 0, 1]), null, 1);
    expect(Array.from(km.survival)).toEqual([1, 1, 0.8, 0.4, 0.4, 0.4, 0.4, 0]);
    expect(km.medianDays).toBe(3);
    expect(km.closed).toBe(4);
    expect(km.censored).toBe(1);
  });

  it("with delayed entry counts a person at risk only from the days served when observed", () => {
    // A: held 10 days, observed from day 5; B: 4 days, from 0; C: still held at 6, from 2.
    // Day 4: B and C at risk (A not yet), B leaves: 1/2. Day 10: only A, leaves: 0.
    const km = kaplanMeier(ints([10, 4, 6]), flags([1, 1, 0]), ints([5, 0, 2]), 1);
    expect(Array.from(km.survival)).toEqual([1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0]);
  });

  it("stops where fewer than 20 are at risk and continues with an exponential tail", () => {
    const days: number[] = [];
    const ended: number[] = [];
    for (let i = 0; i < 100; i++) {
      days.push(i + 1);
      ended.push(1);
    }
    const km = kaplanMeier(ints(days), flags(ended));
    // At risk on day t: 101 − t; the curve stops once fewer than 20 remain (day 82).
    expect(km.lastDay).toBe(81);
    expect(km.tailHazard).toBeGreaterThan(0);
    const last = survivalAt(km, km.lastDay);
    expect(survivalAt(km, km.lastDay + 10)).toBeCloseTo(last * Math.exp(-10 * km.tailHazard), 12);
    expect(survivalAt(km, -1)).toBe(1);
  });

  it("refuses negative or fractional durations and mismatched columns", () => {
    expect(() => kaplanMeier(ints([-1]), flags([1]))).toThrow(/whole days/);
    expect(() => kaplanMeier(ints([1, 2]), flags([1]))).toThrow(/differ in length/);
    expect(() => kaplanMeier(ints([3]), flags([1]), ints([4]))).toThrow(/entry 4/);
  });
});

describe("drawing times held", () => {
  it("a fixed duration is drawn every time, and conditioning keeps it", () => {
    const km = kaplanMeier(ints(Array(30).fill(10)), flags(Array(30).fill(1)));
    const random = seededRandom(7);
    for (let i = 0; i < 100; i++) expect(drawDuration(km, random)).toBe(10);
    for (let i = 0; i < 100; i++) expect(drawDuration(km, random, 4)).toBe(10);
  });

  it("draws are never below the days already served", () => {
    const days = Array.from({ length: 200 }, (_, i) => (i * 37) % 400);
    const km = kaplanMeier(ints(days), flags(days.map((d) => (d % 3 === 0 ? 0 : 1))));
    const random = seededRandom(3);
    for (const served of [0, 1, 50, 199, 390, 1000]) {
      for (let i = 0; i < 200; i++)
        expect(drawDuration(km, random, served)).toBeGreaterThanOrEqual(served);
    }
  });

  it("unconditional draws follow the curve: their mean is the area under it", () => {
    const days = Array.from({ length: 400 }, (_, i) => 5 + ((i * 13) % 60));
    const km = kaplanMeier(ints(days), flags(days.map(() => 1)), null, 1);
    let area = 0;
    for (const s of km.survival) area += s;
    const random = seededRandom(11);
    let sum = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) sum += drawDuration(km, random);
    expect(Math.abs(sum / n - area) / area).toBeLessThan(0.01);
  });

  it("draws given days served follow the conditional curve: mean a + Σ_{t≥a} S(t)/S(a−1)", () => {
    const days = Array.from({ length: 400 }, (_, i) => 5 + ((i * 13) % 60));
    const km = kaplanMeier(ints(days), flags(days.map(() => 1)), null, 1);
    const served = 20;
    let expected = served;
    const before = km.survival[served - 1] as number;
    for (let t = served; t < km.survival.length; t++)
      expected += (km.survival[t] as number) / before;
    const random = seededRandom(12);
    let sum = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) sum += drawDuration(km, random, served);
    expect(Math.abs(sum / n - expected) / expected).toBeLessThan(0.01);
  });

  it("nobody ever released: NEVER", () => {
    const km = kaplanMeier(ints(Array(30).fill(100)), flags(Array(30).fill(0)));
    expect(drawDuration(km, seededRandom(1))).toBe(NEVER);
    expect(drawDuration(km, seededRandom(1), 500)).toBe(NEVER);
  });
});
