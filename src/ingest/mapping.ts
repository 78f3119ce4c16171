/**
 * Imports of other layouts: a mapping file (mapping-schema.ts, docs/IMPORT.md) says, for
 * each source file, which bundle records each row becomes and how each bundle column is
 * made — a source column, a constant, a template, a join or a part of a split, a value
 * map ("освобожден" → released), a date format. The rows it makes are then validated
 * exactly as a bundle's, and problems name the source columns they come from.
 */
import { existsSync, statSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { BUNDLE_FILES, type FieldIssue } from "../domain/bundle-schema.ts";
import { WRITE_ORDER } from "../store/bundle-writer.ts";
import { detach } from "./csv-records.ts";
import type {
  BundleKey,
  ImportPlan,
  InputFile,
  MappedRow,
  RowMapper,
  Target,
} from "./import-plan.ts";
import type { ImportProblem } from "./import-report.ts";
import { compileDateFormat, readDate } from "./mapping-dates.ts";
import {
  type ColumnSpec,
  type FileSpec,
  MappingError,
  type MappingFile,
  readMappingFile,
  type TargetSpec,
} from "./mapping-schema.ts";
import { compileRowValidator } from "./row-validators.ts";

export { MappingError };

export interface Mapping {
  path: string;
  spec: MappingFile;
}

type Getter = (fields: readonly string[], fail: (message: string) => void) => string;

interface CompiledColumn {
  get: Getter;
  /** The source columns it reads. */
  sources: string[];
}

/** Checks what can be checked without the data: bundle columns, required ones, formats. */
export function loadMapping(path: string): Mapping {
  const spec = readMappingFile(path);
  const problems: string[] = [];
  spec.files.forEach((file, f) => {
    try {
      new TextDecoder(file.encoding ?? "utf-8");
    } catch {
      problems.push(`files.${f}.encoding: unknown encoding "${file.encoding}"`);
    }
    for (const [key, targets] of Object.entries(file.into)) {
      const bundleFile = BUNDLE_FILES.find((b) => b.key === key);
      if (!bundleFile || !targets) continue;
      (Array.isArray(targets) ? targets : [targets]).forEach((target, t) => {
        const at = `files.${f}.into.${key}${Array.isArray(targets) ? `.${t}` : ""}`;
        for (const column of Object.keys(target.columns)) {
          if (!bundleFile.columns.includes(column)) {
            problems.push(
              `${at}.columns.${column}: ${bundleFile.file} has no column "${column}" (it has: ${bundleFile.columns.join(", ")})`,
            );
          }
        }
        for (const required of bundleFile.required) {
          if (!(required in target.columns)) {
            problems.push(
              `${at}.columns: ${bundleFile.file} needs the column "${required}" (map a source column, or give {"value": …})`,
            );
          }
        }
        for (const [column, columnSpec] of Object.entries(target.columns)) {
          for (const format of datesOf(columnSpec)) {
            try {
              compileDateFormat(format);
            } catch (error) {
              problems.push(`${at}.columns.${column}.date: ${(error as Error).message}`);
            }
          }
        }
      });
    }
  });
  if (problems.length > 0) {
    throw new MappingError(`the mapping ${path} is not valid:\n  ${problems.join("\n  ")}`);
  }
  return { path, spec };
}

function datesOf(spec: ColumnSpec): string[] {
  if (typeof spec === "string") return [];
  if ("join" in spec) return spec.join.flatMap(datesOf);
  if ("column" in spec && spec.date) return Array.isArray(spec.date) ? spec.date : [spec.date];
  return [];
}

/** Compiles a column spec against a header; names of missing source columns go to `missing`. */
function compileColumn(
  spec: ColumnSpec,
  index: ReadonlyMap<string, number>,
  missing: Set<string>,
): CompiledColumn {
  const at = (column: string): number => {
    const i = index.get(column);
    if (i === undefined) missing.add(column);
    return i ?? -1;
  };
  if (typeof spec === "string") return compileColumn({ column: spec }, index, missing);
  if ("value" in spec) return { get: () => spec.value, sources: [] };
  if ("template" in spec) {
    const names = [...spec.template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
    const positions = names.map(at);
    return {
      sources: names,
      get(fields, fail) {
        let k = 0;
        return spec.template.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
          const value = (fields[positions[k++] as number] ?? "").trim();
          if (value === "")
            fail(`column "${name}" is empty, and the template "${spec.template}" needs it`);
          return value;
        });
      },
    };
  }
  if ("join" in spec) {
    const parts = spec.join.map((part) => compileColumn(part, index, missing));
    const separator = spec.separator ?? " ";
    return {
      sources: parts.flatMap((p) => p.sources),
      get: (fields, fail) =>
        parts
          .map((p) => p.get(fields, fail).trim())
          .filter((v) => v !== "")
          .join(separator),
    };
  }
  const position = at(spec.column);
  const formats = datesOf(spec).map(compileDateFormat);
  // A column holds a few thousand distinct dates: each is read once.
  const dates = new Map<string, ReturnType<typeof readDate>>();
  const values = spec.values ? new Map(Object.entries(spec.values)) : null;
  const lowered = values
    ? new Map([...values].map(([from, to]) => [from.trim().toLocaleLowerCase(), to]))
    : null;
  return {
    sources: [spec.column],
    get(fields, fail) {
      let value = (fields[position] ?? "").trim();
      if (spec.split !== undefined) {
        const parts = value
          .split(spec.split)
          .map((p) => p.trim())
          .filter((p) => p !== "");
        const part = spec.part ?? 0;
        value = parts[part < 0 ? parts.length + part : part] ?? "";
      }
      if (value === "") return "";
      if (values && lowered) {
        const mapped = values.get(value) ?? lowered.get(value.toLocaleLowerCase());
        if (mapped !== undefined) value = mapped;
        else if (spec.otherwise === undefined || spec.otherwise === "error") {
          const known = [...values.keys()].map((k) => `"${k}"`).join(", ");
          fail(`"${value}" is not among the values the mapping knows (${known})`);
          return value;
        } else if (spec.otherwise !== "keep") value = spec.otherwise;
      }
      if (formats.length > 0 && value !== "") {
        let date = dates.get(value);
        if (date === undefined) {
          date = readDate(value, formats);
          if (dates.size >= 10_000) dates.clear();
          dates.set(detach(value), date);
        }
        if (!date.ok) {
          fail(date.reason);
          return value;
        }
        value = date.edtf;
      }
      return value;
    },
  };
}

