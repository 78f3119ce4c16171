/**
 * Name search over a large SYNTHETIC registry on each store: p50/p95/p99 latency of a
 * top-10 search, and how often the person searched for is in the top 10, for queries
 * spelt in every script, standard and order the matching evaluation uses (no typos).
 * Measured in the same run beside two baselines: an in-memory MiniSearch index (fuzzy,
 * prefix) over the same names, and plain SQL ILIKE on the stored names.
 *
 *   node bench/search.bench.ts [--people 1000000] [--queries 500] [--ilike-queries 40]
 *                              [--stores pglite,postgres]
 *
 * Each person has three written names (official Belarusian, ICAO Latin, Russian alias),
 * so a million people is three million names. Surnames are made up (no hand-made
 * common surnames): a namesake list no ranking could order is the matching evaluation's
 * concern, not search's.
 */
import MiniSearch from "minisearch";
import { romanize } from "../src/domain/names/romanize.ts";
import { type EvalPerson, makePerson, writeName } from "../src/ingest/matching-eval-set.ts";
import { Rng } from "../src/ingest/synthetic-random.ts";
import { searchPeople } from "../src/services/search.ts";
import type { Store } from "../src/store/connection.ts";
import { rebuildNameKeys } from "../src/store/names.ts";
import { freshStore, kindsFromArgs, numberArg, peakRssMb, printTable, time } from "./harness.ts";

const peopleCount = numberArg("people", 1_000_000);
const queryCount = numberArg("queries", 500);
const ilikeCount = numberArg("ilike-queries", 40);
const BATCH = 50_000;

function namesOf(p: EvalPerson): { official: string; latin: string; alias: string } {
  return {
    official: `${p.be.given} ${p.be.patronymic} ${p.be.surname}`,
    latin: romanize(`${p.be.given} ${p.be.surname}`, "icao-be"),
    alias: `${p.ru.given} ${p.ru.patronymic} ${p.ru.surname}`,
  };
}

function personAt(index: number): EvalPerson {
  return makePerson(new Rng(11, index + 1), undefined, 0);
}

function csvCell(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

async function load(store: Store): Promise<void> {
  await store.transaction(async (tx) => {
    for (let from = 0; from < peopleCount; from += BATCH) {
      const people: string[] = [];
      const names: string[] = [];
      for (let i = from; i < Math.min(peopleCount, from + BATCH); i++) {
        const n = namesOf(personAt(i));
        const id = `b${i}`;
        people.push(`${id},${csvCell(n.official)},${csvCell(n.latin)},private,unknown,t\n`);
        names.push(`${id},${csvCell(n.alias)},cyrillic,alias\n`);
      }
      await tx.copyCsv(
        "person",
        ["id", "name", "name_latin", "visibility", "consent", "synthetic"],
        people.join(""),
      );
      await tx.copyCsv("person_name", ["person_id", "name", "script", "kind"], names.join(""));
    }
  });
}

interface Query {
  text: string;
  how: string;
  target: string;
}

const rng = new Rng(23, 0);
const queries: Query[] = [];
for (let k = 0; k < queryCount; k++) {
  const index = rng.int(0, peopleCount - 1);
  const { name, how } = writeName(personAt(index), rng, { typos: false });
  queries.push({ text: name, how, target: `b${index}` });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

function summarize(label: string, latencies: number[], found: number, total: number) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    method: label,
    queries: total,
    "p50 ms": percentile(sorted, 0.5).toFixed(1),
    "p95 ms": percentile(sorted, 0.95).toFixed(1),
    "p99 ms": percentile(sorted, 0.99).toFixed(1),
    "found in top 10": `${((found / total) * 100).toFixed(1)}%`,
  };
}

const rows: Record<string, string | number>[] = [];

