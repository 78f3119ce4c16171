/** Commands that estimate and project: estimate, simulate, backtest. */
import { type Command, InvalidArgumentError, Option } from "commander";
import type { ArrestRate } from "../analytics/simulation/calibration.ts";
import { AnalyticsInputError } from "../services/analytics-input.ts";
import { estimateReport } from "../services/estimate.ts";
import {
  backtestReport,
  DEFAULT_RUNS,
  DEFAULT_SEED,
  simulateReport,
} from "../services/simulate.ts";
import { parseDayArgument, parseWholeNumber } from "./arguments.ts";
import { formatOption, withStore, write } from "./context.ts";
import { renderBacktest, renderEstimate, renderSimulation } from "./estimate-output.ts";
import { defaultFormat, type Format } from "./output.ts";

/** `2026-01-01:100` → a release of 100 people on that day, added to the ones before. */
function collectRelease(value: string, previous: { date: number; count: number }[]) {
  const colon = value.lastIndexOf(":");
  if (colon < 0)
    throw new InvalidArgumentError(`expected DATE:COUNT (e.g. 2026-01-01:100), got "${value}"`);
  const date = parseDayArgument(value.slice(0, colon), "from");
  const count = parseWholeNumber(value.slice(colon + 1));
  return [...previous, { date, count }];
}

function parseArrestRate(value: string): ArrestRate {
  if (value === "last-year") return value;
  const rate = Number(value);
  if (value.trim() === "" || !Number.isFinite(rate) || rate < 0) {
    throw new InvalidArgumentError(
      `expected "last-year" or a number of arrests per month ≥ 0, got "${value}"`,
    );
  }
  return rate;
}

function parsePositive(value: string): number {
  const n = parseWholeNumber(value);
  if (n < 1) throw new InvalidArgumentError(`expected a whole number ≥ 1, got "${value}"`);
  return n;
}

/** A service's complaint about its input is an argument error (exit code 2). */
async function answer(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof AnalyticsInputError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

function projectionOptions(command: Command): Command {
  return command
    .requiredOption("--months <n>", "months to project", parsePositive)
    .option("--runs <n>", "Monte Carlo runs", parsePositive, DEFAULT_RUNS)
    .option("--seed <s>", "random seed (same seed, same answer)", parseWholeNumber, DEFAULT_SEED)
    .option(
      "--arrest-rate <rate>",
      'arrests per month, or "last-year": the registry\'s admissions in the 365 days before the start',
      parseArrestRate,
      "last-year",
    )
    .option("--responsive", "arrests rise after releases as they did after past operations")
    .addOption(
      new Option(
        "--uncertainty <kind>",
        "parameters: each run draws its arrest rate and time-held curve; noise: Monte Carlo noise alone",
      )
        .choices(["parameters", "noise"])
        .default("parameters"),
    )
    .addOption(formatOption());
}

interface ProjectionOptions {
  months: number;
  runs: number;
  seed: number;
  arrestRate: ArrestRate;
  responsive?: boolean;
  uncertainty: "parameters" | "noise";
  format?: Format;
}

export function registerEstimateCommands(program: Command): void {
  program
    .command("estimate")
    .description("how many are held, documented or not: capture–recapture across the sources")
    .option(
      "--lists <ids>",
      "source ids as lists, comma-separated; A+B joins two sources into one list",
    )
    .addOption(new Option("--by <what>", "one list per publisher").choices(["publisher"]))
    .option("--at <date>", "the people held on this day (default: today)", (v) =>
      parseDayArgument(v, "from"),
    )
    .option("--from <date>", "or the people held at any time from this day…", (v) =>
      parseDayArgument(v, "from"),
    )
    .option("--to <date>", "…to this day", (v) => parseDayArgument(v, "to"))
    .addOption(formatOption())
    .action(
      async (
        options: {
          lists?: string;
          by?: "publisher";
          at?: number;
          from?: number;
          to?: number;
          format?: Format;
        },
        command: Command,
      ) => {
        const { format, ...query } = options;
        await withStore(command, true, (store) =>
          answer(async () => {
            write(renderEstimate(await estimateReport(store, query), format ?? defaultFormat()));
          }),
        );
      },
    );

  projectionOptions(
    program
      .command("simulate")
      .description("project the number held under release operations (revolving-door Monte Carlo)")
      .requiredOption("--from <date>", "first day of the projection", (v) =>
        parseDayArgument(v, "from"),
      )
      .option(
        "--release <date:count>",
        "release COUNT people on DATE (repeatable)",
        collectRelease,
        [],
      ),
  ).action(
    async (
      options: ProjectionOptions & { from: number; release: { date: number; count: number }[] },
      command: Command,
    ) => {
      const { format, release, ...query } = options;
      await withStore(command, true, (store) =>
        answer(async () => {
          const report = await simulateReport(store, { ...query, releases: release });
          write(renderSimulation(report, format ?? defaultFormat()));
        }),
      );
    },
  );

  projectionOptions(
    program
      .command("backtest")
      .description(
        "calibrate on the registry before a day, project, and compare with what it recorded",
      )
      .requiredOption("--at <date>", "calibrate before this day and project from it", (v) =>
        parseDayArgument(v, "from"),
      )
      .addOption(
        new Option("--releases <which>", "recorded release operations as pulses, or none")
          .choices(["recorded", "none"])
          .default("recorded"),
      ),
  ).action(
    async (
      options: ProjectionOptions & { at: number; releases: "recorded" | "none" },
      command: Command,
    ) => {
      const { format, ...query } = options;
      await withStore(command, true, (store) =>
        answer(async () => {
          write(renderBacktest(await backtestReport(store, query), format ?? defaultFormat()));
        }),
      );
    },
  );
}
