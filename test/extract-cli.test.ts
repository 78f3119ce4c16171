/**
 * `turnstile extract` and `turnstile drafts`, run in-process through commander with the
 * command file's own registration, on both stores.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { registerExtractCommands } from "../src/cli/extract-commands.ts";
import { describeEachStore, TEST_DATABASE_URL } from "./helpers/stores.ts";

const EXAMPLES = new URL("../data/examples/", import.meta.url).pathname;
const FOUNDING = join(EXAMPLES, "founding-article-fr.txt");
const EXPECTED = JSON.parse(
  readFileSync(join(EXAMPLES, "founding-article-fr.expected.json"), "utf8"),
) as { drafts: { kind: string; payload: object }[] };

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function turnstile(args: string[], databaseUrl = ""): Promise<Result> {
  const program = new Command("turnstile")
    .option("--data-dir <dir>", "embedded database folder", "./turnstile-data")
    .exitOverride();
  registerExtractCommands(program);
  for (const command of program.commands) command.exitOverride();
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = databaseUrl;
  try {
    await program.parseAsync(args, { from: "user" });
  } catch (error) {
    stderr += (error as Error).message;
    process.exitCode = process.exitCode || 2;
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.env.DATABASE_URL = saved;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, stdout, stderr };
}

afterEach(() => {
  process.exitCode = 0;
});

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("turnstile extract (no database)", () => {
  it("prints the founding article's drafts as JSON", async () => {
    const result = await turnstile(["extract", FOUNDING, "--format", "json"]);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.language).toBe("fr");
    expect(parsed.published).toBe("2025-09-16");
    expect(parsed.publishedFrom).toBe("text");
    expect(parsed.saved).toBeNull();
    expect(
      parsed.drafts.map((d: { kind: string; payload: object }) => ({
        kind: d.kind,
        payload: d.payload,
      })),
    ).toEqual(EXPECTED.drafts);
  });

  it("prints a table, and its notes on stderr", async () => {
    const result = await turnstile([
      "extract",
      FOUNDING,
      "--published",
      "2025-09-16",
      "--format",
      "table",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("language fr, article date 2025-09-16, 6 drafts");
    expect(result.stdout).toContain(
      "date=2025-09-11 kind=negotiated announced_count=52 mediators=John Coale",
    );
    expect(result.stdout).toContain("monitor=Viasna as_of=2024-12-31 value=1265 qualifier=approx");
    expect(result.stderr).toBe("");
  });

  it("refuses a bad date, an unknown language and a missing file", async () => {
    const date = await turnstile(["extract", FOUNDING, "--published", "2025-02-30"]);
    expect(date.code).not.toBe(0);
    expect(date.stderr).toContain("day 30 does not exist in February 2025");
    const lang = await turnstile(["extract", FOUNDING, "--lang", "de"]);
    expect(lang.code).not.toBe(0);
    expect(lang.stderr).toContain("Allowed choices are fr, en, ru");
    const missing = await turnstile(["extract", join(EXAMPLES, "nothing.txt")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^turnstile: cannot read .*nothing\.txt: ENOENT/);
  });
});

describeEachStore("turnstile extract --save and drafts", (use) => {
  function where(): { args: string[]; url: string } {
    const { kind, schema } = use();
    if (kind === "pglite") {
      const dir = mkdtempSync(join(tmpdir(), "turnstile-extract-"));
      dirs.push(dir);
      return { args: ["--data-dir", dir], url: "" };
    }
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set("options", `-c search_path=${schema}`);
    return { args: [], url: url.toString() };
  }
  let target: { args: string[]; url: string } | undefined;
  const run = (args: string[]) => {
    target ??= where();
    return turnstile([...args, ...target.args], target.url);
  };

  it("saves, lists, refuses a bad edit, accepts once, rejects", async () => {
    const saved = await run([
      "extract",
      FOUNDING,
      "--published",
      "2025-09-16",
      "--save",
      "--format",
      "table",
    ]);
    expect(saved.code).toBe(0);
    expect(saved.stdout).toMatch(
      /saved 6 drafts for review \(ids 1, 2, 3, 4, 5, 6\) from article article-[0-9a-f]{12}/,
    );

    const again = await run([
      "extract",
      FOUNDING,
      "--published",
      "2025-09-16",
      "--save",
      "--format",
      "json",
    ]);
    expect(JSON.parse(again.stdout).saved).toMatchObject({ ids: [], alreadySaved: 6 });

    const list = await run(["drafts", "list", "--format", "json"]);
    const rows = JSON.parse(list.stdout) as { id: number; kind: string; status: string }[];
    expect(rows.map((r) => [r.id, r.kind, r.status])).toEqual([
      [1, "release_operation", "pending"],
      [2, "release_operation", "pending"],
      [3, "measure", "pending"],
      [4, "diplomatic_event", "pending"],
      [5, "monitor_count", "pending"],
      [6, "monitor_count", "pending"],
    ]);

    const bad = await run(["drafts", "accept", "2", "--set", "date=2025-09-31"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      "turnstile: draft 2 was not accepted, nothing was written: field date: day 31 does not exist in September 2025 (it has 30 days)\n",
    );

    const accepted = await run(["drafts", "accept", "2", "--format", "table"]);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toMatch(
      /^draft 2 accepted: created release_operation op-2025-09-11-d2, citing article-[0-9a-f]{12} \(source created\)\n$/,
    );
    const twice = await run(["drafts", "accept", "2"]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(
      /^turnstile: draft 2 was already accepted by cli at .* \(record op-2025-09-11-d2\); nothing was changed\n$/,
    );

    const rejected = await run(["drafts", "reject", "4"]);
    expect(rejected.stdout).toBe("draft 4 rejected\n");
    const edited = await run(["drafts", "edit", "1", "--set", "announced_count=26"]);
    expect(edited.stdout).toContain("announced_count=26");

    const all = await run(["drafts", "list", "--status", "all", "--format", "json"]);
    const statuses = (
      JSON.parse(all.stdout) as { id: number; status: string; recordId: string | null }[]
    ).map((r) => [r.id, r.status, r.recordId]);
    expect(statuses).toEqual([
      [1, "pending", null],
      [2, "accepted", "op-2025-09-11-d2"],
      [3, "pending", null],
      [4, "rejected", null],
      [5, "pending", null],
      [6, "pending", null],
    ]);
    const shown = await run(["drafts", "show", "1"]);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      id: 1,
      editedPayload: { announced_count: 26 },
    });
    const table = await run(["drafts", "list", "--format", "table"]);
    expect(table.stdout).toContain("announced_count=26");
  });
});
