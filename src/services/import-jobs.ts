/**
 * Imports uploaded through the API, run as jobs: one at a time per store (an import holds
 * the tables it writes until it commits, so a second one would only wait), with their
 * progress, their result and the report of rejected rows kept for the client to read.
 * The importer itself is the command line's (src/ingest/bundle-import.ts): all or nothing
 * by default, streaming, one transaction. Uploaded files live in a temporary folder that is
 * removed when the job ends; the report stays until the job is forgotten.
 */
import { randomBytes } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse";
import {
  ImportError,
  type ImportProgress,
  type ImportResult,
  importBundle,
  importMapped,
} from "../ingest/bundle-import.ts";
import type { ImportProblem } from "../ingest/import-report.ts";
import { MappingError } from "../ingest/mapping.ts";
import type { BundleWriteResult } from "../store/bundle-writer.ts";
import type { Store } from "../store/connection.ts";
import { ConflictError, NotFoundError } from "./errors.ts";

export type ImportJobState = "queued" | "running" | "done" | "failed";
/** What a job is doing: reading (and writing as it reads), then finishing (indexes, commit). */
export type ImportJobPhase = "queued" | "reading" | "finishing" | "done" | "failed";

/** The rejected rows shown in a job's answer; every one is in the report file. */
export const PROBLEMS_SHOWN = 200;
/** Finished jobs remembered (with their reports); older ones are forgotten. */
const JOBS_KEPT = 20;

export interface UploadedFile {
  /** The name it was uploaded under (a bundle file name, or one the mapping describes). */
  name: string;
  path: string;
  bytes: number;
}

export interface ImportUpload {
  /** The job's temporary folder: it holds `upload/` and the report. */
  dir: string;
  /** The folder of the uploaded files (and the mapping): removed when the job ends. */
  uploadDir: string;
  /** The folder of the data files in it: a bundle's folder when there is no mapping. */
  bundleDir: string;
  files: UploadedFile[];
  mapping: UploadedFile | null;
  partial: boolean;
  encoding?: string;
  /** Who runs it: the actor of the audit log. */
  actor: string;
}

export interface ImportJobView {
  id: string;
  state: ImportJobState;
  phase: ImportJobPhase;
  actor: string;
  partial: boolean;
  mapping: string | null;
  files: { name: string; bytes: number }[];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  progress: {
    file: string | null;
    bytesDone: number;
    bytesTotal: number;
    rows: number;
    rejectedRows: number;
    /** 0 to 100: bytes read of all files; 100 only once the job has ended. */
    percent: number;
  };
  /** Set when done: what was written (and, partial, what was rejected). */
  result: {
    rows: number;
    rejectedRows: number;
    counts: BundleWriteResult;
  } | null;
  /** The problems found (the first {@link PROBLEMS_SHOWN}), by file and line. */
  problems: ImportProblem[];
  problemsTotal: number;
  /** Why the job failed, in a sentence. */
  error: string | null;
  /** Where to download every problem as CSV, when there are problems. */
  reportUrl: string | null;
}

interface Job {
  view: ImportJobView;
  dir: string;
  reportPath: string;
}

/** A slot taken while an upload is received: only one import per store at a time. */
export interface ImportSlot {
  /** Starts the import of what was received; the slot passes to the job. */
  start(upload: ImportUpload): ImportJobView;
  /** Gives the slot back (the upload was refused). */
  release(): void;
}

export interface ImportJobsOptions {
  /** Where a failure that is not the data's is logged. */
  logError?: (error: unknown) => void;
}

/** Makes a job's temporary folder, private to this process's user. */
export async function makeJobFolder(): Promise<string> {
  return mkdtemp(join(tmpdir(), "turnstile-import-"));
}

export class ImportJobs {
  private readonly store: Store;
  private readonly options: ImportJobsOptions;
  private readonly jobs = new Map<string, Job>();
  private busy: { actor: string; since: string; job: string | null } | null = null;
  private readonly running = new Set<Promise<void>>();

  constructor(store: Store, options: ImportJobsOptions = {}) {
    this.store = store;
    this.options = options;
  }

  /** Who holds the store's import slot now (receiving an upload, or running), if anyone. */
  get current(): { actor: string; since: string; job: string | null } | null {
    return this.busy ? { ...this.busy } : null;
  }

  /**
   * Takes the store's one import slot, or refuses with 409: two imports would write the
   * same tables, and the second would only wait for the first.
   */
  reserve(actor: string): ImportSlot {
    if (this.busy) {
      const what = this.busy.job ? `import ${this.busy.job}` : "an upload";
      throw new ConflictError(
        `another import is in progress on this database (${what} by ${this.busy.actor}, since ${this.busy.since}): ` +
          "one import at a time; try again when it has finished",
      );
    }
    const slot = { actor, since: new Date().toISOString(), job: null as string | null };
    this.busy = slot;
    let used = false;
    return {
      start: (upload) => {
        if (used) throw new Error("the import slot was already used");
        used = true;
        const job = this.create(upload);
        slot.job = job.view.id;
        const run = this.run(job, upload, () => {
          if (this.busy === slot) this.busy = null;
        }).finally(() => this.running.delete(run));
        this.running.add(run);
        return structuredClone(job.view);
      },
      release: () => {
        if (used) return;
        used = true;
        if (this.busy === slot) this.busy = null;
      },
    };
  }

  get(id: string): ImportJobView {
    const job = this.jobs.get(id);
    if (!job) throw new NotFoundError(`no import ${id} (imports are kept until the server stops)`);
    return structuredClone(job.view);
  }

  list(): ImportJobView[] {
    return [...this.jobs.values()].reverse().map((job) => structuredClone(job.view));
  }

