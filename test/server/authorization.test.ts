/**
 * The authorization matrix, generated from the app's route table: every route × anonymous,
 * viewer, editor, admin (sessions), an editor's API token, a revoked token and an expired
 * session, with the status each must get. A route without an access rule cannot be
 * registered; a route without a probe here fails the test.
 */

import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Access } from "../../src/server/access.ts";
import { buildApp, routeTable } from "../../src/server/app.ts";
import type { Api } from "../../src/server/routes/types.ts";
import { WEB_DIST, WEB_ROUTE } from "../../src/server/static.ts";
import { revokeApiToken } from "../../src/services/accounts.ts";
import { atLeast, type Role } from "../../src/services/visibility.ts";
import { closeTestStore, describeEachStore, openTestStore } from "../helpers/stores.ts";
import { seedFixture } from "./fixture.ts";
import { account, call, sessionHeaders, testApp, tokenHeaders } from "./helpers.ts";

const WEB_BUILT = existsSync(join(WEB_DIST, "index.html"));

interface Probe {
  url: string;
  body?: unknown;
  /** The status of an allowed caller. */
  ok: number;
}

const ENTITY_IDS: Record<string, string> = {
  people: "PID_pub",
  events: "EVDET_pub",
  sources: "s-public",
  operations: "op-2024",
  measures: "m-belavia",
  "diplomatic-events": "d-visit",
  "monitor-counts": "mc-1",
};

/** One request per route that an allowed caller gets `ok` for, changing nothing. */
function probeFor(method: string, url: string): Probe | undefined {
  const fixed: Record<string, Probe> = {
    "GET /api/health": { url: "/api/health", ok: 200 },
    "GET /api/people/:id/timeline": { url: "/api/people/PID_pub/timeline", ok: 200 },
    "GET /api/search/people": { url: "/api/search/people?q=NAME", ok: 200 },
    "GET /api/trash": { url: "/api/trash", ok: 200 },
    "GET /api/audit": { url: "/api/audit", ok: 200 },
    "POST /api/auth/login": { url: "/api/auth/login", body: {}, ok: 400 },
    "POST /api/auth/logout": { url: "/api/auth/logout", ok: 200 },
    "GET /api/auth/session": { url: "/api/auth/session", ok: 200 },
    "POST /api/auth/password": { url: "/api/auth/password", body: {}, ok: 400 },
    "GET /api/users": { url: "/api/users", ok: 200 },
    "POST /api/users": { url: "/api/users", body: {}, ok: 400 },
    "GET /api/users/:name": { url: "/api/users/admin", ok: 200 },
    "PATCH /api/users/:name": { url: "/api/users/admin", body: {}, ok: 400 },
    "GET /api/tokens": { url: "/api/tokens", ok: 200 },
    "POST /api/tokens": { url: "/api/tokens", body: {}, ok: 400 },
    "DELETE /api/tokens/:id": { url: "/api/tokens/0000000000", ok: 404 },
    "POST /api/local/users": { url: "/api/local/users", body: {}, ok: 201 },
    "GET /api/analytics/stock": { url: "/api/analytics/stock?from=2015&to=2016", ok: 200 },
    "GET /api/analytics/flows": { url: "/api/analytics/flows?from=2015&to=2016", ok: 200 },
    "GET /api/analytics/revolving-door": { url: "/api/analytics/revolving-door", ok: 200 },
    "GET /api/analytics/ledger": { url: "/api/analytics/ledger", ok: 200 },
    "GET /api/analytics/reconcile": { url: "/api/analytics/reconcile", ok: 200 },
    "GET /api/analytics/at-risk": { url: "/api/analytics/at-risk", ok: 200 },
    "GET /api/analytics/dashboard": { url: "/api/analytics/dashboard", ok: 200 },
    "GET /api/review/matches": { url: "/api/review/matches", ok: 200 },
    "POST /api/review/matches/:id/accept": { url: "/api/review/matches/999999/accept", ok: 404 },
    "POST /api/review/matches/:id/reject": { url: "/api/review/matches/999999/reject", ok: 404 },
    "POST /api/review/matches/find": { url: "/api/review/matches/find", ok: 200 },
    "GET /api/review/merges": { url: "/api/review/merges", ok: 200 },
    "POST /api/review/merges/:id/undo": { url: "/api/review/merges/999999/undo", ok: 404 },
    "POST /api/review/articles": { url: "/api/review/articles", body: {}, ok: 400 },
    "GET /api/review/drafts": { url: "/api/review/drafts", ok: 200 },
    "PATCH /api/review/drafts/:id": { url: "/api/review/drafts/999999", body: {}, ok: 400 },
    "POST /api/review/drafts/:id/accept": { url: "/api/review/drafts/999999/accept", ok: 404 },
    "POST /api/review/drafts/:id/reject": { url: "/api/review/drafts/999999/reject", ok: 404 },
    // The fixture's people are cited by its public and restricted sources alike: one list
    // alone, a 400 for every caller allowed in (the access check comes first).
    "GET /api/estimation/estimate": {
      url: "/api/estimation/estimate?lists=s-public&at=2016-01-01",
      ok: 400,
    },
    "GET /api/estimation/simulate": {
      url: "/api/estimation/simulate?from=2016-01-01&months=2&runs=20",
      ok: 200,
    },
    "GET /api/estimation/backtest": {
      url: "/api/estimation/backtest?at=2015-01-01&months=2&runs=20",
      ok: 200,
    },
    // Not multipart: refused before anything is read or reserved.
    "POST /api/imports": { url: "/api/imports", body: {}, ok: 415 },
    "GET /api/imports": { url: "/api/imports", ok: 200 },
    "GET /api/imports/:id": { url: "/api/imports/no-such-import", ok: 404 },
    "GET /api/imports/:id/report.csv": { url: "/api/imports/no-such-import/report.csv", ok: 404 },
    "GET /api/docs": { url: "/api/docs", ok: 200 },
    "GET /api/docs/": { url: "/api/docs/", ok: 200 },
    "GET /api/docs/json": { url: "/api/docs/json", ok: 200 },
    "GET /api/docs/yaml": { url: "/api/docs/yaml", ok: 200 },
    "GET /api/docs/static/index.html": { url: "/api/docs/static/index.html", ok: 302 },
    "GET /api/docs/static/swagger-initializer.js": {
      url: "/api/docs/static/swagger-initializer.js",
      ok: 200,
    },
    "GET /api/docs/static/*": { url: "/api/docs/static/swagger-ui.css", ok: 200 },
    // The web application: its page for any path outside /api (404 until it is built).
    [`GET ${WEB_ROUTE}`]: { url: "/registry", ok: WEB_BUILT ? 200 : 404 },
  };
  const key = `${method} ${url}`;
  if (fixed[key]) return fixed[key];
  const match = /^\/api\/([a-z-]+)(\/:id)?(\/restore|\/history)?$/.exec(url);
  const id = match ? ENTITY_IDS[match[1] as string] : undefined;
  if (!match || !id) return undefined;
  const base = `/api/${match[1]}`;
  const [, , withId, suffix] = match;
  if (!withId) return method === "GET" ? { url: base, ok: 200 } : { url: base, body: {}, ok: 400 };
  if (suffix === "/restore") return { url: `${base}/no-such-id/restore`, ok: 404 };
  if (suffix === "/history") return { url: `${base}/${id}/history`, ok: 200 };
  if (method === "GET") return { url: `${base}/${id}`, ok: 200 };
  if (method === "PATCH") return { url: `${base}/${id}`, body: {}, ok: 400 };
  if (method === "DELETE") return { url: `${base}/no-such-id`, ok: 404 };
  return undefined;
}

