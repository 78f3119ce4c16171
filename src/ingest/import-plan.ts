/**
 * What an import reads: the files, in the order they are loaded, and for each the way its
 * rows become bundle rows — as they are for a bundle folder, or through a mapping file for
 * another layout (mapping.ts). The streaming importer (import-run.ts) needs nothing else.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { BUNDLE_FILES, type BundleFileSpec, type FieldIssue } from "../domain/bundle-schema.ts";
import type { Bundle } from "../domain/model.ts";
import type { ImportProblem } from "./import-report.ts";
import { compileRowValidator, type RowValidator } from "./row-validators.ts";

export type BundleKey = keyof Bundle;

/** One kind of bundle row that a file's rows become. */
export interface Target {
  key: BundleKey;
  /** The bundle file this target stands for (`events.csv`): names it in messages. */
  spec: BundleFileSpec;
  /** The bundle columns of the fields a {@link MappedRow} holds, in order. */
  header: readonly string[];
  validate: RowValidator<Bundle[BundleKey][number]>;
  /** How problems name a bundle column: itself, or the source columns it comes from. */
  label(column: string): string;
  /**
   * A key seen twice: an error in a bundle; skipped when identical in a mapped file whose
   * rows repeat a person on every line of their case.
   */
  repeats: "error" | "skip-identical";
}

export interface MappedRow {
  target: Target;
  fields: readonly (string | undefined)[];
  /** Problems of the mapping itself (a date in no given format, an unmapped value). */
  issues: FieldIssue[];
}

export interface RowMapper {
  targets: readonly Target[];
  /** The bundle rows of one record, or problems with the record as a whole. */
  map(fields: string[]): { issues: FieldIssue[]; rows: MappedRow[] };
}

export interface InputFile {
  path: string;
  /** How problems name the file. */
  name: string;
  encoding: string;
  delimiter: string;
  /** Lines before the header (a title above a spreadsheet's table). */
  skipLines: number;
  bytes: number;
  /** The kinds of records its rows become. */
  produces: readonly BundleKey[];
  /** Reads the header: the file's row mapper, or the problems of the header (line 1). */
  open(header: readonly string[], line: number): RowMapper | ImportProblem[];
}

export interface ImportPlan {
  /** The bundle folder or mapping file, for messages and the audit batch label. */
  source: string;
  /** Read through a mapping (another layout) rather than as a bundle. */
  mapped: boolean;
  files: InputFile[];
  /** Problems found before reading any row: unknown files, an unreadable folder. */
  problems: ImportProblem[];
}

export const NO_ISSUES: FieldIssue[] = [];

/** A target that takes a bundle file's rows as they are. */
export function bundleTarget(spec: BundleFileSpec, header: readonly string[]): Target {
  return {
    key: spec.key,
    spec,
    header,
    validate: compileRowValidator(spec.key, header, spec.columns),
    label: (column) => column,
    repeats: "error",
  };
}

/** Problems with the header of a bundle file; none when it is usable. */
export function bundleHeaderProblems(
  spec: BundleFileSpec,
  file: string,
  columns: readonly string[],
  line: number,
): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  for (const column of columns) {
    if (!spec.columns.includes(column)) {
      problems.push({
        file,
        line,
        column,
        message: `unknown column "${column}" (the columns of ${spec.file} are: ${spec.columns.join(", ")})`,
      });
    } else if (seen.has(column)) {
      problems.push({ file, line, column, message: "column appears twice in the header" });
    }
    seen.add(column);
  }
  for (const required of spec.required) {
    if (!seen.has(required)) {
      problems.push({ file, line, column: required, message: "required column is missing" });
    }
  }
  return problems;
}

function bundleFile(dir: string, spec: BundleFileSpec, encoding: string): InputFile {
  const path = join(dir, spec.file);
  return {
    path,
    name: spec.file,
    encoding,
    delimiter: ",",
    skipLines: 0,
    bytes: statSync(path).size,
    produces: [spec.key],
    open(raw, line): RowMapper | ImportProblem[] {
      const header = raw.map((c) => c.trim());
      const problems = bundleHeaderProblems(spec, spec.file, header, line);
      if (problems.length > 0) return problems;
      const target = bundleTarget(spec, header);
      const count = header.length;
      return {
        targets: [target],
        map(fields: string[]) {
          if (fields.length !== count) {
            const message = `has ${fields.length} fields, the header has ${count}`;
            return { issues: [{ column: "", message }], rows: [] };
          }
          return { issues: NO_ISSUES, rows: [{ target, fields, issues: NO_ISSUES }] };
        },
      };
    },
  };
}

/**
 * The bundle files a folder holds, in load order, with a problem for each CSV file a bundle
 * does not have, or for a folder with none (and `readable: false` with its problem when the
 * folder cannot be read).
 */
export function scanBundleFolder(dir: string): {
  readable: boolean;
  specs: BundleFileSpec[];
  problems: ImportProblem[];
} {
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error("not a folder");
    entries = readdirSync(dir);
  } catch {
    const problem = { file: dir, line: 0, column: "", message: "is not a readable folder" };
    return { readable: false, specs: [], problems: [problem] };
  }
  const known = BUNDLE_FILES.map((spec) => spec.file);
  const problems: ImportProblem[] = [];
  for (const entry of entries) {
    if (entry.toLowerCase().endsWith(".csv") && !known.includes(entry)) {
      problems.push({
        file: entry,
        line: 0,
        column: "",
        message: `unknown file (a bundle holds: ${known.join(", ")})`,
      });
    }
  }
  const specs = BUNDLE_FILES.filter((spec) => entries.includes(spec.file));
  if (specs.length === 0 && problems.length === 0) {
    problems.push({ file: dir, line: 0, column: "", message: `holds none of ${known.join(", ")}` });
  }
  return { readable: true, specs, problems };
}

/** The plan of a bundle folder: its known files in load order; unknown CSV files are problems. */
export function planBundle(dir: string, options: { encoding?: string } = {}): ImportPlan {
  const folder = scanBundleFolder(dir);
  const problems = folder.problems;
  if (!folder.readable) return { source: dir, mapped: false, files: [], problems };
  const files = folder.specs.map((spec) => bundleFile(dir, spec, options.encoding ?? "utf-8"));
  return { source: dir, mapped: false, files, problems };
}
