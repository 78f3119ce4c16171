/**
 * `turnstile export`: the registry as the CSV bundle (which imports again unchanged), as
 * JSON (one document, or JSON lines), or as FollowTheMoney entities (export-ftm.ts). Read
 * in batches on one snapshot, written as it goes. `audience: "public"` exports what an
 * anonymous reader may see (store/export-source.ts): it is the export to publish.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, writeSync } from "node:fs";
import { join } from "node:path";
import { BUNDLE_FILES } from "../domain/bundle-schema.ts";
import type { Bundle } from "../domain/model.ts";
import type { Store } from "../store/connection.ts";
import {
  type Audience,
  type ExportKey,
  namesOfPeople,
  readForExport,
  withSnapshot,
} from "../store/export-source.ts";
import { bundleCsvWriter, toCells } from "./bundle-writer-csv.ts";
import {
  caseEventEntity,
  diplomaticEntity,
  type FtmEntity,
  Organizations,
  operationEntity,
  personEntity,
  sanctionEntity,
} from "./export-ftm.ts";

export const EXPORT_FORMATS = ["csv", "json", "ftm"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class ExportError extends Error {}

export interface ExportOptions {
  format: ExportFormat;
  /** A folder that does not exist yet or is empty. */
  out: string;
  audience?: Audience;
  /** JSON as one record per line instead of one document. */
  jsonLines?: boolean;
  onProgress?: (progress: { file: string; records: number }) => void;
}

export interface ExportResult {
  format: ExportFormat;
  audience: Audience;
  files: string[];
  /** Records read, per bundle file (for FtM, entities written is `entities`). */
  counts: Record<ExportKey, number>;
  entities?: number;
}

const STEM: Record<ExportKey, string> = Object.fromEntries(
  BUNDLE_FILES.map((spec) => [spec.key, spec.file.replace(/\.csv$/, "")]),
) as Record<ExportKey, string>;

