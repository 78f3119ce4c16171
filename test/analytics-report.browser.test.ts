/**
 * The HTML report opened in Chromium (headless, through playwright-core): every chart
 * renders with visible marks, and the page asks the network for nothing. Chromium is
 * /usr/bin/chromium (or CHROMIUM_PATH); without it the test is skipped with a warning,
 * except under CI=true, where it fails.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadDemo } from "../src/ingest/demo.ts";
import { buildReport } from "../src/report/report.ts";
import { describeEachStore } from "./helpers/stores.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const missing = !existsSync(CHROMIUM);
if (missing && process.env.CI !== "true") {
  console.warn(`Browser test of the report SKIPPED: no Chromium at ${CHROMIUM}`);
}

const dir = mkdtempSync(join(tmpdir(), "turnstile-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ChartFacts {
  width: number;
  height: number;
  paths: number;
  visiblePaths: number;
  texts: number;
}

describeEachStore("HTML report in Chromium", (use) => {
  let file = "";
  beforeAll(async () => {
    await loadDemo(use().store, { people: 400 });
    file = join(dir, `report-${use().kind}.html`);
    writeFileSync(file, await buildReport(use().store, { from: "2020-01-01", to: "2025-12-31" }));
  }, 120_000);

  it.skipIf(missing && process.env.CI !== "true")(
    "renders every chart and fetches nothing",
    async () => {
      if (missing) throw new Error(`Chromium is required in CI and is missing at ${CHROMIUM}`);
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
      try {
        const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
        const requests: string[] = [];
        page.on("request", (request) => {
          if (!request.url().startsWith("file:")) requests.push(request.url());
        });
        await page.goto(`file://${file}`, { waitUntil: "load" });
        const charts = await page.$$eval("svg.marks", (svgs) =>
          svgs.map((svg): ChartFacts => {
            const box = svg.getBoundingClientRect();
            const paths = [...svg.querySelectorAll("path")];
            const visible = paths.filter((p) => {
              const b = p.getBBox();
              return (p.getAttribute("d") ?? "").length > 1 && (b.width > 0 || b.height > 0);
            });
            return {
              width: box.width,
              height: box.height,
              paths: paths.length,
              visiblePaths: visible.length,
              texts: svg.querySelectorAll("text").length,
            };
          }),
        );
        expect(charts).toHaveLength(5);
        for (const chart of charts) {
          expect(chart.width).toBeGreaterThan(300);
          expect(chart.height).toBeGreaterThan(150);
          expect(chart.visiblePaths).toBeGreaterThanOrEqual(4);
          expect(chart.texts).toBeGreaterThan(5);
        }
        expect(await page.locator(".banner").textContent()).toContain("SYNTHETIC DATA.");
        expect(requests).toEqual([]);
        await page.screenshot({ path: join(dir, `report-${use().kind}.png`), fullPage: true });
      } finally {
        await browser.close();
      }
    },
  );
});
