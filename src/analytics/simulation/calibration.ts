/**
 * Calibrating the revolving-door simulator on the registry as it stood before a day
 * `from`: who is held then and for how long already, the rate of new arrests, the
 * distribution of time held, and the rise in arrests that followed past release
 * operations. Only what happened before `from` is used, so that a back-test calibrated at
 * a past day sees exactly what a projection made on that day would have seen.
 */
import { middleDay } from "../../domain/partial-date.ts";
import { type OperationInput, revolvingDoor } from "../revolving-door.ts";
import { type IntervalTable, OPEN_END } from "../table.ts";
import { kaplanMeier, type TimeHeldDistribution } from "./time-held.ts";

export const DEFAULT_BASIS_DAYS = 365;
export const DEFAULT_RESPONSE_WINDOW = 90;
export const DEFAULT_TIME_HELD_WINDOW = 365;
/** Days in an average month, to read an arrest rate given per month. */
export const DAYS_PER_MONTH = 365.25 / 12;

export type ArrestRate = "last-year" | number;

export interface CalibrationOptions {
  /** First day of the projection; calibration uses the days before it. */
  from: number;
  /** `last-year` (the default): admissions in the `basisDays` before `from`; or arrests per month. */
  arrestRate?: ArrestRate;
  basisDays?: number;
  /** Calibrate the rise in arrests after releases (default false). */
  responsive?: boolean;
  responseWindow?: number;
  /**
   * Estimate time held from the detentions observed in this many days before `from`
   * (a period estimate of current practice; default {@link DEFAULT_TIME_HELD_WINDOW}), or
   * from all history when null.
   */
  timeHeldWindow?: number | null;
}

export interface ArrestRateBasis {
  kind: "registry" | "given";
  perMonth: number;
  /** For `registry`: the admissions counted and the days they were counted over. */
  admissions: number | null;
  firstDay: number | null;
  lastDay: number | null;
  /** Admissions in each month-long block of the basis (for their dispersion), or null. */
  monthly: number[] | null;
}

export interface ReleaseResponse {
  /** Extra arrests per released person, spread over the `windowDays` after a release. */
  perReleased: number;
  windowDays: number;
  operations: number;
  released: number;
  admissionsAfter: number;
  admissionsBefore: number;
}

export interface Calibration {
  from: number;
  /** Days already served on `from` by each person then held (one entry per person). */
  served: Int32Array;
  arrestsPerDay: number;
  arrestRate: ArrestRateBasis;
  timeHeld: TimeHeldDistribution;
  timeHeldWindow: number | null;
  /** The durations the time-held curve was fitted on (for its bootstrap). */
  durations: { days: Int32Array; ended: Uint8Array; entry: Int32Array };
  /** null unless `responsive`. */
  response: ReleaseResponse | null;
}

/** People held at the start of `from` (started before it, not ended before it), once each. */
function heldAtStart(table: IntervalTable, from: number): Int32Array {
  const earliest = new Int32Array(table.personIds.length).fill(OPEN_END);
  for (let i = 0; i < table.length; i++) {
    const start = table.startMid[i] as number;
    const end = table.endMid[i] as number;
    const p = table.person[i] as number;
    if (start < from && end >= from && start < (earliest[p] as number)) earliest[p] = start;
  }
  const served: number[] = [];
  for (const start of earliest) if (start !== OPEN_END) served.push(from - start);
  return Int32Array.from(served);
}

/**
 * Durations of the detentions held at some time in the `window` days before `from` (all
 * before it when `window` is null): closed when they ended before `from`, except exits by
 * a release operation, which are censored (the simulator adds release operations itself);
 * still running on `from`, censored at the days served. Each enters observation at the
 * days it had served when the window opened (left truncation).
 */
