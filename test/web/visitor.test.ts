/**
 * A visitor (not signed in) in Chromium: the dashboard draws its charts with data and
 * says the data is synthetic; the registry finds a Cyrillic-named person by a Latin
 * spelling; no private person and no restricted field reaches the page.
 */
import { expect, it } from "vitest";
import { chartsDrawn, describeWeb } from "./harness.ts";

interface Row {
  id: string;
  name: string;
  name_latin: string | null;
  health: string | null;
  occupation: string | null;
}

describeWeb("web app: a visitor", (use) => {
  it("sees the dashboard's charts with data, their downloads, and the synthetic-data banner", async () => {
    const { page, context, errors } = await use().open();
    try {
      await page.goto(`${use().url}/`);
      await chartsDrawn(page);
      await expect(page.getByTestId("synthetic-banner").textContent()).resolves.toContain(
        "Synthetic demo data: these people do not exist.",
      );
      const charts = await page.$$eval("figure.chart", (figures) =>
        figures.map((f) => ({
          title: f.querySelector("h3")?.textContent ?? "",
          buttons: [...f.querySelectorAll(".chart-actions button")].map((b) => b.textContent ?? ""),
          svg: f.querySelector(".recharts-wrapper > svg") !== null,
          axisLabels: f.querySelectorAll(".recharts-label").length,
          marks: f.querySelectorAll(
            ".recharts-line-curve, .recharts-bar-rectangle, .recharts-scatter-symbol, .recharts-area-area",
          ).length,
        })),
      );
      const drawn = charts.filter((c) => c.svg);
      // The stock, the days around the operations, the flows and people at risk.
      expect(drawn.length).toBeGreaterThanOrEqual(4);
      for (const chart of drawn) {
        expect(chart.title.length).toBeGreaterThan(5);
        expect(chart.buttons.join("|")).toMatch(/Data \(CSV\).*Image \(SVG\).*Image \(PNG\)/);
        expect(chart.axisLabels).toBeGreaterThanOrEqual(1);
        expect(chart.marks).toBeGreaterThanOrEqual(3);
      }
      // Published counts: "> 1,000" is drawn as a bound (its own marker and label), not as an exact count.
      const stock = page.getByTestId("chart-stock");
      await expect(stock.locator(".recharts-label-list").allTextContents()).resolves.toEqual(
        expect.arrayContaining([expect.stringMatching(/^> 1,000$/)]),
      );
      await expect(stock.locator(".chart-legend").textContent()).resolves.toContain(
        "Published count (more than)",
      );
      // Release operations are links on the time axis.
      const marker = stock.locator("a.chart-marker").first();
      await expect(marker.getAttribute("href")).resolves.toMatch(/^\/operations\//);
      // Tables: the revolving door and the reconciliation, with data.
      expect(await page.getByTestId("table-door").locator("tbody tr").count()).toBeGreaterThan(0);
      expect(
        await page.getByTestId("table-reconciliation").locator("tbody tr").count(),
      ).toBeGreaterThan(5);
      // The CSV download gives the chart's rows.
      const download = page.waitForEvent("download");
      await stock.getByRole("button", { name: /Data \(CSV\)/ }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe("turnstile-stock.csv");
      const csv = await new Response(
        (await file.createReadStream()) as unknown as ReadableStream,
      ).text();
      expect(csv.split("\r\n")[0]).toContain("date,held,held_lower,held_upper");
      expect(csv.split("\r\n").length).toBeGreaterThan(24);
      const png = page.waitForEvent("download");
      await stock.getByRole("button", { name: /Image \(PNG\)/ }).click();
      expect((await png).suggestedFilename()).toBe("turnstile-stock.png");
      // A marker opens its release operation.
      await marker.click();
      await page.waitForURL(/\/operations\//);
      await page.getByTestId("table-door").waitFor();
      await use().screenshot(page, "operation");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("finds a Cyrillic-named synthetic person by a Latin spelling", async () => {
    // A public person whose other spellings include a Latin one that is not their Latin name.
    const candidates = await use().store.query<Row & { form: string }>(
      `SELECT p.id, p.name, p.name_latin, n.name AS form FROM person p JOIN person_name n ON n.person_id = p.id
        WHERE p.visibility = 'public' AND p.consent = 'granted' AND n.script = 'latin'
          AND n.kind = 'transliteration' AND n.name <> p.name_latin AND p.name ~ '[А-Яа-яІіЎў]'
        ORDER BY p.id LIMIT 1`,
    );
    const person = candidates[0];
    expect(person).toBeDefined();
    if (!person) return;
    const { page, context, errors } = await use().open();
    try {
      await page.goto(`${use().url}/registry`);
      await page.getByLabel("Search by name").fill(person.form);
      await page.keyboard.press("Enter");
      await page.waitForURL(/q=/);
      const link = page.locator(`a[href="/people/${person.id}"]`);
      await link.waitFor();
      await use().screenshot(page, "registry-search");
      await link.click();
      await page.getByTestId("timeline").waitFor();
      // Every written form of the name, the Cyrillic official one among them.
      const names = await page.locator("#names-heading + table").textContent();
      expect(names).toContain(person.name);
      expect(names).toContain(person.form);
      await expect(page.locator("h1").textContent()).resolves.toBe(person.name_latin);
      await expect(page.locator(".synthetic-person").textContent()).resolves.toContain("synthetic");
      await use().screenshot(page, "person");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("cannot see private people nor restricted fields", async () => {
    const [hidden] = await use().store.query<Row>(
      `SELECT id, name, name_latin FROM person WHERE visibility = 'private' AND name_latin IS NOT NULL ORDER BY id LIMIT 1`,
    );
    const [shown] = await use().store.query<Row>(
      `SELECT id, name, name_latin, health, occupation FROM person
        WHERE visibility = 'public' AND consent = 'granted' AND health IS NOT NULL AND occupation IS NOT NULL
        ORDER BY id LIMIT 1`,
    );
    expect(hidden && shown).toBeTruthy();
    if (!hidden || !shown) return;
    const { page, context } = await use().open();
    try {
      // The private person: not found by name, not found at their address.
      await page.goto(
        `${use().url}/registry?q=${encodeURIComponent(hidden.name_latin ?? hidden.name)}`,
      );
      await page.locator(".result-count").waitFor();
      expect(await page.locator(`a[href="/people/${hidden.id}"]`).count()).toBe(0);
      await page.goto(`${use().url}/people/${hidden.id}`);
      await page.getByRole("alert").waitFor();
      await expect(page.getByRole("alert").textContent()).resolves.toContain("Not found");
      expect(await page.content()).not.toContain(hidden.name);
      // The public person: their page has no health, occupation, birth date or consent.
      await page.goto(`${use().url}/people/${shown.id}`);
      await page.getByTestId("timeline").waitFor();
      // Not even hidden in the page: its whole HTML.
      const text = await page.content();
      expect(text).not.toContain(shown.health as string);
      expect(text).not.toContain(shown.occupation as string);
      for (const label of ["Health", "Occupation", "Birth date", "Consent", "Visibility"]) {
        expect(
          await page.getByTestId("person-facts").getByText(label, { exact: true }).count(),
        ).toBe(0);
      }
      expect(await page.getByText("Edit person").count()).toBe(0);
      expect(await page.getByText("History of changes").count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
