/**
 * The web application in headless Chromium over the 8,000-person demo, on each store:
 *
 * - time from navigation until the dashboard's charts are drawn with data (the stock line
 *   and the monthly bars), for a first visit just after the server started (its analytics
 *   not yet computed) and for later visits of new readers (fresh browser contexts, no
 *   HTTP cache), beside the time until the app's shell alone is drawn (the sign-in page:
 *   the baseline of the ratio);
 * - registry search round-trip: from pressing Enter in the search box until the matches
 *   are on screen, beside the same search asked of the API directly (the baseline);
 * - the gzip size of the JavaScript the first page (the dashboard) loads, beside its size
 *   uncompressed, and the goal of 350 kB.
 *
 * Goals (issue 7): charts under 1.5 s, search under 200 ms, first-page JavaScript under 350 kB.
 *
 *   node bench/web.bench.ts [--people 8000] [--runs 7] [--stores pglite,postgres]
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "playwright-core";
import { loadDemo } from "../src/ingest/demo.ts";
import { buildApp } from "../src/server/app.ts";
import { WEB_DIST } from "../src/server/static.ts";
import { ensureWebBuilt } from "../web/build.ts";
import { freshStore, kindsFromArgs, numberArg, printTable } from "./harness.ts";

const people = numberArg("people", 8_000);
const runs = numberArg("runs", 7);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
/** Surnames of the synthetic generator: each search is new to the page's cache. */
const QUERIES = [
  "Ivan",
  "Novikau",
  "Harbunou",
  "Lebedzeu",
  "Ihar",
  "Vasilyeu",
  "Radzivonau",
  "Iryna",
  "Kravets",
  "Sidaruk",
];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};
const ms = (seconds: number) => Math.round(seconds * 10) / 10;

/** The first chart: the number held over time, its line drawn with data. */
async function firstChartDrawn(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      (
        document
          .querySelector("[data-testid=chart-stock] .recharts-line-curve")
          ?.getAttribute("d") ?? ""
      ).length > 50,
    undefined,
    { polling: "raf", timeout: 60_000 },
  );
}

/** Every chart and table of the dashboard drawn with data. */
async function chartsDrawn(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const drawn = (chart: string, mark: string, least: number) =>
        document.querySelectorAll(`[data-testid=${chart}] ${mark}`).length >= least;
      return (
        drawn("chart-stock", ".recharts-line-curve", 2) &&
        drawn("chart-around", ".recharts-line-curve", 1) &&
        drawn("chart-flows", ".recharts-bar-rectangle", 10) &&
        drawn("chart-at-risk", ".recharts-bar-rectangle", 1) &&
        drawn("table-door", "tbody tr", 1) &&
        drawn("table-reconciliation", "tbody tr", 5)
      );
    },
    undefined,
    { polling: "raf", timeout: 60_000 },
  );
}

