/**
 * Commands that compute figures from the registry: stock, flows, revolving-door, ledger,
 * reconcile, at-risk, and the HTML report. Each checks its arguments, calls one service
 * and prints the answer; the researcher-readable table and CSV shapes are in
 * src/services/analytics-rows.ts.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import type { Step } from "../analytics/types.ts";
import { buildReport } from "../report/report.ts";
import {
  AnalyticsInputError,
  atRiskReport,
  flowsReport,
  ledgerReport,
  reconcileReport,
  revolvingDoorReport,
} from "../services/analytics.ts";
import {
  atRiskRows,
  atRiskSummary,
  flowTableRows,
  ledgerRows,
  ledgerSummaries,
  reconcileRows,
  revolvingDoorRows,
} from "../services/analytics-rows.ts";
import { STEPS, stock } from "../services/stock.ts";
import { parseDayArgument, parseWholeNumber } from "./arguments.ts";
import { formatOption, withStore, write } from "./context.ts";
import { defaultFormat, type Format, renderRecord, renderRows } from "./output.ts";

/** `30,90,180` → [30, 90, 180]. */
function parseWindows(value: string): number[] {
  const windows = value.split(",").map((part) => {
    const days = parseWholeNumber(part.trim());
    if (days < 1) throw new InvalidArgumentError(`windows must be at least 1 day, got "${part}"`);
    return days;
  });
  return windows;
}

function parsePositive(value: string): number {
  const n = parseWholeNumber(value);
  if (n < 1) throw new InvalidArgumentError(`expected a whole number ≥ 1, got "${value}"`);
  return n;
}

function fromOption(): Option {
  return new Option(
    "--from <date>",
    "first day (YYYY-MM-DD; YYYY-MM or YYYY mean its first day)",
  ).argParser((v) => parseDayArgument(v, "from"));
}

function toOption(): Option {
  return new Option(
    "--to <date>",
    "last day (YYYY-MM-DD; YYYY-MM or YYYY mean its last day)",
  ).argParser((v) => parseDayArgument(v, "to"));
}

function checkRange(options: { from?: number; to?: number }): void {
  if (options.from !== undefined && options.to !== undefined && options.from > options.to) {
    throw new InvalidArgumentError("--from must be on or before --to");
  }
}

