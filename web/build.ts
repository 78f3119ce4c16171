/**
 * Builds the web application when web/dist is missing or older than its sources, so that
 * `npm start` and the browser tests always serve the current app without rebuilding it
 * every time. Several test processes may ask at once: a lock folder lets one build while
 * the others wait for it.
 *
 *   node web/build.ts            build if stale
 *   node web/build.ts --force    build anyway
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const WEB = import.meta.dirname;
const ROOT = resolve(WEB, "..");
const INDEX = join(WEB, "dist", "index.html");
const LOCK = join(
  tmpdir(),
  `turnstile-web-build-${Buffer.from(ROOT).toString("hex").slice(-24)}.lock`,
);
/** Sources of the app outside web/src that it imports. */
const SHARED = [join(ROOT, "src", "domain", "partial-date.ts")];

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/** True when web/dist is missing or older than a source of the app. */
export function isStale(): boolean {
  if (!existsSync(INDEX)) return true;
  const built = statSync(INDEX).mtimeMs;
  const sources = [
    join(WEB, "src"),
    join(WEB, "public"),
    join(WEB, "index.html"),
    join(WEB, "vite.config.ts"),
    ...SHARED,
  ];
  return sources.some((source) => existsSync(source) && newest(source) > built);
}

function build(): void {
  execFileSync(join(ROOT, "node_modules", ".bin", "vite"), ["build", WEB, "--logLevel", "warn"], {
    cwd: ROOT,
    // Vite keeps a NODE_ENV it is given: under Vitest (NODE_ENV=test) the app would be built
    // with React's development runtime, twice the JavaScript and several times slower to
    // draw, and served as it is by `turnstile serve` until the sources change.
    env: { ...process.env, NODE_ENV: "production" },
    stdio: ["ignore", "inherit", "inherit"],
  });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Builds the app if it is stale (or always, with `force`); waits for a build under way. */
export async function ensureWebBuilt(force = false): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Someone else is building; a lock older than three minutes is a crashed build's.
      const since = statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() > deadline || Date.now() - since > 180_000) {
        rmSync(LOCK, { recursive: true, force: true });
      }
      await sleep(200);
    }
  }
  try {
    if (force || isStale()) build();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  await ensureWebBuilt(process.argv.includes("--force"));
}
