/**
 * The name commands as a user runs them, on both stores: search (JSON shape, best first),
 * match, review, merge and unmerge, and errors a user can act on.
 */
import { expect, it } from "vitest";
import { cliTarget, tempDirs, turnstile } from "./helpers/cli.ts";
import { describeEachStore } from "./helpers/stores.ts";

const tempDir = tempDirs("turnstile-match-cli-");

interface Hit {
  id: string;
  name: string;
  matchedForm: string;
  score: number;
}

describeEachStore("turnstile search, match, review, merge", (use) => {
  const target = cliTarget(use, tempDir);
  const cli = (args: string[]) => turnstile([...args, ...target().args], target().env);

  it("loads a small demo", async () => {
    const demo = await cli(["demo", "--people", "300"]);
    expect(demo.code).toBe(0);
  });

  it("search finds a person by another spelling of their name, best first, as JSON", async () => {
    // Take a demo person's Latin name and search for the Russian form of it.
    const first = await cli(["search", "Kavaliou", "--format", "json", "--limit", "3"]);
    expect(first.code).toBe(0);
    const hits = JSON.parse(first.stdout) as Hit[];
    expect(hits.length).toBeGreaterThan(0);
    expect(Object.keys(hits[0] as Hit)).toEqual(["id", "name", "matchedForm", "score"]);
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const russian = await cli(["search", "Ковалёв", "--format", "json", "--limit", "50"]);
    const ids = (JSON.parse(russian.stdout) as Hit[]).map((h) => h.id);
    expect(ids).toContain(hits[0]?.id);
    const csv = await cli(["search", "Ковалёв", "--format", "csv", "--limit", "2"]);
    expect(csv.stdout.split("\n")[0]).toBe("id,name,matchedForm,score");
  });

  it("the public role sees only public people with consent", async () => {
    const all = JSON.parse(
      (await cli(["search", "Kavaliou", "--format", "json", "--limit", "100"])).stdout,
    ) as Hit[];
    const open = JSON.parse(
      (await cli(["search", "Kavaliou", "--format", "json", "--limit", "100", "--role", "public"]))
        .stdout,
    ) as Hit[];
    expect(open.length).toBeLessThan(all.length);
  });

  it("match --dry-run reports without writing; review list is empty before a run", async () => {
    const dry = await cli(["match", "--dry-run", "--format", "json"]);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ people: 300, merged: expect.any(Array) });
    const queue = await cli(["review", "list", "--format", "json"]);
    expect(JSON.parse(queue.stdout)).toEqual([]);
  });

  it("merge and unmerge by hand", async () => {
    const merged = await cli(["merge", "syn-p000001", "syn-p000002", "--format", "json"]);
    expect(merged.code).toBe(0);
    const outcome = JSON.parse(merged.stdout) as { mergeId: number };
    const again = await cli(["merge", "syn-p000003", "syn-p000002"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      `turnstile: person "syn-p000002" was merged into "syn-p000001" by merge #${outcome.mergeId}`,
    );
    const undone = await cli(["unmerge", String(outcome.mergeId), "--format", "json"]);
    expect(undone.code).toBe(0);
    expect(JSON.parse(undone.stdout)).toMatchObject({ mergeId: outcome.mergeId });
  });

  it("bad arguments get a clear message", async () => {
    const missing = await cli(["unmerge", "999"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("turnstile: no merge #999");
    const band = await cli(["match", "--threshold", "0.5", "--review-band", "0.8"]);
    expect(band.code).toBe(2);
    expect(band.stderr).toContain("--review-band must be at or below --threshold");
    const p = await cli(["match", "--threshold", "1.5"]);
    expect(p.stderr).toContain('expected a probability between 0 and 1, got "1.5"');
    const reject = await cli(["review", "reject", "42"]);
    expect(reject.code).toBe(1);
    expect(reject.stderr).toContain("turnstile: no review candidate #42");
  });
});