/** Runs a command's work; a service's complaint about its input is an argument error. */
async function answer(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof AnalyticsInputError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

export function registerAnalyticsCommands(program: Command): void {
  program
    .command("stock")
    .description("how many are held on each day (point value with lower and upper bounds)")
    .addOption(fromOption().makeOptionMandatory())
    .addOption(toOption().makeOptionMandatory())
    .addOption(new Option("--step <step>", "period").choices(STEPS).default("day"))
    .option(
      "--recognized-by <monitor>",
      "count only people recognized by this monitor (e.g. Viasna)",
    )
    .addOption(formatOption())
    .action(
      async (
        options: { from: number; to: number; step: Step; recognizedBy?: string; format?: Format },
        command: Command,
      ) => {
        checkRange(options);
        await withStore(command, true, async (store) => {
          write(renderRows(await stock(store, options), options.format ?? defaultFormat()));
        });
      },
    );

  program
    .command("flows")
    .description("admissions and exits by mechanism in each period")
    .addOption(fromOption().makeOptionMandatory())
    .addOption(toOption().makeOptionMandatory())
    .addOption(new Option("--step <step>", "period").choices(STEPS).default("month"))
    .addOption(formatOption())
    .action(
      async (
        options: { from: number; to: number; step: Step; format?: Format },
        command: Command,
      ) => {
        checkRange(options);
        const format = options.format ?? defaultFormat();
        await withStore(command, true, (store) =>
          answer(async () => {
            const rows = await flowsReport(store, options);
            write(renderRows(format === "json" ? rows : flowTableRows(rows, format), format));
          }),
        );
      },
    );

  program
    .command("revolving-door")
    .description("for each release operation: admissions after it, stock change, refill time")
    .option("--operation <id>", "only this release operation")
    .option("--windows <days>", "windows in days, comma-separated", parseWindows, [30, 90, 180])
    .addOption(formatOption())
    .action(
      async (
        options: { operation?: string; windows: number[]; format?: Format },
        command: Command,
      ) => {
        const format = options.format ?? defaultFormat();
        await withStore(command, true, (store) =>
          answer(async () => {
            const rows = await revolvingDoorReport(store, {
              windows: options.windows,
              ...(options.operation === undefined ? {} : { operationId: options.operation }),
            });
            write(renderRows(format === "json" ? rows : revolvingDoorRows(rows, format), format));
          }),
        );
      },
    );

  program
    .command("ledger")
    .description(
      "each release operation beside the sanctions eased or lifted and the talks around it",
    )
    .option("--before <days>", "days before each operation to look", parseWholeNumber, 30)
    .option("--after <days>", "days after each operation to look", parseWholeNumber, 90)
    .addOption(formatOption())
    .action(
      async (options: { before: number; after: number; format?: Format }, command: Command) => {
        const format = options.format ?? defaultFormat();
        await withStore(command, true, (store) =>
          answer(async () => {
            const entries = await ledgerReport(store, options);
            if (format === "json") write(renderRows(entries, format));
            else if (format === "csv") write(renderRows(ledgerRows(entries), format));
            else write(`${ledgerSummaries(entries)}\n${renderRows(ledgerRows(entries), format)}`);
          }),
        );
      },
    );

  program
    .command("reconcile")
    .description("each monitor's published count beside the registry's recognized and total stock")
    .option("--monitor <name>", "only this monitor's counts (e.g. Viasna)")
    .addOption(formatOption())
    .action(async (options: { monitor?: string; format?: Format }, command: Command) => {
      const format = options.format ?? defaultFormat();
      await withStore(command, true, (store) =>
        answer(async () => {
          const rows = await reconcileReport(
            store,
            options.monitor === undefined ? {} : { monitor: options.monitor },
          );
          write(renderRows(format === "json" ? rows : reconcileRows(rows, format), format));
        }),
      );
    });

  program
    .command("at-risk")
    .description(
      "people held with a health condition, aged 60+, without sign of life, or held for years",
    )
    .addOption(
      new Option(
        "--as-of <date>",
        "day to look on (default today; YYYY-MM means its last day)",
      ).argParser((v) => parseDayArgument(v, "to")),
    )
    .option(
      "--silence-days <n>",
      "no sign of life for more than this many days",
      parseWholeNumber,
      90,
    )
    .option("--long-held-years <n>", "held for this many years or more", parsePositive, 5)
    .addOption(formatOption())
    .action(
      async (
        options: { asOf?: number; silenceDays: number; longHeldYears: number; format?: Format },
        command: Command,
      ) => {
        const format = options.format ?? defaultFormat();
        await withStore(command, true, (store) =>
          answer(async () => {
            const report = await atRiskReport(store, {
              silenceDays: options.silenceDays,
              longHeldYears: options.longHeldYears,
              ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
            });
            if (format === "json") write(renderRecord(report, format));
            else if (format === "csv") write(renderRows(atRiskRows(report), format));
            else write(`${atRiskSummary(report)}\n${renderRows(atRiskRows(report), format)}`);
          }),
        );
      },
    );

  program
    .command("report")
    .description("one self-contained HTML file: charts, tables, sources and method notes")
    .requiredOption("--out <file>", "the HTML file to write")
    .addOption(fromOption())
    .addOption(toOption())
    .action(async (options: { out: string; from?: number; to?: number }, command: Command) => {
      checkRange(options);
      await withStore(command, true, (store) =>
        answer(async () => {
          const html = await buildReport(store, {
            ...(options.from === undefined ? {} : { from: options.from }),
            ...(options.to === undefined ? {} : { to: options.to }),
          });
          const out = resolve(options.out);
          writeFileSync(out, html);
          write(`wrote ${out} (${Math.round(Buffer.byteLength(html) / 1024)} KB)\n`);
        }),
      );
    });
}
