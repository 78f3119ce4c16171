/**
 * The problems an import finds, one per field of a row: counted, the first few kept for the
 * error message, and every one written to a report file (CSV, JSON or JSON lines) as it is
 * found, so that a file with a million bad rows does not fill the memory.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { toCsv } from "../store/bundle-writer.ts";

export interface ImportProblem {
  file: string;
  /** 1-based line in the file (the header is line 1); 0 for the file as a whole. */
  line: number;
  column: string;
  message: string;
}

export function formatProblem(p: ImportProblem): string {
  const where = [
    p.file,
    p.line > 0 ? `line ${p.line}` : null,
    p.column ? `column ${p.column}` : null,
  ]
    .filter(Boolean)
    .join(", ");
  return `${where}: ${p.message}`;
}

export type ReportFormat = "csv" | "json" | "jsonl";

/** The report's format from its file name: `.json`, `.jsonl` / `.ndjson`, else CSV. */
export function reportFormatOf(path: string): ReportFormat {
  const lower = path.toLowerCase();
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  if (lower.endsWith(".json")) return "json";
  return "csv";
}

const FLUSH_AT = 64 * 1024;

/** The report file cannot be written (a missing folder, no permission): the user's to fix. */
export class ReportError extends Error {}

function openReport(path: string): number {
  try {
    return openSync(path, "w");
  } catch (error) {
    throw new ReportError(`cannot write the report ${path}: ${(error as Error).message}`);
  }
}

export class ProblemLog {
  /** Problems kept in memory for the error message. */
  readonly kept: ImportProblem[] = [];
  private total = 0;
  private readonly keep: number;
  private readonly fd: number | null;
  private readonly format: ReportFormat;
  private pending = "";

  constructor(options: { reportPath?: string; keep?: number } = {}) {
    this.keep = options.keep ?? 200;
    this.format = options.reportPath ? reportFormatOf(options.reportPath) : "csv";
    this.fd = options.reportPath ? openReport(options.reportPath) : null;
    if (this.fd !== null) {
      if (this.format === "csv") this.pending = "file,line,column,message\n";
      if (this.format === "json") this.pending = "[";
    }
  }

  get count(): number {
    return this.total;
  }

  add(problem: ImportProblem): void {
    this.total++;
    if (this.kept.length < this.keep) this.kept.push(problem);
    if (this.fd === null) return;
    const { file, line, column, message } = problem;
    if (this.format === "csv") {
      this.pending += toCsv([[file, line, column, message]]);
    } else {
      const json = JSON.stringify({ file, line, column, message });
      this.pending +=
        this.format === "json" ? `${this.total > 1 ? "," : ""}\n${json}` : `${json}\n`;
    }
    if (this.pending.length >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.fd !== null && this.pending !== "") writeSync(this.fd, this.pending);
    this.pending = "";
  }

  /** Finishes the report file (if any). */
  close(): void {
    if (this.fd === null) return;
    if (this.format === "json") this.pending += this.total > 0 ? "\n]\n" : "]\n";
    this.flush();
    closeSync(this.fd);
  }
}
