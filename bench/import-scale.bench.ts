/**
 * Import at scale: 1,000,000 events from CSV, validated (every field, every reference, no
 * duplicate), beside a raw COPY of the same rows, on each store in the same run.
 *
 *   node bench/import-scale.bench.ts [--events 1000000] [--stores pglite,postgres] [--foreign] [--keep]
 *
 * Per store (PGlite in a folder on disk; PostgreSQL in a new schema):
 * - raw COPY: the CSV text of events.csv into a table of text columns, no check at all (the
 *   baseline of the issue);
 * - typed COPY: the same rows already converted (day ranges, arrays) COPYed into the real
 *   `event` table with its indexes and foreign keys, rolled back: what the database alone
 *   costs to hold them; "typed bulk" the same with the importer's bulk path (foreign keys
 *   and secondary indexes dropped, then rebuilt): import / typed bulk is what validating
 *   and converting the rows add;
 * - import: `importBundle` of events.csv into a database that holds the public facts and the
 *   synthetic people (loaded before, not timed).
 * With --foreign, the same events as a spreadsheet in another layout (Windows-1251, `;`, a
 * title line, one row per event with the person repeated, day-first dates) imported through
 * data/examples/foreign-layout/mapping.json, beside a raw COPY of that file's rows.
 * --keep leaves the generated files (and prints where), e.g. to import them with the command:
 *
 *   node bench/import-scale.bench.ts --foreign --stores none --keep
 *   npx turnstile --data-dir /tmp/t import --mapping data/examples/foreign-layout/mapping.json \
 *     data/examples/foreign-layout/sources.csv <folder>/foreign/prisoners-cp1251.csv
 */
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { BUNDLE_FILES } from "../src/domain/bundle-schema.ts";
import type { CaseEvent, Person } from "../src/domain/model.ts";
import { importBundle, importMapped } from "../src/ingest/bundle-import.ts";
import { readBundle } from "../src/ingest/bundle-reader.ts";
import { bundleCsvWriter } from "../src/ingest/bundle-writer-csv.ts";
import { CsvRecordParser } from "../src/ingest/csv-records.ts";
import { PUBLIC_DATA_DIR } from "../src/ingest/public-data.ts";
import { generateSynthetic, SYNTHETIC_SOURCES } from "../src/ingest/synthetic.ts";
import { restoreConstraints, suspendConstraints } from "../src/store/bulk-load.ts";
import { TABLE_SPECS, toCsv } from "../src/store/bundle-writer.ts";
import type { Queryable } from "../src/store/connection.ts";
import { freshStore, kindsFromArgs, numberArg, peakRssMb, printTable, time } from "./harness.ts";

const target = numberArg("events", 1_000_000);
const foreign = process.argv.includes("--foreign");
const root = mkdtempSync(join(tmpdir(), "turnstile-bench-scale-"));
const baseDir = join(root, "base");
const eventsDir = join(root, "events");
const foreignDir = join(root, "foreign");
const MAPPING = new URL("../data/examples/foreign-layout/mapping.json", import.meta.url).pathname;
const EXAMPLE_SOURCES = new URL("../data/examples/foreign-layout/sources.csv", import.meta.url)
  .pathname;

// --- The data (not timed) ----------------------------------------------------------------
const real = readBundle(PUBLIC_DATA_DIR).bundle;
const base = bundleCsvWriter(baseDir);
const events = bundleCsvWriter(eventsDir);
base.write({ ...real, sources: [...real.sources, ...SYNTHETIC_SOURCES] });
const typedBatches: string[] = [];
const foreignRows = foreign ? foreignWriter(join(foreignDir, "prisoners-cp1251.csv")) : null;
let written = 0;
const generation = await time(async () => {
  for (const batch of generateSynthetic({
    people: Math.ceil(target / 7) + 1_000,
    seed: 1,
    operations: real.operations,
    monitorCounts: real.monitorCounts,
  })) {
    if (written >= target) break;
    const take = batch.events.slice(0, target - written);
    written += take.length;
    base.write({ people: batch.people });
    events.write({ events: take });
    typedBatches.push(toCsv(take.map((e) => TABLE_SPECS.events.toRow(e))));
    foreignRows?.write(batch.people, take);
  }
  await base.close();
  await events.close();
  await foreignRows?.close();
});
const eventsCsv = readFileSync(join(eventsDir, "events.csv"), "utf8");
const eventsBody = eventsCsv.slice(eventsCsv.indexOf("\n") + 1);
console.log(
  `${written.toLocaleString("en")} events (${(eventsCsv.length / 1e6).toFixed(0)} MB of CSV) generated in ${generation.seconds.toFixed(0)} s (${root})`,
);

