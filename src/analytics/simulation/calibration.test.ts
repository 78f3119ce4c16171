import { describe, expect, it } from "vitest";
import { day, intervalEvents, range } from "../../../test/fixtures/analytics-events.ts";
import { deriveIntervals } from "../intervals.ts";
import { toIntervalTable } from "../table.ts";
import { calibrate, DAYS_PER_MONTH } from "./calibration.ts";

// Calibrated on 2025-01-01: the window of the last 365 days opens on 2024-01-02.
const FROM = day("2025-01-01");
const table = toIntervalTable(
  deriveIntervals(
    intervalEvents([
      ["e1", "p1", "detained", "2024-06-01"], // still held: served 214 days
      ["e2", "p2", "detained", "2024-03-01"],
      ["e3", "p2", "released", "2024-09-01", "end_of_term"], // closed: 184 days
      ["e4", "p3", "detained", "2023-01-01"],
      ["e5", "p3", "released", "2024-02-01", "negotiated", "op1"], // by an operation: censored
      ["e6", "p4", "detained", "2022-01-01"],
      ["e7", "p4", "released", "2023-06-01", "pardon"], // over before the window: left out
      ["e8", "p5", "detained", "2025-02-01"], // after from: unknown to the calibration
      ["e9", "p6", "detained", "2024-12-31"],
      ["e10", "p6", "released", "2025-01-01", "court"], // not yet known on from: held, 1 day
    ]),
  ).intervals,
);
const operations = [{ id: "op1", date: range("2024-02-01"), announcedCount: 5 }];

describe("calibrating the simulator before a day", () => {
  it("finds the people held at the start and the days they have served", () => {
    const c = calibrate(table, operations, { from: FROM });
    expect(Array.from(c.served)).toEqual([214, 1]);
  });

  it("takes the arrest rate from the admissions of the 365 days before", () => {
    const c = calibrate(table, operations, { from: FROM });
    expect(c.arrestRate).toMatchObject({
      kind: "registry",
      admissions: 3,
      firstDay: day("2024-01-02"),
      lastDay: day("2024-12-31"),
    });
    expect(c.arrestsPerDay).toBeCloseTo(3 / 365, 12);
    expect(c.arrestRate.perMonth).toBeCloseTo((3 / 365) * DAYS_PER_MONTH, 12);
    const given = calibrate(table, operations, { from: FROM, arrestRate: 30 });
    expect(given.arrestsPerDay).toBeCloseTo(30 / DAYS_PER_MONTH, 12);
    expect(() => calibrate(table, operations, { from: FROM, arrestRate: -1 })).toThrow(
      /arrest rate/,
    );
  });

  it("counts closed detentions as ended, and operation exits and the still held as censored", () => {
    const c = calibrate(table, operations, { from: FROM });
    // p2 ended (184 days); p1 (214), p3 (396, by op1, observed from day 366) and p6 (1) censored.
    expect(c.timeHeld.closed).toBe(1);
    expect(c.timeHeld.censored).toBe(3);
    expect(c.timeHeldWindow).toBe(365);
    const all = calibrate(table, operations, { from: FROM, timeHeldWindow: null });
    // With all history p4 (closed, 516 days) comes in too.
    expect(all.timeHeld.closed).toBe(2);
  });

  it("measures the response to past releases: (admissions after − before) / released", () => {
    // op1 released one documented person (p3) on 2024-02-01; in the 90 days after it one
    // admission (p2), in the 90 days before none.
    const c = calibrate(table, operations, { from: FROM, responsive: true });
    expect(c.response).toEqual({
      perReleased: 1,
      windowDays: 90,
      operations: 1,
      released: 1,
      admissionsAfter: 1,
      admissionsBefore: 0,
    });
    expect(calibrate(table, operations, { from: FROM }).response).toBeNull();
    // An operation whose window is not over before from is not used.
    const early = calibrate(table, operations, { from: day("2024-03-01"), responsive: true });
    expect(early.response?.operations).toBe(0);
    expect(early.response?.perReleased).toBe(0);
  });
});