type Caller =
  | "anonymous"
  | "viewer"
  | "editor"
  | "admin"
  | "editorToken"
  | "revokedToken"
  | "expiredSession";
const CALLERS: Caller[] = [
  "anonymous",
  "viewer",
  "editor",
  "admin",
  "editorToken",
  "revokedToken",
  "expiredSession",
];

const ROLE_OF: Record<Caller, Role> = {
  anonymous: "public",
  viewer: "viewer",
  editor: "editor",
  admin: "admin",
  editorToken: "editor",
  revokedToken: "public",
  expiredSession: "public",
};

/** What a caller must get: "ok" (the probe's status), 401 or 403. */
function expected(access: Access, caller: Caller): "ok" | 401 | 403 {
  if (access === "local") return 403; // only with the server's local secret
  if (caller === "revokedToken") return 401; // a bad credential is refused, not ignored
  const role = ROLE_OF[caller];
  if (atLeast(role, access)) return "ok";
  return role === "public" ? 401 : 403;
}

describe("route table", () => {
  it("refuses a route that declares no access rule", async () => {
    const test = await openTestStore("pglite");
    try {
      const app = await buildApp(test.store, { logger: false });
      expect(() => app.get("/api/unruled", async () => "x")).toThrow(/declares no access rule/);
      await app.close();
    } finally {
      await closeTestStore(test);
    }
  });
});

describeEachStore("authorization matrix", (use) => {
  let app: Api;
  const headers = {} as Record<Caller, () => Promise<Record<string, string>>>;

  beforeAll(async () => {
    const { store } = use();
    await seedFixture(store);
    app = await testApp(store);
    const viewer = await account(store, "viewer", "viewer");
    const editor = await account(store, "editor", "editor");
    const admin = await account(store, "admin", "admin");
    const token = await tokenHeaders(store, editor);
    const revoked = await tokenHeaders(store, editor);
    await revokeApiToken(
      store,
      {
        role: "admin",
        actor: "admin",
        via: "session",
        userId: admin.userId,
        userName: "admin",
        tokenId: null,
      },
      revoked.id,
    );
    // A fresh session for every request: logout ends the one it is given.
    headers.anonymous = async () => ({});
    headers.viewer = () => sessionHeaders(store, viewer);
    headers.editor = () => sessionHeaders(store, editor);
    headers.admin = () => sessionHeaders(store, admin);
    headers.editorToken = async () => token.headers;
    headers.revokedToken = async () => revoked.headers;
    headers.expiredSession = () => sessionHeaders(store, editor, -60);
  });

  it("has a probe for every route, and every route answers each caller as its rule says", async () => {
    const routes = routeTable(app);
    expect(routes.length).toBeGreaterThan(60);
    const missing = routes.filter((r) => !probeFor(r.method, r.url));
    expect(missing, "routes without a probe: add one to this test").toEqual([]);
    const failures: string[] = [];
    for (const route of routes) {
      const probe = probeFor(route.method, route.url) as Probe;
      for (const caller of CALLERS) {
        const want = expected(route.access, caller);
        const response = await call(app, route.method as "GET", probe.url, {
          headers: await headers[caller](),
          body: probe.body,
        });
        const status = want === "ok" ? probe.ok : want;
        if (response.statusCode !== status) {
          failures.push(
            `${route.method} ${route.url} as ${caller}: ${response.statusCode}, expected ${status} (${response.body.slice(0, 160)})`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("answers 401 with the error shape, naming how to sign in", async () => {
    const response = await call(app, "POST", "/api/people", { body: { name: "x" } });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe("unauthenticated");
    expect(response.json().error.message).toMatch(/sign in first \(editor role or above\)/);
    const expired = await call(app, "GET", "/api/users", {
      headers: await headers.expiredSession(),
    });
    expect(expired.json().error.message).toBe("your session has expired: sign in again");
  });
});
