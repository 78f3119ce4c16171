/**
 * `turnstile estimate`, `simulate` and `backtest` as a user runs them: a real process on an
 * embedded database loaded from a small multi-source bundle (invented people).
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bundleCsvWriter } from "../src/ingest/bundle-writer-csv.ts";
import { multiListBundle } from "./fixtures/estimation-bundle.ts";
import { type CliResult, turnstile as run, tempDirs } from "./helpers/cli.ts";

const root = tempDirs("turnstile-estimate-cli-")();
const dataDir = join(root, "data");

function turnstile(...args: string[]): Promise<CliResult> {
  return run([...args, "--data-dir", dataDir]);
}

const { bundle, masks } = multiListBundle({
  truth: 400,
  probabilities: [0.4, 0.35, 0.45],
  seed: 7,
});

beforeAll(async () => {
  const writer = bundleCsvWriter(join(root, "bundle"));
  writer.write(bundle);
  await writer.close();
  const imported = await turnstile("import", join(root, "bundle"));
  expect(imported.code, imported.stderr).toBe(0);
}, 120_000);

describe("turnstile estimate", () => {
  it("prints the report as JSON: overlap, documented total, estimators, every model", async () => {
    const result = await turnstile(
      "estimate",
      "--lists",
      "a1,b1+b2,c1",
      "--at",
      "2024-06-30",
      "--format",
      "json",
    );
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.population).toEqual({ kind: "day", date: "2024-06-30" });
    expect(report.documented).toBe(masks.length);
    expect(report.overlap).toHaveLength(7);
    expect(report.estimators.map((e: { name: string }) => e.name)).toEqual([
      "best-aic",
      "best-bic",
      "model-average-aic",
    ]);
    expect(report.models).toHaveLength(8);
    for (const key of ["terms", "estimate", "interval", "deviance", "aic", "bic", "aicWeight"]) {
      expect(report.models[0]).toHaveProperty(key);
    }
  });

  it("prints a table with the overlap, the estimates and the caveat", async () => {
    const result = await turnstile(
      "estimate",
      "--lists",
      "a1,b1+b2,c1",
      "--at",
      "2024-06-30",
      "--format",
      "table",
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      `People held on 2024-06-30: ${masks.length + 1} in the registry`,
    );
    expect(result.stdout).toContain("Overlap (1 = on the list):");
    expect(result.stdout).toContain(
      "Estimates of everyone held, documented or not (95% intervals):",
    );
    expect(result.stdout).toContain("model-average-aic");
    expect(result.stdout).toContain("not a count");
  });

  it("an unknown source is an argument error naming it", async () => {
    const result = await turnstile("estimate", "--lists", "a1,nope", "--at", "2024-06-30");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown source id "nope"');
  });
});

describe("turnstile simulate and backtest", () => {
  it("answers the newcomer's question with a sentence and a table of bands", async () => {
    const result = await turnstile(
      "simulate",
      "--from",
      "2024-06-30",
      "--months",
      "12",
      "--release",
      "2024-06-30:100",
      "--runs",
      "200",
      "--format",
      "table",
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^If 100 are released on 2024-06-30 and arrests continue at [\d.]+ a month/,
    );
    expect(result.stdout).toMatch(
      /people would be held on 2025-06-30 \(80% band [\d,]+–[\d,]+, 95% band/,
    );
    expect(result.stdout).toContain("│ date       │ median │ 80% band");
  });

  it("a release without a count is refused by the option parser (exit 1, as a bad date is)", async () => {
    const result = await turnstile(
      "simulate",
      "--from",
      "2024-06-30",
      "--months",
      "3",
      "--release",
      "2024-06-30",
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("expected DATE:COUNT");
  });

  it("backtest prints CSV rows with the recorded stock", async () => {
    const result = await turnstile(
      "backtest",
      "--at",
      "2024-03-01",
      "--months",
      "3",
      "--runs",
      "50",
      "--format",
      "csv",
    );
    expect(result.code, result.stderr).toBe(0);
    const [header, first] = result.stdout.split("\n");
    expect(header).toBe(
      "date,month,median,mean,lower80,upper80,lower95,upper95,recorded,recorded_lower,recorded_upper",
    );
    expect(first?.startsWith("2024-03-01,0,")).toBe(true);
  });
});

describe("turnstile estimate on the demo", () => {
  const demoDir = join(root, "demo");
  it("estimates from the synthetic lists: the interval covers everyone held", async () => {
    const loaded = await run(["demo", "--people", "3000", "--data-dir", demoDir]);
    expect(loaded.code, loaded.stderr).toBe(0);
    const result = await run([
      "estimate",
      "--at",
      "2026-06-30",
      "--format",
      "json",
      "--data-dir",
      demoDir,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.lists.map((l: { label: string }) => l.label)).toEqual([
      "synthetic-list-a",
      "synthetic-list-b",
      "synthetic-list-c",
      "synthetic-list-d",
    ]);
    expect(report.leftOut.map((l: { label: string }) => l.label)).toEqual(["synthetic-demo"]);
    expect(report.documented + report.heldOnNoList).toBe(report.held);
    expect(report.heldOnNoList).toBeGreaterThan(0);
    // Everyone held is in the demo registry: the truth is known, and the average covers it.
    const { interval } = report.averaged;
    expect(interval.lower).toBeLessThanOrEqual(report.held);
    expect(interval.upper).toBeGreaterThanOrEqual(report.held);
    expect(report.averaged.estimate).toBeGreaterThan(report.documented);
  }, 180_000);
});
