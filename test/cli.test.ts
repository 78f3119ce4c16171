/**
 * The `turnstile` command as a user runs it: a real process, real stores, exit codes and
 * messages. Demo loads use a small synthetic registry to keep the suite quick.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStore } from "../src/store/connection.ts";
import { cliTarget, tempDirs, turnstile } from "./helpers/cli.ts";
import { describeEachStore } from "./helpers/stores.ts";

const tempDir = tempDirs("turnstile-cli-");

describe("turnstile: errors a user can act on", () => {
  it("a read command on a folder with no database", async () => {
    const dir = join(tempDir(), "none");
    const result = await turnstile(["stats", "--data-dir", dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`turnstile: no database at ${dir}: load data first`);
  });

  it("a bad date argument names the option's problem", async () => {
    const result = await turnstile([
      "stock",
      "--from",
      "2025-13",
      "--to",
      "2025-12-31",
      "--data-dir",
      tempDir(),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("option '--from <date>' argument '2025-13' is invalid");
    expect(result.stderr).toContain('month 13 is out of range (01–12) in "2025-13"');
  });

  it("--from after --to", async () => {
    const result = await turnstile([
      "stock",
      "--from",
      "2025-10-01",
      "--to",
      "2025-09-01",
      "--data-dir",
      tempDir(),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--from must be on or before --to");
  });

  it("an unknown --format", async () => {
    const result = await turnstile(["stats", "--format", "xml"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "argument 'xml' is invalid. Allowed choices are table, json, csv",
    );
  });

  it("an unreachable DATABASE_URL", async () => {
    const result = await turnstile(["stats"], { DATABASE_URL: "postgres://me:pw@127.0.0.1:1/x" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "turnstile: cannot connect to PostgreSQL at postgres://me:***@127.0.0.1:1/x: connection refused",
    );
  });

  it("a data folder held by another process names the holder", async () => {
    const dir = tempDir();
    const holder = await openStore({ dataDir: dir });
    try {
      const result = await turnstile(["stats", "--data-dir", dir]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`is in use by process ${process.pid}`);
    } finally {
      await holder.close();
    }
  });

  it("a bundle with bad rows: one line per problem, nothing written", async () => {
    const dataDir = tempDir();
    const bundle = tempDir();
    writeFileSync(
      join(bundle, "events.csv"),
      "id,person_id,type,date,source_id,mood\ne1,p1,detained,2025-02-30,s1,sad\n",
    );
    const result = await turnstile(["import", bundle, "--data-dir", dataDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "turnstile: the bundle was refused, nothing was written (1 problem):",
    );
    expect(result.stderr).toContain('events.csv, line 1, column mood: unknown column "mood"');
    const stats = await turnstile(["stats", "--data-dir", dataDir, "--format", "json"]);
    expect(JSON.parse(stats.stdout).counts.events).toBe(0);
  });
});

describeEachStore("turnstile demo and stock", (use) => {
  // On PGlite the CLI works in a data folder of its own; on PostgreSQL in the suite's schema.
  const target = cliTarget(use, tempDir);

  it("loads the demo and refuses to load it twice", async () => {
    const { args, env } = target();
    const first = await turnstile(["demo", "--people", "400", ...args], env);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/400 SYNTHETIC people \(seed 1\)/);
    const second = await turnstile(["demo", ...args], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/is not empty \(400 people/);
  });

  it("prints the daily stock with bounds, in three formats", async () => {
    const { args: where, env } = target();
    const args = ["stock", "--from", "2025-09-01", "--to", "2025-09-30", ...where];
    const json = await turnstile([...args, "--format", "json"], env);
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout) as {
      date: string;
      count: number;
      lower: number;
      upper: number;
    }[];
    expect(rows).toHaveLength(30);
    expect(rows[0]?.date).toBe("2025-09-01");
    for (const row of rows) {
      expect(row.lower).toBeLessThanOrEqual(row.count);
      expect(row.count).toBeLessThanOrEqual(row.upper);
    }
    const csv = await turnstile([...args, "--format", "csv"], env);
    expect(csv.stdout.split("\n")[0]).toBe("date,period,count,lower,upper");
    expect(csv.stdout.trim().split("\n")).toHaveLength(31);
    const table = await turnstile([...args, "--format", "table"], env);
    expect(table.stdout).toContain("2025-09-11");
  });

  it("stats shows counts, the synthetic label and the stock today", async () => {
    const { args, env } = target();
    const stats = await turnstile(["stats", "--format", "json", ...args], env);
    expect(stats.code).toBe(0);
    const parsed = JSON.parse(stats.stdout);
    expect(parsed.counts.people).toBe(400);
    expect(parsed.counts.monitorCounts).toBe(17);
    expect(parsed.synthetic).toMatch(/400 of 400 people are SYNTHETIC/);
    expect(parsed.stockToday.count).toBeGreaterThanOrEqual(0);
  });
});
