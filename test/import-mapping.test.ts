/**
 * Imports of other layouts through a mapping file: the example in data/examples (a
 * Windows-1251 spreadsheet with `;`, a title line, one row per event, month names), and
 * the problems a mapping meets — named by the source column they come from.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ImportError, importBundle, importMapped } from "../src/ingest/bundle-import.ts";
import { loadMapping, MappingError } from "../src/ingest/mapping.ts";
import { describeEachStore } from "./helpers/stores.ts";

const EXAMPLE = new URL("../data/examples/foreign-layout/mapping.json", import.meta.url).pathname;

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function files(contents: Record<string, string | object>): string {
  const dir = mkdtempSync(join(tmpdir(), "turnstile-mapping-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(contents)) {
    writeFileSync(join(dir, name), typeof text === "string" ? text : JSON.stringify(text));
  }
  return dir;
}

/** A small layout: one row per person and detention, a release date when released. */
const LAYOUT = {
  files: [
    {
      file: "list.csv",
      into: {
        people: {
          columns: {
            id: { template: "L-{No}" },
            name: { join: ["Surname", "Given name"] },
            birth_date: { column: "Born", date: ["DD.MM.YYYY", "YYYY"] },
          },
        },
        events: [
          {
            columns: {
              id: { template: "L-{No}-d" },
              person_id: { template: "L-{No}" },
              type: { value: "detained" },
              date: { column: "Detained", date: ["DD.MM.YYYY", "MM/YYYY", "MMMM YYYY"] },
              source_id: { value: "s1" },
            },
          },
          {
            when: "Released",
            columns: {
              id: { template: "L-{No}-r" },
              person_id: { template: "L-{No}" },
              type: { value: "released" },
              date: { column: "Released", date: ["DD.MM.YYYY", "MM/YYYY"] },
              mechanism: { column: "How", values: { помилование: "pardon", амнистия: "amnesty" } },
              source_id: { value: "s1" },
            },
          },
        ],
      },
    },
  ],
};

