/**
 * From a draft's payload (and a reviewer's edits) to a registry record, validated by the
 * same row schemas as an imported bundle, so that a bad edit is refused with the field
 * named exactly as the CSV column would be.
 */
import { BUNDLE_FILES, rowParsers } from "../domain/bundle-schema.ts";
import type { DiplomaticEvent, Measure, MonitorCount, ReleaseOperation } from "../domain/model.ts";
import type { DraftKind } from "../ingest/extract/types.ts";

/**
 * Why a draft could not be taken: no such draft, decided already (or another conflict), or
 * invalid content — in which case `problems` names each field.
 */
export type DraftErrorReason = "not-found" | "conflict" | "invalid";

/** A problem with a draft the reviewer can act on; nothing was written. */
export class DraftError extends Error {
  readonly reason: DraftErrorReason;
  readonly problems: { field: string; message: string }[];
  constructor(
    message: string,
    reason: DraftErrorReason = "invalid",
    problems: { field: string; message: string }[] = [],
  ) {
    super(message);
    this.name = "DraftError";
    this.reason = reason;
    this.problems = problems;
  }
}

export type RecordOf = ReleaseOperation | MonitorCount | Measure | DiplomaticEvent;

const KEY: { [K in DraftKind]: "operations" | "monitorCounts" | "measures" | "diplomaticEvents" } =
  {
    release_operation: "operations",
    monitor_count: "monitorCounts",
    measure: "measures",
    diplomatic_event: "diplomaticEvents",
  };

const PREFIX: { [K in DraftKind]: string } = {
  release_operation: "op",
  monitor_count: "mc",
  measure: "m",
  diplomatic_event: "de",
};

/** The fields a reviewer may edit: the bundle columns but the record's id and source. */
export function draftFields(kind: DraftKind): string[] {
  const spec = BUNDLE_FILES.find((file) => file.key === KEY[kind]);
  return (spec?.columns ?? []).filter((c) => c !== "id" && c !== "source_id");
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  return String(value);
}

/** The payload of a validated record, in the draft's shape (bundle column names). */
function payloadOf(record: RecordOf): Record<string, unknown> {
  if ("announcedCount" in record) {
    return {
      date: record.date.text,
      kind: record.kind,
      announced_count: record.announcedCount,
      mediators: record.mediators,
      description: record.description,
    };
  }
  if ("asOf" in record) {
    return {
      monitor: record.monitor,
      as_of: record.asOf.text,
      value: record.value,
      qualifier: record.qualifier,
    };
  }
  if ("authority" in record) {
    return {
      authority: record.authority,
      target: record.target,
      kind: record.kind,
      imposed: record.imposed?.text ?? null,
      eased: record.eased?.text ?? null,
      lifted: record.lifted?.text ?? null,
      description: record.description,
    };
  }
  return {
    date: record.date.text,
    kind: record.kind,
    actors: record.actors,
    description: record.description,
  };
}

/**
 * Applies `edits` to `base` and validates the result as a record of `kind` citing
 * `sourceId`. Throws a {@link DraftError} naming each bad field.
 */
export function validatePayload(
  kind: DraftKind,
  base: Record<string, unknown>,
  edits: Record<string, string>,
  context: { id: string; sourceId: string; draftId: number },
): { payload: Record<string, unknown>; record: RecordOf } {
  const fields = draftFields(kind);
  const refused = (problems: { field: string; message: string }[], reason: string) =>
    new DraftError(
      `draft ${context.draftId} was not accepted, nothing was written: ${reason}`,
      "invalid",
      problems,
    );
  for (const field of Object.keys(edits)) {
    if (!fields.includes(field)) {
      const message = `"${field}" is not a field of a ${kind} draft (fields: ${fields.join(", ")})`;
      throw refused([{ field, message }], message);
    }
  }
  const raw: Record<string, string> = { id: context.id, source_id: context.sourceId };
  for (const field of fields)
    raw[field] = field in edits ? (edits[field] ?? "") : cell(base[field]);
  const parsed = rowParsers[KEY[kind]](raw);
  if (!parsed.ok) {
    throw refused(
      parsed.issues.map((issue) => ({ field: issue.column, message: issue.message })),
      parsed.issues.map((issue) => `field ${issue.column}: ${issue.message}`).join("; "),
    );
  }
  const record = parsed.value as RecordOf;
  if ("authority" in record && !record.imposed && !record.eased && !record.lifted) {
    const message = "a measure needs at least one of these dates";
    throw refused(
      ["imposed", "eased", "lifted"].map((field) => ({ field, message })),
      `field imposed, eased or lifted: ${message}`,
    );
  }
  return { payload: payloadOf(record), record };
}

/** The record with its id: `op-2025-09-11-d12` (kind, date, and the draft it came from). */
export function toRecord(kind: DraftKind, record: RecordOf, draftId: number): RecordOf {
  let date: string | undefined;
  if ("asOf" in record) date = record.asOf.text;
  else if ("authority" in record) date = (record.lifted ?? record.eased ?? record.imposed)?.text;
  else date = record.date.text;
  const slug = (date ?? "").replace(/[^0-9-]/g, "");
  return { ...record, id: `${PREFIX[kind]}-${slug ? `${slug}-` : ""}d${draftId}` };
}
