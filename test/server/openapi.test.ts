/**
 * The OpenAPI 3.1 document, generated from the routes' zod schemas, is valid (checked by a
 * real validator) and describes every route of the app, with its parameters.
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DOCS_PREFIX, routeTable } from "../../src/server/app.ts";
import type { Api } from "../../src/server/routes/types.ts";
import { WEB_ROUTE } from "../../src/server/static.ts";
import { describeEachStore } from "../helpers/stores.ts";
import { call, testApp } from "./helpers.ts";

interface Document {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string }[];
        requestBody?: unknown;
        responses: Record<string, unknown>;
      }
    >
  >;
}

describeEachStore("OpenAPI document", (use) => {
  let app: Api;
  let doc: Document;
  beforeAll(async () => {
    app = await testApp(use().store);
    const response = await call(app, "GET", `${DOCS_PREFIX}/json`);
    expect(response.statusCode).toBe(200);
    doc = response.json();
  });
  afterAll(async () => app.close());

  it("is a valid OpenAPI 3.1 document", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const validator = new Validator();
    const result = await validator.validate(doc as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("describes every route of the app, with its path parameters", () => {
    // Not the API: its documentation, and the web application's files and page.
    const routes = routeTable(app).filter(
      (r) => !r.url.startsWith(DOCS_PREFIX) && r.url !== WEB_ROUTE,
    );
    expect(routes.length).toBeGreaterThan(60);
    const missing: string[] = [];
    for (const route of routes) {
      const path = route.url.replace(/:(\w+)/g, "{$1}");
      const operation = doc.paths[path]?.[route.method.toLowerCase()];
      if (!operation) {
        missing.push(`${route.method} ${route.url}`);
        continue;
      }
      for (const [, name] of route.url.matchAll(/:(\w+)/g)) {
        const declared = operation.parameters?.some((p) => p.in === "path" && p.name === name);
        if (!declared) missing.push(`${route.method} ${route.url}: path parameter ${name}`);
      }
      if (!operation.responses["200"] && !operation.responses["201"]) {
        missing.push(`${route.method} ${route.url}: no success response`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("documents request bodies and the error shape", () => {
    const create = doc.paths["/api/people"]?.post;
    expect(create?.requestBody).toBeDefined();
    expect(JSON.stringify(create?.responses["400"])).toContain("Error");
  });

  it("serves the interactive documentation", async () => {
    const page = await call(app, "GET", DOCS_PREFIX);
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain("swagger");
  });
});
