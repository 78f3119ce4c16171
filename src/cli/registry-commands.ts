/** Commands that load and describe the registry: demo, import, stats, start. */
import type { Command } from "commander";
import { importBundle } from "../ingest/bundle-import.ts";
import { isEmpty, loadDemo } from "../ingest/demo.ts";
import { registryStats } from "../services/registry-stats.ts";
import { parseWholeNumber } from "./arguments.ts";
import { formatOption, progress, withStore, write } from "./context.ts";
import { defaultFormat, type Format, renderRecord, renderRows } from "./output.ts";

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
    .command("import")
    .description("load an interchange bundle (a folder of CSV files); all or nothing")
    .argument("<dir>", "bundle folder")
    .option("--dry-run", "validate and report what would change, write nothing")
    .addOption(formatOption())
    .action(
      async (dir: string, options: { dryRun?: boolean; format?: Format }, command: Command) => {
        await withStore(command, false, async (store) => {
          const result = await importBundle(store, dir, { dryRun: options.dryRun ?? false });
          const rows = Object.entries(result.counts).map(([entity, counts]) => ({
            entity,
            ...counts,
          }));
          const format = options.format ?? defaultFormat();
          if (format === "json") {
            write(renderRecord(result, format));
            return;
          }
          const verb = result.dryRun ? "would import (dry run, nothing written)" : "imported";
          write(`${verb} ${result.rows} rows from ${result.files.join(", ")} (${dir}):\n`);
          write(renderRows(rows, format));
        });
      },
    );

  program
    .command("stats")
    .description("what the database holds: counts, data problems, the stock today")
    .addOption(formatOption())
    .action(async (options: { format?: Format }, command: Command) => {
      await withStore(command, true, async (store) => {
        write(renderRecord(await registryStats(store), options.format ?? defaultFormat()));
      });
    });

  program
    .command("start")
    .description("the quick start: load the demo if the database is empty, then show the stats")
    .action(async (_options: unknown, command: Command) => {
      await withStore(command, false, async (store) => {
        if (await isEmpty(store)) {
          process.stderr.write(`Empty database at ${store.location}: loading the demo data…\n`);
          await loadDemo(store, { onProgress: progress("synthetic people") });
        }
        write(renderRecord(await registryStats(store), defaultFormat()));
      });
    });
}
