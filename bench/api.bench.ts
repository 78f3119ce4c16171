/**
 * The HTTP API under load, with autocannon at 50 connections against `turnstile serve` on
 * 127.0.0.1 (its own process) over the 8,000-person demo, on each store: requests/s and
 * p50/p95/p99 latency of the dashboard, the person list and a person's timeline, beside a
 * trivial /api/health in the same run (the baseline of the ratios). Then a mixed run:
 * editors update people with versions while readers read; at the end every acknowledged
 * write must be in the database and in the audit log. Last, login timing for an existing
 * and an unknown name.
 *
 *   node bench/api.bench.ts [--people 8000] [--seconds 10] [--stores pglite,postgres]
 */
import { type ChildProcess, spawn } from "node:child_process";
import autocannon from "autocannon";
import { loadDemo } from "../src/ingest/demo.ts";
import { createApiToken, createUser } from "../src/services/accounts.ts";
import type { Principal } from "../src/services/authentication.ts";
import { findUser } from "../src/store/accounts.ts";
import {
  BENCH_DATABASE_URL,
  freshStore,
  type Kind,
  kindsFromArgs,
  numberArg,
  printTable,
  time,
} from "./harness.ts";

const people = numberArg("people", 8_000);
const seconds = numberArg("seconds", 10);
const CONNECTIONS = 50;
const BIN = new URL("../bin/turnstile.js", import.meta.url).pathname;

