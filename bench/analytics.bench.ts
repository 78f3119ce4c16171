/**
 * Analytics at scale and from the store to the answer.
 *
 *   npx node bench/analytics.bench.ts [--people 1000000] [--runs 5] [--demo-people 8000]
 *       [--stores pglite,postgres] [--load-people 0] [--skip table,duckdb,demo]
 *
 * (a) A synthetic IntervalTable of --people people (about two intervals each) built
 *     directly in typed arrays: daily stock with bounds over 2000-01-01..2026-12-31, monthly
 *     flows, revolving door for 50 operations; time and peak RSS.
 * (b) The same daily stock series (point, lower, upper) computed by DuckDB in SQL over the
 *     same intervals already loaded in a DuckDB table (load not timed): the ratio
 *     Turnstile / DuckDB, and a check that both give identical numbers.
 * (c) From the store to the answer on the demo registry, on each store: `revolving-door`
 *     and the dashboard's data (median of --runs), with the in-memory part apart.
 * (d) With --load-people N: N people written to each store, then loaded into an
 *     IntervalTable by the packed fast path and by the row-per-event path (baseline).
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { flows } from "../src/analytics/flows.ts";
import { deriveIntervals } from "../src/analytics/intervals.ts";
import { revolvingDoor } from "../src/analytics/revolving-door.ts";
import { dailyStock } from "../src/analytics/stock.ts";
import {
  type IntervalTable,
  OPEN_END,
  OPEN_EXIT,
  toIntervalTable,
} from "../src/analytics/table.ts";
import { dayNumber, dayToIso } from "../src/domain/partial-date.ts";
import { loadDemo } from "../src/ingest/demo.ts";
import { atRiskReport, revolvingDoorReport } from "../src/services/analytics.ts";
import { computeDashboard, dashboardData, loadDashboardInputs } from "../src/services/dashboard.ts";
import { loadIntervals } from "../src/services/interval-loader.ts";
import { loadIntervalEvents, loadOperations } from "../src/store/analytics-source.ts";
import type { Store } from "../src/store/connection.ts";
import { freshStore, kindsFromArgs, numberArg, peakRssMb, printTable, time } from "./harness.ts";

const PEOPLE = numberArg("people", 1_000_000);
const RUNS = numberArg("runs", 5);
const DEMO_PEOPLE = numberArg("demo-people", 8_000);
const LOAD_PEOPLE = process.argv.includes("--load-people") ? numberArg("load-people", 0) : 0;
const SKIP = (process.argv[process.argv.indexOf("--skip") + 1] ?? "").split(",");
const FROM = dayNumber(2000, 1, 1);
const TO = dayNumber(2026, 12, 31);

/** Mulberry32: a small seeded generator, so that every run times the same registry. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A partial date's range around `day`: 75 % exact, 18 % a month, 7 % a year. */
function rangeAround(day: number, rnd: () => number): [number, number] {
  const u = rnd();
  if (u < 0.75) return [day, day];
  const iso = dayToIso(day);
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  if (u < 0.93) return [dayNumber(y, m, 1), dayNumber(y, m + 1, 1) - 1];
  return [dayNumber(y, 1, 1), dayNumber(y, 12, 31)];
}

interface Synthetic {
  table: IntervalTable;
  operations: {
    id: string;
    date: { text: string; first: number; last: number };
    announcedCount: number;
  }[];
}

