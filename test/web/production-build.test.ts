/**
 * The web application is built for production even when the build is started by the test
 * runner (Vitest sets NODE_ENV=test, which Vite would keep): React's development runtime
 * made the dashboard about twice as slow to draw, and `turnstile serve` serves whatever
 * web/dist holds.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { WEB_DIST } from "../../src/server/static.ts";
import { ensureWebBuilt } from "../../web/build.ts";

it("web/dist holds no development-only React code", { timeout: 240_000 }, async () => {
  expect(process.env.NODE_ENV).toBe("test");
  await ensureWebBuilt();
  const assets = join(WEB_DIST, "assets");
  const scripts = readdirSync(assets).filter((f) => f.endsWith(".js"));
  expect(scripts.length).toBeGreaterThan(0);
  const development = scripts.filter((f) =>
    readFileSync(join(assets, f), "utf8").includes("jsxDEV"),
  );
  expect(development).toEqual([]);
});
