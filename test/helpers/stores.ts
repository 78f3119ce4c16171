/**
 * Runs a test suite on every store: embedded PGlite and the PostgreSQL server. Each suite
 * gets its own database (a fresh in-memory PGlite; on PostgreSQL a new schema, dropped
 * afterwards), so test files never see each other's rows.
 *
 * PostgreSQL comes from TURNSTILE_TEST_DATABASE_URL (default: the local server, database
 * `test`). When it cannot be reached the PostgreSQL suites are skipped with a warning, but
 * under CI=true they fail: CI must test both stores.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { openStore, type Store } from "../../src/store/connection.ts";
import { migrate } from "../../src/store/migrate.ts";

export const TEST_DATABASE_URL =
  process.env.TURNSTILE_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export type StoreKind = "pglite" | "postgres";

let postgresReachable: Promise<string | null> | undefined;

/** null when PostgreSQL answers, else why not. */
function checkPostgres(): Promise<string | null> {
  postgresReachable ??= (async () => {
    const client = new pg.Client({
      connectionString: TEST_DATABASE_URL,
      connectionTimeoutMillis: 3000,
    });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return null;
    } catch (error) {
      return `${TEST_DATABASE_URL}: ${(error as Error).message}`;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return postgresReachable;
}

export interface TestStore {
  kind: StoreKind;
  /** The PostgreSQL schema of this suite (postgres only). */
  schema?: string;
  store: Store;
}

/** Opens a fresh, migrated, empty store of the given kind. */
export async function openTestStore(kind: StoreKind): Promise<TestStore> {
  if (kind === "pglite") {
    const store = await openStore({ inMemory: true });
    await migrate(store);
    return { kind, store };
  }
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const store = await openStore({ databaseUrl: TEST_DATABASE_URL, schema });
  await migrate(store);
  return { kind, schema, store };
}

export async function closeTestStore(test: TestStore): Promise<void> {
  if (test.kind === "postgres" && test.schema) {
    await test.store.query(`DROP SCHEMA ${test.schema} CASCADE`);
  }
  await test.store.close();
}

const postgresProblem = await checkPostgres();
if (postgresProblem && process.env.CI !== "true") {
  console.warn(`PostgreSQL suites are SKIPPED (not reachable): ${postgresProblem}`);
}

/**
 * `describe` once per store; `use()` inside a test gives the suite's store, fresh and
 * migrated for the suite (tests inside one suite share it).
 */
export function describeEachStore(name: string, body: (use: () => TestStore) => void): void {
  for (const kind of ["pglite", "postgres"] as const) {
    const skip = kind === "postgres" && postgresProblem !== null && process.env.CI !== "true";
    describe.skipIf(skip)(`${name} [${kind}]`, () => {
      let current: TestStore | undefined;
      beforeAll(async () => {
        if (kind === "postgres" && postgresProblem) {
          throw new Error(`PostgreSQL is required in CI and is not reachable: ${postgresProblem}`);
        }
        current = await openTestStore(kind);
      });
      afterAll(async () => {
        if (current) await closeTestStore(current);
      });
      body(() => {
        if (!current) throw new Error("store not open");
        return current;
      });
    });
  }
}