  /** The report file (CSV) of a job that found problems. */
  reportPath(id: string): string {
    const job = this.jobs.get(id);
    if (!job) throw new NotFoundError(`no import ${id}`);
    if (!job.view.reportUrl || !existsSync(job.reportPath)) {
      throw new NotFoundError(`import ${id} has no report: it found no problem`);
    }
    return job.reportPath;
  }

  /** Waits for the running job (if any) and removes every job's files. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.running]);
    await Promise.all([...this.jobs.values()].map((job) => removeFolder(job.dir)));
    this.jobs.clear();
  }

  private create(upload: ImportUpload): Job {
    const id = randomBytes(9).toString("base64url");
    const bytesTotal = upload.files.reduce((sum, f) => sum + f.bytes, 0);
    const view: ImportJobView = {
      id,
      state: "queued",
      phase: "queued",
      actor: upload.actor,
      partial: upload.partial,
      mapping: upload.mapping?.name ?? null,
      files: upload.files.map((f) => ({ name: f.name, bytes: f.bytes })),
      createdAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
      progress: { file: null, bytesDone: 0, bytesTotal, rows: 0, rejectedRows: 0, percent: 0 },
      result: null,
      problems: [],
      problemsTotal: 0,
      error: null,
      reportUrl: null,
    };
    const job: Job = { view, dir: upload.dir, reportPath: join(upload.dir, "report.csv") };
    this.jobs.set(id, job);
    this.forgetOld();
    return job;
  }

  private forgetOld(): void {
    const finished = [...this.jobs.values()].filter((j) => j.view.finishedAt !== null);
    for (const job of finished.slice(0, Math.max(0, finished.length - JOBS_KEPT))) {
      this.jobs.delete(job.view.id);
      void removeFolder(job.dir);
    }
  }

  /** Runs the import; `release` gives the slot back in the same step as the job ends. */
  private async run(job: Job, upload: ImportUpload, release: () => void): Promise<void> {
    // Let the POST answer first: the job runs after the response that names it.
    await new Promise((resolve) => setImmediate(resolve));
    const view = job.view;
    view.state = "running";
    view.phase = "reading";
    view.startedAt = new Date().toISOString();
    const scrub = scrubber(upload.uploadDir);
    // The state a poller sees turns done or failed only once the slot is free again.
    let ended: ImportJobState = "failed";
    const onProgress = (p: ImportProgress) => {
      view.progress = {
        file: p.file,
        bytesDone: p.bytesDone,
        bytesTotal: p.bytesTotal,
        rows: p.rows,
        rejectedRows: p.rejectedRows,
        percent:
          p.bytesTotal > 0 ? Math.min(99, Math.floor((p.bytesDone * 100) / p.bytesTotal)) : 0,
      };
      if (p.bytesDone >= p.bytesTotal) view.phase = "finishing";
    };
    const options = {
      partial: upload.partial,
      actor: upload.actor,
      reportPath: job.reportPath,
      onProgress,
    };
    try {
      const result: ImportResult = upload.mapping
        ? await importMapped(this.store, upload.mapping.path, {
            ...options,
            files: upload.files.map((f) => f.path),
          })
        : await importBundle(this.store, upload.bundleDir, {
            ...options,
            encoding: upload.encoding,
          });
      view.result = { rows: result.rows, rejectedRows: result.rejectedRows, counts: result.counts };
      view.problemsTotal = result.problems;
      if (result.problems > 0) {
        view.problems = (await firstProblems(job.reportPath, PROBLEMS_SHOWN)).map(scrub);
        view.reportUrl = `/api/imports/${view.id}/report.csv`;
      } else {
        await rm(job.reportPath, { force: true });
      }
      view.progress.rows = result.rows;
      view.progress.rejectedRows = result.rejectedRows;
      view.progress.bytesDone = view.progress.bytesTotal;
      view.progress.percent = 100;
      ended = "done";
    } catch (error) {
      if (error instanceof ImportError) {
        view.problems = error.problems.map(scrub);
        view.problemsTotal = error.total;
        view.error = `the import was refused, nothing was written (${error.total} problem${error.total === 1 ? "" : "s"})`;
        view.reportUrl = `/api/imports/${view.id}/report.csv`;
      } else if (error instanceof MappingError) {
        const message = scrub({ file: "", line: 0, column: "", message: error.message }).message;
        view.problems = [
          { file: upload.mapping?.name ?? "", line: 0, column: "", message: message.trim() },
        ];
        view.problemsTotal = 1;
        view.error = `the mapping was refused, nothing was written: ${message.split("\n")[0]}`;
      } else {
        this.options.logError?.(error);
        view.error =
          "the import failed on an internal error (it has been logged); nothing was written";
      }
    } finally {
      await removeFolder(upload.uploadDir);
      view.finishedAt = new Date().toISOString();
      view.state = ended;
      view.phase = ended;
      release();
      this.forgetOld();
    }
  }
}

async function removeFolder(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true }).catch(() => {});
}

/** Problems name the uploaded files by their names, not by where the server put them. */
function scrubber(uploadDir: string): (p: ImportProblem) => ImportProblem {
  const prefixes = [`${uploadDir}/files/`, `${uploadDir}/`, uploadDir];
  const clean = (text: string) =>
    prefixes.reduce((out, prefix) => out.split(prefix).join(""), text);
  return (p) => ({ ...p, file: clean(p.file), message: clean(p.message) });
}

/** The first problems of a report file (CSV: file,line,column,message). */
async function firstProblems(path: string, count: number): Promise<ImportProblem[]> {
  const out: ImportProblem[] = [];
  const parser = createReadStream(path).pipe(parse({ columns: true, to: count }));
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    out.push({
      file: record.file ?? "",
      line: Number(record.line ?? 0),
      column: record.column ?? "",
      message: record.message ?? "",
    });
  }
  return out;
}
