/**
 * The estimation and projection pages in Chromium, as a newcomer uses them: on the
 * simulate page, "if 100 are released on 2026-01-01 and arrests continue as in the last
 * year, how many will be held in a year?" gets a sentence with 80% and 95% bands and a
 * chart of the projection beside the recorded stock, its parameters in a shareable URL;
 * the estimate page shows the overlap of the demo's synthetic lists and the estimates.
 */
import { expect, it } from "vitest";
import { describeWeb } from "./harness.ts";

describeWeb("web app: estimation and projection", (use) => {
  it("answers the newcomer's question on the simulate page, with bands, in a URL to share", async () => {
    const { page, context, errors } = await use().open();
    try {
      await page.goto(`${use().url}/`);
      await page.getByRole("link", { name: "Projection" }).click();
      await page.getByLabel("First day").fill("2026-01-01");
      await page.getByLabel("Months").fill("12");
      await page.getByRole("button", { name: "Add a release" }).click();
      await page.getByLabel("Date of release 1").fill("2026-01-01");
      await page.getByLabel("People released in release 1").fill("100");
      await page.getByLabel("Runs").fill("300");
      await page.getByRole("button", { name: "Project" }).click();
      const answer = page.getByTestId("simulation-answer");
      await answer.waitFor();
      const text = (await answer.textContent()) ?? "";
      expect(text).toMatch(
        /^If 100 are released on .+ and arrests continue as in the last year \([\d.]+ a month\), about [\d,]+ people \(80%: [\d,]+–[\d,]+; 95%: [\d,]+–[\d,]+\) would be held on .+2027, against [\d,]+ held on .+2026\.$/,
      );
      // The bands are ordered around the median.
      const [median, lo80, hi80, lo95, hi95] = (
        /about ([\d,]+) people \(80%: ([\d,]+)–([\d,]+); 95%: ([\d,]+)–([\d,]+)\)/.exec(text) ?? []
      )
        .slice(1)
        .map((n) => Number(n.replaceAll(",", "")));
      expect(lo95).toBeLessThanOrEqual(lo80 as number);
      expect(lo80).toBeLessThanOrEqual(median as number);
      expect(median).toBeLessThanOrEqual(hi80 as number);
      expect(hi80).toBeLessThanOrEqual(hi95 as number);
      expect(hi95).toBeGreaterThan(lo95 as number);
      // The chart: the recorded stock, the median and two bands, with its downloads.
      const chart = page.getByTestId("simulation-chart");
      await chart.locator(".recharts-area-area").nth(1).waitFor();
      expect(await chart.locator(".recharts-area-area").count()).toBe(2);
      expect(await chart.locator(".recharts-line-curve").count()).toBe(2);
      await expect(chart.locator(".chart-legend").textContent()).resolves.toMatch(
        /Recorded.*Projection \(median\).*80% band.*95% band/,
      );
      await expect(chart.locator(".chart-actions").textContent()).resolves.toMatch(
        /Data \(CSV\).*Image \(SVG\).*Image \(PNG\)/,
      );
      // The view is in the URL: opened again, it gives the same answer.
      const shared = new URL(page.url());
      expect(shared.pathname).toBe("/simulate");
      expect(shared.searchParams.get("releases")).toBe("2026-01-01:100");
      const again = await context.newPage();
      await again.goto(shared.toString());
      await again.getByTestId("simulation-answer").waitFor();
      expect(await again.getByTestId("simulation-answer").textContent()).toBe(text);
      await use().screenshot(page, "simulate");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("shows the overlap of the demo's synthetic lists and the estimates on the estimate page", async () => {
    const { page, context, errors } = await use().open();
    try {
      await page.goto(`${use().url}/estimate?at=2026-06-30`);
      const table = page.getByTestId("overlap-table");
      await table.locator("tbody tr").first().waitFor();
      const rows = await table.locator("tbody tr").allTextContents();
      // Four synthetic lists (synthetic-demo cites everyone and is left out): up to 15 patterns.
      expect(rows.length).toBeGreaterThan(8);
      expect(rows.length).toBeLessThanOrEqual(15);
      expect(rows[0]).toMatch(
        /^1111synthetic-list-a & synthetic-list-b & synthetic-list-c & synthetic-list-d\d+$/,
      );
      await expect(page.getByTestId("estimate-summary").textContent()).resolves.toMatch(
        /People held on .+: [\d,]+ in the registry, [\d,]+ of them on at least one of the 4 lists/,
      );
      await expect(page.getByTestId("estimate-answer").textContent()).resolves.toMatch(
        /Average of the models \(AIC weights\)\): about [\d,]+ \(95% interval [\d,]+–[\d,]+\)/,
      );
      expect(await page.getByText("Left out of the lists: synthetic-demo").count()).toBe(1);
      // The server's reasons and warnings in the reader's language, numbers formatted.
      await page.goto(`${use().url}/estimate?at=2026-06-30&lang=fr`);
      await page
        .getByText(
          /^Écartée des listes : synthetic-demo, citée pour les [\d  ]+ personnes détenues/,
        )
        .waitFor();
      await page.goto(`${use().url}/estimate?at=2026-06-30&lang=en`);
      await table.locator("tbody tr").first().waitFor();
      const estimators = await page
        .getByTestId("estimators-table")
        .locator("tbody th")
        .allTextContents();
      expect(estimators).toEqual([
        "Best model by AIC",
        "Best model by BIC",
        "Average of the models (AIC weights)",
      ]);
      const chart = page.getByTestId("estimate-chart");
      await chart.locator(".recharts-bar-rectangle").first().waitFor();
      expect(await chart.locator(".recharts-bar-rectangle").count()).toBeGreaterThanOrEqual(4);
      // Chosen sources, two of them joined into one list.
      await page.getByLabel("Sources I choose").check();
      await page
        .getByLabel("Lists", { exact: true })
        .fill("synthetic-list-a+synthetic-list-b,synthetic-list-c");
      await page.getByRole("button", { name: "Estimate", exact: true }).click();
      await page.waitForURL(/lists=synthetic-list-a%2Bsynthetic-list-b%2Csynthetic-list-c/);
      // The previous answer stays on screen until the next one arrives.
      await expect
        .poll(() => page.getByTestId("estimate-summary").textContent())
        .toMatch(/at least one of the 2 lists/);
      await expect(page.getByTestId("estimate-answer").textContent()).resolves.toMatch(
        /\(Chapman\): about [\d,]+ \(95% interval/,
      );
      await use().screenshot(page, "estimate");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
