/**
 * The estimation endpoints on both stores: the services' figures to signed-in readers;
 * for anonymous readers small cells hidden and restricted sources unusable; simulations
 * and back-tests seeded and reproducible; clear 400s naming the field for bad input.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Api } from "../../src/server/routes/types.ts";
import { estimateReport } from "../../src/services/estimate.ts";
import { hideSmallCountsInText } from "../../src/services/estimation-views.ts";
import { writeBundle } from "../../src/store/bundle-writer.ts";
import { multiListBundle } from "../fixtures/estimation-bundle.ts";
import { describeEachStore } from "../helpers/stores.ts";
import { account, call, sessionHeaders, testApp } from "./helpers.ts";

const AT = "2024-06-30";
const { bundle, masks } = multiListBundle({
  truth: 600,
  probabilities: [0.3, 0.25, 0.35],
  seed: 7,
});

describeEachStore("estimation endpoints", (use) => {
  let app: Api;
  let viewer: Record<string, string>;

  beforeAll(async () => {
    const { store } = use();
    await store.transaction(async (tx) => {
      await writeBundle(tx, bundle, { actor: "test", batch: "estimation api" });
      // d1 documents one person: restricted, anonymous readers may not use it.
      await tx.query("UPDATE source SET restricted = true WHERE id = 'd1'");
    });
    app = await testApp(store);
    viewer = await sessionHeaders(store, await account(store, "v", "viewer"));
  });

  it("serves the estimate of the service, with every model, to signed-in readers", async () => {
    const url = `/api/estimation/estimate?lists=a1,b1%2Bb2,c1&at=${AT}`;
    const response = await call(app, "GET", url, { headers: viewer });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toEqual(
      JSON.parse(
        JSON.stringify(await estimateReport(use().store, { lists: "a1,b1+b2,c1", at: AT })),
      ),
    );
    expect(body.documented).toBe(masks.length);
    expect(body.lists.map((l: { label: string }) => l.label)).toEqual(["a1", "b1+b2", "c1"]);
    expect(body.models).toHaveLength(8);
    // A viewer may use the restricted source.
    const withD = await call(app, "GET", `/api/estimation/estimate?lists=a1,d1&at=${AT}`, {
      headers: viewer,
    });
    expect(withD.statusCode).toBe(200);
  });

  it("anonymous readers: cells under 5 are null, restricted sources unknown", async () => {
    const anonymous = (
      await call(app, "GET", `/api/estimation/estimate?lists=a1,b1%2Bb2,c1&at=${AT}`)
    ).json();
    const signedIn = (
      await call(app, "GET", `/api/estimation/estimate?lists=a1,b1%2Bb2,c1&at=${AT}`, {
        headers: viewer,
      })
    ).json();
    anonymous.overlap.forEach((row: { count: number | null }, i: number) => {
      const count = signedIn.overlap[i].count as number;
      expect(row.count).toBe(count < 5 ? null : count);
    });
    expect(anonymous.estimators[0].estimate).toBe(signedIn.estimators[0].estimate);
    // The period of 2023 holds one person (`gone`): every count of it is hidden.
    const small = (
      await call(app, "GET", "/api/estimation/estimate?lists=a1,b1&from=2023-01-01&to=2023-12-31")
    ).json();
    expect(small.held).toBeNull();
    expect(small.documented).toBeNull();
    // The one person on both lists is hidden; empty cells stay 0, as in the analytics.
    expect(small.overlap.map((r: { count: unknown }) => r.count)).toEqual([null, 0, 0]);
    expect(JSON.stringify(small.warnings)).not.toMatch(/\b1 person\b/);
    // The values given for the reader's language are hidden the same way.
    const counts = small.warnings
      .map((w: { params: { count?: unknown } }) => w.params.count)
      .filter((count: unknown) => count !== undefined);
    expect(counts.length).toBeGreaterThan(0);
    for (const count of counts)
      expect(count === "< 5" || (count as number) >= 5, JSON.stringify(small.warnings)).toBe(true);
    const restricted = await call(app, "GET", `/api/estimation/estimate?lists=a1,d1&at=${AT}`);
    expect(restricted.statusCode).toBe(400);
    expect(restricted.json().error.message).toContain('unknown source id "d1"');
    // Without lists, the restricted source is not among them for anonymous readers.
    const all = (await call(app, "GET", `/api/estimation/estimate?at=${AT}`)).json();
    expect(all.lists.map((l: { label: string }) => l.label)).toEqual(["a1", "b1", "b2", "c1"]);
    expect(JSON.stringify(all)).not.toContain("d1");
    const byPublisher = (
      await call(app, "GET", `/api/estimation/estimate?by=publisher&at=${AT}`)
    ).json();
    expect(byPublisher.lists.map((l: { label: string }) => l.label)).toEqual([
      "Pub A",
      "Pub B",
      "source:c1",
    ]);
  });

  it("simulates a scenario, seeded: the same query gives the same answer", async () => {
    const url =
      "/api/estimation/simulate?from=2024-07-01&months=12&releases=2024-08-01:50&runs=200&seed=3";
    const first = await call(app, "GET", url);
    expect(first.statusCode).toBe(200);
    const report = first.json();
    expect(report.rows).toHaveLength(13);
    expect(report.releases).toEqual([{ date: "2024-08-01", count: 50, operationId: null }]);
    expect(report.runs).toBe(200);
    expect(report.summary).toMatch(/If 50 are released on 2024-08-01/);
    const last = report.rows[12];
    expect(last.band95.lower).toBeLessThanOrEqual(last.band80.lower);
    expect(last.band80.lower).toBeLessThanOrEqual(last.median);
    expect(last.median).toBeLessThanOrEqual(last.band80.upper);
    // A small pulse is the reader's own input: not hidden like a small count of people.
    const small = await call(
      app,
      "GET",
      "/api/estimation/simulate?from=2024-07-01&months=3&releases=2024-08-01:3&runs=20",
    );
    expect(small.json().releases).toEqual([{ date: "2024-08-01", count: 3, operationId: null }]);
    // In 2023 one person was held: the start of a projection from then is a hidden count.
    const early = (
      await call(app, "GET", "/api/estimation/simulate?from=2023-06-01&months=2&runs=20")
    ).json();
    expect(early.calibration.heldAtStart).toBeNull();
    expect(early.summary).toMatch(/against fewer than 5 held/);
    const again = await call(app, "GET", url.replace("runs=200", "runs=200&responsive=false"), {
      headers: viewer,
    });
    expect(again.json().rows).toEqual(report.rows);
  });

  it("back-tests against the recorded stock", async () => {
    const response = await call(
      app,
      "GET",
      "/api/estimation/backtest?at=2024-03-01&months=6&runs=200",
    );
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.releaseBasis).toBe("recorded");
    expect(report.metrics).toHaveProperty("coverage80");
    expect(report.rows[0].recorded).not.toBeNull();
  });

  it("refuses bad input with a 400 naming the field", async () => {
    const refused = async (url: string, pattern: RegExp) => {
      const response = await call(app, "GET", url);
      expect(response.statusCode, url).toBe(400);
      expect(JSON.stringify(response.json()), url).toMatch(pattern);
    };
    const sim = "/api/estimation/simulate?from=2024-07-01";
    await refused(`${sim}&months=12&runs=100000`, /runs/);
    await refused(`${sim}&months=0`, /months/);
    await refused(`${sim}&months=-3`, /months/);
    await refused(`${sim}&months=12&releases=2026-13-01:100`, /releases\[0\]\.date/);
    await refused(`${sim}&months=12&releases=2026-01-01`, /releases.*DATE:COUNT/);
    await refused(`${sim}&months=120&runs=5000`, /runs × months/);
    await refused(`${sim}&months=12&releases=2030-01-01:5`, /outside the projection/);
    await refused(`${sim}&months=12&arrestRate=lots`, /arrestRate/);
    await refused(`${sim}&months=12&seed=1.5`, /seed/);
    await refused("/api/estimation/simulate?months=12", /from/);
    await refused("/api/estimation/estimate?lists=a1,b1&by=publisher", /either lists or by/);
    await refused("/api/estimation/estimate?lists=a1,,b1", /lists/);
    await refused("/api/estimation/estimate?at=2024-02-30", /at/);
    await refused("/api/estimation/estimate?level=2", /level/);
    await refused("/api/estimation/backtest?at=2024-03-01&months=6&releases=some", /releases/);
  });
});

describe("hiding small counts in text", () => {
  it("replaces counts of people below the smallest cell, and only those", () => {
    expect(hideSmallCountsInText("only 3 people on list a1; 1 person on b1", 5)).toBe(
      "only fewer than 5 people on list a1; fewer than 5 people on b1",
    );
    expect(hideSmallCountsInText("1,250 people on a1", 5)).toBe("1,250 people on a1");
    expect(hideSmallCountsInText("the registry's 3 admissions, against 2 held", 5)).toBe(
      "the registry's fewer than 5 admissions, against fewer than 5 held",
    );
  });
});
