import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ImportError, importBundle } from "../src/ingest/bundle-import.ts";
import { readBundle } from "../src/ingest/bundle-reader.ts";
import { bundleCsvWriter } from "../src/ingest/bundle-writer-csv.ts";
import { PUBLIC_DATA_DIR } from "../src/ingest/public-data.ts";
import type { Queryable } from "../src/store/connection.ts";
import { describeEachStore } from "./helpers/stores.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Writes a bundle folder from file name → CSV text. */
function bundle(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "turnstile-bundle-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const GOOD = {
  "sources.csv":
    "id,title,publisher,url,published,language,reliability,credibility\ns1,Test source,Test,https://example.org,2025-09,en,B,2\n",
  "people.csv":
    "id,name,name_latin,birth_date,gender,region,occupation,health,visibility,consent\n" +
    "p1,Тэст Асоба,Test Asoba,1970,female,Minsk,teacher,,public,granted\n" +
    "p2,Другая Асоба,,,male,,,diabetes,,\n",
  "names.csv": "person_id,name,script,kind\np1,Тест Особа,cyrillic,alias\n",
  "operations.csv":
    "id,date,kind,announced_count,mediators,description,source_id\nop1,2025-09-11,negotiated,52,Envoy,Test,s1\n",
  "events.csv":
    "id,person_id,type,date,mechanism,operation_id,monitor,facility,articles,sentence_months,description,source_id\n" +
    "e1,p1,detained,2021,,,,,342,,,s1\n" +
    "e2,p1,released,2025-09-11,negotiated,op1,,,,,,s1\n" +
    "e3,p2,detained,~2022-03,,,,,,,,s1\n" +
    "e4,p2,recognized,2022-04,,,Viasna,,,,,s1\n",
};

/** Every table's rows, to show that a refused import changed nothing. */
async function snapshot(q: Queryable): Promise<unknown[]> {
  const tables = [
    "source",
    "person",
    "person_name",
    "release_operation",
    "event",
    "measure",
    "diplomatic_event",
    "monitor_count",
    "audit_log",
  ];
  const out: unknown[] = [];
  for (const table of tables) {
    out.push(await q.query(`SELECT * FROM ${table} ORDER BY 1, 2`));
  }
  return out;
}

describe("bundle reader", () => {
  it("reads the public Belarus facts without a problem", () => {
    const { bundle: b, problems } = readBundle(PUBLIC_DATA_DIR);
    expect(problems).toEqual([]);
    expect(b.operations.map((o) => [o.id, o.announcedCount])).toContainEqual(["op-2025-09-11", 52]);
    expect(b.operations.map((o) => [o.id, o.kind])).toContainEqual(["op-2025-09-16", "amnesty"]);
    expect(b.monitorCounts).toHaveLength(17);
    const belavia = b.measures.find((m) => m.id === "m-belavia");
    expect(belavia?.eased?.text).toBe("2025-09-11");
    const embassy = b.diplomaticEvents.find((d) => d.id === "de-2025-09-embassy");
    expect(embassy?.date.text).toBe("2025-09~");
  });

  it("reports every bad row with file, line, column and reason", () => {
    const dir = bundle({
      ...GOOD,
      "events.csv":
        "id,person_id,type,date,mechanism,operation_id,monitor,facility,articles,sentence_months,description,source_id,colour\n" +
        "e1,p1,detained,2021,,,,,,,,s1,red\n",
      "monitor_counts.csv":
        "id,monitor,as_of,value,qualifier,source_id\n" +
        "c1,Viasna,2025-13,1000,more_than,s1\n" +
        "c2,Viasna,25-09-2025,abc,roughly,\n" +
        "c1,Viasna,2025-02-30,10,exact,s1\n",
      "notes.csv": "a\n1\n",
    });
    const { problems } = readBundle(dir);
    const lines = problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);
    expect(lines).toEqual([
      "notes.csv:0:: unknown file (a bundle holds: sources.csv, people.csv, names.csv, operations.csv, events.csv, measures.csv, diplomatic_events.csv, monitor_counts.csv)",
      expect.stringMatching(/^events\.csv:1:colour: unknown column "colour"/),
      'monitor_counts.csv:2:as_of: month 13 is out of range (01–12) in "2025-13"',
      expect.stringMatching(/^monitor_counts\.csv:3:as_of: .*day- or month-first/),
      'monitor_counts.csv:3:value: must be a whole number from 0 to 100000000; got "abc"',
      'monitor_counts.csv:3:qualifier: must be one of exact, approx, more_than, fewer_than; got "roughly"',
      "monitor_counts.csv:3:source_id: is required: every fact needs a source",
      "monitor_counts.csv:4:as_of: day 30 does not exist in February 2025 (it has 28 days)",
    ]);
  });

  it("writes bundles that read back identical", async () => {
    const original = readBundle(bundle(GOOD)).bundle;
    const publicFacts = readBundle(PUBLIC_DATA_DIR).bundle;
    for (const source of [original, publicFacts]) {
      const dir = bundle({});
      const writer = bundleCsvWriter(dir);
      writer.write(source);
      await writer.close();
      const again = readBundle(dir);
      expect(again.problems).toEqual([]);
      expect(again.bundle).toEqual(source);
    }
  });

  it("refuses a public record without consent and release fields on other events", () => {
    const dir = bundle({
      "people.csv": "id,name,visibility,consent\np1,A,public,unknown\n",
      "events.csv": "id,person_id,type,date,mechanism,source_id\ne1,p1,detained,2021,pardon,s1\n",
    });
    const messages = readBundle(dir).problems.map((p) => `${p.column}: ${p.message}`);
    expect(messages).toContain(
      'consent: must be "granted" for a public record (visibility is public, consent is unknown)',
    );
    expect(messages).toContain('mechanism: is only for "released" events (this one is "detained")');
  });
});

