/** Commands that load and describe the registry: demo, stats. */
import type { Command } from "commander";
import { loadDemo } from "../ingest/demo.ts";
import { registryStats } from "../services/registry-stats.ts";
import { parseWholeNumber } from "./arguments.ts";
import { formatOption, progress, withStore, write } from "./context.ts";
import { defaultFormat, type Format, renderRecord } from "./output.ts";

export function registerRegistryCommands(program: Command): void {
  program
    .command("demo")
    .description(
      "load the demo data into an empty database: real public facts + a synthetic registry",
    )
    .option("--people <n>", "number of synthetic people", parseWholeNumber, 8000)
    .option("--seed <s>", "random seed of the synthetic registry", parseWholeNumber, 1)
    .action(async (options: { people: number; seed: number }, command: Command) => {
      await withStore(command, false, async (store) => {
        const started = performance.now();
        const result = await loadDemo(store, {
          ...options,
          onProgress: progress("synthetic people"),
        });
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        write(
          `Loaded the demo into ${store.location} in ${seconds} s: the real public facts of data/public ` +
            `and ${result.people.toLocaleString("en")} SYNTHETIC people (seed ${result.seed}), ` +
            `${result.counts.events.inserted.toLocaleString("en")} synthetic events.\n`,
        );
      });
    });

  program
    .command("stats")
    .description("what the database holds: counts, data problems, the stock today")
    .addOption(formatOption())
    .action(async (options: { format?: Format }, command: Command) => {
      await withStore(command, true, async (store) => {
        write(renderRecord(await registryStats(store), options.format ?? defaultFormat()));
      });
    });
}