/** --people people, 1–3 detentions each (about 2), in typed arrays; no object per interval. */
function syntheticTable(people: number): Synthetic {
  const rnd = random(42);
  const operationDays = Array.from(
    { length: 50 },
    (_, k) => FROM + 200 + Math.floor((k * (TO - FROM - 400)) / 50),
  );
  const capacity = people * 3;
  const cols = {
    person: new Int32Array(capacity),
    startFirst: new Int32Array(capacity),
    startLast: new Int32Array(capacity),
    startMid: new Int32Array(capacity),
    endFirst: new Int32Array(capacity),
    endLast: new Int32Array(capacity),
    endMid: new Int32Array(capacity),
    exit: new Uint8Array(capacity),
    operation: new Int32Array(capacity),
  };
  const personIds: string[] = new Array(people);
  let n = 0;
  for (let p = 0; p < people; p++) {
    personIds[p] = `p${p}`;
    const detentions = 1 + Math.floor(rnd() * 3);
    let day = FROM + Math.floor(rnd() * (TO - FROM - 2500));
    for (let k = 0; k < detentions; k++) {
      const [sf, sl0] = rangeAround(day, rnd);
      const open = k === detentions - 1 && rnd() < 0.1;
      let end = day + 30 + Math.floor(-Math.log(1 - rnd()) * 700);
      let op = -1;
      if (!open && rnd() < 0.02) {
        // Released by the operation following the detention, if any.
        const next = operationDays.findIndex((d) => d > day + 10);
        if (next >= 0) {
          op = next;
          end = operationDays[next] as number;
        }
      }
      const i = n++;
      cols.person[i] = p;
      if (open) {
        cols.startFirst[i] = sf;
        cols.startLast[i] = sl0;
        cols.startMid[i] = sf + Math.floor((sl0 - sf) / 2);
        cols.endFirst[i] = OPEN_END;
        cols.endLast[i] = OPEN_END;
        cols.endMid[i] = OPEN_END;
        cols.exit[i] = OPEN_EXIT;
        cols.operation[i] = -1;
        break;
      }
      const [ef0, el] = op >= 0 ? [end, end] : rangeAround(end, rnd);
      const sl = Math.min(sl0, el);
      const ef = Math.max(ef0, sf);
      cols.startFirst[i] = sf;
      cols.startLast[i] = sl;
      cols.startMid[i] = sf + Math.floor((sl - sf) / 2);
      cols.endFirst[i] = ef;
      cols.endLast[i] = el;
      cols.endMid[i] = ef + Math.floor((el - ef) / 2);
      cols.exit[i] = op >= 0 ? 0 : Math.floor(rnd() * 9);
      cols.operation[i] = op;
      day = end + 20 + Math.floor(rnd() * 400);
      if (day > TO - 30) break;
    }
  }
  const trim = <T extends Int32Array | Uint8Array>(a: T) => a.slice(0, n) as T;
  const table: IntervalTable = {
    length: n,
    personIds,
    person: trim(cols.person),
    startFirst: trim(cols.startFirst),
    startLast: trim(cols.startLast),
    startMid: trim(cols.startMid),
    endFirst: trim(cols.endFirst),
    endLast: trim(cols.endLast),
    endMid: trim(cols.endMid),
    exit: trim(cols.exit),
    operationIds: operationDays.map((_, k) => `op${k}`),
    operation: trim(cols.operation),
  };
  const operations = operationDays.map((d, k) => ({
    id: `op${k}`,
    date: { text: dayToIso(d), first: d, last: d },
    announcedCount: 50,
  }));
  return { table, operations };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[half] as number)
    : ((sorted[half - 1] as number) + (sorted[half] as number)) / 2;
}

async function medianOf(runs: number, work: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) times.push((await time(work)).seconds * 1000);
  return median(times);
}

const ms = (x: number) => x.toFixed(x < 10 ? 1 : 0);

// ── (a) in process ──────────────────────────────────────────────────────────────────────
const { table, parts } = SKIP.includes("table")
  ? { table: null, parts: { stock: 0, flows: 0, door: 0 } }
  : await inProcess();

async function inProcess() {
  const built = await time(() => syntheticTable(PEOPLE));
  const { table, operations } = built.value;
  console.log(
    `(a) synthetic table: ${PEOPLE.toLocaleString("en")} people, ${table.length.toLocaleString("en")} intervals, built in ${built.seconds.toFixed(1)} s`,
  );
  // A fresh view of the table for each run, so that the cached grouping by person is rebuilt.
  const fresh = (): IntervalTable => ({ ...table });
  const parts = {
    stock: await medianOf(RUNS, () => dailyStock(fresh(), FROM, TO)),
    flows: await medianOf(RUNS, () => flows(fresh(), { from: FROM, to: TO, step: "month" })),
    door: await medianOf(RUNS, () => revolvingDoor(fresh(), operations)),
  };
  const all = await medianOf(RUNS, () => {
    const t = fresh();
    dailyStock(t, FROM, TO);
    flows(t, { from: FROM, to: TO, step: "month" });
    revolvingDoor(t, operations);
  });
  printTable([
    {
      "daily stock + bounds ms": ms(parts.stock),
      "monthly flows ms": ms(parts.flows),
      "revolving door (50 ops) ms": ms(parts.door),
      "all three ms": ms(all),
      "peak RSS MB": peakRssMb(),
    },
  ]);
  return { table, parts };
}

