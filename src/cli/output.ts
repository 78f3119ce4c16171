/** Prints rows as a table (on a terminal), JSON or CSV: the `--format` of every command. */
import Table from "cli-table3";
import { stringify } from "csv-stringify/sync";

export const FORMATS = ["table", "json", "csv"] as const;
export type Format = (typeof FORMATS)[number];

export function defaultFormat(): Format {
  return process.stdout.isTTY ? "table" : "json";
}

type Row = Record<string, unknown>;
/** Any plain object: interfaces have no index signature, so they come in as `object`. */
type Input = object;

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(3);
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Flattens one level of nested objects into `parent.child` columns, for table and CSV. */
function flatten(row: Input): Row {
  const flat: Row = {};
  for (const [key, value] of Object.entries(row)) {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [sub, inner] of Object.entries(value as Row)) flat[`${key}.${sub}`] = inner;
    } else {
      flat[key] = value;
    }
  }
  return flat;
}

function columnsOf(rows: Row[]): string[] {
  const columns: string[] = [];
  for (const row of rows)
    for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  return columns;
}

export function renderRows(rows: readonly Input[], format: Format): string {
  if (format === "json") return `${JSON.stringify(rows, null, 2)}\n`;
  const flat = rows.map(flatten);
  const columns = columnsOf(flat);
  if (format === "csv") {
    return stringify(
      flat.map((row) => columns.map((c) => cell(row[c]))),
      {
        header: true,
        columns,
      },
    );
  }
  const table = new Table({ head: columns, style: { head: [], border: [] } });
  for (const row of flat) table.push(columns.map((c) => cell(row[c])));
  return `${table.toString()}\n`;
}

/** A key–value listing (stats): a two-column table, or one JSON object. */
export function renderRecord(record: Input, format: Format): string {
  if (format === "json") return `${JSON.stringify(record, null, 2)}\n`;
  const rows = Object.entries(flatten(record)).map(([key, value]) => ({ key, value }));
  return renderRows(rows, format);
}