function targetsOf(file: FileSpec): { key: BundleKey; spec: TargetSpec }[] {
  const out: { key: BundleKey; spec: TargetSpec }[] = [];
  for (const key of WRITE_ORDER) {
    const targets = file.into[key];
    if (!targets) continue;
    for (const spec of Array.isArray(targets) ? targets : [targets]) out.push({ key, spec });
  }
  return out;
}

function openMapped(name: string, file: FileSpec, raw: readonly string[], line: number) {
  const header = raw.map((c) => c.trim());
  const index = new Map<string, number>();
  const twice = new Set<string>();
  header.forEach((column, i) => {
    if (index.has(column)) twice.add(column);
    index.set(column, i);
  });
  const missing = new Set<string>();
  const compiled = targetsOf(file).map(({ key, spec }) => {
    const bundleFile = BUNDLE_FILES.find((b) => b.key === key);
    if (!bundleFile) throw new Error(`no bundle file for ${key}`);
    const columns = Object.keys(spec.columns);
    const getters = columns.map((c) =>
      compileColumn(spec.columns[c] as ColumnSpec, index, missing),
    );
    const when = spec.when === undefined ? -1 : (index.get(spec.when) ?? -1);
    if (spec.when !== undefined && when < 0) missing.add(spec.when);
    const target: Target = {
      key,
      spec: bundleFile,
      header: columns,
      validate: compileRowValidator(key, columns, bundleFile.columns),
      label(column) {
        const i = columns.indexOf(column);
        const sources = i >= 0 ? (getters[i]?.sources ?? []) : [];
        const from = sources.length > 0 ? sources.join(" + ") : "(constant)";
        return `${from} → ${bundleFile.file.replace(/\.csv$/, "")}.${column}`;
      },
      repeats: spec.repeats ?? "skip-identical",
    };
    return { target, getters, columns, when };
  });
  const problems: ImportProblem[] = [];
  for (const column of missing) {
    problems.push({
      file: name,
      line,
      column,
      message: `the mapping reads column "${column}", which is not in the header (it has: ${header.join(", ")})`,
    });
  }
  for (const column of twice) {
    problems.push({ file: name, line, column, message: "column appears twice in the header" });
  }
  if (problems.length > 0) return problems;
  const width = header.length;
  const mapper: RowMapper = {
    targets: compiled.map((c) => c.target),
    map(fields) {
      for (let i = width; i < fields.length; i++) {
        if ((fields[i] ?? "").trim() !== "") {
          const message = `has ${fields.length} fields, the header has ${width}`;
          return { issues: [{ column: "", message }], rows: [] };
        }
      }
      const rows: MappedRow[] = [];
      for (const { target, getters, columns, when } of compiled) {
        if (when >= 0 && (fields[when] ?? "").trim() === "") continue;
        const issues: FieldIssue[] = [];
        const out = getters.map((g, i) =>
          g.get(fields, (message) => issues.push({ column: columns[i] as string, message })),
        );
        rows.push({ target, fields: out, issues });
      }
      return { issues: [], rows };
    },
  };
  return mapper;
}

