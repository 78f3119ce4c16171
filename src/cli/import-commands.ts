/** Commands that bring data in and out: import (and export). */
import type { Command } from "commander";
import { importBundle } from "../ingest/bundle-import.ts";
import { formatOption, withStore, write } from "./context.ts";
import { defaultFormat, type Format, renderRecord, renderRows } from "./output.ts";

export function registerImportCommands(program: Command): void {
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
}