describeEachStore("bundle import", (use) => {
  it("imports, and re-importing the same bundle changes nothing", async () => {
    const { store } = use();
    const dir = bundle(GOOD);
    const first = await importBundle(store, dir);
    expect(first.counts.people).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(first.counts.events).toEqual({ inserted: 4, updated: 0, unchanged: 0 });
    const before = await snapshot(store);
    const second = await importBundle(store, dir);
    expect(second.counts.events).toEqual({ inserted: 0, updated: 0, unchanged: 4 });
    expect(await snapshot(store)).toEqual(before);
  });

  it("stores hostile text verbatim through COPY", async () => {
    const { store } = use();
    const hostile =
      "Quote \" and, comma\nnew line \\N \\. '; DROP TABLE person; -- <script>x</script> ў";
    const dir = bundle({
      "people.csv": `id,name\nhostile,"${hostile.replaceAll('"', '""')}"\n`,
    });
    await importBundle(store, dir);
    const [row] = await store.query<{ name: string }>(
      "SELECT name FROM person WHERE id = 'hostile'",
    );
    expect(row?.name).toBe(hostile);
    await store.query("DELETE FROM person WHERE id = 'hostile'");
  });

  it("stores partial dates as text with their first and last day", async () => {
    const { store } = use();
    const rows = await store.query<{
      id: string;
      date: string;
      date_first: string;
      date_last: string;
    }>("SELECT id, date, date_first, date_last FROM event WHERE id IN ('e1', 'e3') ORDER BY id");
    expect(rows).toEqual([
      { id: "e1", date: "2021", date_first: "2021-01-01", date_last: "2021-12-31" },
      { id: "e3", date: "2022-03~", date_first: "2022-03-01", date_last: "2022-03-31" },
    ]);
  });

  it("updates a changed row, bumps its version and logs before and after", async () => {
    const { store } = use();
    const dir = bundle({
      ...GOOD,
      "people.csv": GOOD["people.csv"].replace("teacher", "librarian"),
    });
    const result = await importBundle(store, dir);
    expect(result.counts.people).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    const [person] = await store.query<{ occupation: string; version: number }>(
      "SELECT occupation, version FROM person WHERE id = 'p1'",
    );
    expect(person).toEqual({ occupation: "librarian", version: 2 });
    const [audit] = await store.query<{
      actor: string;
      before: { occupation: string };
      after: { occupation: string };
    }>("SELECT actor, before, after FROM audit_log WHERE entity = 'person' AND action = 'update'");
    expect(audit?.actor).toBe("cli");
    expect(audit?.before.occupation).toBe("teacher");
    expect(audit?.after.occupation).toBe("librarian");
  });

  it("restricts a source from its column, and a re-import without the column never lifts it", async () => {
    const { store } = use();
    const restrictedOf = async () =>
      (
        await store.query<{ restricted: boolean }>("SELECT restricted FROM source WHERE id = 's1'")
      )[0]?.restricted;
    const header = "id,title,publisher,url,published,language,reliability,credibility";
    const row = "s1,Test source,Test,https://example.org,2025-09,en,B,2";
    const restricted = await importBundle(
      store,
      bundle({ "sources.csv": `${header},restricted\n${row},true\n` }),
    );
    expect(restricted.counts.sources).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await restrictedOf()).toBe(true);
    for (const text of [`${header}\n${row}\n`, `${header},restricted\n${row},false\n`]) {
      const again = await importBundle(store, bundle({ "sources.csv": text }));
      expect(again.counts.sources).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
      expect(await restrictedOf()).toBe(true);
    }
    await expect(
      importBundle(store, bundle({ "sources.csv": `${header},restricted\n${row},yes\n` })),
    ).rejects.toThrow(/sources\.csv.*line 2.*restricted.*must be one of true, false/s);
  });

  it("refuses a bundle with bad rows and leaves the database as it was", async () => {
    const { store } = use();
    const before = await snapshot(store);
    const dir = bundle({
      ...GOOD,
      "people.csv": `${GOOD["people.csv"]}p3,New Person,,,,,,,,\n`,
      "events.csv":
        `${GOOD["events.csv"]}` +
        "e5,p3,detained,2025-09-31,,,,,,,,s1\n" +
        "e6,nobody,detained,2024,,,,,,,,s1\n" +
        "e7,p3,released,2025,pardon,op-missing,,,,,,s1\n",
    });
    const error = await importBundle(store, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message.split("\n").slice(1)).toEqual([
      "  events.csv, line 6, column date: day 31 does not exist in September 2025 (it has 30 days)",
      '  events.csv, line 7, column person_id: unknown person id "nobody" (not in people.csv nor in the database)',
      '  events.csv, line 8, column operation_id: unknown release operation id "op-missing" (not in operations.csv nor in the database)',
    ]);
    expect(await snapshot(store)).toEqual(before);
  });

  it("accepts references to records already in the database", async () => {
    const { store } = use();
    const dir = bundle({
      "events.csv":
        "id,person_id,type,date,mechanism,operation_id,source_id\ne9,p2,released,2025-09-11,negotiated,op1,s1\n",
    });
    const result = await importBundle(store, dir);
    expect(result.counts.events.inserted).toBe(1);
  });

  it("dry run reports the counts and writes nothing", async () => {
    const { store } = use();
    const before = await snapshot(store);
    const result = await importBundle(
      store,
      bundle({ ...GOOD, "people.csv": `${GOOD["people.csv"]}p4,Dry Run,,,,,,,,\n` }),
      {
        dryRun: true,
      },
    );
    expect(result.dryRun).toBe(true);
    // p1 is a librarian since the update test; GOOD still says teacher.
    expect(result.counts.people).toEqual({ inserted: 1, updated: 1, unchanged: 1 });
    expect(await snapshot(store)).toEqual(before);
  });

  it("loads the public Belarus facts", async () => {
    const { store } = use();
    const result = await importBundle(store, PUBLIC_DATA_DIR);
    expect(result.counts.monitorCounts.inserted).toBe(17);
    const [op] = await store.query<{ announced_count: number; mediators: string }>(
      "SELECT announced_count, mediators FROM release_operation WHERE id = 'op-2025-09-11'",
    );
    expect(op).toEqual({ announced_count: 52, mediators: "John Coale (US special envoy)" });
  });
});
