/** The main pages of the app, with ids from the suite's demo data, and how to know each is ready. */
import type { Page } from "playwright-core";
import type { Store } from "../../src/store/connection.ts";
import { chartsDrawn } from "./harness.ts";

export interface MainPage {
  name: string;
  path: string;
  /** Resolves once the page shows its data. */
  ready(page: Page): Promise<void>;
}

async function visible(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().waitFor();
}

/** The pages a visitor sees, for a public person and an operation of the store's demo. */
export async function mainPages(store: Store): Promise<MainPage[]> {
  const [person] = await store.query<{ id: string }>(
    `SELECT p.id FROM person p WHERE p.visibility = 'public' AND p.consent = 'granted'
        AND EXISTS (SELECT 1 FROM event e WHERE e.person_id = p.id AND e.type = 'released')
      ORDER BY p.id LIMIT 1`,
  );
  const [operation] = await store.query<{ id: string }>(
    "SELECT id FROM release_operation ORDER BY date_first DESC LIMIT 1",
  );
  if (!person || !operation) throw new Error("the demo has no public person or no operation");
  return [
    { name: "dashboard", path: "/", ready: chartsDrawn },
    { name: "registry", path: "/registry", ready: (p) => visible(p, ".registry-table tbody tr") },
    {
      name: "registry-filtered",
      path: "/registry?status=released&region=Minsk&sort=-region",
      ready: (p) => visible(p, ".registry-table tbody tr"),
    },
    {
      name: "person",
      path: `/people/${person.id}`,
      ready: (p) => visible(p, "[data-testid=timeline] li"),
    },
    {
      name: "operations",
      path: "/operations",
      ready: (p) => visible(p, "[data-testid=operations-table] tbody tr"),
    },
    {
      name: "operation",
      path: `/operations/${operation.id}`,
      ready: (p) => visible(p, "[data-testid=table-door] tbody tr"),
    },
    {
      name: "sanctions",
      path: "/sanctions",
      ready: (p) => visible(p, "[data-testid=sanctions-timeline] li"),
    },
    {
      name: "monitor-counts",
      path: "/monitor-counts",
      ready: (p) => visible(p, "[data-testid=counts-table] tbody tr"),
    },
    {
      name: "estimate",
      path: "/estimate?at=2026-06-30",
      ready: (p) => visible(p, "[data-testid=overlap-table] tbody tr"),
    },
    {
      name: "simulate",
      path: "/simulate?from=2026-01-01&months=12&releases=2026-01-01:100&runs=200",
      ready: (p) => visible(p, "[data-testid=simulation-chart] .recharts-area-area"),
    },
    { name: "account", path: "/account", ready: (p) => visible(p, "form.login") },
  ];
}
