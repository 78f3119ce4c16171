/**
 * The `turnstile` command. Each command is a thin edge: parse and check its arguments,
 * open the store, call one service or analytic function, print the answer. Commands are
 * registered by area, one file each.
 */
import { Command, InvalidArgumentError } from "commander";
import { ImportError } from "../ingest/bundle-import.ts";
import { DemoError } from "../ingest/demo.ts";
import { ExportError } from "../ingest/export.ts";
import { ReportError } from "../ingest/import-report.ts";
import { MappingError } from "../ingest/mapping.ts";
import { DraftError } from "../services/extract.ts";
import { DEFAULT_DATA_DIR, StoreError } from "../store/connection.ts";
import { registerAnalyticsCommands } from "./analytics-commands.ts";
import { registerEstimateCommands } from "./estimate-commands.ts";
import { registerExtractCommands } from "./extract-commands.ts";
import { registerImportCommands } from "./import-commands.ts";
import { registerMatchingCommands } from "./matching-commands.ts";
import { registerRegistryCommands } from "./registry-commands.ts";
import { registerServerCommands } from "./server-commands.ts";

const program = new Command("turnstile")
  .description(
    "Monitoring of political imprisonment: registry, stock and flows, revolving door.\n" +
      "Works on the embedded database in --data-dir, or on PostgreSQL when DATABASE_URL is set.",
  )
  .option(
    "--data-dir <dir>",
    "embedded database folder",
    process.env.TURNSTILE_DATA_DIR ?? DEFAULT_DATA_DIR,
  )
  .showHelpAfterError()
  .configureOutput({
    outputError: (text, write) => write(`turnstile: ${text.replace(/^error: /, "")}`),
  });

registerServerCommands(program);
registerRegistryCommands(program);
registerImportCommands(program);
registerAnalyticsCommands(program);
registerMatchingCommands(program);
registerExtractCommands(program);
registerEstimateCommands(program);

/** Errors whose message is meant for the user as it is (no stack trace). */
const USER_ERRORS = [
  StoreError,
  ImportError,
  MappingError,
  ExportError,
  ReportError,
  DemoError,
  DraftError,
  InvalidArgumentError,
];

try {
  await program.parseAsync();
} catch (error) {
  if (USER_ERRORS.some((type) => error instanceof type)) {
    process.stderr.write(`turnstile: ${(error as Error).message}\n`);
    process.exitCode = error instanceof InvalidArgumentError ? 2 : 1;
  } else {
    process.stderr.write(
      `turnstile: unexpected error: ${(error as Error).stack ?? String(error)}\n`,
    );
    process.exitCode = 70;
  }
}
