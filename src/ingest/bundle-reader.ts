/**
 * Reads an interchange bundle (a folder of CSV files, DESIGN.md) and validates every row,
 * collecting every problem with its file, line and column instead of stopping at the first.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CsvError, parse } from "csv-parse/sync";
import { type BundleFileSpec, rowParsers } from "../domain/bundle-schema.ts";
import { type Bundle, emptyBundle } from "../domain/model.ts";
import { scanBundleFolder } from "./import-plan.ts";
import { formatProblem, type ImportProblem } from "./import-report.ts";

export { formatProblem, type ImportProblem };

export interface ReadBundleResult {
  bundle: Bundle;
  problems: ImportProblem[];
  /** Source line of each record, to place problems found later (references). */
  lines: Map<object, number>;
  files: string[];
}

function readFile(
  dir: string,
  spec: BundleFileSpec,
  bundle: Bundle,
  problems: ImportProblem[],
  lines: Map<object, number>,
): void {
  const file = spec.file;
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(readFileSync(join(dir, file)), {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 0;
      problems.push({ file, line, column: "", message: `not valid CSV: ${error.message}` });
      return;
    }
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) {
    problems.push({ file, line: 0, column: "", message: "is empty: a header row is required" });
    return;
  }
  const columns = header.record.map((c) => c.trim());
  let headerOk = true;
  const seen = new Set<string>();
  for (const column of columns) {
    if (!spec.columns.includes(column)) {
      headerOk = false;
      problems.push({
        file,
        line: 1,
        column,
        message: `unknown column "${column}" (the columns of ${file} are: ${spec.columns.join(", ")})`,
      });
    } else if (seen.has(column)) {
      headerOk = false;
      problems.push({ file, line: 1, column, message: "column appears twice in the header" });
    }
    seen.add(column);
  }
  for (const required of spec.required) {
    if (!seen.has(required)) {
      headerOk = false;
      problems.push({ file, line: 1, column: required, message: "required column is missing" });
    }
  }
  if (!headerOk) return;

  const parseRow = rowParsers[spec.key] as (
    raw: Record<string, string>,
  ) => { ok: true; value: object } | { ok: false; issues: { column: string; message: string }[] };
  const target = bundle[spec.key] as object[];
  const firstLineOfId = new Map<string, number>();
  for (const { record, info } of rows) {
    const line = info.lines;
    if (record.length !== columns.length) {
      problems.push({
        file,
        line,
        column: "",
        message: `has ${record.length} fields, the header has ${columns.length}`,
      });
      continue;
    }
    const raw: Record<string, string> = {};
    columns.forEach((column, i) => {
      raw[column] = record[i] ?? "";
    });
    const result = parseRow(raw);
    if (!result.ok) {
      for (const issue of result.issues) problems.push({ file, line, ...issue });
      continue;
    }
    const key =
      spec.key === "names" ? `${raw.person_id?.trim()}/${raw.name?.trim()}` : raw.id?.trim();
    if (key !== undefined) {
      const first = firstLineOfId.get(key);
      if (first !== undefined) {
        problems.push({
          file,
          line,
          column: spec.key === "names" ? "name" : "id",
          message: `duplicate ${spec.key === "names" ? "name for this person" : `id "${key}"`} (first at line ${first})`,
        });
        continue;
      }
      firstLineOfId.set(key, line);
    }
    target.push(result.value);
    lines.set(result.value, line);
  }
}

/** Reads and validates every known CSV file in `dir`; unknown CSV files are problems. */
export function readBundle(dir: string): ReadBundleResult {
  const bundle = emptyBundle();
  const lines = new Map<object, number>();
  const folder = scanBundleFolder(dir);
  const problems = folder.problems;
  if (!folder.readable) return { bundle, problems, lines, files: [] };
  for (const spec of folder.specs) readFile(dir, spec, bundle, problems, lines);
  return { bundle, problems, lines, files: folder.specs.map((spec) => spec.file) };
}
