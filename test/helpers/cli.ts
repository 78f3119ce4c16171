/**
 * The `turnstile` command as a user runs it, for the CLI test files: a real process of
 * bin/turnstile.js, its exit code and output; temporary folders removed after the file; and
 * where a store suite's command works (its own data folder on PGlite, its schema on
 * PostgreSQL).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { TEST_DATABASE_URL, type TestStore } from "./stores.ts";

export const BIN = new URL("../../bin/turnstile.js", import.meta.url).pathname;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `turnstile ARGS` with `env` over the test's environment (DATABASE_URL cleared unless
 * `env` sets it, so that the embedded store is used) and `input` on stdin (stdin is closed
 * either way, so that a command that reads it never waits).
 */
export function turnstile(
  args: string[],
  env: Record<string, string> = {},
  input = "",
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, DATABASE_URL: "", ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number | string }).code ?? 1) : 0;
        resolve({ code: typeof code === "number" ? code : 1, stdout, stderr });
      },
    );
    child.stdin?.end(input);
  });
}

/** A maker of fresh temporary folders (named `prefix…`), all removed after the test file. */
export function tempDirs(prefix: string): () => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
}

export interface CliTarget {
  /** Arguments that point the command at the suite's store (`--data-dir` on PGlite). */
  args: string[];
  env: Record<string, string>;
}

/**
 * Where a `describeEachStore` suite's commands work, decided once per suite: on PGlite a
 * data folder of its own, on PostgreSQL the suite's schema (through search_path).
 */
export function cliTarget(use: () => TestStore, tempDir: () => string): () => CliTarget {
  let where: CliTarget | undefined;
  return () => {
    if (where) return where;
    const { kind, schema } = use();
    if (kind === "pglite") {
      where = { args: ["--data-dir", tempDir()], env: {} };
    } else {
      const url = new URL(TEST_DATABASE_URL);
      url.searchParams.set("options", `-c search_path=${schema}`);
      where = { args: [], env: { DATABASE_URL: url.toString() } };
    }
    return where;
  };
}
