/**
 * The `turnstile` command. Each command is a thin edge: parse and check its arguments,
 * open the store, call one service or analytic function, print the answer.
 */
import { Command, InvalidArgumentError, Option } from "commander";
import { ImportError, importBundle } from "../ingest/bundle-import.ts";
import { DemoError, isEmpty, loadDemo } from "../ingest/demo.ts";
import { registryStats } from "../services/registry-stats.ts";
import { STEPS, stock } from "../services/stock.ts";
import { DEFAULT_DATA_DIR, openStore, type Store, StoreError } from "../store/connection.ts";
import { migrate } from "../store/migrate.ts";
import { parseDayArgument, parseWholeNumber } from "./arguments.ts";
import { defaultFormat, FORMATS, type Format, renderRecord, renderRows } from "./output.ts";

interface GlobalOptions {
  dataDir: string;
}

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

function formatOption(): Option {
  return new Option("--format <format>", "output format (table on a terminal, else json)")
    .choices(FORMATS)
    .default(undefined);
}

/** Opens the store of the global options, migrated; `mustExist` for read-only commands. */
async function withStore<T>(mustExist: boolean, work: (store: Store) => Promise<T>): Promise<T> {
  const { dataDir } = program.opts<GlobalOptions>();
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const store = await openStore({ dataDir, databaseUrl, mustExist });
  try {
    await migrate(store);
    return await work(store);
  } finally {
    await store.close();
  }
}

function write(text: string): void {
  process.stdout.write(text);
}

function progress(label: string): (done: number, total: number) => void {
  if (!process.stderr.isTTY) return () => {};
  return (done, total) => {
    const percent = Math.floor((done / total) * 100);
    process.stderr.write(
      `\r${label}: ${done.toLocaleString("en")} / ${total.toLocaleString("en")} (${percent}%)`,
    );
    if (done >= total) process.stderr.write("\n");
  };
}

program
  .command("demo")
  .description(
    "load the demo data into an empty database: real public facts + a synthetic registry",
  )
  .option("--people <n>", "number of synthetic people", parseWholeNumber, 8000)
  .option("--seed <s>", "random seed of the synthetic registry", parseWholeNumber, 1)
  .action(async (options: { people: number; seed: number }) => {
    await withStore(false, async (store) => {
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
  .action(async (dir: string, options: { dryRun?: boolean; format?: Format }) => {
    await withStore(false, async (store) => {
      const result = await importBundle(store, dir, { dryRun: options.dryRun ?? false });
      const rows = Object.entries(result.counts).map(([entity, counts]) => ({ entity, ...counts }));
      const format = options.format ?? defaultFormat();
      if (format !== "json") {
        const verb = result.dryRun ? "would import" : "imported";
        write(`${verb} ${result.rows} rows from ${result.files.join(", ")} (${dir}):\n`);
      }
      write(format === "json" ? renderRecord({ ...result }, format) : renderRows(rows, format));
    });
  });

program
  .command("stock")
  .description("how many are held on each day (point value with lower and upper bounds)")
  .requiredOption(
    "--from <date>",
    "first day (YYYY-MM-DD; YYYY-MM or YYYY mean its first day)",
    (v) => parseDayArgument(v, "from"),
  )
  .requiredOption("--to <date>", "last day (YYYY-MM-DD; YYYY-MM or YYYY mean its last day)", (v) =>
    parseDayArgument(v, "to"),
  )
  .addOption(new Option("--step <step>", "period").choices(STEPS).default("day"))
  .option("--recognized-by <monitor>", "count only people recognized by this monitor (e.g. Viasna)")
  .addOption(formatOption())
  .action(
    async (options: {
      from: number;
      to: number;
      step: (typeof STEPS)[number];
      recognizedBy?: string;
      format?: Format;
    }) => {
      if (options.from > options.to) {
        throw new InvalidArgumentError("--from must be on or before --to");
      }
      await withStore(true, async (store) => {
        const rows = await stock(store, options);
        write(renderRows(rows, options.format ?? defaultFormat()));
      });
    },
  );

program
  .command("stats")
  .description("what the database holds: counts, data problems, the stock today")
  .addOption(formatOption())
  .action(async (options: { format?: Format }) => {
    await withStore(true, async (store) => {
      write(renderRecord(await registryStats(store), options.format ?? defaultFormat()));
    });
  });

program
  .command("start")
  .description("the quick start: load the demo if the database is empty, then show the stats")
  .action(async () => {
    await withStore(false, async (store) => {
      if (await isEmpty(store)) {
        process.stderr.write(`Empty database at ${store.location}: loading the demo data…\n`);
        await loadDemo(store, { onProgress: progress("synthetic people") });
      }
      const stats = await registryStats(store);
      write(renderRecord(stats, process.stdout.isTTY ? "table" : "json"));
    });
  });

const USER_ERRORS = [StoreError, ImportError, DemoError, InvalidArgumentError];

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
