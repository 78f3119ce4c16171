/**
 * One interface over the two stores: embedded PGlite in a data folder (the default, zero
 * set-up) and a PostgreSQL server when DATABASE_URL is set. Everything above `src/store`
 * sees only {@link Store}; the SQL is the same on both.
 */
import { existsSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { type DataDirLock, lockDataDir } from "./data-dir-lock.ts";
import { StoreError } from "./errors.ts";

export { StoreError };

export interface Queryable {
  /** Runs one statement with `$1`-style parameters and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements, without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Bulk-loads CSV text (no header) into `table (columns)` with COPY. */
  copyCsv(table: string, columns: readonly string[], csv: string): Promise<void>;
}

export interface Store extends Queryable {
  readonly engine: "pglite" | "postgres";
  /** Where the data is: the data folder, or the server URL without its password. */
  readonly location: string;
  /**
   * Runs `work` in one transaction. Inside it, use only `tx`: PGlite has a single
   * connection, and a query on the store itself would wait for the transaction forever.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Embedded database folder; ignored when `databaseUrl` is given. */
  dataDir?: string;
  databaseUrl?: string;
  /** PostgreSQL schema to work in (tests give each file its own). Created if missing. */
  schema?: string;
  /** Refuse to open a data folder that does not exist yet, instead of creating one. */
  mustExist?: boolean;
  /** Open the embedded store in memory (tests). */
  inMemory?: boolean;
}

export const DEFAULT_DATA_DIR = "./turnstile-data";

function copySql(table: string, columns: readonly string[], source: string): string {
  return `COPY ${table} (${columns.join(", ")}) FROM ${source} WITH (FORMAT csv)`;
}

// Return `date` columns as their ISO text and int8 as numbers, the same on both engines.
const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

function pgliteQueryable(db: Pick<PGlite, "query" | "exec">): Queryable {
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await db.query<T>(sql, params);
      return result.rows;
    },
    async copyCsv(table, columns, csv) {
      await db.query(copySql(table, columns, "'/dev/blob'"), [], { blob: new Blob([csv]) });
    },
  };
}

async function openPglite(options: OpenOptions): Promise<Store> {
  let lock: DataDirLock | null = null;
  let location = "memory";
  let dataDir: string | undefined;
  if (!options.inMemory) {
    location = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
    if (options.mustExist && !existsSync(location)) {
      throw new StoreError(
        `no database at ${location}: load data first with "turnstile demo" or "turnstile import DIR", or pass --data-dir`,
      );
    }
    mkdirSync(location, { recursive: true });
    lock = lockDataDir(location);
    dataDir = location;
  }
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir, {
      parsers: {
        [DATE_OID]: (value: string) => value,
        [INT8_OID]: (value: string) => Number(value),
        [NUMERIC_OID]: (value: string) => Number(value),
      },
    });
  } catch (error) {
    lock?.release();
    throw new StoreError(`cannot open the embedded database in ${location}: ${String(error)}`, {
      cause: error,
    });
  }
  const base = pgliteQueryable(db);
  return {
    engine: "pglite",
    location,
    ...base,
    transaction: (work) => db.transaction((tx) => work(pgliteQueryable(tx))),
    async close() {
      try {
        await db.close();
      } finally {
        lock?.release();
      }
    },
  };
}

function pgQueryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async exec(sql) {
      await client.query(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await client.query(sql, params);
      return result.rows as T[];
    },
    async copyCsv(table, columns, csv) {
      const run = async (c: pg.PoolClient) => {
        const stream = c.query(copyFrom(copySql(table, columns, "STDIN")));
        await pipeline(Readable.from([csv]), stream);
      };
      if (client instanceof pg.Pool) {
        const c = await client.connect();
        try {
          await run(c);
        } finally {
          c.release();
        }
      } else {
        await run(client);
      }
    },
  };
}

/** The URL with its password replaced, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

function describeConnectError(url: string, error: unknown): string {
  const code = (error as { code?: string }).code;
  const where = redactUrl(url);
  if (code === "ECONNREFUSED")
    return `cannot connect to PostgreSQL at ${where}: connection refused`;
  if (code === "ENOTFOUND") return `cannot connect to PostgreSQL at ${where}: unknown host`;
  if (code === "ETIMEDOUT") return `cannot connect to PostgreSQL at ${where}: timed out`;
  if (code === "3D000") return `PostgreSQL at ${where}: ${(error as Error).message}`;
  return `cannot connect to PostgreSQL at ${where}: ${(error as Error).message ?? String(error)}`;
}

async function openPostgres(url: string, options: OpenOptions): Promise<Store> {
  try {
    new URL(url);
  } catch {
    throw new StoreError(
      `DATABASE_URL is not a valid URL (expected postgres://user@host:port/database)`,
    );
  }
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new StoreError(`invalid schema name "${schema}"`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 8,
    connectionTimeoutMillis: 10_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on("error", () => {
    // An idle client lost its server; the next query reports the error to its caller.
  });
  try {
    const client = await pool.connect();
    try {
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw new StoreError(describeConnectError(url, error), { cause: error });
  }
  const base = pgQueryable(pool);
  return {
    engine: "postgres",
    location: redactUrl(url) + (schema ? ` (schema ${schema})` : ""),
    ...base,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(pgQueryable(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

for (const oid of [INT8_OID, NUMERIC_OID]) pg.types.setTypeParser(oid, (value) => Number(value));
pg.types.setTypeParser(DATE_OID, (value) => value);

/** Opens the store named by the options (PostgreSQL if `databaseUrl`, else PGlite). */
export async function openStore(options: OpenOptions = {}): Promise<Store> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  return openPglite(options);
}