interface Server {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

function serve(args: string[], env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, [BIN, ...args, "serve", "--port", "0"], {
    env: {
      ...process.env,
      LOG_LEVEL: "warn",
      TURNSTILE_WRITES_PER_MINUTE: "10000000",
      TURNSTILE_LOGINS_PER_MINUTE: "100000",
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      out += chunk;
      const match = /running at (http:\/\/\S+)/.exec(out);
      if (match) {
        resolve({
          url: match[1] as string,
          child,
          async stop() {
            child.kill("SIGTERM");
            await exited;
          },
        });
      }
    });
    child.on("exit", (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

interface Load {
  name: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
}

/** One autocannon run; latencies of every response, for exact percentiles. */
async function load(
  name: string,
  url: string,
  options: { headers?: Record<string, string>; connections?: number; duration?: number } = {},
): Promise<Load> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections ?? CONNECTIONS,
        duration: options.duration ?? seconds,
        headers: options.headers,
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on("response", (_client, _status, _bytes, ms) => {
      latencies.push(ms);
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    name,
    rps: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

async function getJson(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

interface Ack {
  id: string;
  version: number;
  occupation: string;
  actor: string;
}

/** An editor's loop: read a person, change it with the version read, retry on 409. */
async function editor(
  base: string,
  token: { header: string; id: string },
  ids: string[],
  until: number,
  acks: Ack[],
  counts: { conflicts: number; errors: number },
  seed: number,
) {
  const headers = { authorization: token.header, "content-type": "application/json" };
  let n = 0;
  while (Date.now() < until) {
    const id = ids[(seed * 7919 + n * 104_729) % ids.length] as string;
    n++;
    const person = await getJson(`${base}/api/people/${id}`, headers);
    const occupation = `bench ${token.id} #${n}`;
    const response = await fetch(`${base}/api/people/${id}`, {
      method: "PATCH",
      headers,
      body: JSON.stringify({ version: person.version, occupation }),
    });
    if (response.status === 200) {
      const after = await response.json();
      acks.push({ id, version: after.version, occupation, actor: `token:${token.id}` });
    } else if (response.status === 409) counts.conflicts++;
    else counts.errors++;
  }
}

async function mixedRun(
  base: string,
  tokens: { header: string; id: string }[],
  timelineUrl: string,
) {
  // A small pool, so that editors meet on the same people and stale versions happen.
  const list = await getJson(`${base}/api/people?limit=25&sort=id`, {
    authorization: tokens[0]?.header as string,
  });
  const ids = (list.items as { id: string }[]).map((p) => p.id);
  const acks: Ack[] = [];
  const counts = { conflicts: 0, errors: 0 };
  const until = Date.now() + seconds * 1000;
  const readers = [
    load("mixed: dashboard", `${base}/api/analytics/dashboard`, { connections: 10 }),
    load("mixed: person list", `${base}/api/people?limit=50`, { connections: 15 }),
    load("mixed: timeline", timelineUrl, { connections: 15 }),
  ];
  const writers = tokens.map((token, i) => editor(base, token, ids, until, acks, counts, i + 1));
  const [reads] = await Promise.all([Promise.all(readers), Promise.all(writers)]);
  // Every acknowledged write is there: the last one of each person is its current state,
  // and each has its audit entry with the version and value it acknowledged.
  const admin = { authorization: tokens[0]?.header as string };
  const lastAck = new Map<string, Ack>();
  for (const ack of acks) {
    const seen = lastAck.get(ack.id);
    if (!seen || ack.version > seen.version) lastAck.set(ack.id, ack);
  }
  let missing = 0;
  let unaudited = 0;
  for (const [id, ack] of lastAck) {
    const person = await getJson(`${base}/api/people/${id}`, admin);
    if (person.version !== ack.version || person.occupation !== ack.occupation) missing++;
    const history = (await getJson(`${base}/api/people/${id}/history`, admin)).items as {
      actor: string;
      after: { version: number; occupation: string } | null;
    }[];
    for (const mine of acks.filter((a) => a.id === id)) {
      const entry = history.find(
        (h) =>
          h.actor === mine.actor &&
          h.after?.version === mine.version &&
          h.after.occupation === mine.occupation,
      );
      if (!entry) unaudited++;
    }
  }
  return { reads, acks: acks.length, ...counts, missing, unaudited, people: lastAck.size };
}

async function loginTiming(
  base: string,
  names: string[],
): Promise<{ existing: number; unknown: number }> {
  const attempt = async (name: string) => {
    const started = performance.now();
    const response = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name, password: "not the right password" }),
    });
    await response.arrayBuffer();
    if (response.status !== 401) throw new Error(`login ${name}: ${response.status}`);
    return performance.now() - started;
  };
  const median = (values: number[]) =>
    values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  const existing: number[] = [];
  const unknown: number[] = [];
  // Four tries per name: the fifth failure would start the throttle.
  for (let round = 0; round < 4; round++) {
    for (const [i, name] of names.entries()) {
      existing.push(await attempt(name));
      unknown.push(await attempt(`nobody-${round}-${i}`));
    }
  }
  return { existing: median(existing), unknown: median(unknown) };
}

async function benchStore(kind: Kind) {
  const target = await freshStore(kind);
  const demo = await time(() => loadDemo(target.store, { people }));
  const editors: { header: string; id: string }[] = [];
  const names: string[] = [];
  for (let i = 0; i < 5; i++) {
    const name = `bench-admin-${i}`;
    names.push(name);
    await createUser(
      target.store,
      { name, role: "admin", password: "bench password long" },
      "bench",
    );
    const user = await findUser(target.store, name);
    const principal: Principal = {
      role: "admin",
      actor: name,
      via: "session",
      userId: user?.id ?? null,
      userName: name,
      tokenId: null,
    };
    const made = await createApiToken(target.store, principal, { name: "bench", role: "editor" });
    editors.push({ header: `Bearer ${made.token}`, id: made.info.id });
  }
  let args: string[] = [];
  let env: Record<string, string> = { DATABASE_URL: "" };
  if (kind === "pglite") {
    args = ["--data-dir", target.store.location];
    await target.store.close(); // the server process opens the folder
  } else {
    const url = new URL(BENCH_DATABASE_URL);
    const [schema] = await target.store.query<{ s: string }>("SELECT current_schema() AS s");
    url.searchParams.set("options", `-c search_path=${schema?.s}`);
    env = { DATABASE_URL: url.toString() };
  }
  const server = await serve(args, env);
  const base = server.url;
  try {
    const publicPerson = (await getJson(`${base}/api/people?limit=1&status=held`)).items[0];
    const timelineUrl = `${base}/api/people/${publicPerson.id}/timeline`;
    // Warm up (JIT, caches) before measuring.
    for (const path of ["/api/health", "/api/analytics/dashboard", "/api/people?limit=50"]) {
      await load("warm-up", `${base}${path}`, { duration: 2, connections: 10 });
    }
    const runs = [
      await load("health (baseline)", `${base}/api/health`),
      await load("dashboard", `${base}/api/analytics/dashboard`),
      await load("person list (anonymous)", `${base}/api/people?limit=50`),
      await load("person list (signed in)", `${base}/api/people?limit=50`, {
        headers: { authorization: editors[0]?.header as string },
      }),
      await load("person timeline", timelineUrl),
    ];
    const mixed = await mixedRun(base, editors, timelineUrl);
    const login = await loginTiming(base, names);
    return { kind, demoSeconds: demo.seconds, runs, mixed, login };
  } finally {
    await server.stop();
    if (kind === "pglite") {
      const { rmSync } = await import("node:fs");
      rmSync(args[1] as string, { recursive: true, force: true });
    } else {
      await target.dispose();
    }
  }
}

for (const kind of kindsFromArgs()) {
  const result = await benchStore(kind);
  const baseline = result.runs[0] as Load;
  console.log(
    `\n${kind}: ${people} demo people loaded in ${result.demoSeconds.toFixed(1)} s; ` +
      `${CONNECTIONS} connections, ${seconds} s per run`,
  );
  printTable(
    [...result.runs, ...result.mixed.reads].map((r) => ({
      endpoint: r.name,
      "req/s": Math.round(r.rps),
      "p50 ms": r.p50,
      "p95 ms": r.p95,
      "p99 ms": r.p99,
      requests: r.requests,
      errors: r.errors,
      "req/s ÷ health": (r.rps / baseline.rps).toFixed(3),
      "p95 ÷ health p95": (r.p95 / baseline.p95).toFixed(1),
    })),
  );
  const m = result.mixed;
  console.log(
    `mixed run: ${m.acks} acknowledged updates of ${m.people} people by ${5} editors ` +
      `(${m.conflicts} stale-version 409s, ${m.errors} errors); ` +
      `missing after the run: ${m.missing}; acknowledged writes without their audit entry: ${m.unaudited}`,
  );
  console.log(
    `login, wrong password: existing name ${result.login.existing.toFixed(1)} ms, unknown name ` +
      `${result.login.unknown.toFixed(1)} ms (median; ratio ${(result.login.unknown / result.login.existing).toFixed(2)})`,
  );
}
