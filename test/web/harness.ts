/**
 * What the browser tests share: the built app, a real server (the API's app with the web
 * app on it, listening on 127.0.0.1) over each test store loaded with the demo, accounts
 * of each role, and Chromium through playwright-core.
 *
 * Chromium is /usr/bin/chromium (or CHROMIUM_PATH). Without it the suites are skipped with
 * a warning, except under CI=true, where they fail.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe } from "vitest";
import { loadDemo } from "../../src/ingest/demo.ts";
import { buildApp } from "../../src/server/app.ts";
import type { Api } from "../../src/server/routes/types.ts";
import { createUser } from "../../src/services/accounts.ts";
import type { Store } from "../../src/store/connection.ts";
import { ensureWebBuilt } from "../../web/build.ts";
import { describeEachStore, type StoreKind } from "../helpers/stores.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
const missing = !existsSync(CHROMIUM);
const CI = process.env.CI === "true";
if (missing && !CI)
  console.warn(`Browser tests of the web app SKIPPED: no Chromium at ${CHROMIUM}`);

export const ARTIFACTS = resolve(import.meta.dirname, "../../test-artifacts/web");
export const PASSWORD = "correct horse battery staple";
/** Synthetic people of the demo in each suite: enough for every chart to have data. */
export const DEMO_PEOPLE = 1500;

export interface WebSuite {
  kind: StoreKind;
  store: Store;
  /** http://127.0.0.1:<port> */
  url: string;
  browser: Browser;
  /** A fresh browser context (own cookies and storage) and a page in it. */
  open(options?: {
    locale?: string;
    width?: number;
  }): Promise<{ page: Page; context: BrowserContext; errors: string[] }>;
  /** Saves a full-page screenshot as test-artifacts/web/<store>-<name>.png. */
  screenshot(page: Page, name: string): Promise<void>;
}

/** The server as `turnstile serve` builds it (the API and the web app), on a free port. */
export async function serveWeb(store: Store): Promise<{ app: Api; url: string }> {
  const app = await buildApp(store, {
    logger: false,
    config: { loginsPerMinute: 10_000, writesPerMinute: 100_000 },
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("no address");
  return { app, url: `http://127.0.0.1:${address.port}` };
}

export async function launchChromium(): Promise<Browser> {
  if (missing) throw new Error(`Chromium is required in CI and is missing at ${CHROMIUM}`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * `describe` once per store, with the demo loaded, accounts `editor`, `editor2`, `viewer`
 * and `admin` (password {@link PASSWORD}), the server listening and Chromium running.
 */
export function describeWeb(name: string, body: (use: () => WebSuite) => void): void {
  describe.skipIf(missing && !CI)(name, () => {
    describeEachStore(name, (useStore) => {
      let suite: WebSuite | undefined;
      let app: Api | undefined;
      let chromiumRunning: Browser | undefined;
      beforeAll(async () => {
        const browser = await launchChromium();
        chromiumRunning = browser;
        await ensureWebBuilt();
        const { store, kind } = useStore();
        await loadDemo(store, { people: DEMO_PEOPLE });
        for (const [user, role] of [
          ["editor", "editor"],
          ["editor2", "editor"],
          ["viewer", "viewer"],
          ["admin", "admin"],
        ] as const) {
          await createUser(store, { name: user, role, password: PASSWORD }, "test");
        }
        const served = await serveWeb(store);
        app = served.app;
        mkdirSync(ARTIFACTS, { recursive: true });
        suite = {
          kind,
          store,
          url: served.url,
          browser,
          async open(options = {}) {
            const context = await browser.newContext({
              locale: options.locale ?? "en-US",
              viewport: { width: options.width ?? 1280, height: 900 },
              // axe-core is injected as a script: let it past the page's policy.
              bypassCSP: true,
            });
            const page = await context.newPage();
            const errors: string[] = [];
            page.on("pageerror", (error) => errors.push(error.message));
            page.on("console", (message) => {
              if (message.type() === "error") errors.push(message.text());
            });
            return { page, context, errors };
          },
          async screenshot(page, shot) {
            await page.screenshot({ path: join(ARTIFACTS, `${kind}-${shot}.png`), fullPage: true });
          },
        };
      }, 240_000);
      afterAll(async () => {
        await chromiumRunning?.close();
        await app?.close();
      });
      body(() => {
        if (!suite) throw new Error("web suite not started");
        return suite;
      });
    });
  });
}

/** Signs in through the account page and waits until the app knows it. */
export async function signIn(page: Page, url: string, name: string): Promise<void> {
  await page.goto(`${url}/account`);
  await page.getByLabel(/user name/i).fill(name);
  await page.getByLabel(/^password/i).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("signed-in").waitFor();
}

/** Waits until every chart and table of the dashboard is drawn with data. */
export async function chartsDrawn(page: Page): Promise<void> {
  await page.waitForFunction(() => {
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
  });
}
