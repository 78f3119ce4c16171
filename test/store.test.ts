import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore, StoreError } from "../src/store/connection.ts";
import { listMigrations, migrate } from "../src/store/migrate.ts";
import { describeEachStore } from "./helpers/stores.ts";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "turnstile-store-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("embedded data folder", () => {
  it("keeps data across openings and removes its lock on close", async () => {
    const dir = tempDir();
    const first = await openStore({ dataDir: dir });
    await migrate(first);
    await first.query("INSERT INTO source (id, title) VALUES ('s1', 'kept')");
    expect(existsSync(join(dir, "turnstile.lock"))).toBe(true);
    await first.close();
    expect(existsSync(join(dir, "turnstile.lock"))).toBe(false);
    const again = await openStore({ dataDir: dir });
    expect(await again.query("SELECT title FROM source")).toEqual([{ title: "kept" }]);
    await again.close();
  });

  it("refuses a second opening of the same folder, naming the holder", async () => {
    const dir = tempDir();
    const holder = await openStore({ dataDir: dir });
    try {
      const error = await openStore({ dataDir: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as Error).message).toContain(`is in use by process ${process.pid}`);
      const lock = JSON.parse(readFileSync(join(dir, "turnstile.lock"), "utf8"));
      expect(lock.pid).toBe(process.pid);
    } finally {
      await holder.close();
    }
  });

  it("takes over the lock of a process that died", async () => {
    const dir = tempDir();
    const dead = {
      pid: 2 ** 22 + 12345,
      host: (await import("node:os")).hostname(),
      since: "2026-01-01",
      command: "serve",
    };
    writeFileSync(join(dir, "turnstile.lock"), JSON.stringify(dead));
    const store = await openStore({ dataDir: dir });
    expect(JSON.parse(readFileSync(join(dir, "turnstile.lock"), "utf8")).pid).toBe(process.pid);
    await store.close();
  });

  it("says clearly when a read-only command finds no database", async () => {
    const missing = join(tempDir(), "nothing-here");
    await expect(openStore({ dataDir: missing, mustExist: true })).rejects.toThrow(
      /no database at .*nothing-here: load data first with "turnstile demo"/,
    );
    expect(existsSync(missing)).toBe(false);
  });
});

describe("PostgreSQL connection errors", () => {
  it("names the server and the reason, without the password", async () => {
    const error = await openStore({ databaseUrl: "postgres://me:secret@127.0.0.1:1/test" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toBe(
      "cannot connect to PostgreSQL at postgres://me:***@127.0.0.1:1/test: connection refused",
    );
  });

  it("rejects a DATABASE_URL that is not a URL", async () => {
    await expect(openStore({ databaseUrl: "not a url" })).rejects.toThrow(
      /DATABASE_URL is not a valid URL/,
    );
  });
});

describeEachStore("migrations", (use) => {
  it("are recorded once and running them again does nothing", async () => {
    const { store } = use();
    expect(await migrate(store)).toEqual([]);
    const rows = await store.query<{ version: string }>("SELECT version FROM schema_migration");
    expect(rows.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version));
  });

  it("are frozen: an edited migration is refused", async () => {
    const { store } = use();
    const edited = listMigrations().map((m, i) => (i === 0 ? { ...m, checksum: "edited" } : m));
    await expect(migrate(store, edited)).rejects.toThrow(/was changed after it was applied/);
  });

  it("enforce consent for public records in the schema itself", async () => {
    const { store } = use();
    await expect(
      store.query(
        "INSERT INTO person (id, name, visibility, consent) VALUES ('x', 'X', 'public', 'unknown')",
      ),
    ).rejects.toThrow(/person_public_needs_consent/);
  });

  it("roll back a failed transaction whole", async () => {
    const { store } = use();
    await expect(
      store.transaction(async (tx) => {
        await tx.query("INSERT INTO source (id, title) VALUES ('rollback', 'gone')");
        await tx.query("INSERT INTO source (id, title) VALUES ('rollback', 'duplicate')");
      }),
    ).rejects.toThrow();
    expect(await store.query("SELECT id FROM source WHERE id = 'rollback'")).toEqual([]);
  });
});
