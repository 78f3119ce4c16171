/**
 * Shared pieces of the benchmarks: fresh stores of each kind, timing, and printing a table
 * of figures. Benchmarks compare against a baseline measured in the same run (a ratio),
 * because this machine is shared and absolute times are noisy.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type Store } from "../src/store/connection.ts";
import { migrate } from "../src/store/migrate.ts";

export const BENCH_DATABASE_URL =
  process.env.TURNSTILE_BENCH_DATABASE_URL ??
  process.env.TURNSTILE_TEST_DATABASE_URL ??
  "postgres://postgres@127.0.0.1:5432/test";

export type Kind = "pglite" | "postgres";

export interface BenchStore {
  kind: Kind;
  store: Store;
  dispose(): Promise<void>;
}

/** A fresh, migrated store: PGlite in a temporary folder on disk, or a new PostgreSQL schema. */
export async function freshStore(kind: Kind): Promise<BenchStore> {
  if (kind === "pglite") {
    const dir = mkdtempSync(join(tmpdir(), "turnstile-bench-"));
    const store = await openStore({ dataDir: dir });
    await migrate(store);
    return {
      kind,
      store,
      async dispose() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `bench_${randomBytes(5).toString("hex")}`;
  const store = await openStore({ databaseUrl: BENCH_DATABASE_URL, schema });
  await migrate(store);
  return {
    kind,
    store,
    async dispose() {
      await store.query(`DROP SCHEMA ${schema} CASCADE`);
      await store.close();
    },
  };
}

export async function time<T>(work: () => Promise<T> | T): Promise<{ seconds: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { seconds: (performance.now() - started) / 1000, value };
}

export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Stores named on the command line (`--stores pglite,postgres`), both by default. */
export function kindsFromArgs(argv = process.argv): Kind[] {
  const index = argv.indexOf("--stores");
  const list = index >= 0 ? (argv[index + 1] ?? "") : "pglite,postgres";
  return list.split(",").filter((k): k is Kind => k === "pglite" || k === "postgres");
}

export function numberArg(name: string, fallback: number, argv = process.argv): number {
  const index = argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number((argv[index + 1] ?? "").replaceAll("_", ""));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes a positive number`);
  return value;
}

export function printTable(rows: Record<string, string | number>[]): void {
  console.table(rows);
}
