/**
 * Exports: the CSV bundle imports again unchanged (and exports again byte for byte); JSON
 * as a document and as lines; FollowTheMoney entities that reference each other; and the
 * public export, which must hold nothing private: marker strings are planted in every
 * private person, restricted field and restricted source, and every exported file is
 * searched for them.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { importBundle } from "../src/ingest/bundle-import.ts";
import { type ExportFormat, exportRegistry } from "../src/ingest/export.ts";
import type { FtmEntity } from "../src/ingest/export-ftm.ts";
import { PUBLIC_DATA_DIR } from "../src/ingest/public-data.ts";
import type { Queryable } from "../src/store/connection.ts";
import { closeTestStore, describeEachStore, openTestStore } from "./helpers/stores.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "turnstile-export-"));
  dirs.push(dir);
  return dir;
}

function bundle(files: Record<string, string>): string {
  const dir = folder();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Every kind of value the bundle holds: quotes, commas, line breaks, partial dates, Cyrillic. */
const REGISTRY = {
  "sources.csv":
    "id,title,publisher,url,published,language,reliability,credibility,restricted\n" +
    'src1,"Report, with ""quotes""",Viasna,https://example.org/r,2025-09~,ru,A,1,\n' +
    "src-secret,RESTRICTED-SOURCE-MARKER,Someone,,2024,be,F,6,true\n",
  "people.csv":
    "id,name,name_latin,birth_date,gender,region,occupation,health,visibility,consent\n" +
    "pub1,Публічная Асоба PUBNAME,Publichnaya PUBLATIN,1911-11-11,female,Minsk,OCCUPATION-MARKER,HEALTH-MARKER,public,granted\n" +
    'restr1,RESTRICTED-PERSON-MARKER,,1980?,male,Grodno Region,,"asthma,\nRESTRICTED-HEALTH",restricted,granted\n' +
    "priv1,PRIVATE-PERSON-MARKER,,,other,,,,private,unknown\n",
  "names.csv":
    "person_id,name,script,kind\n" +
    "pub1,ALIAS-MARKER,latin,alias\n" +
    "pub1,Publicnaja Asoba,latin,transliteration\n" +
    "priv1,PRIVATE-NAME-MARKER,latin,transliteration\n",
  "events.csv":
    "id,person_id,type,date,mechanism,operation_id,monitor,facility,articles,sentence_months,description,source_id\n" +
    "ev1,pub1,detained,2021-03-05,,,,FACILITY-MARKER,342,,NOTES-MARKER,src1;src-secret\n" +
    "ev2,pub1,health,2022,,,,,,,HEALTHEVENT-MARKER,src1\n" +
    "ev3,pub1,sentenced,2021-09,,,,,342,36,SENTENCE-NOTES-MARKER,src1\n" +
    "ev4,pub1,released,2025-09-11,negotiated,op-2025-09-11,,,,,RELEASE-NOTES-MARKER,src1\n" +
    "ev5,restr1,detained,~2022,,,,,,,RESTRICTED-EVENT-MARKER,src1\n" +
    "ev6,priv1,detained,2023-01,,,,,,,PRIVATE-EVENT-MARKER,src-secret\n" +
    "ev7,pub1,transferred,2022-02,,,,TRANSFER-MARKER,,,,src1\n",
};

const MARKERS = [
  "RESTRICTED-SOURCE-MARKER",
  "src-secret",
  "OCCUPATION-MARKER",
  "HEALTH-MARKER",
  "1911",
  "RESTRICTED-PERSON-MARKER",
  "RESTRICTED-HEALTH",
  "PRIVATE-PERSON-MARKER",
  "ALIAS-MARKER",
  "PRIVATE-NAME-MARKER",
  "FACILITY-MARKER",
  "NOTES-MARKER",
  "HEALTHEVENT-MARKER",
  "RELEASE-NOTES-MARKER",
  "RESTRICTED-EVENT-MARKER",
  "PRIVATE-EVENT-MARKER",
  "TRANSFER-MARKER",
  "restr1",
  "priv1",
];

function readAll(dir: string): string {
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name), "utf8"))
    .join("\n");
}

