/**
 * In Chromium: registry filters read from the URL (and kept on reload), deleting a person
 * and an event with confirmation, the deleted records and their restoration (admins), and
 * a person's history of changes with their events' and bulk imports' entries.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, expect, it } from "vitest";
import { importBundle } from "../../src/ingest/bundle-import.ts";
import { describeWeb, signIn } from "./harness.ts";

const dir = mkdtempSync(join(tmpdir(), "turnstile-web-records-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The registry's "N people" line as a number, once the list has answered. */
async function resultCount(page: Page): Promise<number> {
  const text = (await page.locator(".result-count").textContent()) ?? "";
  return Number(text.replace(/\D/g, ""));
}

/** Waits until the registry's list shows `total` people (it may still show the last answer). */
async function waitForCount(page: Page, total: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      Number((document.querySelector(".result-count")?.textContent ?? "").replace(/\D/g, "")) === n,
    total,
  );
}

describeWeb("web app: filters, deletion, restoration and history", (use) => {
  it("shows the people a filter set in the URL selects, and keeps it on reload", async () => {
    const { url, store } = use();
    // An article and a region several public people share in the demo.
    const [pick] = await store.query<{ article: string; region: string }>(
      `SELECT btrim(a.article) AS article, p.region
       FROM person p JOIN event e ON e.person_id = p.id,
            regexp_split_to_table(e.articles, '[;,]') AS a(article)
       WHERE p.visibility = 'public' AND p.consent = 'granted' AND p.region IS NOT NULL
       GROUP BY 1, 2 HAVING count(DISTINCT p.id) BETWEEN 2 AND 25 ORDER BY count(DISTINCT p.id) DESC, 1, 2 LIMIT 1`,
    );
    if (!pick) throw new Error("the demo has no shared article");
    const expected = await store.query<{ name: string; name_latin: string | null }>(
      `SELECT p.name, p.name_latin FROM person p
       WHERE p.visibility = 'public' AND p.consent = 'granted' AND p.region = $2
         AND EXISTS (SELECT 1 FROM event e, regexp_split_to_table(e.articles, '[;,]') AS a(article)
                     WHERE e.person_id = p.id AND (btrim(a.article) = $1
                       OR btrim(a.article) LIKE $1 || '-%' OR btrim(a.article) LIKE $1 || '.%'))`,
      [pick.article, pick.region],
    );
    const { page, context, errors } = await use().open();
    try {
      const query = new URLSearchParams({ article: pick.article, region: pick.region });
      await page.goto(`${url}/registry?${query}`);
      await waitForCount(page, expected.length);
      const shown = await page.locator(".registry-table tbody th a").allTextContents();
      expect(shown.sort()).toEqual(expected.map((p) => p.name_latin ?? p.name).sort());
      await expect(page.locator("#filter-article").inputValue()).resolves.toBe(pick.article);
      await expect(page.locator("#filter-region").inputValue()).resolves.toBe(pick.region);
      // A visitor is not offered the filters on non-public fields.
      await expect(page.locator("#filter-mechanism").count()).resolves.toBe(0);

      await page.reload();
      await waitForCount(page, expected.length);
      await expect(page.locator("#filter-article").inputValue()).resolves.toBe(pick.article);
      await expect(page.locator("#filter-region").inputValue()).resolves.toBe(pick.region);
      expect(page.url()).toContain(`article=${encodeURIComponent(pick.article)}`);

      // With a search text, the filters narrow the search's matches.
      const one = expected[0];
      const named = one?.name_latin ?? one?.name ?? "";
      const search = new URLSearchParams({ q: named, article: pick.article });
      await page.goto(`${url}/registry?${search}`);
      await page.locator(".registry-table tbody th a", { hasText: named }).first().waitFor();
      search.set("article", "no-such-article");
      await page.goto(`${url}/registry?${search}`);
      await waitForCount(page, 0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("filters by release mechanism and health for a signed-in viewer", async () => {
    const { url, store } = use();
    const [row] = await store.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM person p
       WHERE p.visibility <> 'private' AND coalesce(btrim(p.health), '') <> ''
         AND EXISTS (SELECT 1 FROM event e WHERE e.person_id = p.id AND e.type = 'released'
                     AND e.mechanism = 'pardon')`,
    );
    const { page, context } = await use().open();
    try {
      await signIn(page, url, "viewer");
      await page.goto(`${url}/registry?mechanism=pardon&health=true`);
      await waitForCount(page, row?.n ?? -1);
      await expect(page.locator("#filter-mechanism").inputValue()).resolves.toBe("pardon");
      await expect(page.locator("#filter-health").inputValue()).resolves.toBe("true");
      // Changing a filter on the page changes the URL and the list.
      await page.locator("#filter-health").selectOption("false");
      await page.waitForURL(/health=false/);
      const [without] = await store.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM person p
         WHERE p.visibility <> 'private' AND coalesce(btrim(p.health), '') = ''
           AND EXISTS (SELECT 1 FROM event e WHERE e.person_id = p.id AND e.type = 'released'
                       AND e.mechanism = 'pardon')`,
      );
      await waitForCount(page, without?.n ?? -1);
      expect(await resultCount(page)).toBe(without?.n);
    } finally {
      await context.close();
    }
  });

  it("lets an editor delete an event and an admin delete and restore a person", async () => {
    const { url, store } = use();
    const [person] = await store.query<{ id: string; name: string; name_latin: string }>(
      `SELECT p.id, p.name, p.name_latin FROM person p
       WHERE p.name_latin IS NOT NULL
         AND (SELECT count(*) FROM event e WHERE e.person_id = p.id) >= 3
       ORDER BY p.id DESC LIMIT 1`,
    );
    if (!person) throw new Error("no person with events in the demo");
    const [contact] = await store.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM event WHERE person_id = $1",
      [person.id],
    );
    const eventsBefore = contact?.n ?? 0;

    const editor = await use().open();
    try {
      const page = editor.page;
      await signIn(page, url, "editor");
      await expect(page.getByRole("link", { name: "Deleted records" }).count()).resolves.toBe(0);
      await page.goto(`${url}/people/${encodeURIComponent(person.id)}`);
      const timeline = page.locator("[data-testid=timeline] > li");
      await timeline.first().waitFor();
      expect(await timeline.count()).toBe(eventsBefore);
      // Asking first: Cancel deletes nothing.
      await page.getByRole("button", { name: "Delete this event" }).last().click();
      await page.getByRole("button", { name: "Cancel" }).click();
      expect(await timeline.count()).toBe(eventsBefore);
      await page.getByRole("button", { name: "Delete this event" }).last().click();
      await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(
        "Yes, delete",
      );
      await page.getByRole("button", { name: "Yes, delete" }).click();
      await page.waitForFunction(
        (n) => document.querySelectorAll("[data-testid=timeline] > li").length === n,
        eventsBefore - 1,
      );
      // The history names the deleted event, its date as readers see dates ("March 2021").
      const deletedEntry = page.locator(".history-list li[data-entity=event]", {
        hasText: "Deleted",
      });
      await deletedEntry.waitFor();
      const [gone] = await store.query<{ date: string }>(
        "SELECT rows->'event'->0->>'date' AS date FROM deleted_record WHERE entity = 'event' ORDER BY deleted_at DESC LIMIT 1",
      );
      expect(gone?.date).toMatch(/^~?\d{4}/);
      expect(await deletedEntry.textContent()).not.toContain(`, ${gone?.date} (`);
    } finally {
      await editor.context.close();
    }

    const admin = await use().open();
    try {
      const page = admin.page;
      await signIn(page, url, "admin");
      await page.goto(`${url}/people/${encodeURIComponent(person.id)}`);
      await page.locator("[data-testid=timeline] > li").first().waitFor();
      await page.getByRole("button", { name: "Delete this person" }).click();
      await page.getByRole("button", { name: "Yes, delete" }).click();
      await page.waitForURL(/\/trash$/);
      const row = page.locator(".trash-table tbody tr", { hasText: person.id });
      await row.waitFor();
      await expect(row.textContent()).resolves.toContain("Person");
      await use().screenshot(page, "trash-with-person");
      const [gone] = await store.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM person WHERE id = $1",
        [person.id],
      );
      expect(gone?.n).toBe(0);

      await row.getByRole("button", { name: `Restore ${person.id}` }).click();
      await page.getByText(`Restored: ${person.id}.`).waitFor();
      await page.getByRole("link", { name: "Open the record" }).click();
      await page.locator("[data-testid=timeline] > li").first().waitFor();
      expect(await page.locator("[data-testid=timeline] > li").count()).toBe(eventsBefore - 1);
      const history = page.locator(".history-list");
      await history.locator("li", { hasText: "Restored" }).first().waitFor();
      await expect(history.locator("li").first().textContent()).resolves.toContain("Restored");
      await expect(history.textContent()).resolves.toContain("admin");
    } finally {
      await admin.context.close();
    }
  });

  it("shows an edit and a bulk import in the history, readably", async () => {
    const { url, store } = use();
    const files: Record<string, string> = {
      "sources.csv": "id,title\nweb-s1,Synthetic source for the history test\n",
      "people.csv": "id,name,name_latin\nweb-h1,Гісторыя Тэставая,Historyja Testavaja\n",
      "events.csv": "id,person_id,type,date,source_id\nweb-e1,web-h1,detained,2024-03,web-s1\n",
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    await importBundle(store, dir, { bulkMinRows: 1 });

    const { page, context, errors } = await use().open();
    try {
      await signIn(page, url, "editor");
      await page.goto(`${url}/people/web-h1/edit`);
      await page.getByLabel("Occupation").fill("librarian");
      await page.getByRole("button", { name: "Save" }).click();
      await page.getByTestId("person-facts").waitFor();
      const history = page.locator(".history-list");
      const change = history.locator("li", { hasText: "Changed" }).first();
      await change.waitFor();
      await expect(change.textContent()).resolves.toContain("editor");
      const cells = await change.locator("tbody tr").first().locator("th, td").allTextContents();
      expect(cells).toEqual(["Occupation", "—", "librarian"]);
      // The import: batch, file and lines, not a list of ids.
      await expect(history.textContent()).resolves.toMatch(
        /Imported in batch “import [^”]+” from file people\.csv, lines 2–2 \(rows: 1\)/,
      );
      await expect(history.textContent()).resolves.toMatch(/from file events\.csv, lines 2–2/);
      await expect(history.textContent()).resolves.not.toContain('"ids"');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
