/**
 * Applies the plain SQL files of `migrations/` in order, each in its own transaction, and
 * records them. A migration once applied is frozen: if its file changes, opening the
 * database fails rather than running a schema that differs from the one recorded.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Store } from "./connection.ts";
import { StoreError } from "./errors.ts";

const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations/", import.meta.url));
// Any constant: serializes concurrent migrators on one PostgreSQL database.
const MIGRATION_LOCK_KEY = 7_240_912;

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = readFileSync(new URL(file, `file://${dir}`), "utf8");
      return {
        version: file.slice(0, 4),
        name: file.slice(5, -4),
        sql,
        checksum: createHash("sha256").update(sql).digest("hex"),
      };
    });
}

/** Brings the schema up to date; returns the versions it applied. */
export async function migrate(store: Store, migrations = listMigrations()): Promise<string[]> {
  await store.query(`CREATE TABLE IF NOT EXISTS schema_migration (
    version text PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: string[] = [];
  for (const migration of migrations) {
    await store.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
      const [done] = await tx.query<{ checksum: string }>(
        "SELECT checksum FROM schema_migration WHERE version = $1",
        [migration.version],
      );
      if (done) {
        if (done.checksum !== migration.checksum) {
          throw new StoreError(
            `migration ${migration.version}_${migration.name}.sql was changed after it was applied; ` +
              "migrations are frozen: put schema changes in a new migration file",
          );
        }
        return;
      }
      await tx.exec(migration.sql);
      await tx.query("INSERT INTO schema_migration (version, name, checksum) VALUES ($1, $2, $3)", [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      applied.push(migration.version);
    });
  }
  return applied;
}
