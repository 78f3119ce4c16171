/**
 * `turnstile import DIR`: all-or-nothing. Every row is validated and every reference
 * checked (against the bundle and the database) before anything is written; if any
 * problem is found, nothing is written and every problem is reported.
 */
import type { Bundle } from "../domain/model.ts";
import { type BundleWriteResult, emptyWriteResult, writeBundle } from "../store/bundle-writer.ts";
import type { Queryable, Store } from "../store/connection.ts";
import { existingIds } from "../store/references.ts";
import { formatProblem, type ImportProblem, readBundle } from "./bundle-reader.ts";

export class ImportError extends Error {
  readonly problems: ImportProblem[];
  constructor(problems: ImportProblem[]) {
    super(
      `the bundle was refused, nothing was written (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((p) => `  ${formatProblem(p)}`).join("\n"),
    );
    this.name = "ImportError";
    this.problems = problems;
  }
}

export interface ImportResult {
  dryRun: boolean;
  files: string[];
  rows: number;
  counts: BundleWriteResult;
}

class DryRunRollback extends Error {}

interface Reference {
  kind: "person" | "source" | "operation";
  id: string;
  file: string;
  column: string;
  record: object;
}

function referencesOf(bundle: Bundle): Reference[] {
  const refs: Reference[] = [];
  const sources = (file: string, record: { sourceIds: string[] }) => {
    for (const id of record.sourceIds)
      refs.push({ kind: "source", id, file, column: "source_id", record });
  };
  for (const n of bundle.names) {
    refs.push({
      kind: "person",
      id: n.personId,
      file: "names.csv",
      column: "person_id",
      record: n,
    });
  }
  for (const e of bundle.events) {
    refs.push({
      kind: "person",
      id: e.personId,
      file: "events.csv",
      column: "person_id",
      record: e,
    });
    if (e.operationId) {
      refs.push({
        kind: "operation",
        id: e.operationId,
        file: "events.csv",
        column: "operation_id",
        record: e,
      });
    }
    sources("events.csv", e);
  }
  for (const o of bundle.operations) sources("operations.csv", o);
  for (const m of bundle.measures) sources("measures.csv", m);
  for (const d of bundle.diplomaticEvents) sources("diplomatic_events.csv", d);
  for (const c of bundle.monitorCounts) sources("monitor_counts.csv", c);
  return refs;
}

const KIND_NAME = { person: "person", source: "source", operation: "release operation" } as const;
const KIND_FILE = {
  person: "people.csv",
  source: "sources.csv",
  operation: "operations.csv",
} as const;

/** Problems for references that point neither into the bundle nor into the database. */
export async function checkReferences(
  q: Queryable,
  bundle: Bundle,
  lines: Map<object, number>,
): Promise<ImportProblem[]> {
  const inBundle = {
    person: new Set(bundle.people.map((p) => p.id)),
    source: new Set(bundle.sources.map((s) => s.id)),
    operation: new Set(bundle.operations.map((o) => o.id)),
  };
  const refs = referencesOf(bundle);
  const outside = (kind: Reference["kind"]) =>
    refs.filter((r) => r.kind === kind && !inBundle[kind].has(r.id)).map((r) => r.id);
  const inDatabase = {
    person: await existingIds(q, "person", outside("person")),
    source: await existingIds(q, "source", outside("source")),
    operation: await existingIds(q, "operation", outside("operation")),
  };
  return refs
    .filter((r) => !inBundle[r.kind].has(r.id) && !inDatabase[r.kind].has(r.id))
    .map((r) => ({
      file: r.file,
      line: lines.get(r.record) ?? 0,
      column: r.column,
      message: `unknown ${KIND_NAME[r.kind]} id "${r.id}" (not in ${KIND_FILE[r.kind]} nor in the database)`,
    }));
}

function sortProblems(problems: ImportProblem[]): ImportProblem[] {
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/**
 * Validates the bundle in `dir` and writes it in one transaction. With `dryRun`, the
 * write runs and is rolled back, so the counts are exactly what an import would do.
 */
export async function importBundle(
  store: Store,
  dir: string,
  options: { dryRun?: boolean; actor?: string } = {},
): Promise<ImportResult> {
  const { bundle, problems, lines, files } = readBundle(dir);
  problems.push(...(await checkReferences(store, bundle, lines)));
  if (problems.length > 0) throw new ImportError(sortProblems(problems));
  const rows = Object.values(bundle).reduce((sum, list) => sum + list.length, 0);
  const batch = `import ${new Date().toISOString()} ${dir}`;
  const counts = emptyWriteResult();
  try {
    await store.transaction(async (tx) => {
      await writeBundle(tx, bundle, { actor: options.actor ?? "cli", batch }, counts);
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  return { dryRun: options.dryRun ?? false, files, rows, counts };
}