// ── (b) DuckDB on the same intervals ─────────────────────────────────────────────────────
if (table !== null && !SKIP.includes("duckdb")) {
  const fresh = (): IntervalTable => ({ ...table });
  const duck = await DuckDBInstance.create(":memory:");
  const db = await duck.connect();
  await db.run(
    "CREATE TABLE iv (person INTEGER, s_first INTEGER, s_last INTEGER, s_mid INTEGER, e_first INTEGER, e_last INTEGER, e_mid INTEGER)",
  );
  const loading = await time(async () => {
    const appender = await db.createAppender("iv");
    for (let i = 0; i < table.length; i++) {
      appender.appendInteger(table.person[i] as number);
      appender.appendInteger(table.startFirst[i] as number);
      appender.appendInteger(table.startLast[i] as number);
      appender.appendInteger(table.startMid[i] as number);
      appender.appendInteger(table.endFirst[i] as number);
      appender.appendInteger(table.endLast[i] as number);
      appender.appendInteger(table.endMid[i] as number);
      appender.endRow();
    }
    appender.closeSync();
  });
  // Per person, overlapping ranges are merged first (a person counts once per day), as the
  // Turnstile sweep does; then +1/−1 at each range's ends and a running sum over the days.
  const sql = (s: string, e: string) => `
    WITH r AS (
      SELECT person, greatest(${s}, ${FROM}) AS s, least(${e}, ${TO + 1}) AS e FROM iv
      WHERE greatest(${s}, ${FROM}) < least(${e}, ${TO + 1})
    ), m AS (
      SELECT person, s, e, max(e) OVER (PARTITION BY person ORDER BY s, e
        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end FROM r
    ), g AS (
      SELECT person, s, e, sum(CASE WHEN prev_end >= s THEN 0 ELSE 1 END) OVER (
        PARTITION BY person ORDER BY s, e ROWS UNBOUNDED PRECEDING) AS grp FROM m
    ), islands AS (SELECT min(s) AS s, max(e) AS e FROM g GROUP BY person, grp),
    deltas AS (
      SELECT d, sum(x) AS x FROM (SELECT s AS d, 1 AS x FROM islands
                                  UNION ALL SELECT e AS d, -1 AS x FROM islands) GROUP BY d
    )
    SELECT sum(coalesce(x, 0)) OVER (ORDER BY days.d ROWS UNBOUNDED PRECEDING)::INTEGER AS n
    FROM range(${FROM}, ${TO + 1}) days(d) LEFT JOIN deltas ON deltas.d = days.d
    ORDER BY days.d`;
  // The same without the merge: faster, but a person whose ranges overlap counts twice.
  const naiveSql = (s: string, e: string) => `
    WITH r AS (
      SELECT greatest(${s}, ${FROM}) AS s, least(${e}, ${TO + 1}) AS e FROM iv
      WHERE greatest(${s}, ${FROM}) < least(${e}, ${TO + 1})
    ), deltas AS (
      SELECT d, sum(x) AS x FROM (SELECT s AS d, 1 AS x FROM r
                                  UNION ALL SELECT e AS d, -1 AS x FROM r) GROUP BY d
    )
    SELECT sum(coalesce(x, 0)) OVER (ORDER BY days.d ROWS UNBOUNDED PRECEDING)::INTEGER AS n
    FROM range(${FROM}, ${TO + 1}) days(d) LEFT JOIN deltas ON deltas.d = days.d
    ORDER BY days.d`;
  const measures = [
    ["count", "s_mid", "e_mid"],
    ["lower", "s_last", "e_first"],
    ["upper", "s_first", "e_last"],
  ] as const;
  const duckSeries: Record<string, number[]> = {};
  const duckTimes: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const run = await time(async () => {
      for (const [name, s, e] of measures) {
        const reader = await db.runAndReadAll(sql(s, e));
        duckSeries[name] = reader.getColumns()[0] as number[];
      }
    });
    duckTimes.push(run.seconds * 1000);
  }
  const naiveSeries: Record<string, number[]> = {};
  const naiveTimes: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const run = await time(async () => {
      for (const [name, s, e] of measures) {
        const reader = await db.runAndReadAll(naiveSql(s, e));
        naiveSeries[name] = reader.getColumns()[0] as number[];
      }
    });
    naiveTimes.push(run.seconds * 1000);
  }
  const ours = dailyStock(fresh(), FROM, TO);
  const agrees = (series: Record<string, number[]>) =>
    measures.every(([name]) => {
      const theirs = series[name] ?? [];
      const mine = ours[name];
      return theirs.length === mine.length && theirs.every((v, i) => v === mine[i]);
    });
  const same = agrees(duckSeries);
  const duckMs = median(duckTimes);
  printTable([
    {
      "DuckDB load (not timed) s": loading.seconds.toFixed(1),
      "DuckDB daily stock + bounds ms": ms(duckMs),
      "Turnstile daily stock + bounds ms": ms(parts.stock),
      "ratio Turnstile / DuckDB": (parts.stock / duckMs).toFixed(3),
      "identical numbers": same ? "yes" : "NO",
    },
  ]);
  printTable([
    {
      "DuckDB without per-person merge ms": ms(median(naiveTimes)),
      "ratio Turnstile / that": (parts.stock / median(naiveTimes)).toFixed(3),
      "identical to Turnstile": agrees(naiveSeries) ? "yes" : "no (overlapping ranges count twice)",
    },
  ]);
  if (!same) process.exitCode = 1;
  db.closeSync();
  duck.closeSync();
}

