/** Commands that run Turnstile: start (and serve, user management). */
import type { Command } from "commander";
import { isEmpty, loadDemo } from "../ingest/demo.ts";
import { registryStats } from "../services/registry-stats.ts";
import { progress, withStore, write } from "./context.ts";
import { defaultFormat, renderRecord } from "./output.ts";

export function registerServerCommands(program: Command): void {
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
