/**
 * An editor in Chromium: signs in, adds a person and a detention (with a partial date and
 * a new source, after the form has refused a bad date and a missing source), sees the
 * registry and the dashboard change, then saves over a version another editor changed
 * meanwhile: the conflict shows both versions, and keeping one's changes on top of the
 * other's loses neither.
 */
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { chartsDrawn, describeWeb, signIn } from "./harness.ts";

const NAME = "Тэставы Рэдактар Праверкавіч";
const LATIN = "Testavy Redaktar Praviarkavich";

/** The first figure of the dashboard: people held on its last day. */
async function heldNow(page: Page): Promise<number> {
  await page.goto(`${new URL(page.url()).origin}/`);
  await chartsDrawn(page);
  const text = (await page.locator(".figure-value").first().textContent()) ?? "";
  return Number(text.replace(/\D/g, ""));
}

/** The month 40 days ago, `YYYY-MM`: inside the dashboard's default range, ending today. */
function recentMonth(): string {
  return new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 7);
}

describeWeb("web app: an editor", (use) => {
  let personId = "";

  it("adds a person and a detention, and sees the registry and the dashboard change", async () => {
    const { url } = use();
    const { page, context, errors } = await use().open();
    try {
      await signIn(page, url, "editor");
      const before = await heldNow(page);

      await page.getByRole("link", { name: "Add a person" }).first().click();
      await page.getByLabel("Name (official form)").fill(NAME);
      await page.getByLabel("Name in Latin letters").fill(LATIN);
      await page.getByLabel("Visibility").selectOption("public");
      await page.getByLabel("Consent").selectOption("withheld");
      await page.getByRole("button", { name: "Save" }).click();
      // Public needs consent: refused beside the field, nothing sent.
      await expect(
        page.getByText("A public record needs consent granted.").isVisible(),
      ).resolves.toBe(true);
      await page.getByLabel("Consent").selectOption("granted");
      await use().screenshot(page, "person-form");
      await page.getByRole("button", { name: "Save" }).click();
      await page.getByTestId("person-facts").waitFor();
      personId = decodeURIComponent(new URL(page.url()).pathname.split("/")[2] ?? "");
      expect(personId).not.toBe("");
      await expect(page.locator("h1").textContent()).resolves.toBe(LATIN);

      await page.getByRole("link", { name: "Add an event" }).click();
      await page.getByLabel("What happened").selectOption("detained");
      const date = page.getByRole("textbox", { name: "Date", exact: true });
      await date.fill("2026-02-30");
      await page.getByRole("button", { name: "Save" }).click();
      await expect(
        page.getByText("There is no day 30 in February 2026: it has 28 days.").isVisible(),
      ).resolves.toBe(true);
      await expect(page.getByText("Attach at least one source.").isVisible()).resolves.toBe(true);
      await expect(date.getAttribute("aria-invalid")).resolves.toBe("true");
      const month = recentMonth();
      await date.fill(month);
      await expect(
        page
          .getByText(/: .* – /)
          .first()
          .isVisible(),
      ).resolves.toBe(true);
      await page
        .getByRole("textbox", { name: "Title", exact: true })
        .fill("Synthetic test report of the arrest");
      await page.getByRole("button", { name: "Record and attach this source" }).click();
      await page
        .locator(".source-picker li", { hasText: "Synthetic test report of the arrest" })
        .waitFor();
      await use().screenshot(page, "event-form");
      await page.getByRole("button", { name: "Save" }).click();
      await page.waitForURL(/#event-/);
      const timeline = page.getByTestId("timeline");
      await timeline.getByText("Detained").waitFor();
      const monthName = new Intl.DateTimeFormat("en", {
        month: "long",
        year: "numeric",
        timeZone: "UTC",
      }).format(new Date(`${month}-01T00:00:00Z`));
      await expect(timeline.textContent()).resolves.toContain(monthName);
      await expect(timeline.textContent()).resolves.toContain(
        "Synthetic test report of the arrest",
      );
      await expect(page.getByTestId("intervals").textContent()).resolves.toContain("still held");

      await page.goto(`${url}/registry?q=${encodeURIComponent(LATIN)}`);
      const row = page.locator("tr", { has: page.locator(`a[href="/people/${personId}"]`) });
      await row.waitFor();
      await expect(row.textContent()).resolves.toContain("Held");

      expect(await heldNow(page)).toBe(before + 1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("keeps both editors' changes after a stale-version conflict", async () => {
    const { url } = use();
    expect(personId).not.toBe("");
    const mine = await use().open();
    const theirs = await use().open();
    try {
      await signIn(mine.page, url, "editor");
      await signIn(theirs.page, url, "editor2");
      await mine.page.goto(`${url}/people/${personId}/edit`);
      await mine.page.waitForFunction(
        (name) => document.querySelector<HTMLInputElement>("input[name=name]")?.value === name,
        NAME,
      );

      // The other editor saves first.
      await theirs.page.goto(`${url}/people/${personId}/edit`);
      await theirs.page.waitForFunction(
        (name) => document.querySelector<HTMLInputElement>("input[name=name]")?.value === name,
        NAME,
      );
      await theirs.page.getByLabel("Region").fill("Grodno Region");
      await theirs.page.getByRole("button", { name: "Save" }).click();
      await theirs.page.getByTestId("person-facts").waitFor();

      // Then this editor, from the version read before.
      await mine.page.getByLabel("Occupation").fill("Synthetic teacher");
      await mine.page.getByRole("button", { name: "Save" }).click();
      const conflict = mine.page.getByTestId("conflict");
      await conflict.waitFor();
      await expect(conflict.getByTestId("mine-occupation").textContent()).resolves.toBe(
        "Synthetic teacher",
      );
      await expect(conflict.getByTestId("theirs-occupation").textContent()).resolves.toBe("—");
      await expect(conflict.getByTestId("theirs-region").textContent()).resolves.toBe(
        "Grodno Region",
      );
      await expect(conflict.getByTestId("mine-region").textContent()).resolves.toBe("—");
      // What was typed is still in the form.
      await expect(mine.page.getByLabel("Occupation").inputValue()).resolves.toBe(
        "Synthetic teacher",
      );
      await use().screenshot(mine.page, "conflict");

      await conflict.getByRole("button", { name: /Keep my changes/ }).click();
      await expect(mine.page.getByLabel("Region").inputValue()).resolves.toBe("Grodno Region");
      await mine.page.getByRole("button", { name: "Save" }).click();
      await mine.page.getByTestId("person-facts").waitFor();
      const facts = await mine.page.getByTestId("person-facts").textContent();
      expect(facts).toContain("Grodno Region");
      expect(facts).toContain("Synthetic teacher");
      // The history shows both changes, by each editor.
      const history = mine.page.locator(".history");
      await history.getByText("editor2").waitFor();
      expect(await history.locator("li").count()).toBeGreaterThanOrEqual(3);
      await use().screenshot(mine.page, "person-editor");
      expect(mine.errors.filter((e) => !e.includes("409"))).toEqual([]);
    } finally {
      await mine.context.close();
      await theirs.context.close();
    }
  });
});
