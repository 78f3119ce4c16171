/**
 * An editor imports in Chromium: uploads the foreign-layout example (a Windows-1251
 * spreadsheet and its sources) with its mapping, sees the upload and import progress and
 * the result, then finds an imported person in the registry; then uploads a file with a
 * bad row and sees the row named (file, line, column, reason), with nothing written.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ensureNameKeys } from "../../src/services/matching.ts";
import { describeWeb, signIn } from "./harness.ts";

const FOREIGN = resolve(import.meta.dirname, "../../data/examples/foreign-layout");
const scratch = mkdtempSync(join(tmpdir(), "turnstile-web-import-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describeWeb("web app: import", (use) => {
  beforeAll(async () => {
    // As `turnstile serve` does when it starts (src/server/run.ts): an import keeps the
    // name-search keys up to date once they have been built.
    await ensureNameKeys(use().store);
  });

  it("imports the foreign layout with its mapping, shows progress and result, and the person is in the registry", async () => {
    const { url } = use();
    const { page, context, errors } = await use().open();
    try {
      await signIn(page, url, "editor");
      await page.getByRole("link", { name: "Import", exact: true }).click();
      await page.getByRole("heading", { name: "Import", level: 1 }).waitFor();
      await page
        .getByLabel("CSV files")
        .setInputFiles([join(FOREIGN, "sources.csv"), join(FOREIGN, "prisoners-cp1251.csv")]);
      await page
        .getByLabel("Mapping file (JSON, optional)")
        .setInputFiles(join(FOREIGN, "mapping.json"));
      // All or nothing is the default, and said beside the box.
      await expect(page.getByRole("checkbox").isChecked()).resolves.toBe(false);
      await expect(page.getByText(/all or nothing/).isVisible()).resolves.toBe(true);
      await page.getByRole("button", { name: "Upload and import" }).click();

      const result = page.getByTestId("import-result");
      await result.waitFor();
      // Both progress bars are labelled and full; the status is announced.
      await expect(page.getByLabel("Upload", { exact: true }).getAttribute("value")).resolves.toBe(
        "100",
      );
      await expect(page.getByLabel("Import", { exact: true }).getAttribute("value")).resolves.toBe(
        "100",
      );
      const status = page.getByTestId("import-status");
      await expect(status.getAttribute("aria-live")).resolves.toBe("polite");
      await expect(status.textContent()).resolves.toMatch(
        /^Import finished: [\d,]+ rows written\.$/,
      );
      const counts = page.getByTestId("import-counts");
      await expect(counts.locator("tr", { hasText: "People" }).textContent()).resolves.toMatch(
        /People\d/,
      );
      await expect(counts.locator("tr", { hasText: "Sources" }).textContent()).resolves.toBe(
        "Sources100",
      );
      await use().screenshot(page, "import-result");

      await result.getByRole("link", { name: "See the registry" }).click();
      await page.getByLabel("Search by name").fill("Lisouski");
      await page.getByLabel("Search by name").press("Enter");
      await page.waitForURL(/q=Lisouski/);
      await page.locator(".registry-table tbody tr").first().waitFor();
      await use().screenshot(page, "import-registry");
      const row = page.locator('.registry-table tbody tr:has(a[href="/people/X-001"])');
      await row.waitFor();
      await expect(row.textContent()).resolves.toContain("Lisouski Andrei");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("refuses a file with a bad row and names the row", async () => {
    const { url, store } = use();
    const { page, context, errors } = await use().open();
    const people = join(scratch, "people.csv");
    writeFileSync(people, "id,name,gender\nweb-ok,Добры Радок,male\nweb-bad,Дрэнны Радок,robot\n");
    try {
      await signIn(page, url, "editor");
      await page.goto(`${url}/import`);
      await page.getByLabel("CSV files").setInputFiles(people);
      await page.getByRole("button", { name: "Upload and import" }).click();
      const problems = page.getByTestId("import-problems");
      await problems.waitFor();
      await expect(page.getByTestId("import-status").textContent()).resolves.toBe(
        "The import was refused: nothing was written.",
      );
      const row = problems.locator("tbody tr").first();
      await expect(row.locator("td").allTextContents()).resolves.toEqual([
        "people.csv",
        "3",
        "gender",
        expect.stringContaining("robot"),
      ]);
      await expect(page.getByTestId("import-report").getAttribute("href")).resolves.toMatch(
        /^\/api\/imports\/[\w-]+\/report\.csv$/,
      );
      const written = await store.query("SELECT id FROM person WHERE id LIKE 'web-%'");
      expect(written).toEqual([]);
      await use().screenshot(page, "import-refused");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