/** Every registry table without bookkeeping columns, for comparing two stores. */
async function contents(q: Queryable): Promise<unknown[]> {
  const tables = [
    "source",
    "person",
    "person_name",
    "release_operation",
    "event",
    "measure",
    "diplomatic_event",
    "monitor_count",
  ];
  const out: unknown[] = [];
  for (const table of tables) {
    const rows = await q.query<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY 1, 2`);
    out.push(rows.map(({ version, created_at, updated_at, ...rest }) => rest));
  }
  return out;
}

async function exported(q: Parameters<typeof exportRegistry>[0], format: ExportFormat, extra = {}) {
  const out = join(folder(), "out");
  const result = await exportRegistry(q, { format, out, ...extra });
  return { out, result };
}

describeEachStore("exports", (use) => {
  it("the CSV bundle imports again unchanged, and exports again byte for byte", async () => {
    const { kind, store } = use();
    await importBundle(store, PUBLIC_DATA_DIR);
    await importBundle(store, bundle(REGISTRY));
    const first = await exported(store, "csv");
    expect(first.result.counts.events).toBe(7);
    const again = await importBundle(store, first.out);
    expect(Object.values(again.counts).every((c) => c.inserted === 0 && c.updated === 0)).toBe(
      true,
    );
    const other = await openTestStore(kind);
    try {
      await importBundle(other.store, first.out);
      expect(await contents(other.store)).toEqual(await contents(store));
      const second = await exported(other.store, "csv");
      expect(readdirSync(second.out)).toEqual(readdirSync(first.out));
      for (const name of readdirSync(first.out)) {
        expect(readFileSync(join(second.out, name), "utf8")).toBe(
          readFileSync(join(first.out, name), "utf8"),
        );
      }
    } finally {
      await closeTestStore(other);
    }
  });

  it("JSON: one document, or one record per line, with the bundle's columns", async () => {
    const { store } = use();
    const doc = await exported(store, "json");
    const json = JSON.parse(readFileSync(join(doc.out, "turnstile.json"), "utf8"));
    expect(json.format).toBe("turnstile-bundle");
    expect(json.events).toHaveLength(7);
    expect(json.people.find((p: { id: string }) => p.id === "restr1")).toEqual({
      id: "restr1",
      name: "RESTRICTED-PERSON-MARKER",
      name_latin: null,
      birth_date: "1980?",
      gender: "male",
      region: "Grodno Region",
      occupation: null,
      health: "asthma,\nRESTRICTED-HEALTH",
      visibility: "restricted",
      consent: "granted",
      synthetic: false,
    });
    expect(json.operations.find((o: { id: string }) => o.id === "op-2025-09-11")).toMatchObject({
      announced_count: 52,
      source_id: ["founding-article"],
    });
    const lines = await exported(store, "json", { jsonLines: true });
    const records = readFileSync(join(lines.out, "turnstile.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(records.filter((r) => r.record === "events")).toEqual(
      json.events.map((e: object) => ({ record: "events", ...e })),
    );
  });

  it("FollowTheMoney: persons, organizations, sanctions and events that point to each other", async () => {
    const { store } = use();
    const { out, result } = await exported(store, "ftm");
    const entities = readFileSync(join(out, "turnstile.ftm.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as FtmEntity);
    expect(entities).toHaveLength(result.entities as number);
    const byId = new Map(entities.map((e) => [e.id, e]));
    expect(byId.size).toBe(entities.length);
    for (const entity of entities) {
      expect(["Person", "Organization", "Sanction", "Event"]).toContain(entity.schema);
      expect(entity.properties.name ?? entity.properties.entity).toBeDefined();
      for (const values of Object.values(entity.properties)) {
        expect(values.length).toBeGreaterThan(0);
        for (const value of values) expect(typeof value).toBe("string");
      }
      for (const ref of [
        ...(entity.properties.entity ?? []),
        ...(entity.properties.involved ?? []),
      ]) {
        expect(byId.has(ref)).toBe(true);
      }
    }
    const belavia = byId.get("turnstile-sanction-m-belavia");
    expect(belavia?.properties).toMatchObject({
      entity: ["turnstile-org-belavia-national-airline"],
      authority: ["US"],
      startDate: ["2023-08"],
      date: ["2025-09-11"],
      status: ["eased"],
    });
    expect(byId.get("turnstile-org-belavia-national-airline")?.properties).toMatchObject({
      name: ["Belavia (national airline)"],
      topics: ["sanction"],
    });
    expect(byId.get("turnstile-org-us")?.properties.topics).toEqual(["gov"]);
    expect(byId.get("turnstile-operation-op-2025-09-11")?.properties).toMatchObject({
      date: ["2025-09-11"],
      description: ["mediators: John Coale (US special envoy)"],
    });
    expect(byId.get("turnstile-person-pub1")).toEqual({
      id: "turnstile-person-pub1",
      schema: "Person",
      properties: {
        name: ["Публічная Асоба PUBNAME"],
        alias: ["Publichnaya PUBLATIN", "ALIAS-MARKER", "Publicnaja Asoba"],
        birthDate: ["1911-11-11"],
        gender: ["female"],
        address: ["Minsk"],
      },
    });
    expect(byId.get("turnstile-event-ev5")?.properties.date).toEqual(["2022"]);
  });

  it("a public export holds no private person, restricted field or restricted source", async () => {
    const { store } = use();
    const [secret] = await store.query<{ restricted: boolean }>(
      "SELECT restricted FROM source WHERE id = 'src-secret'",
    );
    expect(secret?.restricted).toBe(true);
    const full = await exported(store, "json");
    const everything = readAll(full.out);
    for (const marker of MARKERS) expect(everything).toContain(marker);

    for (const [format, extra] of [
      ["csv", {}],
      ["json", {}],
      ["json", { jsonLines: true }],
      ["ftm", {}],
    ] as const) {
      const { out } = await exported(store, format, { ...extra, audience: "public" });
      const text = readAll(out);
      for (const marker of MARKERS) expect(text, `${format}: ${marker}`).not.toContain(marker);
      expect(text).toContain("PUBNAME");
      expect(text).toContain("Publicnaja Asoba");
      expect(text).toContain("2021-03-05");
      expect(text).toContain("342");
    }
  });

  it("the public CSV export is a bundle of its own", async () => {
    const { kind, store } = use();
    const { out } = await exported(store, "csv", { audience: "public" });
    const other = await openTestStore(kind);
    try {
      const result = await importBundle(other.store, out);
      expect(result.counts.people.inserted).toBe(1);
      expect(result.counts.events.inserted).toBe(2);
      const events = await other.store.query("SELECT id, source_ids FROM event ORDER BY id");
      expect(events).toEqual([
        { id: "ev1", source_ids: ["src1"] },
        { id: "ev4", source_ids: ["src1"] },
      ]);
    } finally {
      await closeTestStore(other);
    }
  });

  it("refuses to write into a folder that is not empty", async () => {
    const { store } = use();
    const dir = bundle({ "keep.txt": "mine" });
    await expect(exportRegistry(store, { format: "csv", out: dir })).rejects.toThrow(
      `the folder ${dir} is not empty`,
    );
  });
});