async function rawCopy(q: Queryable, columns: readonly string[], body: string): Promise<void> {
  await q.query(`CREATE TABLE raw_rows (${columns.map((c) => `"${c}" text`).join(", ")})`);
  await q.copyCsv(
    "raw_rows",
    columns.map((c) => `"${c}"`),
    body,
  );
}

class Rollback extends Error {}

const results: Record<string, string | number>[] = [];
const rate = (seconds: number) => Math.round(written / seconds).toLocaleString("en");
for (const kind of kindsFromArgs()) {
  const eventColumns = BUNDLE_FILES.find((s) => s.key === "events")?.columns ?? [];
  const raw = await freshStore(kind);
  const baseline = await time(() =>
    raw.store.transaction((tx) => rawCopy(tx, eventColumns, eventsBody)),
  );
  await raw.dispose();

  const bench = await freshStore(kind);
  await importBundle(bench.store, baseDir);
  const typed = await time(() =>
    bench.store
      .transaction(async (tx) => {
        for (const text of typedBatches) {
          await tx.copyCsv("event", TABLE_SPECS.events.columns, text);
        }
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      }),
  );
  const typedBulk = await time(() =>
    bench.store
      .transaction(async (tx) => {
        const suspended = await suspendConstraints(tx, "events");
        for (const text of typedBatches) {
          await tx.copyCsv("event", TABLE_SPECS.events.columns, text);
        }
        await restoreConstraints(tx, suspended);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      }),
  );
  const imported = await time(() => importBundle(bench.store, eventsDir));
  if (imported.value.counts.events.inserted !== written)
    throw new Error("not every event imported");
  await bench.dispose();
  results.push({
    store: kind,
    events: written,
    "raw COPY s": baseline.seconds.toFixed(2),
    "raw rows/s": rate(baseline.seconds),
    "typed COPY s": typed.seconds.toFixed(2),
    "typed bulk s": typedBulk.seconds.toFixed(2),
    "import s": imported.seconds.toFixed(2),
    "import rows/s": rate(imported.seconds),
    "import / raw": (imported.seconds / baseline.seconds).toFixed(2),
    "import / typed bulk": (imported.seconds / typedBulk.seconds).toFixed(2),
    bulk: imported.value.bulkTables.join(" "),
  });

  if (foreign) {
    const file = join(foreignDir, "prisoners-cp1251.csv");
    // The same rows as comma-separated UTF-8, for COPY (converting them is not timed).
    const parser = new CsvRecordParser(";");
    const records = [
      ...parser.push(new TextDecoder("windows-1251").decode(readFileSync(file))),
      ...parser.end(),
    ];
    const header = records[1]?.fields ?? [];
    const body = toCsv(records.slice(2).map((r) => r.fields));
    const rawForeign = await freshStore(kind);
    const foreignBaseline = await time(() =>
      rawForeign.store.transaction((tx) => rawCopy(tx, header, body)),
    );
    await rawForeign.dispose();
    const mapped = await freshStore(kind);
    const run = await time(() =>
      importMapped(mapped.store, MAPPING, { files: [EXAMPLE_SOURCES, file] }),
    );
    await mapped.dispose();
    results.push({
      store: `${kind} (foreign layout)`,
      events: run.value.counts.events.inserted,
      "raw COPY s": foreignBaseline.seconds.toFixed(2),
      "raw rows/s": rate(foreignBaseline.seconds),
      "typed COPY s": "",
      "typed bulk s": "",
      "import s": run.seconds.toFixed(2),
      "import rows/s": rate(run.seconds),
      "import / raw": (run.seconds / foreignBaseline.seconds).toFixed(2),
      "import / typed bulk": "",
      bulk: run.value.bulkTables.join(" "),
    });
  }
}
printTable(results);
console.log(`peak RSS ${peakRssMb()} MB (the generated CSV and typed rows are held in memory)`);
if (process.argv.includes("--keep")) console.log(`the generated files are kept in ${root}`);
else rmSync(root, { recursive: true, force: true });

