/** What an import takes and gives: its options, progress, result, and the error of a refusal. */
import type { BundleWriteResult } from "../store/bundle-writer.ts";
import { formatProblem, type ImportProblem } from "./import-report.ts";

export interface ImportProgress {
  /** The file being read. */
  file: string;
  /** Bytes read of all the import's files, and their total: the progress to show. */
  bytesDone: number;
  bytesTotal: number;
  /** Records accepted so far. */
  rows: number;
  rejectedRows: number;
}

export interface ImportOptions {
  dryRun?: boolean;
  /** Write the valid rows and report the others, instead of all or nothing. */
  partial?: boolean;
  actor?: string;
  /** Where to write every problem: `.csv`, `.json` or `.jsonl`. */
  reportPath?: string;
  /** Called after each batch of rows read (about 10,000). */
  onProgress?: (progress: ImportProgress) => void;
  /** Records per COPY (default 50,000). */
  batchSize?: number;
  /** "never" keeps indexes and foreign keys in place however large the load. */
  bulk?: "auto" | "never";
  /** Rows from which a load into a smaller table suspends its indexes (default 100,000). */
  bulkMinRows?: number;
  /** Read rows on a worker thread ("worker"), or not; by default from 4 MB of files. */
  threads?: "worker" | "inline";
  /**
   * A referenced table (people, sources, operations) with up to this many rows is read
   * whole when the import begins (default 2,000,000); larger ones are looked up per batch.
   */
  preloadMaxIds?: number;
}

export interface ImportResult {
  dryRun: boolean;
  partial: boolean;
  files: string[];
  /** Records written (or, in a dry run, that would be). */
  rows: number;
  /** Source rows refused (written only by partial imports; otherwise nothing is). */
  rejectedRows: number;
  problems: number;
  counts: BundleWriteResult;
  /** The report file, when one was written. */
  report: string | null;
  /** Tables loaded with their indexes and foreign keys suspended and rebuilt. */
  bulkTables: string[];
}

/** A refused import: nothing was written. `problems` holds the first 200, by file and line. */
export class ImportError extends Error {
  readonly problems: ImportProblem[];
  readonly total: number;
  readonly report: string | null;
  constructor(
    problems: ImportProblem[],
    total: number,
    report: string | null,
    what: "bundle" | "import" = "bundle",
  ) {
    const sorted = [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    const lines = sorted.map((p) => `  ${formatProblem(p)}`);
    if (total > problems.length) {
      const where = report ? `every one is in ${report}` : "write them all with --report FILE";
      lines.push(`  … and ${total - problems.length} more (${where})`);
    } else if (report) {
      lines.push(`  (also written to ${report})`);
    }
    super(
      `the ${what} was refused, nothing was written (${total} problem${total === 1 ? "" : "s"}):\n${lines.join("\n")}`,
    );
    this.name = "ImportError";
    this.problems = sorted;
    this.total = total;
    this.report = report;
  }
}