// ── (c) from the store to the answer on the demo ────────────────────────────────────────
async function demoFigures(kind: "pglite" | "postgres"): Promise<Record<string, string | number>> {
  const target = await freshStore(kind);
  try {
    await loadDemo(target.store, { people: DEMO_PEOPLE, seed: 1 });
    await target.store.exec("ANALYZE");
    const store: Store = target.store;
    await revolvingDoorReport(store); // warm-up: first queries, JIT
    await dashboardData(store);
    const door = await medianOf(RUNS, () => revolvingDoorReport(store));
    const intervals = await medianOf(RUNS, () => loadIntervals(store));
    const loaded = await loadIntervals(store);
    const ops = await loadOperations(store);
    const doorCompute = await medianOf(RUNS, () => revolvingDoor({ ...loaded.table }, ops));
    const dashboard = await medianOf(RUNS, () => dashboardData(store));
    const inputs = await loadDashboardInputs(store);
    const risk = await atRiskReport(store, {}, inputs.loaded);
    const dashboardCompute = await medianOf(RUNS, () =>
      computeDashboard(
        { ...inputs, loaded: { ...inputs.loaded, table: { ...inputs.loaded.table } } },
        risk,
      ),
    );
    return {
      store: kind,
      people: DEMO_PEOPLE,
      intervals: loaded.table.length,
      "revolving-door ms": ms(door),
      "  of which compute ms": ms(doorCompute),
      "dashboard ms": ms(dashboard),
      "  of which compute ms ": ms(dashboardCompute),
      "interval load ms": ms(intervals),
    };
  } finally {
    await target.dispose();
  }
}

if (!SKIP.includes("demo")) {
  const demoRows: Record<string, string | number>[] = [];
  for (const kind of kindsFromArgs()) demoRows.push(await demoFigures(kind));
  console.log(`(c) store → answer, demo of ${DEMO_PEOPLE} people, median of ${RUNS} runs:`);
  printTable(demoRows);
}

// ── (d) loading a large registry into an IntervalTable ──────────────────────────────────
async function writeRegistry(store: Store, people: number): Promise<number> {
  const rnd = random(7);
  await store.exec(
    "INSERT INTO source (id, title) VALUES ('bench', 'benchmark registry (synthetic)') ON CONFLICT DO NOTHING",
  );
  let events = 0;
  const batch = 50_000;
  for (let from = 0; from < people; from += batch) {
    const personRows: string[] = [];
    const eventRows: string[] = [];
    for (let p = from; p < Math.min(people, from + batch); p++) {
      const id = `bench-p${String(p).padStart(7, "0")}`;
      personRows.push(`${id},Synthetic ${p},true`);
      let day = FROM + Math.floor(rnd() * (TO - FROM - 3000));
      const detentions = 1 + Math.floor(rnd() * 2);
      for (let k = 0; k < detentions; k++) {
        const start = dayToIso(day);
        eventRows.push(`${id}-${k}d,${id},detained,${start},${start},${start},,{bench}`);
        events++;
        if (k === detentions - 1 && rnd() < 0.2) break;
        day += 30 + Math.floor(rnd() * 1000);
        const end = dayToIso(day);
        eventRows.push(`${id}-${k}r,${id},released,${end},${end},${end},end_of_term,{bench}`);
        events++;
        day += 30 + Math.floor(rnd() * 600);
      }
    }
    await store.copyCsv("person", ["id", "name", "synthetic"], `${personRows.join("\n")}\n`);
    await store.copyCsv(
      "event",
      ["id", "person_id", "type", "date", "date_first", "date_last", "mechanism", "source_ids"],
      `${eventRows.join("\n")}\n`,
    );
  }
  await store.exec("ANALYZE");
  return events;
}

if (LOAD_PEOPLE > 0) {
  const rows: Record<string, string | number>[] = [];
  for (const kind of kindsFromArgs()) {
    const target = await freshStore(kind);
    try {
      const written = await time(() => writeRegistry(target.store, LOAD_PEOPLE));
      const fast = await time(() => loadIntervals(target.store));
      const rssFast = peakRssMb();
      const slow = await time(async () =>
        toIntervalTable(deriveIntervals(await loadIntervalEvents(target.store)).intervals),
      );
      rows.push({
        store: kind,
        people: LOAD_PEOPLE,
        events: written.value,
        "write s": written.seconds.toFixed(1),
        "fast path s": fast.seconds.toFixed(2),
        "peak RSS after fast MB": rssFast,
        "row-per-event path s": slow.seconds.toFixed(2),
        "fast / rows": (fast.seconds / slow.seconds).toFixed(2),
        "same intervals": fast.value.table.length === slow.value.length ? "yes" : "NO",
      });
    } finally {
      await target.dispose();
    }
  }
  console.log("(d) loading a large registry into an IntervalTable:");
  printTable(rows);
}
console.log(`peak RSS ${peakRssMb()} MB`);