/**
 * The events as a monitor's spreadsheet: Windows-1251, `;`, a title line, one row per
 * event with the person's columns repeated, dates day-first or as month names.
 */
function foreignWriter(path: string) {
  mkdirSync(join(path, ".."), { recursive: true });
  const stream = createWriteStream(path);
  const encode = windows1251();
  const TYPE: Record<string, [string, string]> = {
    detained: ["задержан", "задержана"],
    charged: ["обвинен", "обвинена"],
    sentenced: ["осужден", "осуждена"],
    transferred: ["переведен", "переведена"],
    health: ["состояние здоровья", "состояние здоровья"],
    ill_treatment: ["жестокое обращение", "жестокое обращение"],
    incommunicado: ["инкоммуникадо", "инкоммуникадо"],
    contact: ["весточка", "весточка"],
    recognized: ["признан политзаключенным", "признана политзаключенной"],
    recognition_withdrawn: ["статус снят", "статус снят"],
    released: ["освобожден", "освобождена"],
    house_arrest: ["домашний арест", "домашний арест"],
    died_in_custody: ["умер в заключении", "умерла в заключении"],
  };
  const MECHANISM: Record<string, string> = {
    pardon: "помилование",
    amnesty: "амнистия",
    end_of_term: "окончание срока",
    deported: "депортирован",
    negotiated: "освобожден по договоренности",
    court: "решение суда",
    other: "другое",
  };
  const MONTHS = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
  ];
  /** `2021-03-05` → `05.03.2021`; `2021-03` → `03.2021` or `март 2021`; `~` → "около". */
  const date = (edtf: string, n: number): string => {
    const approx = edtf.includes("~") ? "около " : "";
    const [y, m, d] = edtf.replace(/[~?%]/g, "").split("-");
    if (d) return `${approx}${d}.${m}.${y}`;
    if (m) return n % 2 === 0 ? `${approx}${m}.${y}` : `${approx}${MONTHS[Number(m) - 1]} ${y}`;
    return `${approx}${y}`;
  };
  const cell = (text: string | number | null) => {
    const value = text === null ? "" : String(text);
    return /[;"\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  };
  let row = 0;
  const people = new Map<string, Person>();
  stream.write(encode("Список (СИНТЕТИЧЕСКИЕ данные);;;;;;;;;;;\r\n"));
  stream.write(
    encode(
      "№;ID;ФИО;ФИО (лат.);Дата рождения;Пол;Регион;Событие;Дата события;Основание;Статья УК;Срок (мес.)\r\n",
    ),
  );
  return {
    write(batchPeople: Person[], batchEvents: CaseEvent[]) {
      for (const p of batchPeople) people.set(p.id, p);
      let text = "";
      for (const e of batchEvents) {
        const p = people.get(e.personId) as Person;
        const female = p.gender === "female" ? 1 : 0;
        row++;
        text += `${[
          row,
          p.id,
          p.name,
          p.nameLatin,
          p.birthDate ? date(p.birthDate.text, row) : null,
          female ? "ж" : "м",
          p.region,
          TYPE[e.type]?.[female] ?? e.type,
          date(e.date.text, row),
          e.mechanism ? (MECHANISM[e.mechanism] ?? null) : null,
          e.articles,
          e.sentenceMonths,
        ]
          .map(cell)
          .join(";")}\r\n`;
      }
      stream.write(encode(text));
      // People of earlier batches are not referenced again: the generator goes person by person.
      if (people.size > 50_000) people.clear();
    },
    async close() {
      stream.end();
      await finished(stream);
    },
  };
}

/** An encoder to Windows-1251 (TextEncoder only writes UTF-8): the inverse of the decoder. */
function windows1251(): (text: string) => Uint8Array {
  const decoder = new TextDecoder("windows-1251");
  const table = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) table.set(decoder.decode(Uint8Array.of(byte)), byte);
  return (text) => {
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) out[i] = table.get(text[i] as string) ?? 0x3f;
    return out;
  };
}