/** A file written in large synchronous chunks: bounded memory, no stream bookkeeping. */
class TextFile {
  private readonly fd: number;
  private pending = "";
  constructor(path: string) {
    this.fd = openSync(path, "w");
  }
  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= 1 << 20) this.flush();
  }
  private flush(): void {
    if (this.pending !== "") writeSync(this.fd, this.pending);
    this.pending = "";
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** A record as JSON: the bundle's columns, with numbers as numbers and `source_id` a list. */
export function jsonRecord(key: ExportKey, record: object): Record<string, unknown> {
  const spec = BUNDLE_FILES.find((s) => s.key === key);
  if (!spec) throw new Error(`no bundle file for ${key}`);
  const cells = (toCells[key] as (r: object) => (string | number | null)[])(record);
  const out: Record<string, unknown> = {};
  spec.columns.forEach((column, i) => {
    out[column] = column === "source_id" ? (record as { sourceIds: string[] }).sourceIds : cells[i];
  });
  if (key === "people") out.synthetic = (record as Bundle["people"][number]).synthetic;
  return out;
}

function prepareFolder(out: string): void {
  let entries: string[] | undefined;
  try {
    entries = existsSync(out) ? readdirSync(out) : undefined;
    if (!entries) mkdirSync(out, { recursive: true });
  } catch (error) {
    // A file in the way, no permission: the user's to fix, said without a stack trace.
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOTDIR"
        ? "a file is in the way (a folder is needed)"
        : (error as Error).message;
    throw new ExportError(`cannot export into ${out}: ${reason}`);
  }
  if (entries && entries.length > 0) {
    throw new ExportError(`the folder ${out} is not empty: export into a new or empty folder`);
  }
}

function emptyCounts(): Record<ExportKey, number> {
  return Object.fromEntries(BUNDLE_FILES.map((s) => [s.key, 0])) as Record<ExportKey, number>;
}

/** Writes the export; the folder holds nothing else. */
export async function exportRegistry(store: Store, options: ExportOptions): Promise<ExportResult> {
  const audience = options.audience ?? "full";
  prepareFolder(options.out);
  const counts = emptyCounts();
  const progress = (file: string, n: number) => options.onProgress?.({ file, records: n });
  if (options.format === "ftm") return exportFtm(store, options.out, audience, counts, progress);

  return withSnapshot(store, async (tx) => {
    if (options.format === "csv") {
      const writer = bundleCsvWriter(options.out);
      for (const spec of BUNDLE_FILES) {
        for await (const batch of readForExport(tx, spec.key, audience)) {
          writer.write({ [spec.key]: batch });
          counts[spec.key] += batch.length;
          progress(spec.file, counts[spec.key]);
        }
      }
      await writer.close();
      const files = BUNDLE_FILES.filter((s) => counts[s.key] > 0).map((s) => s.file);
      return { format: "csv", audience, files, counts };
    }
    const name = options.jsonLines ? "turnstile.jsonl" : "turnstile.json";
    const file = new TextFile(join(options.out, name));
    try {
      if (!options.jsonLines) {
        file.write(
          `{"format":"turnstile-bundle","version":1,"audience":${JSON.stringify(audience)},` +
            `"exported_at":${JSON.stringify(new Date().toISOString())}`,
        );
      }
      for (const spec of BUNDLE_FILES) {
        if (!options.jsonLines) file.write(`,\n${JSON.stringify(STEM[spec.key])}:[`);
        for await (const batch of readForExport(tx, spec.key, audience)) {
          for (const record of batch) {
            const json = jsonRecord(spec.key, record);
            if (options.jsonLines) {
              file.write(`${JSON.stringify({ record: STEM[spec.key], ...json })}\n`);
            } else {
              file.write(`${counts[spec.key] > 0 ? "," : ""}\n${JSON.stringify(json)}`);
            }
            counts[spec.key]++;
          }
          progress(name, counts[spec.key]);
        }
        if (!options.jsonLines) file.write("]");
      }
      if (!options.jsonLines) file.write("}\n");
    } finally {
      file.close();
    }
    return { format: "json", audience, files: [name], counts };
  });
}

async function exportFtm(
  store: Store,
  out: string,
  audience: Audience,
  counts: Record<ExportKey, number>,
  progress: (file: string, n: number) => void,
): Promise<ExportResult> {
  const name = "turnstile.ftm.jsonl";
  const file = new TextFile(join(out, name));
  let entities = 0;
  const emit = (entity: FtmEntity) => {
    file.write(`${JSON.stringify(entity)}\n`);
    entities++;
  };
  const orgs = new Organizations();
  try {
    await withSnapshot(store, async (tx) => {
      const sources = new Map<string, { url: string | null; publisher: string | null }>();
      for await (const batch of readForExport(tx, "sources", audience)) {
        for (const s of batch) {
          sources.set(s.id, { url: s.url, publisher: s.publisher });
          orgs.add(s.publisher, "publisher");
        }
        counts.sources += batch.length;
      }
      for await (const batch of readForExport(tx, "people", audience)) {
        const names = await namesOfPeople(
          tx,
          batch.map((p) => p.id),
          audience,
        );
        for (const person of batch) emit(personEntity(person, names.get(person.id) ?? []));
        for (const list of names.values()) counts.names += list.length;
        counts.people += batch.length;
        progress(name, entities);
      }
      for await (const batch of readForExport(tx, "operations", audience)) {
        for (const op of batch) emit(operationEntity(op, sources));
        counts.operations += batch.length;
      }
      for await (const batch of readForExport(tx, "events", audience)) {
        for (const event of batch) {
          emit(caseEventEntity(event));
          orgs.add(event.monitor, "monitor");
        }
        counts.events += batch.length;
        progress(name, entities);
      }
      for await (const batch of readForExport(tx, "measures", audience)) {
        for (const m of batch) {
          emit(sanctionEntity(m, sources));
          orgs.add(m.authority, "authority", "gov");
          orgs.add(m.target, "target", m.lifted ? undefined : "sanction");
        }
        counts.measures += batch.length;
      }
      for await (const batch of readForExport(tx, "diplomaticEvents", audience)) {
        for (const d of batch) emit(diplomaticEntity(d, sources));
        counts.diplomaticEvents += batch.length;
      }
      for await (const batch of readForExport(tx, "monitorCounts", audience)) {
        for (const c of batch) orgs.add(c.monitor, "monitor");
        counts.monitorCounts += batch.length;
      }
      for (const org of orgs.entities()) emit(org);
    });
  } finally {
    file.close();
  }
  return { format: "ftm", audience, files: [name], counts, entities };
}
