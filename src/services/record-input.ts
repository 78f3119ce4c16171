/**
 * Validation of records written over the API by the same schemas as the bundle rows
 * (src/domain/bundle-schema.ts): the JSON fields are put in the shape of a bundle row,
 * checked there (partial dates, choices, lengths, rules across fields), and problems come
 * back under the JSON field's name.
 */
import { type RowResult, rowParsers } from "../domain/bundle-schema.ts";
import type { DateRange } from "../domain/model.ts";
import { ENTITY_TABLES, type EntityName, type Field } from "../store/entity-tables.ts";
import { type FieldProblem, ValidationError } from "./errors.ts";

type Parser = (raw: Record<string, string>) => RowResult<unknown>;

const PARSERS: Record<EntityName, Parser> = {
  person: rowParsers.people,
  event: rowParsers.events,
  source: rowParsers.sources,
  release_operation: rowParsers.operations,
  measure: rowParsers.measures,
  diplomatic_event: rowParsers.diplomaticEvents,
  monitor_count: rowParsers.monitorCounts,
};

function isRange(value: unknown): value is DateRange {
  return value !== null && typeof value === "object" && "text" in value && "first" in value;
}

function cellOf(field: Field, value: unknown): string {
  if (value === null || value === undefined) return "";
  if (field.kind === "ids") return (value as string[]).join(";");
  if (isRange(value)) return value.text;
  return String(value);
}

/**
 * The domain record for `fields` (JSON values, or stored values of a record being updated),
 * or a {@link ValidationError} naming each bad field.
 */
export function validateRecord(
  entity: EntityName,
  id: string,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  const spec = ENTITY_TABLES[entity];
  const raw: Record<string, string> = { id };
  for (const field of spec.fields) {
    if (field.csv !== null) raw[field.csv] = cellOf(field, fields[field.key]);
  }
  const result = PARSERS[entity](raw);
  if (!result.ok) {
    const keyOf = (column: string) =>
      column === "id" ? "id" : (spec.fields.find((f) => f.csv === column)?.key ?? column);
    const problems: FieldProblem[] = result.issues.map((issue) => ({
      field: keyOf(issue.column),
      message: issue.message,
    }));
    throw new ValidationError(problems);
  }
  const record = { ...(result.value as Record<string, unknown>) };
  // Fields the bundle does not carry are checked by the API's schema; keep them as given.
  for (const field of spec.fields) {
    if (field.csv === null && !spec.readOnly.includes(field.key)) {
      record[field.key] = fields[field.key] ?? false;
    }
  }
  return record;
}

/** The writable fields of a stored record, as a starting point for an update. */
export function writableFields(entity: EntityName, stored: Record<string, unknown>) {
  const spec = ENTITY_TABLES[entity];
  const fields: Record<string, unknown> = {};
  for (const field of spec.fields) {
    if (!spec.readOnly.includes(field.key)) fields[field.key] = stored[field.key] ?? null;
  }
  return fields;
}
