/**
 * The reading half of a large import on a worker thread (import-producer.ts), so that
 * parsing and validating rows runs beside the database's work instead of before it (on
 * PGlite the database runs in the main thread; on PostgreSQL in its own process).
 *
 * Messages: to the main thread `{type: "event", event}` (then it waits for `"ack"` when two
 * are unanswered), `{type: "lookup", seq, wanted}` (answered by `"found"`), `{type: "done",
 * summary}` or `{type: "error", message, stack}`.
 */
import { parentPort, workerData } from "node:worker_threads";
import { Producer, type ProducerOptions } from "./import-producer.ts";
import type { RefKind } from "./import-references.ts";
import { buildPlan, type PlanSource } from "./import-source.ts";

interface Input {
  source: PlanSource;
  options: ProducerOptions;
}

const port = parentPort;
if (!port) throw new Error("import-worker.ts runs as a worker thread");

const { source, options } = workerData as Input;
let unanswered = 0;
let wake: (() => void) | null = null;
const lookups = new Map<number, (found: Record<RefKind, string[]>) => void>();
let seq = 0;

port.on("message", (message: { type: string; seq?: number; found?: Record<RefKind, string[]> }) => {
  if (message.type === "ack") {
    unanswered--;
    wake?.();
    wake = null;
  } else if (message.type === "found" && message.seq !== undefined && message.found) {
    lookups.get(message.seq)?.(message.found);
    lookups.delete(message.seq);
  }
});

try {
  const producer = new Producer(buildPlan(source), options, (wanted) => {
    const id = ++seq;
    return new Promise((resolve) => {
      lookups.set(id, resolve);
      port.postMessage({ type: "lookup", seq: id, wanted });
    });
  });
  const run = producer.run();
  for (;;) {
    const next = await run.next();
    if (next.done) {
      port.postMessage({ type: "done", summary: next.value });
      break;
    }
    port.postMessage({ type: "event", event: next.value });
    unanswered++;
    // Two batches in flight at most: memory stays bounded when the database is slower
    // (more in flight measured slower on PostgreSQL: the threads then fight for two cores).
    while (unanswered >= 2) await new Promise<void>((resolve) => (wake = resolve));
  }
} catch (error) {
  port.postMessage({
    type: "error",
    message: (error as Error).message ?? String(error),
    stack: (error as Error).stack,
  });
}
port.close();
