/**
 * The streaming importer. A producer (import-producer.ts) reads, maps and validates the
 * rows and resolves their references; the writer (import-writer.ts) COPYs the accepted rows
 * as they come — all in ONE transaction, so that all-or-nothing holds and a killed process
 * leaves the database as it was. Memory is bounded by a few batches plus the keys seen,
 * whatever the size of the files. A large import reads on a worker thread while the main
 * thread writes.
 *
 * All or nothing (the default): every problem is reported, and if there is one, nothing is
 * written. With `partial`, the valid rows are written and every rejected row is reported;
 * a row that refers to a rejected row is rejected too. A source row that becomes several
 * records (a mapped file) is taken or rejected whole.
 */
import { Worker } from "node:worker_threads";
import { allIds } from "../store/bulk-load.ts";
import { emptyWriteResult } from "../store/bundle-writer.ts";
import type { Queryable, Store } from "../store/connection.ts";
import { existingIds } from "../store/references.ts";
import {
  type LookUp,
  Producer,
  type ProducerEvent,
  type ProducerOptions,
  type ProducerSummary,
} from "./import-producer.ts";
import type { RefKind } from "./import-references.ts";
import { ProblemLog } from "./import-report.ts";
import { ImportError, type ImportOptions, type ImportResult } from "./import-result.ts";
import { buildPlan, type PlanSource } from "./import-source.ts";
import { ImportWriter } from "./import-writer.ts";

export {
  ImportError,
  type ImportOptions,
  type ImportProgress,
  type ImportResult,
} from "./import-result.ts";

class DryRunRollback extends Error {}

/** From this many bytes of files, rows are read on a worker thread. */
const WORKER_MIN_BYTES = 4 << 20;
const WORKER = new URL("./import-worker.ts", import.meta.url);

/** Runs an import against the store. Throws {@link ImportError} when refused. */
export async function runImport(
  store: Store,
  source: PlanSource,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const plan = buildPlan(source);
  const partial = options.partial ?? false;
  const log = new ProblemLog({ reportPath: options.reportPath });
  const what = plan.mapped ? "import" : "bundle";
  const refusal = () => new ImportError(log.kept, log.count, options.reportPath ?? null, what);
  let summary: ProducerSummary = { files: [], rows: 0, rejectedRows: 0, problems: 0 };
  let writer: ImportWriter | null = null;
  try {
    for (const problem of plan.problems) log.add(problem);
    if (log.count > 0 && !partial) throw refusal();
    await store.transaction(async (tx) => {
      writer = new ImportWriter(tx, {
        actor: options.actor ?? "cli",
        batch: `import ${new Date().toISOString()} ${plan.source}`,
        bulk: options.bulk ?? "auto",
        bulkMinRows: options.bulkMinRows,
      });
      const fullRecords = await writer.begin([...new Set(plan.files.flatMap((f) => f.produces))]);
      const producerOptions: ProducerOptions = {
        partial,
        batchSize: options.batchSize ?? 50_000,
        fullRecords,
        problemsBefore: log.count,
        inDatabase: await idsInDatabase(tx, options.preloadMaxIds ?? PRELOAD_MAX_IDS),
      };
      const bytes = plan.files.reduce((sum, f) => sum + f.bytes, 0);
      const threaded = options.threads ?? (bytes >= WORKER_MIN_BYTES ? "worker" : "inline");
      const lookUp = lookUpIn(tx);
      const events =
        threaded === "worker"
          ? onWorker(source, producerOptions, lookUp)
          : new Producer(plan, producerOptions, lookUp).run();
      const active = writer;
      for (;;) {
        const next = await events.next();
        if (next.done) {
          summary = next.value;
          break;
        }
        const event: ProducerEvent = next.value;
        for (const problem of event.problems) log.add(problem);
        if (partial || log.count === 0) await active.write(event.tables);
        options.onProgress?.(event.progress);
      }
      await active.settle();
      if (log.count > 0 && !partial) throw refusal();
      await active.finish();
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  } finally {
    log.close();
  }
  const done = writer as ImportWriter | null;
  return {
    dryRun: options.dryRun ?? false,
    partial,
    files: summary.files,
    rows: summary.rows,
    rejectedRows: summary.rejectedRows,
    problems: log.count,
    counts: done?.counts ?? emptyWriteResult(),
    report: options.reportPath ?? null,
    bulkTables: done?.bulkTables ?? [],
  };
}

/** A referenced table up to this size is read whole when an import begins. */
const PRELOAD_MAX_IDS = 2_000_000;

/**
 * The ids of the referenced tables, read once when they are not too large: a look-up per
 * batch would wait behind the COPY in flight on the transaction's one connection.
 */
async function idsInDatabase(
  tx: Queryable,
  max: number,
): Promise<Partial<Record<RefKind, string[]>>> {
  const out: Partial<Record<RefKind, string[]>> = {};
  for (const kind of ["person", "source", "operation"] as const) {
    const ids = await allIds(tx, kind, max);
    if (ids) out[kind] = ids;
  }
  return out;
}

/** Which of the wanted ids the database holds, one query per kind. */
function lookUpIn(tx: Queryable): LookUp {
  return async (wanted) => {
    const found: Record<RefKind, string[]> = { person: [], source: [], operation: [] };
    for (const kind of ["person", "source", "operation"] as const) {
      if (wanted[kind].length > 0) found[kind] = [...(await existingIds(tx, kind, wanted[kind]))];
    }
    return found;
  };
}

/** The producer's events from a worker thread, answering its look-ups meanwhile. */
async function* onWorker(
  source: PlanSource,
  options: ProducerOptions,
  lookUp: LookUp,
): AsyncGenerator<ProducerEvent, ProducerSummary> {
  const worker = new Worker(WORKER, {
    workerData: { source, options },
    // What the reader keeps is bounded (a few batches, and the key index, which is not on
    // the heap): a cap on its heap makes it collect rather than grow.
    resourceLimits: { maxYoungGenerationSizeMb: 128, maxOldGenerationSizeMb: 512 },
  });
  const queue: { type: string; event?: ProducerEvent; summary?: ProducerSummary; error?: Error }[] =
    [];
  let wake: (() => void) | null = null;
  const push = (item: (typeof queue)[number]) => {
    queue.push(item);
    wake?.();
    wake = null;
  };
  worker.on("message", (message) => {
    if (message.type === "lookup") {
      lookUp(message.wanted).then(
        (found) => worker.postMessage({ type: "found", seq: message.seq, found }),
        (error: Error) => push({ type: "error", error }),
      );
    } else if (message.type === "error") {
      const error = new Error(message.message);
      error.stack = message.stack;
      push({ type: "error", error });
    } else {
      push(message);
    }
  });
  worker.on("error", (error) => push({ type: "error", error }));
  worker.on("exit", (code) => {
    if (code !== 0)
      push({ type: "error", error: new Error(`the import worker stopped (${code})`) });
  });
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const item = queue.shift() as (typeof queue)[number];
      if (item.type === "error") throw item.error;
      if (item.type === "done") return item.summary as ProducerSummary;
      yield item.event as ProducerEvent;
      worker.postMessage({ type: "ack" });
    }
  } finally {
    await worker.terminate();
  }
}