describeEachStore("imports through a mapping", (use) => {
  it("reads the example spreadsheet (Windows-1251, ';', a title line, month names)", async () => {
    const { store } = use();
    const result = await importMapped(store, EXAMPLE);
    expect(result.counts.people.inserted).toBe(3);
    expect(result.counts.events.inserted).toBe(9);
    const people = await store.query(
      "SELECT id, name, birth_date, gender, region FROM person ORDER BY id",
    );
    expect(people).toEqual([
      {
        id: "X-001",
        name: "Лісоўскі Андрэй Пятровіч",
        birth_date: "1981-03-14",
        gender: "male",
        region: "Gomel Region",
      },
      {
        id: "X-002",
        name: "Каралёва Вольга Сяргееўна",
        birth_date: "1975",
        gender: "female",
        region: "Minsk",
      },
      {
        id: "X-003",
        name: "Шаўчук Дзмітрый",
        birth_date: "1990-11-02",
        gender: "male",
        region: "Brest Region",
      },
    ]);
    const events = await store.query(
      "SELECT id, type, date, mechanism, monitor FROM event WHERE person_id = 'X-002' ORDER BY id",
    );
    expect(events).toEqual([
      { id: "ex-X-002-5", type: "detained", date: "2022~", mechanism: null, monitor: null },
      { id: "ex-X-002-6", type: "recognized", date: "2022-05", mechanism: null, monitor: "Viasna" },
      {
        id: "ex-X-002-7",
        type: "released",
        date: "2025-09-16",
        mechanism: "amnesty",
        monitor: null,
      },
    ]);
  });

  it("names the source column of each problem, and repeats a person only identically", async () => {
    const { store } = use();
    await importBundle(store, files({ "sources.csv": "id,title\ns1,Source one\n" }));
    const dir = files({
      "mapping.json": LAYOUT,
      "list.csv":
        "No,Surname,Given name,Born,Detained,Released,How\n" +
        "1,Пятроў,Пётр,01.02.1980,12.01.2021,11.09.2025,помилование\n" + // 2: fine
        "2,Сідарава,Алена,1975,31.09.2021,,\n" + // 3: no such day
        "3,Іваноў,Іван,1990,сентябрь 2024,10/2025,освобожден\n" + // 4: unmapped value
        "4,Козлаў,,1985,2022,,\n" + // 5: date in no format (no given name is fine)
        "1,Пятроў,Пётр,02.02.1980,12.01.2021,,\n", // 6: person 1 again, other birth date
    });
    const error = await importMapped(store, join(dir, "mapping.json")).catch((e) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message.split("\n").slice(1)).toEqual([
      "  list.csv, line 3, column Detained → events.date: day 31 does not exist in September 2021 (it has 30 days)",
      '  list.csv, line 4, column How → events.mechanism: "освобожден" is not among the values the mapping knows ("помилование", "амнистия")',
      '  list.csv, line 5, column Detained → events.date: "2022" is not a date in the formats DD.MM.YYYY, MM/YYYY, MMMM YYYY',
      '  list.csv, line 6, column No → people.id: duplicate id "L-1" with other values (first at line 2)',
    ]);
    expect(await store.query("SELECT id FROM person WHERE id LIKE 'L-%'")).toEqual([]);

    const partial = await importMapped(store, join(dir, "mapping.json"), { partial: true });
    expect(partial.rejectedRows).toBe(4);
    const rows = await store.query(
      "SELECT id, type, date, mechanism FROM event WHERE id LIKE 'L-%' ORDER BY id",
    );
    expect(rows).toEqual([
      { id: "L-1-d", type: "detained", date: "2021-01-12", mechanism: null },
      { id: "L-1-r", type: "released", date: "2025-09-11", mechanism: "pardon" },
    ]);
  });

  it("takes the files from the command line, and refuses a header without a mapped column", async () => {
    const { store } = use();
    const dir = files({
      "mapping.json": LAYOUT,
      "other-name.csv": "No,Surname,Born,Detained,Released,How\n9,X,1970,2020,,\n",
    });
    const error = await importMapped(store, join(dir, "mapping.json"), {
      files: [join(dir, "other-name.csv")],
    }).catch((e) => e);
    expect((error as ImportError).message).toContain(
      'other-name.csv, line 1, column Given name: the mapping reads column "Given name", which is not in the header',
    );
  });
});

describe("mapping files", () => {
  it("reports every mistake of the mapping with its place, before reading any data", () => {
    const dir = files({
      "bad.json": {
        files: [
          {
            file: "x.csv",
            encoding: "koi9",
            into: {
              events: {
                columns: {
                  id: "A",
                  person: "B",
                  type: { value: "detained" },
                  date: { column: "C", date: "DD.MM" },
                },
              },
            },
          },
        ],
      },
    });
    let message = "";
    try {
      loadMapping(join(dir, "bad.json"));
    } catch (error) {
      expect(error).toBeInstanceOf(MappingError);
      message = (error as Error).message;
    }
    expect(message.split("\n").slice(1)).toEqual([
      '  files.0.encoding: unknown encoding "koi9"',
      '  files.0.into.events.columns.person: events.csv has no column "person" (it has: id, person_id, type, date, mechanism, operation_id, monitor, facility, articles, sentence_months, description, source_id)',
      '  files.0.into.events.columns: events.csv needs the column "person_id" (map a source column, or give {"value": …})',
      '  files.0.into.events.columns: events.csv needs the column "source_id" (map a source column, or give {"value": …})',
      '  files.0.into.events.columns.date.date: the date format "DD.MM" has no year (YYYY)',
    ]);
  });

  it("refuses a mapping that is not the shape of one", () => {
    const dir = files({ "shape.json": { files: [{ into: { prisoners: {} } }], extra: 1 } });
    expect(() => loadMapping(join(dir, "shape.json"))).toThrow(/is not valid:\n {2}/);
  });
});
