/**
 * The analytics endpoints: the same figures as the services, small cells hidden from
 * anonymous readers only, fresh after every write, clear 400s for bad parameters.
 */
import { beforeAll, expect, it } from "vitest";
import type { Api } from "../../src/server/routes/types.ts";
import { flowsReport } from "../../src/services/analytics.ts";
import { describeEachStore } from "../helpers/stores.ts";
import { KINDS, OPERATION, personId, seedFixture } from "./fixture.ts";
import { account, call, sessionHeaders, testApp } from "./helpers.ts";

describeEachStore("analytics endpoints", (use) => {
  let app: Api;
  let viewer: Record<string, string>;
  let editor: Record<string, string>;

  beforeAll(async () => {
    const { store } = use();
    await seedFixture(store);
    app = await testApp(store);
    viewer = await sessionHeaders(store, await account(store, "v", "viewer"));
    editor = await sessionHeaders(store, await account(store, "e", "editor"));
    // Two of the seven are pardoned by the operation: a cell of 2.
    for (const [kind] of KINDS.slice(0, 2)) {
      const created = await call(app, "POST", "/api/events", {
        headers: editor,
        body: {
          personId: personId(kind),
          type: "released",
          date: "2024-07-03",
          mechanism: "pardon",
          operationId: OPERATION,
          sourceIds: ["s-public"],
        },
      });
      expect(created.statusCode).toBe(201);
    }
  });

  it("serves the services' figures to signed-in readers", async () => {
    const url = "/api/analytics/flows?from=2024-07&to=2024-07&step=month";
    const response = await call(app, "GET", url, { headers: viewer });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(
      await flowsReport(use().store, { from: "2024-07", to: "2024-07", step: "month" }),
    );
    expect(response.json()[0].exits).toEqual({ pardon: 2 });
  });

  it("hides cells of fewer than 5 people from anonymous readers, and what would give them back", async () => {
    const flows = (await call(app, "GET", "/api/analytics/flows?from=2024-07&to=2024-07")).json();
    expect(flows[0].exits).toEqual({ pardon: null });
    const door = (
      await call(app, "GET", `/api/analytics/revolving-door?operationId=${OPERATION}&windows=30`)
    ).json();
    expect(door[0].released_documented).toBeNull();
    expect(door[0].announced).toBe(18);
    const signedIn = (
      await call(app, "GET", `/api/analytics/revolving-door?operationId=${OPERATION}&windows=30`, {
        headers: viewer,
      })
    ).json();
    expect(signedIn[0].released_documented).toBe(2);
    const stock = (
      await call(app, "GET", "/api/analytics/stock?from=2016-01-01&to=2016-01-01&step=day")
    ).json();
    expect(stock[0]).toMatchObject({ count: 7, lower: 7, upper: 7 });
    const dashboard = (await call(app, "GET", "/api/analytics/dashboard?from=2015&to=2025")).json();
    expect(dashboard.deathsInCustody).toEqual([]);
    expect(dashboard.timeHeld.closed.longest).toBeNull();
    expect(Object.keys(dashboard.sources)).toEqual(["s-public"]);
  });

  it("the smallest cell is configurable", async () => {
    const lenient = await testApp(use().store, { minCell: 2 });
    const flows = (
      await call(lenient, "GET", "/api/analytics/flows?from=2024-07&to=2024-07")
    ).json();
    expect(flows[0].exits).toEqual({ pardon: 2 });
    await lenient.close();
  });

  it("figures follow every write at once (the cache keys on the audit log)", async () => {
    const url = "/api/analytics/stock?from=2024-08-01&to=2024-08-01&step=day";
    const before = (await call(app, "GET", url, { headers: viewer })).json()[0].count;
    await call(app, "POST", "/api/events", {
      headers: editor,
      body: {
        personId: personId("pri_wit"),
        type: "released",
        date: "2024-07-20",
        sourceIds: ["s-public"],
      },
    });
    const after = (await call(app, "GET", url, { headers: viewer })).json()[0].count;
    expect(after).toBe(before - 1);
  });

  it("answers bad parameters with 400 naming them", async () => {
    const cases: [string, RegExp][] = [
      ["/api/analytics/stock?from=2025-02-30&to=2025-03", /day 30 does not exist in February 2025/],
      ["/api/analytics/stock?from=2025&to=2024", /is after/],
      ["/api/analytics/stock?from=1000&to=9999&step=day", /more than 20000 periods/],
      ["/api/analytics/revolving-door?operationId=nope", /unknown release operation "nope"/],
      ["/api/analytics/revolving-door?windows=30,x", /windows: must be days separated by commas/],
      ["/api/analytics/reconcile?monitor=Nobody", /no counts published by monitor "Nobody"/],
      ["/api/analytics/at-risk?silenceDays=-1", /silenceDays/],
    ];
    for (const [url, message] of cases) {
      const response = await call(app, "GET", url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.code).toBe("validation");
      expect(response.json().error.message, url).toMatch(message);
    }
  });
});
