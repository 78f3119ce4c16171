/**
 * Writes records as an interchange bundle (a folder of CSV files, DESIGN.md): the inverse
 * of the bundle reader, so that what is exported imports again unchanged.
 */
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { stringify } from "csv-stringify/sync";
import { BUNDLE_FILES } from "../domain/bundle-schema.ts";
import type { Bundle, DateRange } from "../domain/model.ts";

type Cells = (string | number | null)[];

const text = (range: DateRange | null) => range?.text ?? null;
const ids = (list: string[]) => list.join(";");

/** One CSV row per record, in the column order of BUNDLE_FILES. */
export const toCells: { [K in keyof Bundle]: (record: Bundle[K][number]) => Cells } = {
  sources: (s) => [
    s.id,
    s.title,
    s.publisher,
    s.url,
    text(s.published),
    s.language,
    s.reliability,
    s.credibility,
    s.restricted ? "true" : "false",
  ],
  people: (p) => [
    p.id,
    p.name,
    p.nameLatin,
    text(p.birthDate),
    p.gender,
    p.region,
    p.occupation,
    p.health,
    p.visibility,
    p.consent,
  ],
  names: (n) => [n.personId, n.name, n.script, n.kind],
  operations: (o) => [
    o.id,
    o.date.text,
    o.kind,
    o.announcedCount,
    o.mediators,
    o.description,
    ids(o.sourceIds),
  ],
  events: (e) => [
    e.id,
    e.personId,
    e.type,
    e.date.text,
    e.mechanism,
    e.operationId,
    e.monitor,
    e.facility,
    e.articles,
    e.sentenceMonths,
    e.description,
    ids(e.sourceIds),
  ],
  measures: (m) => [
    m.id,
    m.authority,
    m.target,
    m.kind,
    text(m.imposed),
    text(m.eased),
    text(m.lifted),
    m.description,
    ids(m.sourceIds),
  ],
  diplomaticEvents: (d) => [d.id, d.date.text, d.kind, d.actors, d.description, ids(d.sourceIds)],
  monitorCounts: (c) => [c.id, c.monitor, c.asOf.text, c.value, c.qualifier, ids(c.sourceIds)],
};

/**
 * Streams batches of records into the bundle folder `dir`, one file per kind present;
 * call `close()` at the end. Memory stays bounded by one batch.
 */
export function bundleCsvWriter(dir: string) {
  mkdirSync(dir, { recursive: true });
  const streams = new Map<keyof Bundle, ReturnType<typeof createWriteStream>>();
  return {
    write(batch: Partial<Bundle>): void {
      for (const spec of BUNDLE_FILES) {
        const records = batch[spec.key] as object[] | undefined;
        if (!records || records.length === 0) continue;
        let stream = streams.get(spec.key);
        if (!stream) {
          stream = createWriteStream(join(dir, spec.file));
          stream.write(stringify([spec.columns as string[]]));
          streams.set(spec.key, stream);
        }
        const cells = toCells[spec.key] as (record: object) => Cells;
        stream.write(stringify(records.map(cells)));
      }
    },
    async close(): Promise<void> {
      for (const stream of streams.values()) {
        stream.end();
        await finished(stream);
      }
    },
  };
}
