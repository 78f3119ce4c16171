/**
 * Accessibility in Chromium: axe-core finds no serious or critical violation on any main
 * page (as a visitor, and the entry and account pages as an editor and an admin), and the
 * main flows work with the keyboard alone: skip link, navigation, search, a result, a
 * chart's marker, signing in.
 */
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { chartsDrawn, describeWeb, signIn } from "./harness.ts";
import { mainPages } from "./pages.ts";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Serious and critical violations on the page as it is now. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: Document): Promise<{ violations: Violation[] }> } }
    ).axe;
    const result = await axe.run(document);
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 5)
          .join(", ")}`,
    );
}

/** Presses Tab until the focused element matches `selector` (at most `limit` times). */
async function tabTo(page: Page, selector: string, limit = 150): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Whether the focused element shows where the focus is (an outline). */
async function focusShown(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element) return false;
    const style = getComputedStyle(element);
    return style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0;
  });
}

describeWeb("web app: accessibility", (use) => {
  it("has no serious or critical axe violation on the main pages (visitor)", async () => {
    const { page, context, errors } = await use().open();
    try {
      const found: string[] = [];
      for (const main of await mainPages(use().store)) {
        await page.goto(`${use().url}${main.path}`);
        await main.ready(page);
        for (const v of await axeViolations(page)) found.push(`${main.name}: ${v}`);
        await use().screenshot(page, main.name);
      }
      expect(found).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("has no serious or critical axe violation on the editor's and admin's pages", async () => {
    const [person] = await use().store.query<{ id: string }>(
      "SELECT p.id FROM person p WHERE EXISTS (SELECT 1 FROM event e WHERE e.person_id = p.id) ORDER BY p.id LIMIT 1",
    );
    const { page, context } = await use().open();
    try {
      const found: string[] = [];
      await signIn(page, use().url, "admin");
      const pages: [string, string, string][] = [
        ["account-admin", "/account", "[data-testid=audit-table] tbody tr"],
        ["person-new", "/people/new", "input[name=name]"],
        ["person-edit", `/people/${person?.id}/edit`, "input[name=name]"],
        ["event-new", `/people/${person?.id}/events/new`, "input[name=date]"],
        ["person-admin", `/people/${person?.id}`, ".history-list li"],
        ["trash", "/trash", ".trash-table tbody tr, .trash-empty"],
        ["import", "/import", "input[type=file]"],
      ];
      for (const [name, path, ready] of pages) {
        await page.goto(`${use().url}${path}`);
        await page.locator(ready).first().waitFor();
        if (name === "event-new") {
          // With the form's messages showing: they must be announced and readable too.
          await page.getByRole("button", { name: "Save" }).click();
          await page.locator(".field-error").first().waitFor();
        }
        for (const v of await axeViolations(page)) found.push(`${name}: ${v}`);
        await use().screenshot(page, name);
      }
      expect(found).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("works by keyboard: skip link, navigation, search, a result, a chart marker, signing in", async () => {
    const { page, context, errors } = await use().open();
    const url = use().url;
    try {
      await page.goto(`${url}/`);
      await chartsDrawn(page);
      await page.keyboard.press("Tab");
      await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(
        "Skip to content",
      );
      expect(await focusShown(page)).toBe(true);
      await page.keyboard.press("Enter");
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("main");

      // A release operation's marker on the chart, reached and opened with the keyboard.
      await tabTo(page, "a.chart-marker");
      expect(await focusShown(page)).toBe(true);
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/operations\//);
      await page.getByTestId("table-door").waitFor();

      // The navigation, then the search.
      await page.goto(`${url}/`);
      await chartsDrawn(page);
      await tabTo(page, 'nav a[href="/registry"]');
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/registry$/);
      await tabTo(page, "#registry-search");
      await page.keyboard.type("Ivan");
      await page.keyboard.press("Enter");
      await page.waitForURL(/q=Ivan/);
      await page.locator(".registry-table tbody tr").first().waitFor();
      await tabTo(page, '.registry-table a[href^="/people/"]');
      expect(await focusShown(page)).toBe(true);
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/people\//);
      await page.getByTestId("person-facts").waitFor();

      // Sorting a column and going to the next page.
      await page.goto(`${url}/registry`);
      await page.locator(".registry-table tbody tr").first().waitFor();
      await tabTo(page, "button.sort");
      await page.keyboard.press("Enter");
      await page.waitForURL(/sort=name/);
      await tabTo(page, ".pager button:not([disabled])");
      await page.keyboard.press("Enter");
      await page.waitForURL(/page=2/);

      // Signing in.
      await page.goto(`${url}/account`);
      await page.locator("form.login").waitFor();
      await tabTo(page, "input[name=username]");
      await page.keyboard.type("viewer");
      await page.keyboard.press("Tab");
      await page.keyboard.type("correct horse battery staple");
      await page.keyboard.press("Enter");
      await page.getByTestId("signed-in").waitFor();
      await expect(page.getByTestId("signed-in").textContent()).resolves.toContain("viewer");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