function durations(table: IntervalTable, from: number, window: number | null) {
  const opens = window === null ? Number.NEGATIVE_INFINITY : from - window;
  const days: number[] = [];
  const ended: number[] = [];
  const entry: number[] = [];
  for (let i = 0; i < table.length; i++) {
    const start = table.startMid[i] as number;
    const end = table.endMid[i] as number;
    if (start >= from || end < opens) continue;
    if (end < from) {
      days.push(end - start);
      ended.push(table.operation[i] === -1 ? 1 : 0);
    } else {
      days.push(from - start);
      ended.push(0);
    }
    entry.push(Math.max(0, opens - start));
  }
  return {
    days: Int32Array.from(days),
    ended: Uint8Array.from(ended),
    entry: Int32Array.from(entry),
  };
}

function arrestBasis(table: IntervalTable, options: CalibrationOptions): ArrestRateBasis {
  const rate = options.arrestRate ?? "last-year";
  if (rate !== "last-year") {
    if (!(rate >= 0) || !Number.isFinite(rate)) {
      throw new RangeError(
        `the arrest rate must be a number of arrests per month ≥ 0, got ${rate}`,
      );
    }
    return {
      kind: "given",
      perMonth: rate,
      admissions: null,
      firstDay: null,
      lastDay: null,
      monthly: null,
    };
  }
  const basis = options.basisDays ?? DEFAULT_BASIS_DAYS;
  const firstDay = options.from - basis;
  const lastDay = options.from - 1;
  let admissions = 0;
  const blocks = Math.max(1, Math.round(basis / DAYS_PER_MONTH));
  const monthly = new Array<number>(blocks).fill(0);
  for (let i = 0; i < table.length; i++) {
    const start = table.startMid[i] as number;
    if (start >= firstDay && start <= lastDay) {
      admissions++;
      const block = Math.min(blocks - 1, Math.floor(((start - firstDay) * blocks) / basis));
      monthly[block] = (monthly[block] as number) + 1;
    }
  }
  return {
    kind: "registry",
    perMonth: (admissions / basis) * DAYS_PER_MONTH,
    admissions,
    firstDay,
    lastDay,
    monthly,
  };
}

/**
 * Extra arrests per released person after past operations whose window closed before
 * `from`: Σ (admissions in (t, t+w] − admissions in [t−w, t)) / Σ released, floored at 0.
 * Released is the documented count, or the announced one when none are documented.
 */
function releaseResponse(
  table: IntervalTable,
  operations: readonly OperationInput[],
  from: number,
  window: number,
): ReleaseResponse {
  const past = operations.filter((op) => middleDay(op.date.first, op.date.last) + window < from);
  let released = 0;
  let after = 0;
  let before = 0;
  let used = 0;
  for (const row of revolvingDoor(table, past, { windows: [window] })) {
    const r = row.ratio_basis === "documented" ? row.released_documented : (row.announced ?? 0);
    const w = row.windows[0];
    if (r <= 0 || w === undefined) continue;
    used++;
    released += r;
    after += w.admissions;
    before += w.admissions_before;
  }
  return {
    perReleased: released > 0 ? Math.max(0, after - before) / released : 0,
    windowDays: window,
    operations: used,
    released,
    admissionsAfter: after,
    admissionsBefore: before,
  };
}

export function calibrate(
  table: IntervalTable,
  operations: readonly OperationInput[],
  options: CalibrationOptions,
): Calibration {
  const { from } = options;
  if (!Number.isInteger(from)) throw new RangeError(`from must be a whole day number, got ${from}`);
  const window =
    options.timeHeldWindow === undefined ? DEFAULT_TIME_HELD_WINDOW : options.timeHeldWindow;
  const { days, ended, entry } = durations(table, from, window);
  const arrestRate = arrestBasis(table, options);
  return {
    from,
    served: heldAtStart(table, from),
    arrestsPerDay: arrestRate.perMonth / DAYS_PER_MONTH,
    arrestRate,
    timeHeld: kaplanMeier(days, ended, entry),
    timeHeldWindow: window,
    durations: { days, ended, entry },
    response: options.responsive
      ? releaseResponse(table, operations, from, options.responseWindow ?? DEFAULT_RESPONSE_WINDOW)
      : null,
  };
}
