/**
 * Records as lines of COPY CSV, written straight from the record for the tables a large
 * import fills (events, people, names) — a third of its JavaScript time went into the
 * generic path (an array of cells per row, then each cell formatted and joined). The
 * generic path (TABLE_SPECS' toRow, toCsv's quoting) stays the reference: a property test
 * holds these to the same text (test/import-validators.test.ts).
 */
import type { Bundle, DateRange } from "../domain/model.ts";
import { dayToIso } from "../domain/partial-date.ts";
import { pgTextArray, TABLE_SPECS, type TableSpec } from "./bundle-writer.ts";

const NEEDS_QUOTES = /[",\n\r]/;

/** A text cell: empty for null (COPY's NULL), quoted when it must be. */
function text(value: string | null): string {
  if (value === null) return "";
  return value === "" || NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return text(value);
  if (typeof value === "boolean") return value ? "t" : "f";
  return String(value);
}

// Days since 1970 of the dates a registry holds, formatted once each.
const ISO_BASE = -25_000;
const isoDays: (string | undefined)[] = [];
function iso(day: number): string {
  const slot = day - ISO_BASE;
  if (slot < 0 || slot > 60_000) return dayToIso(day);
  let value = isoDays[slot];
  if (value === undefined) {
    value = dayToIso(day);
    isoDays[slot] = value;
  }
  return value;
}

function date(range: DateRange | null): string {
  return range === null ? ",," : `${text(range.text)},${iso(range.first)},${iso(range.last)}`;
}

// Most rows cite the same few sources (the importer's records share one list for each):
// their array cell is made once. The key is exact for validated ids, which hold no ";".
const sourceCells = new Map<string, string>();
const sourceCellOf = new WeakMap<readonly string[], string>();
function sources(ids: readonly string[]): string {
  let value = sourceCellOf.get(ids);
  if (value !== undefined) return value;
  const key = `${ids.length};${ids.join(";")}`;
  value = sourceCells.get(key);
  if (value === undefined) {
    value = text(pgTextArray(ids));
    if (sourceCells.size >= 10_000) sourceCells.clear();
    sourceCells.set(key, value);
  }
  if (Object.isFrozen(ids)) sourceCellOf.set(ids, value);
  return value;
}

const num = (value: number | null) => (value === null ? "" : String(value));

const LINES: { [K in keyof Bundle]?: (record: Bundle[K][number]) => string } = {
  events: (e) =>
    `${text(e.id)},${text(e.personId)},${e.type},${date(e.date)},${e.mechanism ?? ""},${text(e.operationId)},` +
    `${text(e.monitor)},${text(e.facility)},${text(e.articles)},${num(e.sentenceMonths)},` +
    `${text(e.description)},${sources(e.sourceIds)}`,
  people: (p) =>
    `${text(p.id)},${text(p.name)},${text(p.nameLatin)},${date(p.birthDate)},${p.gender ?? ""},` +
    `${text(p.region)},${text(p.occupation)},${text(p.health)},${p.visibility},${p.consent},` +
    `${p.synthetic ? "t" : "f"}`,
  names: (n) => `${text(n.personId)},${text(n.name)},${n.script},${n.kind}`,
};

/** One record as a line of its table's COPY CSV (no line break). */
export function copyLine(key: keyof Bundle, record: object): string {
  const line = LINES[key] as ((record: object) => string) | undefined;
  if (line) return line(record);
  return (TABLE_SPECS[key] as TableSpec<object>).toRow(record).map(cell).join(",");
}

/** The generic line, through the table's cells: the reference for {@link copyLine}. */
export function genericCopyLine(key: keyof Bundle, record: object): string {
  return (TABLE_SPECS[key] as TableSpec<object>).toRow(record).map(cell).join(",");
}
