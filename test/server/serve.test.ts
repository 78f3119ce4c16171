/**
 * `turnstile serve`, `start` and `user add` as a user runs them: a real process, a real
 * port, the URL printed, users added through the running server (the embedded database's
 * folder is held by it), and a clean stop on SIGTERM / SIGINT that releases the folder.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { BIN, turnstile } from "../helpers/cli.ts";
import {
  closeTestStore,
  describeEachStore,
  openTestStore,
  TEST_DATABASE_URL,
  type TestStore,
} from "../helpers/stores.ts";

interface Running {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  exited: Promise<number | null>;
}

function start(args: string[], env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stderr?.on("data", (chunk) => {
    err += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no URL printed in time:\n${out}\n${err}`)),
      90_000,
    );
    child.stdout?.on("data", (chunk) => {
      out += chunk;
      const match = /Turnstile is running at (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] as string, stdout: () => out, exited });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before serving:\n${out}\n${err}`));
    });
  });
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describeEachStore("turnstile serve", (use) => {
  let env: Record<string, string>;
  let args: string[];
  let extra: TestStore | undefined;

  beforeAll(async () => {
    if (use().kind === "pglite") {
      const dir = mkdtempSync(join(tmpdir(), "turnstile-serve-"));
      dirs.push(dir);
      env = { DATABASE_URL: "" };
      args = ["--data-dir", join(dir, "db")];
    } else {
      // A schema of its own, reached with the connection's search_path.
      extra = await openTestStore("postgres");
      const url = new URL(TEST_DATABASE_URL);
      url.searchParams.set("options", `-c search_path=${extra.schema}`);
      env = { DATABASE_URL: url.toString() };
      args = [];
    }
  });
  afterAll(async () => {
    if (extra) await closeTestStore(extra);
  });

  it("prints its URL, serves, takes users from `user add`, and stops cleanly on SIGTERM", async () => {
    const server = await start([...args, "serve", "--port", "0"], env);
    expect(server.stdout()).toMatch(/API documentation: http:\/\/127\.0\.0\.1:\d+\/api\/docs/);
    expect(server.stdout()).toMatch(/npx turnstile( --data-dir \S+)? user add admin --role admin/);
    const health = await fetch(`${server.url}/api/health`);
    expect(await health.json()).toEqual({
      ok: true,
      database: use().kind,
      people: 0,
      syntheticPeople: 0,
    });
    const added = await turnstile(
      [...args, "user", "add", "boss", "--role", "admin", "--password-stdin"],
      env,
      "a very long password\n",
    );
    expect(added.stderr).toBe("");
    expect(added.stdout).toBe('Created user "boss" with the role admin.\n');
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "boss", password: "a very long password" }),
    });
    expect(login.status).toBe(200);
    const short = await turnstile(
      [...args, "user", "add", "tiny", "--role", "viewer", "--password-stdin"],
      env,
      "short",
    );
    expect(short.code).not.toBe(0);
    expect(short.stderr).toMatch(/password: must have at least 10 characters/);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(server.stdout()).toContain("Stopped (SIGTERM).");
    if (use().kind === "pglite") {
      const dataDir = args[1] as string;
      expect(existsSync(join(dataDir, "turnstile.lock"))).toBe(false);
      expect(existsSync(join(dataDir, "turnstile.server.json"))).toBe(false);
    }
    // With the server stopped, the command opens the database itself.
    const direct = await turnstile([...args, "user", "add", "vera", "--role", "viewer"], {
      ...env,
      TURNSTILE_PASSWORD: "another long password",
    });
    expect(direct.stdout).toBe('Created user "vera" with the role viewer.\n');
    const list = await turnstile([...args, "user", "list"], env);
    expect(list.stdout).toBe("boss\tadmin\nvera\tviewer\n");
    const noPassword = await turnstile([...args, "user", "add", "x", "--role", "viewer"], env);
    expect(noPassword.stderr).toMatch(/no password: pass --password-stdin/);
  });
});

it("`turnstile start` loads the demo into an empty database, serves it, stops on SIGINT", async () => {
  const dir = mkdtempSync(join(tmpdir(), "turnstile-start-"));
  dirs.push(dir);
  const server = await start(
    ["--data-dir", join(dir, "db"), "start", "--port", "0", "--demo-people", "60"],
    {
      DATABASE_URL: "",
    },
  );
  const people = await (await fetch(`${server.url}/api/people?limit=500`)).json();
  const everyone = people.items as { synthetic: boolean }[];
  expect(everyone.every((p) => p.synthetic)).toBe(true);
  const dashboard = await fetch(`${server.url}/api/analytics/dashboard`);
  expect(dashboard.status).toBe(200);
  expect((await dashboard.json()).synthetic).toMatchObject({ syntheticPeople: 60 });
  server.child.kill("SIGINT");
  expect(await server.exited).toBe(0);
  expect(existsSync(join(dir, "db", "turnstile.lock"))).toBe(false);
});
