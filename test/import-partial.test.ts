/**
 * All or nothing, or partial: a bundle with bad rows is refused whole by default; with
 * `partial` its valid rows are written and the report names every rejected row (file,
 * line, column, reason), including rows that point to a rejected row. Also the streaming
 * paths: bulk loads that suspend and rebuild indexes, updates of existing rows, encodings,
 * a CSV syntax error mid-file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, expect, it } from "vitest";
import { ImportError, importBundle } from "../src/ingest/bundle-import.ts";
import { recordHistory } from "../src/store/audit.ts";
import type { Queryable } from "../src/store/connection.ts";
import { rebuildNameKeys } from "../src/store/names.ts";
import { describeEachStore } from "./helpers/stores.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "turnstile-partial-"));
  dirs.push(dir);
  return dir;
}

function bundle(files: Record<string, string | Buffer>): string {
  const dir = folder();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const EVENT_HEADER =
  "id,person_id,type,date,mechanism,operation_id,monitor,facility,articles,sentence_months,description,source_id\n";

const BAD = {
  "sources.csv": "id,title\ns1,Source one\n",
  "people.csv":
    "id,name,gender\n" +
    "p1,Першы Чалавек,male\n" + // line 2
    "p2,Другі Чалавек,robot\n" + // line 3: bad gender
    "p3,Трэці Чалавек,female\n", // line 4
  "names.csv":
    "person_id,name,script,kind\np1,Pershy,latin,transliteration\np2,Druhi,latin,alias\n",
  "events.csv":
    EVENT_HEADER +
    "e1,p1,detained,2021-03,,,,,,,,s1\n" + // 2
    "e2,p2,detained,2021,,,,,,,,s1\n" + // 3: person rejected
    "e3,p3,released,2025-09-11,pardon,op-none,,,,,,s1\n" + // 4: unknown operation
    "e1,p3,detained,2020,,,,,,,,s1\n" + // 5: duplicate id
    "e5,p3,detained,2025-02-30,,,,,,,,s1\n" + // 6: bad date
    "e6,p3,detained,2022,,,,,,,,s1\n", // 7: fine
};

async function ids(q: Queryable, table: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(`SELECT id FROM ${table} ORDER BY id`);
  return rows.map((r) => r.id);
}

const EXPECTED_PROBLEMS = [
  ["people.csv", "3", "gender", 'must be one of female, male, other, unknown; got "robot"'],
  [
    "names.csv",
    "3",
    "person_id",
    'refers to person "p2", which is on a rejected row (people.csv, line 3)',
  ],
  [
    "events.csv",
    "3",
    "person_id",
    'refers to person "p2", which is on a rejected row (people.csv, line 3)',
  ],
  [
    "events.csv",
    "4",
    "operation_id",
    'unknown release operation id "op-none" (not in operations.csv nor in the database)',
  ],
  ["events.csv", "5", "id", 'duplicate id "e1" (first at line 2)'],
  ["events.csv", "6", "date", "day 30 does not exist in February 2025 (it has 28 days)"],
];

describeEachStore("partial and all-or-nothing imports", (use) => {
  it("refuses the bundle whole by default, and the report lists every problem", async () => {
    const { store } = use();
    const dir = bundle(BAD);
    const report = join(folder(), "report.csv");
    const error = await importBundle(store, dir, { reportPath: report }).catch((e) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).total).toBe(EXPECTED_PROBLEMS.length);
    expect(await ids(store, "person")).toEqual([]);
    expect(await ids(store, "source")).toEqual([]);
    const rows = parse(readFileSync(report)) as string[][];
    expect(rows[0]).toEqual(["file", "line", "column", "message"]);
    expect(rows.slice(1)).toEqual(EXPECTED_PROBLEMS);
  });

  it("with partial, writes the valid rows and reports each rejected one", async () => {
    const { store } = use();
    const report = join(folder(), "report.json");
    const result = await importBundle(store, bundle(BAD), { partial: true, reportPath: report });
    expect(result.rejectedRows).toBe(6);
    expect(result.problems).toBe(6);
    expect(await ids(store, "person")).toEqual(["p1", "p3"]);
    expect(await ids(store, "event")).toEqual(["e1", "e6"]);
    const names = await store.query("SELECT person_id, name FROM person_name");
    expect(names).toEqual([{ person_id: "p1", name: "Pershy" }]);
    const json = JSON.parse(readFileSync(report, "utf8")) as Record<string, unknown>[];
    expect(json.map((p) => [p.file, String(p.line), p.column, p.message])).toEqual(
      EXPECTED_PROBLEMS,
    );
    // The first e1 (line 2, person p1) is the one kept.
    const [e1] = await store.query<{ person_id: string }>(
      "SELECT person_id FROM event WHERE id = 'e1'",
    );
    expect(e1?.person_id).toBe("p1");
  });

  it("a partial dry run reports the same and writes nothing", async () => {
    const { store } = use();
    const before = await ids(store, "event");
    const result = await importBundle(
      store,
      bundle({ ...BAD, "events.csv": `${EVENT_HEADER}e9,p1,detained,2019,,,,,,,,s1\n` }),
      { partial: true, dryRun: true },
    );
    expect(result.dryRun).toBe(true);
    expect(result.counts.events.inserted).toBe(1);
    expect(result.rejectedRows).toBe(2);
    expect(await ids(store, "event")).toEqual(before);
  });

  it("reads on a worker thread with the same result and report as in the main thread", async () => {
    const { store } = use();
    const dir = bundle({ ...BAD, "people.csv": `${BAD["people.csv"]}p4,Чацвёрты,female\n` });
    const reports = [join(folder(), "inline.csv"), join(folder(), "worker.csv")];
    const inline = await importBundle(store, dir, {
      partial: true,
      dryRun: true,
      threads: "inline",
      reportPath: reports[0],
    });
    const worker = await importBundle(store, dir, {
      partial: true,
      dryRun: true,
      threads: "worker",
      reportPath: reports[1],
    });
    expect(worker).toEqual({ ...inline, report: reports[1] });
    expect(worker.counts.people.inserted).toBe(1);
    expect(readFileSync(reports[1] as string, "utf8")).toBe(
      readFileSync(reports[0] as string, "utf8"),
    );
    const refused = await importBundle(store, dir, { threads: "worker" }).catch((e) => e);
    expect((refused as ImportError).total).toBe(EXPECTED_PROBLEMS.length);
  });

  it("looks references up batch by batch when a referenced table is too large to read whole", async () => {
    const { store } = use();
    await importBundle(
      store,
      bundle({ "sources.csv": "id,title\nlk-s,S\n", "people.csv": "id,name\nlk-p,P\n" }),
    );
    const dir = bundle({
      "events.csv": `${EVENT_HEADER}x1,lk-p,detained,2019,,,,,,,,lk-s\nx2,nobody,detained,2019,,,,,,,,lk-s;s9\n`,
    });
    for (const threads of ["inline", "worker"] as const) {
      const result = await importBundle(store, dir, {
        partial: true,
        dryRun: true,
        threads,
        preloadMaxIds: 0,
        reportPath: join(folder(), "r.csv"),
      });
      expect(result.counts.events.inserted).toBe(1);
      const report = parse(readFileSync(result.report as string)) as string[][];
      expect(report.slice(1)).toEqual([
        [
          "events.csv",
          "3",
          "person_id",
          'unknown person id "nobody" (not in people.csv nor in the database)',
        ],
        [
          "events.csv",
          "3",
          "source_id",
          'unknown source id "s9" (not in sources.csv nor in the database)',
        ],
      ]);
    }
  });

  it("a CSV syntax error stops that file: earlier rows kept in a partial import", async () => {
    const { store } = use();
    const dir = bundle({
      "events.csv": `${EVENT_HEADER}e20,p1,detained,2018,,,,,,,,s1\ne21,p1,detained,2017,,,,"unclosed,,,,s1\n`,
    });
    const report = join(folder(), "report.jsonl");
    const result = await importBundle(store, dir, { partial: true, reportPath: report });
    expect(result.counts.events.inserted).toBe(1);
    const lines = readFileSync(report, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      {
        file: "events.csv",
        line: 3,
        column: "",
        message:
          "not valid CSV: a quoted field opened on line 3 is never closed; the rest of the file was not read",
      },
    ]);
  });

  it("reads Windows-1251 when told, and refuses text that is not UTF-8 otherwise", async () => {
    const { store } = use();
    const people = Buffer.from(
      new Uint8Array([
        ...Buffer.from("id,name\ncp1,"),
        // "Ўладзімір" in Windows-1251
        0xa1,
        0xeb,
        0xe0,
        0xe4,
        0xe7,
        0xb3,
        0xec,
        0xb3,
        0xf0,
        0x0a,
      ]),
    );
    const dir = bundle({ "people.csv": people });
    const refused = await importBundle(store, dir).catch((e) => e);
    expect((refused as ImportError).message).toContain("people.csv: is not valid utf-8 text");
    await importBundle(store, dir, { encoding: "windows-1251" });
    const [row] = await store.query<{ name: string }>("SELECT name FROM person WHERE id = 'cp1'");
    expect(row?.name).toBe("Ўладзімір");
  });
});

describeEachStore("name-search keys", (use) => {
  it("are recomputed for imported people once the search uses them", async () => {
    const { store } = use();
    await importBundle(store, bundle({ "people.csv": "id,name\nk0,Першы Чалавек\n" }));
    const count = async (id: string) => {
      const [row] = await store.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM person_name_key WHERE person_id = $1",
        [id],
      );
      return row?.n ?? 0;
    };
    expect(await count("k0")).toBe(0); // never built: the first search builds them all
    await store.transaction((tx) => rebuildNameKeys(tx));
    await importBundle(store, bundle({ "people.csv": "id,name\nk1,Ціханоўскі Сяргей\n" }));
    expect(await count("k1")).toBeGreaterThan(0);
  });
});

async function schemaObjects(q: Queryable) {
  const indexes = await q.query(
    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1",
  );
  const constraints = await q.query(
    `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE connamespace = current_schema()::regnamespace ORDER BY 1`,
  );
  return { indexes, constraints };
}

function manyEvents(from: number, count: number, person: string, date: string): string {
  let text = EVENT_HEADER;
  for (let i = from; i < from + count; i++) {
    text += `b${String(i).padStart(6, "0")},${person},detained,${date},,,,SIZO,,,,s1\n`;
  }
  return text;
}

describeEachStore("bulk loads", (use) => {
  it("suspends indexes and foreign keys for a large load and rebuilds them as they were", async () => {
    const { store } = use();
    await importBundle(
      store,
      bundle({ "sources.csv": BAD["sources.csv"], "people.csv": "id,name\nq1,Q\nq2,R\n" }),
    );
    const before = await schemaObjects(store);
    const result = await importBundle(
      store,
      bundle({ "events.csv": manyEvents(0, 3_000, "q1", "2020") }),
      { batchSize: 500, bulkMinRows: 1_000 },
    );
    expect(result.bulkTables).toEqual(["event"]);
    expect(result.counts.events.inserted).toBe(3_000);
    expect(await schemaObjects(store)).toEqual(before);
    // One audit row per COPY batch, listing the ids it inserted.
    const audit = await store.query<{ entity_id: string; after: { rows: number; ids: string[] } }>(
      "SELECT entity_id, after FROM audit_log WHERE entity = 'event' ORDER BY id",
    );
    expect(audit.length).toBeGreaterThanOrEqual(5);
    for (const a of audit) {
      expect(a.entity_id).toBe("*");
      expect(a.after.rows).toBe(a.after.ids.length);
      expect(a.after.rows).toBeLessThan(1_000);
    }
    expect(audit.flatMap((a) => a.after.ids)).toHaveLength(3_000);
    expect(audit[0]?.after.ids[0]).toBe("b000000");
    // The query docs/IMPORT.md gives to find the import that inserted a row.
    const found = await store.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE entity = 'event' AND entity_id = '*' AND after->'ids' ? 'b002500'",
    );
    expect(found[0]?.n).toBe(1);
    // A record's history shows the batch that inserted it.
    const history = await recordHistory(store, "event", "b002500");
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: "insert", entity: "event", entityId: "*" });
  });

  it("updates existing rows one by one (audited before and after), inserts new ones by COPY", async () => {
    const { store } = use();
    const changed = manyEvents(2_990, 20, "q2", "2021");
    const result = await importBundle(store, bundle({ "events.csv": changed }), {
      batchSize: 500,
      bulkMinRows: 1_000,
    });
    expect(result.counts.events).toEqual({ inserted: 10, updated: 10, unchanged: 0 });
    expect(result.bulkTables).toEqual([]);
    const [updated] = await store.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE entity = 'event' AND action = 'update'",
    );
    expect(updated?.n).toBe(10);
    const [row] = await store.query<{ person_id: string; version: number }>(
      "SELECT person_id, version FROM event WHERE id = 'b002995'",
    );
    expect(row).toEqual({ person_id: "q2", version: 2 });
  });
});

describeEachStore("history of bulk-loaded people", (use) => {
  it("shows the batches that inserted a person and their names", async () => {
    const { store } = use();
    await importBundle(
      store,
      bundle({
        "sources.csv": BAD["sources.csv"],
        "people.csv": "id,name\nz1,Зміцер Z\nz10,Другі Z\n",
        "names.csv":
          "person_id,name,script,kind\nz1,Zmicier Z,latin,transliteration\nz10,Druhi Z,latin,alias\n",
      }),
      { bulkMinRows: 1 },
    );
    const history = await recordHistory(store, "person", "z1", "person_name");
    expect(history.map((entry) => [entry.entity, entry.entityId])).toEqual([
      ["person", "*"],
      ["person_name", "*"],
    ]);
    // "z1" is a prefix of "z10" but not its key: z10's names are not z1's.
    expect(await recordHistory(store, "person", "z", "person_name")).toEqual([]);
  });
});
