/**
 * The fast paths of the importer against their references, on random input: the
 * hand-written row validators against the zod schemas (same issues, same records), and the
 * streaming CSV reader against csv-parse (same records, same line numbers).
 */
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUNDLE_FILES, rowParsers } from "../src/domain/bundle-schema.ts";
import type { Bundle } from "../src/domain/model.ts";
import { CsvRecordParser, CsvSyntaxError } from "../src/ingest/csv-records.ts";
import { KeyIndex } from "../src/ingest/key-index.ts";
import { compileRowValidator } from "../src/ingest/row-validators.ts";
import { copyLine, genericCopyLine } from "../src/store/copy-lines.ts";

const LONG_ID = "x".repeat(201);
const LONG_TEXT = "y".repeat(10_001);

function valuesFor(column: string): fc.Arbitrary<string> {
  const noise = fc.string({ maxLength: 8 });
  const pick = (...values: string[]) => fc.oneof(fc.constantFrom(...values), noise);
  if (column === "id" || column.endsWith("_id") || column === "person_id") {
    if (column === "source_id") {
      return pick("s1", "s1;s2", " s1 ; s2 ", ";", "", " ; ", "s1;;s3");
    }
    return pick("p1", " p1 ", "", " ", "a b", "a;b", "a,b", LONG_ID, "ш-1");
  }
  if (["date", "as_of", "published", "birth_date", "imposed", "eased", "lifted"].includes(column)) {
    return pick(
      "2025",
      "2025-09",
      "2025-09-11",
      " 2025-09-11 ",
      "2025-09-31",
      "2025-13",
      "~2025-09",
      "2025-09~",
      "2024-02-29?",
      "2025%",
      "~2025?",
      "25-09-2025",
      "2025/09",
      "2025-9",
      "0999",
      "",
    );
  }
  if (["announced_count", "value", "sentence_months"].includes(column)) {
    return pick("0", "52", " 1 265 ", "1_000", "-1", "1.5", "abc", "1201", "100000001", "");
  }
  if (column === "url")
    return pick("https://example.org/a", "http://x", "ftp://x", "http:// x", "");
  const choices: Record<string, string[]> = {
    gender: ["female", "male", "other", "unknown", " male ", "f"],
    visibility: ["public", "restricted", "private", "secret"],
    consent: ["unknown", "granted", "withheld", "yes"],
    script: ["cyrillic", "latin", "other", "greek"],
    kind: ["official", "alias", "amnesty", "pardon", "negotiated", "talks", "sanction"],
    type: ["detained", "released", "recognized", "recognition_withdrawn", "charged", "arrested"],
    mechanism: ["pardon", "amnesty", "escape"],
    reliability: ["A", "F", "G", "a"],
    credibility: ["1", "6", "7"],
    restricted: ["true", "false", " true ", "yes", "TRUE"],
    qualifier: ["exact", "approx", "more_than", "fewer_than", "about"],
    monitor: ["Viasna", " ", ""],
  };
  const options = choices[column];
  if (options) return pick(...options, "");
  return pick("text", " padded ", "", " ", LONG_TEXT, "Тэкст ў");
}

/** A header (some optional columns left out, sometimes an unknown one) and a record for it. */
function rowsOf(key: keyof Bundle) {
  const spec = BUNDLE_FILES.find((s) => s.key === key);
  if (!spec) throw new Error(key);
  return fc
    .tuple(
      fc.subarray(
        spec.columns.filter((c) => !spec.required.includes(c)),
        { minLength: 0 },
      ),
      fc.boolean(),
      fc.boolean(),
    )
    .chain(([optional, extra, dropRequired]) => {
      const required = dropRequired ? spec.required.slice(1) : spec.required;
      const header = [...required, ...optional, ...(extra ? ["colour"] : [])];
      return fc.tuple(
        fc.constant(header),
        fc.tuple(...header.map((column) => valuesFor(column))),
        fc.constant(spec.columns),
      );
    });
}

describe("row validators", () => {
  for (const spec of BUNDLE_FILES) {
    it(`${spec.file}: same issues and records as the zod schema`, () => {
      fc.assert(
        fc.property(rowsOf(spec.key), ([header, fields, known]) => {
          const raw: Record<string, string> = {};
          header.forEach((column, i) => {
            raw[column] = fields[i] as string;
          });
          const reference = (rowParsers[spec.key] as (raw: Record<string, string>) => unknown)(raw);
          const fast = compileRowValidator(spec.key, header, known)(fields);
          expect(fast).toEqual(reference);
        }),
        { numRuns: 3000 },
      );
    });
  }
});

function fastRecords(text: string, chunk: number) {
  const parser = new CsvRecordParser();
  const out: [string[], number][] = [];
  try {
    for (let i = 0; i < text.length; i += chunk) {
      for (const r of parser.push(text.slice(i, i + chunk))) out.push([r.fields, r.line]);
    }
    for (const r of parser.end()) out.push([r.fields, r.line]);
    return { records: out };
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { error: error.line };
    throw error;
  }
}

function csvParseRecords(text: string) {
  try {
    const rows = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return { records: rows.map((r) => [r.record, r.info.lines]) };
  } catch (error) {
    return { error: (error as { lines: number }).lines };
  }
}