// Baseline 1: MiniSearch over the same three names per person, in memory.
{
  const mini = new MiniSearch<{ id: string; names: string }>({
    fields: ["names"],
    storeFields: [],
  });
  const built = await time(() => {
    for (let from = 0; from < peopleCount; from += BATCH) {
      const docs = [];
      for (let i = from; i < Math.min(peopleCount, from + BATCH); i++) {
        const n = namesOf(personAt(i));
        docs.push({ id: `b${i}`, names: `${n.official} ${n.latin} ${n.alias}` });
      }
      mini.addAll(docs);
    }
  });
  console.log(
    `MiniSearch: indexed ${peopleCount} people in ${built.seconds.toFixed(1)} s, peak RSS ${peakRssMb()} MB`,
  );
  for (const [label, options] of [
    ["MiniSearch (fuzzy 0.2, prefix)", { fuzzy: 0.2, prefix: true }],
    ["MiniSearch (prefix, no fuzzy)", { prefix: true }],
  ] as const) {
    const latencies: number[] = [];
    let found = 0;
    for (const q of queries) {
      const started = performance.now();
      const hits = mini.search(q.text, { ...options, combineWith: "OR" }).slice(0, 10);
      latencies.push(performance.now() - started);
      if (hits.some((h) => h.id === q.target)) found++;
    }
    rows.push({ store: "memory", ...summarize(label, latencies, found, queries.length) });
  }
}

for (const kind of kindsFromArgs()) {
  const bench = await freshStore(kind);
  const store = bench.store;
  const loaded = await time(() => load(store));
  const keyed = await time(() => store.transaction((tx) => rebuildNameKeys(tx)));
  const [{ n: keyRows } = { n: 0 }] = await store.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM person_name_key",
  );
  console.log(
    `${kind}: loaded ${peopleCount} people (${peopleCount * 3} names) in ${loaded.seconds.toFixed(1)} s; ` +
      `name keys built in ${keyed.seconds.toFixed(1)} s (${keyRows} keys, ${Math.round(peopleCount / keyed.seconds)} people/s)`,
  );
  await store.query("ANALYZE");
  // Warm up the caches as a running server would be.
  for (const q of queries.slice(0, 20))
    await searchPeople(store, q.text, { role: "admin", limit: 10 });

  const latencies: number[] = [];
  let found = 0;
  const missed = new Map<string, number>();
  for (const q of queries) {
    const started = performance.now();
    const hits = await searchPeople(store, q.text, { role: "admin", limit: 10 });
    latencies.push(performance.now() - started);
    if (hits.some((h) => h.id === q.target)) found++;
    else missed.set(q.how, (missed.get(q.how) ?? 0) + 1);
  }
  rows.push({
    store: kind,
    ...summarize("turnstile name keys (btree)", latencies, found, queries.length),
  });
  if (missed.size > 0)
    console.log(`${kind}: not in the top 10, by spelling:`, Object.fromEntries(missed));

  // Baseline 2: the surname and given name as ILIKE patterns over every stored name.
  const ilike: number[] = [];
  let ilikeFound = 0;
  const sample = queries.slice(0, ilikeCount);
  for (const q of sample) {
    const words = q.text.split(/\s+/).filter((w) => w.length > 1);
    const started = performance.now();
    const hits = await store.query<{ id: string }>(
      `SELECT p.id FROM person p
       WHERE (p.name ILIKE ALL($1::text[]) OR p.name_latin ILIKE ALL($1::text[])
              OR EXISTS (SELECT 1 FROM person_name n WHERE n.person_id = p.id AND n.name ILIKE ALL($1::text[])))
       LIMIT 10`,
      [words.map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)],
    );
    ilike.push(performance.now() - started);
    if (hits.some((h) => h.id === q.target)) ilikeFound++;
  }
  rows.push({
    store: kind,
    ...summarize("plain SQL ILIKE on all names", ilike, ilikeFound, sample.length),
  });
  await bench.dispose();
}

printTable(rows);
const ours = rows.filter((r) => String(r.method).startsWith("turnstile"));
for (const r of ours) {
  const p95 = Number(r["p95 ms"]);
  const baselines = rows.filter(
    (x) =>
      !String(x.method).startsWith("turnstile") && (x.store === r.store || x.store === "memory"),
  );
  for (const b of baselines) {
    console.log(
      `RATIO ${r.store}: p95 turnstile / ${b.method} (${b.store}) = ${(p95 / Number(b["p95 ms"])).toFixed(4)}`,
    );
  }
}
console.log(`peak RSS ${peakRssMb()} MB`);
