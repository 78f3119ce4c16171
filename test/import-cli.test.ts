/**
 * `turnstile import` and `turnstile export` as a user runs them: a real process on real
 * stores, exit codes, the report of a partial import next to the bundle, the progress bar
 * on a terminal only.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { BIN, cliTarget, tempDirs, turnstile } from "./helpers/cli.ts";
import { describeEachStore } from "./helpers/stores.ts";

const EXAMPLE = new URL("../data/examples/foreign-layout/mapping.json", import.meta.url).pathname;

const run = promisify(execFile);
const tempDir = tempDirs("turnstile-import-cli-");

function badBundle(): string {
  const dir = tempDir();
  writeFileSync(join(dir, "sources.csv"), "id,title\ns1,One\n");
  writeFileSync(
    join(dir, "people.csv"),
    "id,name,visibility,consent\np1,A,public,granted\np2,B,public,unknown\n",
  );
  writeFileSync(
    join(dir, "events.csv"),
    "id,person_id,type,date,source_id\ne1,p1,detained,2021,s1\ne2,p2,detained,2021,s1\ne3,p1,released,2025-02-30,s1\n",
  );
  return dir;
}

describeEachStore("turnstile import and export", (use) => {
  const target = cliTarget(use, tempDir);

  it("imports another layout with a mapping; no progress bar off a terminal", async () => {
    const { args, env } = target();
    const result = await turnstile(
      ["import", "--mapping", EXAMPLE, "--format", "json", ...args],
      env,
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.counts.events.inserted).toBe(9);
    expect(json.files).toEqual(["sources.csv", "prisoners-cp1251.csv"]);
  });

  it("refuses a bundle with bad rows, or takes its good rows with --partial and a report", async () => {
    const { args, env } = target();
    const dir = badBundle();
    const refused = await turnstile(["import", dir, ...args], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr.split("\n").slice(0, 4)).toEqual([
      "turnstile: the bundle was refused, nothing was written (3 problems):",
      '  events.csv, line 3, column person_id: refers to person "p2", which is on a rejected row (people.csv, line 3)',
      "  events.csv, line 4, column date: day 30 does not exist in February 2025 (it has 28 days)",
      '  people.csv, line 3, column consent: must be "granted" for a public record (visibility is public, consent is unknown)',
    ]);
    const partial = await turnstile(
      ["import", dir, "--partial", "--format", "table", ...args],
      env,
    );
    expect(partial.code).toBe(0);
    const report = `${dir}.rejected.csv`;
    expect(partial.stdout).toContain(`rejected 3 rows (3 problems): every one is in ${report}`);
    expect(readFileSync(report, "utf8").trim().split("\n")).toHaveLength(4);
  });

  it("exports, refusing a folder that is not empty", async () => {
    const { args, env } = target();
    const out = join(tempDir(), "ftm");
    const ftm = await turnstile(["export", "--format", "ftm", "--out", out, ...args], env);
    expect(ftm.code).toBe(0);
    expect(ftm.stdout).toMatch(/FollowTheMoney entities to .*: turnstile\.ftm\.jsonl/);
    expect(readFileSync(join(out, "turnstile.ftm.jsonl"), "utf8")).toContain('"schema":"Person"');
    const again = await turnstile(["export", "--format", "csv", "--out", out, ...args], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      `turnstile: the folder ${out} is not empty: export into a new or empty folder\n`,
    );
    const pub = join(tempDir(), "public");
    const exported = await turnstile(
      ["export", "--format", "csv", "--public", "--out", pub, ...args],
      env,
    );
    expect(exported.stdout).toMatch(/^exported \d+ public records/);
    // p1 of the partial import is public with consent; the example's people are private.
    expect(readFileSync(join(pub, "people.csv"), "utf8").trim().split("\n").slice(1)).toEqual([
      "p1,A,,,,,,,public,granted",
    ]);
    expect(existsSync(join(pub, "names.csv"))).toBe(false);
  });
});

describe("turnstile import: messages", () => {
  it("a mapping with mistakes is refused with their places", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "m.json"),
      JSON.stringify({ files: [{ file: "x.csv", into: { people: { columns: { id: "A" } } } }] }),
    );
    const result = await turnstile([
      "import",
      "--mapping",
      join(dir, "m.json"),
      "--data-dir",
      tempDir(),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `turnstile: the mapping ${join(dir, "m.json")} is not valid:\n  files.0.into.people.columns: people.csv needs the column "name"`,
    );
  });

  it("a mapping, report or export path the user got wrong is one line and exit 1, no stack", async () => {
    const dir = tempDir();
    const db = ["--data-dir", tempDir()];
    const file = join(dir, "a-file");
    writeFileSync(file, "not a folder");
    writeFileSync(join(dir, "broken.json"), "{broken");
    const cases: [string[], string][] = [
      [
        ["import", "--mapping", join(dir, "broken.json"), ...db],
        `turnstile: cannot read the mapping ${join(dir, "broken.json")}: `,
      ],
      [
        ["import", badBundle(), "--partial", "--report", join(file, "r.csv"), ...db],
        `turnstile: cannot write the report ${join(file, "r.csv")}: `,
      ],
      [
        ["export", "--format", "csv", "--out", file, ...db],
        `turnstile: cannot export into ${file}: a file is in the way (a folder is needed)\n`,
      ],
    ];
    for (const [args, message] of cases) {
      const result = await turnstile(args);
      expect(result.stderr.startsWith(message), result.stderr).toBe(true);
      expect(result.stderr).not.toContain("unexpected error");
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.code).toBe(1);
    }
  }, 180_000);

  const hasScript = (() => {
    try {
      execFileSync("script", ["--version"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();

  // `script` (util-linux) gives the command a terminal; under CI its absence fails the test.
  it.skipIf(!hasScript && process.env.CI !== "true")(
    "shows a progress bar on a terminal",
    async () => {
      const command = `${process.execPath} ${BIN} --data-dir ${tempDir()} import --mapping ${EXAMPLE}`;
      const { stdout } = await run("script", ["-qec", command, "/dev/null"], {
        env: { ...process.env, DATABASE_URL: "" },
      });
      expect(stdout).toMatch(/prisoners-cp1251\.csv \|=+\| 100% \| 13 rows, 0 rejected/);
    },
  );
});