const unit = fc.constantFrom("a", ",", '"', "\n", " ", "ў");
const field = fc.oneof(
  fc.constantFrom("", "a", "b c", "é", 'x"y'),
  fc.string({ unit, maxLength: 6 }),
  fc
    .string({ unit: fc.constantFrom("a", ",", '"', "\n", " "), maxLength: 5 })
    .map((s) => `"${s.replaceAll('"', '""')}"`),
);
const line = fc.array(field, { minLength: 1, maxLength: 4 }).map((f) => f.join(","));
const documents = fc
  .tuple(
    fc.array(line, { maxLength: 6 }),
    fc.constantFrom("\n", "\r\n"),
    fc.boolean(),
    fc.boolean(),
  )
  .map(
    ([lines, newline, last, bom]) =>
      (bom ? "\ufeff" : "") + (lines.join("\n") + (last ? "\n" : "")).replaceAll("\n", newline),
  );

describe("streaming CSV reader", () => {
  it("reads what csv-parse reads, whatever the chunk boundaries", () => {
    fc.assert(
      fc.property(documents, fc.integer({ min: 1, max: 9 }), (text, chunk) => {
        const fast = fastRecords(text, chunk);
        // csv-parse takes the first line break it meets as the only one; ours takes both
        // \n and \r\n. Compare on the \n form, where a quoted \r\n is kept as it is.
        const reference = csvParseRecords(text.replaceAll("\r\n", "\n"));
        if ("error" in fast || "error" in reference) {
          // An unclosed quote: we name the line it opened on, csv-parse the last line.
          expect("error" in fast && "error" in reference).toBe(true);
          expect((fast as { error: number }).error).toBeLessThanOrEqual(
            (reference as { error: number }).error,
          );
          return;
        }
        const normalized = fast.records.map(([fields, n]) => [
          fields.map((f) => f.replaceAll("\r\n", "\n")),
          n,
        ]);
        expect(normalized).toEqual(reference.records);
      }),
      { numRuns: 5000 },
    );
  });

  it("names the line of a syntax error", () => {
    expect(fastRecords('a,b\n1,x"y\n', 64)).toEqual({ error: 2 });
    expect(fastRecords('a,b\n1,"x"y\n', 64)).toEqual({ error: 2 });
    expect(fastRecords('a,b\n1,2\n3,"open\n\n', 64)).toEqual({ error: 3 });
  });
});

describe("key index", () => {
  it("behaves as a Map of strings to numbers through sets, gets and deletes", () => {
    const key = fc.string({ unit: fc.constantFrom("a", "b", "ў", "1", "-"), maxLength: 6 });
    const op = fc.oneof(
      fc.tuple(fc.constant("set" as const), key, fc.integer({ min: 0, max: 1e9 })),
      fc.tuple(fc.constant("delete" as const), key, fc.constant(0)),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 3000 }), (ops) => {
        const index = new KeyIndex();
        const map = new Map<string, number>();
        for (const [what, k, v] of ops) {
          if (what === "set") {
            index.set(k, v);
            map.set(k, v);
          } else {
            index.delete(k);
            map.delete(k);
          }
        }
        expect(index.size).toBe(map.size);
        for (const [what, k] of ops) {
          if (what) expect(index.get(k)).toBe(map.get(k));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("COPY lines", () => {
  const text = fc.oneof(
    fc.constant(null),
    fc.string({ unit: fc.constantFrom("a", ",", '"', "\n", "\r", " ", "ў", "\\"), maxLength: 6 }),
  );
  const required = fc.string({
    unit: fc.constantFrom("a", ",", '"', "\n", "ў", "-"),
    maxLength: 6,
  });
  const range = fc.oneof(
    fc.constant(null),
    fc.record({
      text: fc.constantFrom("2021", "2021-03~", "1950-01-02"),
      first: fc.integer({ min: -40_000, max: 60_000 }),
      last: fc.integer({ min: -40_000, max: 60_000 }),
    }),
  );
  const ids = fc.array(required, { maxLength: 3 });
  const records = {
    events: fc.record({
      id: required,
      personId: required,
      type: fc.constantFrom("detained", "released"),
      date: range.map((r) => r ?? { text: "2020", first: 0, last: 1 }),
      mechanism: fc.constantFrom(null, "pardon"),
      operationId: text,
      monitor: text,
      facility: text,
      articles: text,
      sentenceMonths: fc.oneof(fc.constant(null), fc.nat(1200)),
      description: text,
      sourceIds: ids,
    }),
    people: fc.record({
      id: required,
      name: required,
      nameLatin: text,
      birthDate: range,
      gender: fc.constantFrom(null, "female", "unknown"),
      region: text,
      occupation: text,
      health: text,
      visibility: fc.constantFrom("public", "private"),
      consent: fc.constantFrom("granted", "unknown"),
      synthetic: fc.boolean(),
    }),
    names: fc.record({
      personId: required,
      name: required,
      script: fc.constantFrom("latin", "cyrillic"),
      kind: fc.constantFrom("alias", "official"),
    }),
  };
  for (const [key, arbitrary] of Object.entries(records)) {
    it(`${key}: the direct line is the generic one`, () => {
      fc.assert(
        fc.property(arbitrary as fc.Arbitrary<object>, (record) => {
          const k = key as keyof Bundle;
          expect(copyLine(k, record)).toBe(genericCopyLine(k, record));
        }),
        { numRuns: 2000 },
      );
    });
  }
});
