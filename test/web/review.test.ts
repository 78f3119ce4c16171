/**
 * An editor at the review desk in Chromium: pastes the founding article, gets its drafts
 * (the two operations, Belavia eased by the US, the embassy step, Viasna's two counts),
 * has a bad edit refused beside its field, accepts every draft and finds the operation
 * citing the article; then merges a pair from the matching queue and undoes the merge.
 * Both pages pass axe-core without serious or critical violations.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import type { Person } from "../../src/domain/model.ts";
import { parsePartialDate } from "../../src/domain/partial-date.ts";
import { findMatches } from "../../src/services/matching.ts";
import { writeBundle } from "../../src/store/bundle-writer.ts";
import { upsertCandidates } from "../../src/store/review-queue.ts";
import { describeWeb, signIn } from "./harness.ts";

const ARTICLE = readFileSync(
  join(import.meta.dirname, "../../data/examples/founding-article-fr.txt"),
  "utf8",
);
const TITLE = "Loukachenko amnistie 25 personnes (test copy)";
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Serious and critical axe-core violations on the page as it is now. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(context: Document): Promise<{
            violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    return (await axe.run(document)).violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

function day(text: string) {
  const d = parsePartialDate(text);
  return { text: d.text, first: d.first, last: d.last };
}

/** SYNTHETIC look-alikes (made-up surname): one in Belarusian Cyrillic, one in Latin. */
function person(fields: Partial<Person> & Pick<Person, "id" | "name">): Person {
  return {
    nameLatin: null,
    birthDate: null,
    gender: "female",
    region: null,
    occupation: null,
    health: null,
    visibility: "private",
    consent: "unknown",
    synthetic: true,
    ...fields,
  };
}
const LEFT = person({
  id: "rv-left",
  name: "Вольга Юр'еўна Зесленовіч",
  nameLatin: "Volha Zeslenovich",
  birthDate: day("1990"),
  region: "Gomel Region",
});
const RIGHT = person({ id: "rv-right", name: "Olga Zeslenovich", birthDate: day("1993") });

interface ShownDraft {
  kind: string;
  fields: Record<string, string>;
  marks: number;
}

/** The drafts on the page: their kind, the values of their fields and highlighted spans. */
function shownDrafts(page: Page): Promise<ShownDraft[]> {
  return page.locator("[data-testid=draft]").evaluateAll((cards) =>
    cards.map((card) => ({
      kind: card.getAttribute("data-kind") ?? "",
      fields: Object.fromEntries(
        [...card.querySelectorAll("input")].map((input) => [input.name, input.value]),
      ),
      marks: card.querySelectorAll("blockquote mark").length,
    })),
  );
}