/** Milliseconds from navigation to `ready`, in a fresh context (no cache, no storage). */
async function visit(
  browser: Awaited<ReturnType<typeof chromium.launch>>,
  url: string,
  ready: (page: Page) => Promise<void>,
  scripts?: Set<string>,
): Promise<number> {
  const context = await browser.newContext({
    locale: "en-US",
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  if (scripts) {
    page.on("response", (response) => {
      if (response.request().resourceType() === "script")
        scripts.add(new URL(response.url()).pathname);
    });
  }
  const started = performance.now();
  await page.goto(url, { waitUntil: "commit" });
  await ready(page);
  const elapsed = performance.now() - started;
  await context.close();
  return elapsed;
}

function javascriptSizes(paths: Set<string>): { gzip: number; raw: number; files: number } {
  let gzip = 0;
  let raw = 0;
  for (const path of paths) {
    const file = join(WEB_DIST, path);
    const twin = `${file}.gz`;
    raw += statSync(file).size;
    gzip += existsSync(twin)
      ? statSync(twin).size
      : gzipSync(readFileSync(file), { level: 9 }).length;
  }
  return { gzip, raw, files: paths.size };
}

await ensureWebBuilt();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
const rows: Record<string, string | number>[] = [];
let firstPage: ReturnType<typeof javascriptSizes> | undefined;

for (const kind of kindsFromArgs()) {
  const bench = await freshStore(kind);
  try {
    await loadDemo(bench.store, { people });
    const app = await buildApp(bench.store, { logger: false });
    await app.listen({ host: "127.0.0.1", port: 0 });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    try {
      const scripts = new Set<string>();
      const cold = await visit(browser, `${url}/`, chartsDrawn, scripts);
      firstPage ??= javascriptSizes(scripts);
      const warm: number[] = [];
      const first: number[] = [];
      const shell: number[] = [];
      for (let i = 0; i < runs; i++) {
        first.push(await visit(browser, `${url}/`, firstChartDrawn));
        warm.push(await visit(browser, `${url}/`, chartsDrawn));
        shell.push(
          await visit(browser, `${url}/account`, (p) => p.locator("form.login").waitFor()),
        );
      }

      const context = await browser.newContext({ locale: "en-US" });
      const page = await context.newPage();
      await page.goto(`${url}/registry`);
      await page.locator(".registry-table tbody tr").first().waitFor();
      const ui: number[] = [];
      const api: number[] = [];
      for (const q of QUERIES.slice(0, Math.max(runs, 3))) {
        const direct = performance.now();
        const response = await fetch(
          `${url}/api/search/people?q=${encodeURIComponent(q)}&limit=100`,
        );
        const answer = (await response.json()) as { items: { id: string }[] };
        api.push(performance.now() - direct);
        await page.getByLabel("Search by name").fill(q);
        const started = performance.now();
        await page.keyboard.press("Enter");
        // Done when the address has the query, the list is no longer loading and shows the API's first match.
        await page.waitForFunction(
          ({ text, id }) =>
            new URL(location.href).searchParams.get("q") === text &&
            document.querySelector(".registry-table[aria-busy=false]") !== null &&
            (id === null ||
              document.querySelector(`.registry-table a[href="/people/${id}"]`) !== null),
          { text: q, id: answer.items[0]?.id ?? null },
          { polling: "raf" },
        );
        ui.push(performance.now() - started);
      }
      await context.close();

      rows.push(
        {
          store: kind,
          measure: "dashboard all charts drawn, first visit after start (ms)",
          value: ms(cold),
          baseline: ms(median(shell)),
          ratio: Math.round((cold / median(shell)) * 10) / 10,
          goal: "< 1500",
        },
        {
          store: kind,
          measure: `dashboard first chart drawn, median of ${runs} new readers (ms)`,
          value: ms(median(first)),
          baseline: ms(median(shell)),
          ratio: Math.round((median(first) / median(shell)) * 10) / 10,
          goal: "-",
        },
        {
          store: kind,
          measure: `dashboard all charts drawn, median of ${runs} new readers (ms)`,
          value: ms(median(warm)),
          baseline: ms(median(shell)),
          ratio: Math.round((median(warm) / median(shell)) * 10) / 10,
          goal: "< 1500",
        },
        {
          store: kind,
          measure: `registry search round-trip, median of ${ui.length} (ms)`,
          value: ms(median(ui)),
          baseline: ms(median(api)),
          ratio: Math.round((median(ui) / median(api)) * 10) / 10,
          goal: "< 200",
        },
      );
    } finally {
      await app.close();
    }
  } finally {
    await bench.dispose();
  }
}
await browser.close();

if (firstPage) {
  rows.push({
    store: "-",
    measure: `JavaScript of the first page, gzip (kB; ${firstPage.files} files)`,
    value: Math.round(firstPage.gzip / 102.4) / 10,
    baseline: Math.round(firstPage.raw / 102.4) / 10,
    ratio: Math.round((firstPage.gzip / firstPage.raw) * 100) / 100,
    goal: "< 350",
  });
}
console.log(`Web app in headless Chromium, ${people.toLocaleString("en")} synthetic people.`);
console.log(
  "baseline: the app's shell alone (sign-in page) for the dashboard; the API's own answer for the search; raw size for gzip.",
);
printTable(rows);
