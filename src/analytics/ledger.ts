/**
 * The ledger: each release operation beside the measures eased or lifted and the
 * diplomatic events around it, with lags in days (DESIGN.md).
 */
import type { DateRange, DiplomaticEvent, Measure } from "../domain/model.ts";
import { middleDay } from "../domain/partial-date.ts";
import { compareIds } from "./intervals.ts";
import { type OperationInput, type RatioBasis, revolvingDoor } from "./revolving-door.ts";
import type { IntervalTable } from "./table.ts";
import type { Interval } from "./types.ts";

export interface LedgerMeasure {
  measureId: string;
  authority: string;
  target: string;
  kind: string;
  action: "eased" | "lifted";
  date: string;
  /** Middle of the measure's date − t: negative when it came before the operation. */
  lagDays: number;
}

export interface LedgerDiplomaticEvent {
  id: string;
  kind: string;
  actors: string | null;
  description: string | null;
  date: string;
  lagDays: number;
}

export interface LedgerEntry {
  operationId: string;
  date: string;
  announced: number | null;
  releasedDocumented: number;
  ratioBasis: RatioBasis;
  refillDays: number | null;
  measures: LedgerMeasure[];
  diplomaticEvents: LedgerDiplomaticEvent[];
  /** One line, e.g. "52 released (announced); Belavia sanctions eased by US 0 days later; …". */
  summary: string;
}

export interface LedgerWindow {
  /** Days before t and after t to look, both inclusive (default 30 and 90). */
  before: number;
  after: number;
}

export const DEFAULT_LEDGER_WINDOW: LedgerWindow = { before: 30, after: 90 };

function lagOf(date: DateRange, t: number): number {
  return middleDay(date.first, date.last) - t;
}

function lagText(lag: number): string {
  const days = Math.abs(lag) === 1 ? "day" : "days";
  return lag < 0 ? `${-lag} ${days} earlier` : `${lag} ${days} later`;
}

function releasedText(entry: Omit<LedgerEntry, "summary" | "measures" | "diplomaticEvents">) {
  if (entry.ratioBasis === "documented") {
    const announced = entry.announced === null ? "" : `; ${entry.announced} announced`;
    return `${entry.releasedDocumented} released (documented${announced})`;
  }
  if (entry.ratioBasis === "announced") return `${entry.announced} released (announced)`;
  return "number released unknown";
}

function summarize(entry: Omit<LedgerEntry, "summary">): string {
  const parts = [releasedText(entry)];
  for (const m of entry.measures) {
    parts.push(`${m.target} ${m.kind} ${m.action} by ${m.authority} ${lagText(m.lagDays)}`);
  }
  const talks = entry.diplomaticEvents.length;
  if (talks > 0) parts.push(`${talks} diplomatic event${talks === 1 ? "" : "s"} around it`);
  parts.push(
    entry.refillDays === null
      ? "stock not yet back to its earlier level"
      : `stock back to its earlier level after ${entry.refillDays} day${entry.refillDays === 1 ? "" : "s"}`,
  );
  return parts.join("; ");
}

/**
 * One entry per operation, in order of t. A measure appears once for each of its eased and
 * lifted dates whose middle falls in [t − before, t + after]; entries are in order of lag.
 * `intervals` give the documented releases and the refill time.
 */
export function ledger(
  input: {
    intervals: readonly Interval[] | IntervalTable;
    operations: readonly OperationInput[];
    measures: readonly Measure[];
    diplomaticEvents: readonly DiplomaticEvent[];
  },
  window: LedgerWindow = DEFAULT_LEDGER_WINDOW,
): LedgerEntry[] {
  if (!(window.before >= 0 && window.after >= 0)) {
    throw new RangeError(`ledger window must not be negative, got ${JSON.stringify(window)}`);
  }
  const doors = revolvingDoor(input.intervals, input.operations, { windows: [] });
  const byId = new Map(input.operations.map((op) => [op.id, op]));
  const inWindow = (lag: number) => lag >= -window.before && lag <= window.after;
  return doors.map((door) => {
    const op = byId.get(door.operation_id) as OperationInput;
    const t = middleDay(op.date.first, op.date.last);
    const measures: LedgerMeasure[] = [];
    for (const measure of input.measures) {
      for (const action of ["eased", "lifted"] as const) {
        const date = measure[action];
        if (date === null || !inWindow(lagOf(date, t))) continue;
        measures.push({
          measureId: measure.id,
          authority: measure.authority,
          target: measure.target,
          kind: measure.kind,
          action,
          date: date.text,
          lagDays: lagOf(date, t),
        });
      }
    }
    measures.sort((a, b) => a.lagDays - b.lagDays || compareIds(a.measureId, b.measureId));
    const diplomaticEvents = input.diplomaticEvents
      .filter((event) => inWindow(lagOf(event.date, t)))
      .map((event) => ({
        id: event.id,
        kind: event.kind,
        actors: event.actors,
        description: event.description,
        date: event.date.text,
        lagDays: lagOf(event.date, t),
      }))
      .sort((a, b) => a.lagDays - b.lagDays || compareIds(a.id, b.id));
    const entry = {
      operationId: door.operation_id,
      date: door.date,
      announced: door.announced,
      releasedDocumented: door.released_documented,
      ratioBasis: door.ratio_basis,
      refillDays: door.refill_days,
      measures,
      diplomaticEvents,
    };
    return { ...entry, summary: summarize(entry) };
  });
}