describeWeb("web app: the review desk", (use) => {
  beforeAll(async () => {
    const { store } = use();
    const audit = { actor: "test", batch: "review fixture" };
    await store.transaction((tx) => writeBundle(tx, { people: [LEFT] }, audit));
    // Score the Latin spelling against the registry as an incoming record would be, then
    // queue the pair with that explained score, as a matching run puts it in review.
    const [result] = await findMatches(store, [
      {
        id: RIGHT.id,
        names: [RIGHT.name],
        birth: { first: RIGHT.birthDate?.first ?? 0, last: RIGHT.birthDate?.last ?? 0 },
        region: null,
        gender: "female",
      },
    ]);
    const found = result?.candidates.find((c) => [c.leftId, c.rightId].includes(LEFT.id));
    if (!found) throw new Error("the look-alike was not found by the matcher");
    await store.transaction(async (tx) => {
      await writeBundle(tx, { people: [RIGHT] }, audit);
      await upsertCandidates(
        tx,
        [
          {
            leftId: LEFT.id,
            rightId: RIGHT.id,
            probability: found.probability,
            weight: found.weight,
            explanation: { weight: found.weight, levels: found.levels, fields: found.fields },
            status: "pending",
          },
        ],
        "test",
      );
    });
  });

  it("an editor pastes the founding article, corrects and accepts its drafts, and finds the operation citing it", async () => {
    const { url, store } = use();
    const { page, context, errors } = await use().open();
    try {
      await signIn(page, url, "editor");
      await page.getByRole("link", { name: "Extract from article" }).first().click();
      await page.getByRole("heading", { level: 1, name: "Extract from an article" }).waitFor();
      await page.getByLabel("Article text").fill(ARTICLE);
      await page.getByLabel("Article date").fill("2025-09-16");
      await page.getByLabel("Title").fill(TITLE);
      await page.getByLabel("Publisher").fill("Test newsroom (synthetic copy)");
      await page.getByRole("button", { name: "Extract" }).click();
      const cards = page.locator("[data-testid=draft]");
      await cards.nth(5).waitFor();
      const drafts = await shownDrafts(page);
      expect(drafts).toHaveLength(6);
      const pick = (kind: string, field: string, value: string) =>
        drafts.filter((d) => d.kind === kind && d.fields[field] === value);
      expect(pick("release_operation", "announced_count", "52")[0]?.fields).toMatchObject({
        date: "2025-09-11",
        mediators: "John Coale",
      });
      expect(pick("release_operation", "announced_count", "25")[0]?.fields).toMatchObject({
        date: "2025-09-16",
        kind: "amnesty",
      });
      expect(pick("measure", "target", "Belavia")[0]?.fields).toMatchObject({
        authority: "US",
        eased: "2025-09-11~",
      });
      expect(pick("diplomatic_event", "kind", "embassy")).toHaveLength(1);
      expect(pick("monitor_count", "value", "1265")[0]?.fields).toMatchObject({
        monitor: "Viasna",
        as_of: "2024-12-31",
        qualifier: "approx",
      });
      expect(pick("monitor_count", "value", "1000")[0]?.fields.qualifier).toBe("more_than");
      for (const d of drafts) expect(d.marks, d.kind).toBeGreaterThan(0);
      await expect(
        page.locator("[data-testid=draft] blockquote").first().textContent(),
      ).resolves.toMatch(/\S/);
      expect(await axeViolations(page)).toEqual([]);
      await use().screenshot(page, "extract-drafts");

      // A bad edit is refused beside its field, and nothing is accepted.
      const negotiated = cards.filter({
        has: page.locator('input[name=mediators][value="John Coale"]'),
      });
      const date = negotiated.getByRole("textbox", { name: "Date (YYYY-MM-DD)" });
      await date.fill("2025-09-31");
      await negotiated.getByRole("button", { name: "Save changes" }).click();
      await negotiated.getByText("day 31 does not exist in September 2025").waitFor();
      await expect(date.getAttribute("aria-invalid")).resolves.toBe("true");
      await date.fill("2025-09-11");

      // Accept every draft, one after the other.
      for (let i = 0; i < 6; i++) {
        const pending = cards.filter({ has: page.getByRole("button", { name: "Accept" }) });
        const before = await pending.count();
        expect(before).toBe(6 - i);
        await pending.first().getByRole("button", { name: "Accept" }).click();
        await page.waitForFunction(
          (n) =>
            [...document.querySelectorAll("[data-testid=draft] button")].filter(
              (b) => b.textContent === "Accept",
            ).length === n,
          before - 1,
        );
      }
      await expect(page.locator("[data-testid=draft-record]").count()).resolves.toBe(6);
      await use().screenshot(page, "extract-accepted");

      const [draft] = await store.query<{ recordId: string; source: string }>(
        `SELECT record_id AS "recordId", article_source_id AS source FROM draft
         WHERE kind = 'release_operation' AND payload->>'announced_count' = '52'`,
      );
      expect(draft?.recordId).toBeTruthy();
      await page.goto(`${url}/operations`);
      const href = `/operations/${encodeURIComponent(draft?.recordId as string)}`;
      await page.locator(`[data-testid=operations-table] a[href="${href}"]`).first().click();
      await page.getByRole("heading", { level: 1 }).waitFor();
      await page.getByText("John Coale").first().waitFor();
      await page.locator(".source-items li", { hasText: TITLE }).waitFor();
      const [operation] = await store.query<{ sources: string[] }>(
        "SELECT source_ids AS sources FROM release_operation WHERE id = $1",
        [draft?.recordId],
      );
      expect(operation?.sources).toContain(draft?.source);
      await use().screenshot(page, "extract-operation");
      // The browser logs the refused edit's answer; nothing else may fail.
      expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
      expect(errors.filter((e) => /status of 400/.test(e))).toHaveLength(1);
    } finally {
      await context.close();
    }
  });

  it("an editor merges a pair from the matching queue, then undoes the merge", async () => {
    const { url, store } = use();
    const { page, context, errors } = await use().open();
    try {
      await signIn(page, url, "editor");
      await page.getByRole("link", { name: "Review duplicates" }).first().click();
      // A search over the whole registry from the page queues pairs and merges none.
      const people = await store.query("SELECT count(*)::int AS n FROM person");
      await page.getByRole("button", { name: "Look for duplicates in the registry" }).click();
      await expect(
        page.locator("[data-testid=find-result]").textContent({ timeout: 60_000 }),
      ).resolves.toMatch(/people, [\d,  ]+ pairs compared: [\d,  ]+ pairs wait for review/);
      await expect(store.query("SELECT count(*)::int AS n FROM person")).resolves.toEqual(people);
      const pair = page.locator("[data-testid=match-pair]", { hasText: "Olga Zeslenovich" });
      await pair.waitFor();
      const text = (await pair.textContent()) ?? "";
      for (const shown of ["Вольга Юр'еўна Зесленовіч", "Volha Zeslenovich", "Gomel Region"]) {
        expect(text).toContain(shown);
      }
      expect(text).toMatch(/Probability that they are one person: \d/);
      await expect(pair.getByRole("rowheader", { name: "Surname" }).count()).resolves.toBe(1);
      await expect(pair.getByRole("rowheader", { name: "Birth date" }).count()).resolves.toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await use().screenshot(page, "review-queue");

      await pair.getByRole("button", { name: "Same person: merge" }).click();
      await pair.waitFor({ state: "detached" });
      const undo = page.getByRole("button", { name: "Undo the merge of Olga Zeslenovich" });
      await undo.waitFor();
      await expect(store.query("SELECT id FROM person WHERE id = $1", [RIGHT.id])).resolves.toEqual(
        [],
      );
      const [merge] = await store.query<{ into: string }>(
        "SELECT into_id AS into FROM person_merge WHERE from_id = $1 AND undone_at IS NULL",
        [RIGHT.id],
      );
      expect(merge?.into).toBe(LEFT.id);

      await undo.click();
      await page
        .getByTestId("merges")
        .getByText(/Undone by editor/)
        .waitFor();
      await expect(store.query("SELECT id FROM person WHERE id = $1", [RIGHT.id])).resolves.toEqual(
        [{ id: RIGHT.id }],
      );
      const [candidate] = await store.query<{ status: string }>(
        "SELECT status FROM match_candidate WHERE left_id = $1 AND right_id = $2",
        [LEFT.id, RIGHT.id],
      );
      expect(candidate?.status).toBe("rejected");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
