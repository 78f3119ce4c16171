/** Commands that compute figures from the registry: stock (and, in time, the others). */
import { type Command, InvalidArgumentError, Option } from "commander";
import type { Step } from "../analytics/types.ts";
import { STEPS, stock } from "../services/stock.ts";
import { parseDayArgument } from "./arguments.ts";
import { formatOption, withStore, write } from "./context.ts";
import { defaultFormat, type Format, renderRows } from "./output.ts";

export function registerAnalyticsCommands(program: Command): void {
  program
    .command("stock")
    .description("how many are held on each day (point value with lower and upper bounds)")
    .requiredOption(
      "--from <date>",
      "first day (YYYY-MM-DD; YYYY-MM or YYYY mean its first day)",
      (v) => parseDayArgument(v, "from"),
    )
    .requiredOption(
      "--to <date>",
      "last day (YYYY-MM-DD; YYYY-MM or YYYY mean its last day)",
      (v) => parseDayArgument(v, "to"),
    )
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
        if (options.from > options.to) {
          throw new InvalidArgumentError("--from must be on or before --to");
        }
        await withStore(command, true, async (store) => {
          write(renderRows(await stock(store, options), options.format ?? defaultFormat()));
        });
      },
    );
}
