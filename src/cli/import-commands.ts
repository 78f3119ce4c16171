/** Commands that bring data in and out: import and export. */
import { basename, dirname, join } from "node:path";
import { SingleBar } from "cli-progress";
import { type Command, InvalidArgumentError, Option } from "commander";
import {
  type BundleImportOptions,
  type ImportProgress,
  type ImportResult,
  importBundle,
  importMapped,
} from "../ingest/bundle-import.ts";
import { EXPORT_FORMATS, type ExportFormat, exportRegistry } from "../ingest/export.ts";
import { formatOption, withStore, write } from "./context.ts";
import { defaultFormat, type Format, renderRecord, renderRows } from "./output.ts";

interface ImportFlags {
  mapping?: string;
  partial?: boolean;
  report?: string;
  dryRun?: boolean;
  encoding?: string;
  format?: Format;
}

/** A progress bar on stderr for a terminal (bytes read of all files); nothing otherwise. */
function importProgressBar(): { update: (p: ImportProgress) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar({
    stream: process.stderr,
    format:
      " {file} |{bar}| {percentage}% | {rows} rows, {rejected} rejected | {rate} rows/s | ETA {eta_formatted}",
    hideCursor: true,
    etaBuffer: 20,
  });
  const started = performance.now();
  let running = false;
  return {
    update(p) {
      const payload = {
        file: p.file,
        rows: p.rows.toLocaleString("en"),
        rejected: p.rejectedRows.toLocaleString("en"),
        rate: Math.round(
          p.rows / Math.max(0.001, (performance.now() - started) / 1000),
        ).toLocaleString("en"),
      };
      if (!running) {
        bar.start(Math.max(1, p.bytesTotal), p.bytesDone, payload);
        running = true;
      } else {
        bar.update(p.bytesDone, payload);
      }
    },
    stop() {
      if (running) bar.stop();
    },
  };
}

/**
 * Where a partial import writes its report unless told: next to what it read — the bundle
 * folder, the last file named with a mapping, or the mapping.
 */
function defaultReportPath(paths: string[], mapping: string | undefined): string {
  const source = (paths.at(-1) ?? mapping ?? "import").replace(/[\\/]+$/, "");
  const stem = basename(source).replace(/\.(json|csv|txt)$/i, "");
  return join(dirname(source), `${stem}.rejected.csv`);
}

function printImport(result: ImportResult, source: string, seconds: number, format: Format): void {
  if (format === "json") {
    write(renderRecord({ ...result, seconds: Number(seconds.toFixed(2)) }, format));
    return;
  }
  const rows = Object.entries(result.counts)
    .filter(([, c]) => c.inserted + c.updated + c.unchanged > 0)
    .map(([entity, counts]) => ({ entity, ...counts }));
  const verb = result.dryRun ? "would import (dry run, nothing written)" : "imported";
  const rate = Math.round(result.rows / Math.max(seconds, 0.001)).toLocaleString("en");
  write(
    `${verb} ${result.rows.toLocaleString("en")} rows from ${result.files.join(", ")} (${source}) ` +
      `in ${seconds.toFixed(1)} s (${rate} rows/s):\n`,
  );
  write(renderRows(rows, format));
  if (result.partial && result.rejectedRows > 0) {
    write(
      `rejected ${result.rejectedRows.toLocaleString("en")} rows (${result.problems.toLocaleString("en")} problems): ` +
        `every one is in ${result.report}\n`,
    );
  }
}

export function registerImportCommands(program: Command): void {
  program
    .command("import")
    .description(
      "load an interchange bundle (a folder of CSV files), or other layouts with --mapping; all or nothing unless --partial",
    )
    .argument("[paths...]", "bundle folder; with --mapping, the files the mapping describes")
    .option("--mapping <file>", "a mapping file (JSON) for another layout: see docs/IMPORT.md")
    .option("--partial", "import the valid rows and report every rejected row")
    .option("--report <file>", "write every problem to this file (.csv, .json or .jsonl)")
    .option("--dry-run", "validate and report what would change, write nothing")
    .option("--encoding <name>", "text encoding of the bundle's files (default utf-8)")
    .addOption(formatOption())
    .action(async (paths: string[], flags: ImportFlags, command: Command) => {
      if (!flags.mapping && paths.length !== 1) {
        throw new InvalidArgumentError("give one bundle folder (or files with --mapping FILE)");
      }
      if (flags.encoding) {
        try {
          new TextDecoder(flags.encoding);
        } catch {
          throw new InvalidArgumentError(`unknown encoding "${flags.encoding}"`);
        }
      }
      const report =
        flags.report ?? (flags.partial ? defaultReportPath(paths, flags.mapping) : undefined);
      await withStore(command, false, async (store) => {
        const bar = importProgressBar();
        const options: BundleImportOptions = {
          dryRun: flags.dryRun ?? false,
          partial: flags.partial ?? false,
          reportPath: report,
          encoding: flags.encoding,
          onProgress: bar.update,
        };
        const started = performance.now();
        let result: ImportResult;
        try {
          result = flags.mapping
            ? await importMapped(store, flags.mapping, {
                ...options,
                files: paths.length > 0 ? paths : undefined,
              })
            : await importBundle(store, paths[0] as string, options);
        } finally {
          bar.stop();
        }
        const seconds = (performance.now() - started) / 1000;
        const source = flags.mapping ?? (paths[0] as string);
        printImport(result, source, seconds, flags.format ?? defaultFormat());
      });
    });

  program
    .command("export")
    .description("write the registry as the CSV bundle, JSON, or FollowTheMoney entities")
    .addOption(
      new Option("--format <format>", "csv (the bundle), json, or ftm (FollowTheMoney JSON lines)")
        .choices(EXPORT_FORMATS)
        .makeOptionMandatory(),
    )
    .requiredOption("--out <dir>", "a new or empty folder")
    .option("--public", "only what an anonymous visitor may see (public records with consent)")
    .option("--json-lines", "with --format json: one record per line instead of one document")
    .action(
      async (
        flags: { format: ExportFormat; out: string; public?: boolean; jsonLines?: boolean },
        command: Command,
      ) => {
        await withStore(command, true, async (store) => {
          const result = await exportRegistry(store, {
            format: flags.format,
            out: flags.out,
            audience: flags.public ? "public" : "full",
            jsonLines: flags.jsonLines ?? false,
          });
          const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
          const what = result.audience === "public" ? "public " : "";
          const entities =
            result.entities === undefined
              ? ""
              : ` as ${result.entities.toLocaleString("en")} FollowTheMoney entities`;
          write(
            `exported ${total.toLocaleString("en")} ${what}records${entities} to ${flags.out}: ${result.files.join(", ")}\n`,
          );
        });
      },
    );
}
