/**
 * The revolving door of release operations (DESIGN.md): how many new admissions follow a
 * release, how the stock moves and how long until it is back where it was.
 */
import type { ReleaseOperation } from "../domain/model.ts";
import { middleDay } from "../domain/partial-date.ts";
import { cumulativeAdmissions } from "./flows.ts";
import { compareIds } from "./intervals.ts";
import { measureSeries } from "./stock.ts";
import {
  asIntervalTable,
  type IntervalTable,
  lastBoundary,
  OPEN_END,
  personGroups,
} from "./table.ts";
import type { Interval } from "./types.ts";

export type RatioBasis = "documented" | "announced" | "none";

/** Keys as in DESIGN.md's JSON shape. */
export interface RevolvingDoorWindow {
  days: number;
  admissions: number;
  admissions_before: number;
  replacement_ratio: number | null;
  stock_before: number;
  stock_after: number;
  stock_change: number;
  rearrests: number;
}

export interface RevolvingDoorRow {
  operation_id: string;
  /** The operation's partial date as recorded; t is its middle day. */
  date: string;
  announced: number | null;
  released_documented: number;
  ratio_basis: RatioBasis;
  refill_days: number | null;
  windows: RevolvingDoorWindow[];
}

export type OperationInput = Pick<ReleaseOperation, "id" | "date" | "announcedCount">;

export const DEFAULT_WINDOWS: readonly number[] = [30, 90, 180];

interface Release {
  person: number;
  day: number;
}

/** The releases of each operation, by operation id. */
function releasesByOperation(table: IntervalTable): Map<string, Release[]> {
  const byOperation = new Map<string, Release[]>();
  for (let i = 0; i < table.length; i++) {
    const o = table.operation[i] as number;
    if (o < 0 || table.endMid[i] === OPEN_END) continue;
    const id = table.operationIds[o] as string;
    const release = { person: table.person[i] as number, day: table.endMid[i] as number };
    const list = byOperation.get(id);
    if (list === undefined) byOperation.set(id, [release]);
    else list.push(release);
  }
  return byOperation;
}

/** People among `releases` with a detention starting in (release, release + w]. */
function countRearrests(table: IntervalTable, releases: readonly Release[], w: number): number {
  const { rows, offsets } = personGroups(table);
  const rearrested = new Set<number>();
  for (const { person, day } of releases) {
    for (let j = offsets[person] as number; j < (offsets[person + 1] as number); j++) {
      const start = table.startMid[rows[j] as number] as number;
      if (start > day && start <= day + w) rearrested.add(person);
    }
  }
  return rearrested.size;
}

/**
 * One row per operation, in order of t (the middle of its date). R is the number of
 * documented people released by the operation, or its announced count when none are
 * documented (`ratio_basis` says which; `none` when neither is above zero, and then every
 * ratio is null). `refill_days` is the least k ≥ 1 with stock(t + k) ≥ stock(t − 1), null
 * when the stock never gets back (it is constant after the last start or end).
 *
 * @example
 * // 52 announced, none documented, 13 admissions in the 30 days after t:
 * // { ratio_basis: "announced", windows: [{ days: 30, admissions: 13, replacement_ratio: 0.25, … }] }
 */
export function revolvingDoor(
  intervals: readonly Interval[] | IntervalTable,
  operations: readonly OperationInput[],
  options: { windows?: readonly number[] } = {},
): RevolvingDoorRow[] {
  const windows = options.windows ?? DEFAULT_WINDOWS;
  for (const w of windows) {
    if (!Number.isInteger(w) || w < 1) {
      throw new RangeError(`windows must be whole numbers of days ≥ 1, got ${w}`);
    }
  }
  if (operations.length === 0) return [];
  const table = asIntervalTable(intervals);
  const ops = operations
    .map((op) => ({ op, t: middleDay(op.date.first, op.date.last) }))
    .sort((a, b) => a.t - b.t || compareIds(a.op.id, b.op.id));
  const maxWindow = Math.max(0, ...windows);
  const boundary = lastBoundary(table);
  const firstT = (ops[0] as { t: number }).t;
  const lastT = (ops[ops.length - 1] as { t: number }).t;
  const lo = firstT - maxWindow - 1;
  const hi = Math.max(lastT + maxWindow, lastT + 1, Number.isFinite(boundary) ? boundary : lo);
  const stock = measureSeries(table, "count", lo, hi);
  const admitted = cumulativeAdmissions(table, lo, hi);
  const stockOn = (day: number) => stock[day - lo] as number;
  const admittedBy = (day: number) => admitted[day - lo] as number;
  const releases = releasesByOperation(table);

  return ops.map(({ op, t }) => {
    const released = releases.get(op.id) ?? [];
    const documented = new Set(released.map((r) => r.person)).size;
    const announced = op.announcedCount;
    let basis: RatioBasis = "none";
    let r = 0;
    if (documented > 0) {
      basis = "documented";
      r = documented;
    } else if (announced !== null && announced > 0) {
      basis = "announced";
      r = announced;
    }
    const before = stockOn(t - 1);
    let refill: number | null = null;
    for (let d = t + 1; d <= Math.max(t + 1, boundary); d++) {
      if (stockOn(d) >= before) {
        refill = d - t;
        break;
      }
    }
    return {
      operation_id: op.id,
      date: op.date.text,
      announced,
      released_documented: documented,
      ratio_basis: basis,
      refill_days: refill,
      windows: windows.map((w) => {
        const admissions = admittedBy(t + w) - admittedBy(t);
        const after = stockOn(t + w);
        return {
          days: w,
          admissions,
          admissions_before: admittedBy(t - 1) - admittedBy(t - w - 1),
          replacement_ratio: r > 0 ? admissions / r : null,
          stock_before: before,
          stock_after: after,
          stock_change: after - before,
          rearrests: countRearrests(table, released, w),
        };
      }),
    };
  });
}