/**
 * The import plan of a mapping. `files` (from the command line) take the place of the
 * files the mapping names: matched by file name, or the only one when the mapping has one.
 */
export function planMapping(mapping: Mapping, options: { files?: string[] } = {}): ImportPlan {
  const base = dirname(mapping.path);
  const given = options.files ?? [];
  const entries = mapping.spec.files;
  const files: InputFile[] = [];
  const problems: ImportProblem[] = [];
  const pairs: [FileSpec, string][] = [];
  if (given.length > 0) {
    for (const path of given) {
      const entry =
        entries.length === 1
          ? entries[0]
          : entries.find((e) => e.file !== undefined && basename(e.file) === basename(path));
      if (!entry) {
        const described = entries.map((e) => e.file ?? "(unnamed)").join(", ");
        throw new MappingError(
          `${path}: the mapping ${mapping.path} has no entry for this file (it describes: ${described})`,
        );
      }
      pairs.push([entry, path]);
    }
  } else {
    entries.forEach((entry, i) => {
      if (!entry.file) {
        throw new MappingError(
          `files.${i} of the mapping ${mapping.path} names no file: give "file", or the file on the command line`,
        );
      }
      pairs.push([entry, resolve(base, entry.file)]);
    });
  }
  for (const [entry, path] of pairs) {
    const name = basename(path);
    if (!existsSync(path) || !statSync(path).isFile()) {
      problems.push({ file: path, line: 0, column: "", message: "is not a readable file" });
      continue;
    }
    files.push({
      path,
      name,
      encoding: entry.encoding ?? "utf-8",
      delimiter: entry.delimiter ?? ",",
      skipLines: entry.skip_lines ?? 0,
      bytes: statSync(path).size,
      produces: targetsOf(entry).map((t) => t.key),
      open: (raw, line) => openMapped(name, entry, raw, line),
    });
  }
  const rank = (file: InputFile) => Math.min(...file.produces.map((k) => WRITE_ORDER.indexOf(k)));
  files.sort((a, b) => rank(a) - rank(b));
  return { source: mapping.path, mapped: true, files, problems };
}
