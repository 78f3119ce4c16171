/**
 * An import killed mid-way (SIGKILL: no cleanup, no rollback from the process) leaves the
 * database exactly as it was — rows, audit log, indexes and foreign keys, although a bulk
 * load had dropped some of them inside its transaction — and an embedded data folder opens
 * again. A real child process, real stores.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { importBundle } from "../src/ingest/bundle-import.ts";
import { readBundle } from "../src/ingest/bundle-reader.ts";
import { bundleCsvWriter } from "../src/ingest/bundle-writer-csv.ts";
import { PUBLIC_DATA_DIR } from "../src/ingest/public-data.ts";
import { generateSynthetic, SYNTHETIC_SOURCES } from "../src/ingest/synthetic.ts";
import { openStore, type Queryable } from "../src/store/connection.ts";
import { migrate } from "../src/store/migrate.ts";
import { describeEachStore, TEST_DATABASE_URL } from "./helpers/stores.ts";

const CHILD = new URL("./fixtures/import-child.ts", import.meta.url).pathname;
const TABLES = [
  "source",
  "person",
  "person_name",
  "release_operation",
  "event",
  "measure",
  "diplomatic_event",
  "monitor_count",
];

let root: string;
let baseDir: string;
let eventsDir: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "turnstile-interrupt-"));
  baseDir = join(root, "base");
  eventsDir = join(root, "events");
  const real = readBundle(PUBLIC_DATA_DIR).bundle;
  const base = bundleCsvWriter(baseDir);
  const events = bundleCsvWriter(eventsDir);
  base.write({ ...real, sources: [...real.sources, ...SYNTHETIC_SOURCES] });
  for (const batch of generateSynthetic({
    people: 12_000,
    seed: 7,
    operations: real.operations,
    monitorCounts: real.monitorCounts,
  })) {
    base.write({ people: batch.people });
    events.write({ names: batch.names, events: batch.events });
  }
  await base.close();
  await events.close();
}, 120_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** What must not change: every table's rows, the audit log, the indexes and constraints. */
async function state(q: Queryable) {
  const tables: Record<string, unknown> = {};
  for (const table of TABLES) {
    const [row] = await q.query<{ n: number; digest: string | null }>(
      `SELECT count(*)::int AS n, md5(string_agg(md5(t::text), '' ORDER BY t::text)) AS digest FROM ${table} t`,
    );
    tables[table] = row;
  }
  const [audit] = await q.query<{ n: number; last: number | null }>(
    "SELECT count(*)::int AS n, max(id) AS last FROM audit_log",
  );
  const indexes = await q.query(
    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1",
  );
  const constraints = await q.query(
    `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE connamespace = current_schema()::regnamespace ORDER BY 1`,
  );
  return { tables, audit, indexes, constraints };
}

/** Runs the child import and kills it once it has written `rows` rows. */
function killMidImport(args: string[], rows: number): Promise<{ killedAt: number }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [CHILD, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let seen = 0;
    let buffer = "";
    child.stderr?.on("data", (chunk) => {
      stderr += String(chunk);
    });
    child.stdout?.on("data", (chunk) => {
      buffer += String(chunk);
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        if (line === "done") {
          reject(new Error(`the import finished before it could be killed (at ${seen} rows)`));
          return;
        }
        seen = Number(line.replace("rows ", ""));
        if (seen >= rows && child.exitCode === null && !child.killed) child.kill("SIGKILL");
      }
    });
    child.on("exit", (code, signal) => {
      if (signal === "SIGKILL") resolve({ killedAt: seen });
      else reject(new Error(`child exited with ${code}: ${stderr}`));
    });
  });
}

describeEachStore("an import killed mid-way", (use) => {
  it("leaves the database as it was, and the store opens again", { timeout: 240_000 }, async () => {
    const { kind, schema, store: suiteStore } = use();
    if (kind === "postgres") {
      await importBundle(suiteStore, baseDir);
      const before = await state(suiteStore);
      const { killedAt } = await killMidImport(
        [TEST_DATABASE_URL, schema as string, eventsDir],
        20_000,
      );
      expect(killedAt).toBeGreaterThanOrEqual(20_000);
      // The server ends the killed session's transaction when it sees the socket close.
      const after = await state(suiteStore);
      expect(after).toEqual(before);
      return;
    }
    const dataDir = join(root, "pglite");
    const first = await openStore({ dataDir });
    await migrate(first);
    await importBundle(first, baseDir);
    const before = await state(first);
    await first.close();

    const { killedAt } = await killMidImport([dataDir, "-", eventsDir], 20_000);
    expect(killedAt).toBeGreaterThanOrEqual(20_000);

    // The lock of the dead process is taken over; PGlite recovers to the last commit.
    const again = await openStore({ dataDir });
    try {
      expect(await state(again)).toEqual(before);
      const result = await importBundle(again, eventsDir, { bulk: "never" });
      expect(result.counts.events.inserted).toBeGreaterThan(killedAt);
    } finally {
      await again.close();
    }
  });
});
