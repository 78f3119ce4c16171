/** Argument parsers for commander that give a clear message naming the option. */
import { InvalidArgumentError } from "commander";
import { tryParsePartialDate } from "../domain/partial-date.ts";

export function parseWholeNumber(value: string): number {
  if (!/^\d+$/.test(value.replaceAll("_", ""))) {
    throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
  }
  return Number(value.replaceAll("_", ""));
}

/**
 * A day argument: `YYYY-MM-DD`, or a coarser partial date standing for its first day
 * (`--from`) or its last day (`--to`), so that `--from 2025-09 --to 2025-09` is September.
 */
export function parseDayArgument(value: string, side: "from" | "to"): number {
  const parsed = tryParsePartialDate(value);
  if (!parsed.ok) throw new InvalidArgumentError(parsed.error);
  return side === "from" ? parsed.date.first : parsed.date.last;
}
