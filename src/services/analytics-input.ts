/** Checking the inputs of the analytic services: days, ranges, whole numbers. */
import type { Step } from "../analytics/types.ts";
import { dayNumber, dayToIso, tryParsePartialDate } from "../domain/partial-date.ts";

/** Bad input to an analytic question (unknown operation, negative window…): a 400, not a 500. */
export class AnalyticsInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AnalyticsInputError";
  }
}

/** A day: a day number, or a partial date whose first (`from`) or last (`to`) day is meant. */
export type DayInput = number | string;

export const STEPS: readonly Step[] = ["day", "week", "month", "year"];

export function toDay(value: DayInput, side: "from" | "to", name: string): number {
  if (typeof value === "number") {
    if (!Number.isInteger(value))
      throw new AnalyticsInputError(`${name} must be a whole day number`);
    return value;
  }
  const parsed = tryParsePartialDate(value);
  if (!parsed.ok) throw new AnalyticsInputError(`${name}: ${parsed.error}`);
  return side === "from" ? parsed.date.first : parsed.date.last;
}

export function todayDay(): number {
  const now = new Date();
  return dayNumber(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
}

export function wholeNumber(value: number, name: string, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new AnalyticsInputError(`${name} must be a whole number ≥ ${min}, got ${value}`);
  }
  return value;
}

export function checkRange(from: number, to: number): void {
  if (from > to) {
    throw new AnalyticsInputError(`from (${dayToIso(from)}) is after to (${dayToIso(to)})`);
  }
}
