/**
 * The analytic commands as a user runs them (a real process on a real store): every
 * command in its three formats, the report file, and errors for bad arguments.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { type CliResult, cliTarget, turnstile as run, tempDirs } from "./helpers/cli.ts";
import { describeEachStore } from "./helpers/stores.ts";

const tempDir = tempDirs("turnstile-analytics-");

function lines(text: string): string[] {
  return text.trim().split("\n");
}

describeEachStore("analytic commands", (use) => {
  const target = cliTarget(use, tempDir);
  function turnstile(...args: string[]): Promise<CliResult> {
    const { args: extra, env } = target();
    return run([...args, ...extra], env);
  }

  async function json<T>(...args: string[]): Promise<T> {
    const result = await turnstile(...args, "--format", "json");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as T;
  }

  beforeAll(async () => {
    const demo = await turnstile("demo", "--people", "2000");
    expect(demo.code).toBe(0);
  }, 120_000);

  it("flows", async () => {
    const args = ["flows", "--from", "2025-01", "--to", "2025-12"];
    const rows = await json<
      { period: string; admissions: number; exits: Record<string, number> }[]
    >(...args);
    expect(rows.map((r) => r.period)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`),
    );
    expect(Object.keys(rows[0] ?? {})).toEqual(["period", "admissions", "exits"]);
    const csv = await turnstile(...args, "--format", "csv");
    expect(lines(csv.stdout)[0]).toBe(
      "period,admissions,exits,pardon,amnesty,end_of_term,deported,negotiated,court,other,unknown,died_in_custody",
    );
    expect(lines(csv.stdout)).toHaveLength(13);
    const september = rows[8];
    const total = Object.values(september?.exits ?? {}).reduce((a, b) => a + b, 0);
    expect(lines(csv.stdout)[9]).toMatch(new RegExp(`^2025-09,${september?.admissions},${total},`));
    const table = await turnstile(...args, "--format", "table");
    expect(table.stdout).toMatch(/│ period\s+│ admissions │ exits │/);
    expect(table.stdout).toContain("negotiated");
  });

  it("revolving-door", async () => {
    const rows = await json<Record<string, unknown>[]>("revolving-door");
    expect(Object.keys(rows[0] ?? {})).toEqual([
      "operation_id",
      "date",
      "announced",
      "released_documented",
      "ratio_basis",
      "refill_days",
      "windows",
    ]);
    expect(Object.keys((rows[0]?.windows as object[] | undefined)?.[0] ?? {})).toEqual([
      "days",
      "admissions",
      "admissions_before",
      "replacement_ratio",
      "stock_before",
      "stock_after",
      "stock_change",
      "rearrests",
    ]);
    const csv = await turnstile("revolving-door", "--windows", "30,90", "--format", "csv");
    expect(lines(csv.stdout)[0]).toBe(
      "operation,date,announced,released_documented,ratio_basis,refill_days,window_days,admissions,admissions_before,replacement_ratio,stock_before,stock_after,stock_change,rearrests",
    );
    expect(lines(csv.stdout)).toHaveLength(1 + rows.length * 2);
    const one = await turnstile(
      "revolving-door",
      "--operation",
      "op-2025-09-11",
      "--format",
      "table",
    );
    expect(one.code).toBe(0);
    expect(one.stdout.match(/op-2025-09-11/g)).toHaveLength(3);
    expect(one.stdout).toMatch(
      /│ operation +│ date +│ announced │ documented │ R from +│ refill \(d\) │/,
    );
    expect(one.stdout).toMatch(/│ 52 +│ 13 +│ documented │/);
  });

  it("ledger", async () => {
    const entries = await json<{ operationId: string; summary: string }[]>("ledger");
    expect(entries.find((e) => e.operationId === "op-2025-09-11")?.summary).toContain(
      "Belavia (national airline) sanctions eased by US 0 days later",
    );
    const csv = await turnstile("ledger", "--before", "0", "--after", "0", "--format", "csv");
    expect(lines(csv.stdout)[0]).toBe(
      "operation,date,item,item_id,what,item_date,lag_days,when,sources",
    );
    expect(csv.stdout).toContain("op-2025-09-11,2025-09-11,measure,m-belavia,");
    const table = await turnstile("ledger", "--format", "table");
    expect(table.stdout).toMatch(/^op-2025-06-21 \(2025-06-21\): 4 released/m);
    expect(table.stdout).toContain("m-belavia");
  });

  it("reconcile", async () => {
    const rows = await json<{ countId: string }[]>("reconcile", "--monitor", "Viasna");
    expect(rows).toHaveLength(17);
    const csv = await turnstile("reconcile", "--format", "csv");
    expect(lines(csv.stdout)).toHaveLength(18);
    expect(lines(csv.stdout)[0]).toMatch(/^count_id,monitor,as_of,day,value,qualifier,recognized,/);
    const table = await turnstile("reconcile", "--format", "table");
    expect(table.stdout).toContain("> 1,000");
    expect(table.stdout).toContain("< 1,200");
    expect(table.stdout).toContain("≈ 1,265");
  });

  it("at-risk", async () => {
    const args = ["at-risk", "--as-of", "2025-09-30", "--silence-days", "60"];
    const report = await json<{ asOf: string; counts: { atRisk: number }; people: unknown[] }>(
      ...args,
    );
    expect(report.asOf).toBe("2025-09-30");
    expect(report.people).toHaveLength(report.counts.atRisk);
    const csv = await turnstile(...args, "--format", "csv");
    expect(lines(csv.stdout)[0]).toBe(
      "person_id,held_since,held_days,health,elderly,no_sign_of_life,long_held",
    );
    expect(lines(csv.stdout)).toHaveLength(1 + report.counts.atRisk);
    const table = await turnstile(...args, "--format", "table");
    expect(table.stdout).toMatch(
      new RegExp(`^${report.counts.atRisk} of \\d+ people held on 2025-09-30 are at risk`),
    );
  });

  it("report writes one self-contained HTML file", async () => {
    const out = join(tempDir(), "report.html");
    const result = await turnstile("report", "--out", out, "--from", "2024", "--to", "2025");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^wrote .*report\.html \(\d+ KB\)/);
    const html = readFileSync(out, "utf8");
    expect(html).toContain("2024-01-01 to 2025-12-31");
    expect(html).toContain("SYNTHETIC DATA.");
  });

  it("bad arguments get a clear error and exit code 2", async () => {
    const unknown = await turnstile("revolving-door", "--operation", "op-nope");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^turnstile: unknown release operation "op-nope"/);
    const windows = await turnstile("revolving-door", "--windows", "30,x");
    expect(windows.stderr).toContain("option '--windows <days>' argument '30,x' is invalid");
    const zero = await turnstile("revolving-door", "--windows", "0");
    expect(zero.stderr).toContain("windows must be at least 1 day");
    const range = await turnstile("flows", "--from", "2025-10", "--to", "2025-09");
    expect(range.code).toBe(2);
    expect(range.stderr).toContain("--from must be on or before --to");
    const monitor = await turnstile("reconcile", "--monitor", "Nobody");
    expect(monitor.code).toBe(2);
    expect(monitor.stderr).toContain('no counts published by monitor "Nobody"');
    const years = await turnstile("at-risk", "--long-held-years", "0");
    expect(years.stderr).toContain("expected a whole number ≥ 1");
    const missing = await turnstile("report");
    expect(missing.stderr).toContain("required option '--out <file>' not specified");
  });
});
