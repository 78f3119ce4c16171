/**
 * Large answers kept by the report cache go out gzip-compressed to clients that accept it
 * (the dashboard's answer is the largest a reader waits for), plain to the others, with the
 * same JSON either way.
 */
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { loadDemo } from "../../src/ingest/demo.ts";
import { acceptsGzip, GZIP_FROM_BYTES } from "../../src/server/json-reply.ts";
import type { Api } from "../../src/server/routes/types.ts";
import { describeEachStore } from "../helpers/stores.ts";
import { call, testApp } from "./helpers.ts";

describeEachStore("compressed answers", (use) => {
  let app: Api;

  beforeAll(async () => {
    await loadDemo(use().store, { people: 200 });
    app = await testApp(use().store);
  }, 120_000);

  it("sends the dashboard gzip when asked, plain otherwise, the same JSON", async () => {
    const plain = await call(app, "GET", "/api/analytics/dashboard");
    expect(plain.statusCode).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(GZIP_FROM_BYTES);
    const zipped = await call(app, "GET", "/api/analytics/dashboard", {
      headers: { "accept-encoding": "gzip, deflate, br" },
    });
    expect(zipped.statusCode).toBe(200);
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toContain("accept-encoding");
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString("utf8"))).toEqual(plain.json());
    const refused = await call(app, "GET", "/api/analytics/dashboard", {
      headers: { "accept-encoding": "gzip;q=0, identity" },
    });
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(refused.json()).toEqual(plain.json());
  });

  it("leaves small answers alone", async () => {
    const health = await call(app, "GET", "/api/health", {
      headers: { "accept-encoding": "gzip" },
    });
    expect(health.statusCode).toBe(200);
    expect(health.headers["content-encoding"]).toBeUndefined();
  });
});

describe("Accept-Encoding", () => {
  it("takes gzip or *, unless its q is 0", () => {
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("br;q=1.0, gzip;q=0.8")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("GZIP; q=0.0")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip("x-gzip2")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
