/**
 * Writing records of the registry one at a time (the API's create, update, delete and
 * restore): validated by the domain's schemas, references checked, in one transaction
 * with its audit entries; an update must name the version it read.
 */
import { randomBytes } from "node:crypto";
import type { NameKind, NameScript, PersonName } from "../domain/model.ts";
import type { Queryable, Store } from "../store/connection.ts";
import { ENTITY_TABLES, type EntityName } from "../store/entity-tables.ts";
import { refreshNameKeys } from "../store/names.ts";
import { namesOf, replaceNames } from "../store/people.ts";
import {
  getRecord,
  idTaken,
  insertRecord,
  operationEvents,
  type StoredRecord,
  sourceCitations,
  updateRecord,
} from "../store/records.ts";
import { existingIds } from "../store/references.ts";
import { restoreRecord, trashRecord } from "../store/trash.ts";
import {
  ConflictError,
  constraintViolation,
  type FieldProblem,
  NotFoundError,
  ValidationError,
} from "./errors.ts";
import { validateRecord, writableFields } from "./record-input.ts";
import type { Viewer } from "./visibility.ts";

export type NameInput = { name: string; script: NameScript; kind: NameKind };

/** The body of a create: the record's fields, an optional id, a person's other names. */
export interface RecordInput {
  id?: string;
  names?: NameInput[];
  [field: string]: unknown;
}

/** A stored record with, for a person, their other names. */
export type WrittenRecord = StoredRecord & { names?: PersonName[] };

function newId(entity: EntityName): string {
  return `${ENTITY_TABLES[entity].idPrefix}-${randomBytes(6).toString("hex")}`;
}

/** A person's other names, trimmed as every text field is; refused if empty or repeated. */
function checkNames(names: readonly NameInput[]): NameInput[] {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  const trimmed = names.map((n, i) => {
    const name = n.name.trim();
    if (name === "") problems.push({ field: `names.${i}.name`, message: "is required" });
    if (seen.has(name))
      problems.push({ field: `names.${i}.name`, message: `"${name}" is given twice` });
    seen.add(name);
    return { ...n, name };
  });
  if (problems.length > 0) throw new ValidationError(problems);
  return trimmed;
}

/** Every id the record refers to must exist: its person, release operation and sources. */
async function checkReferences(tx: Queryable, record: Record<string, unknown>): Promise<void> {
  const problems: FieldProblem[] = [];
  const sourceIds = (record.sourceIds as string[] | undefined) ?? [];
  if (sourceIds.length > 0) {
    const found = await existingIds(tx, "source", sourceIds);
    const missing = sourceIds.filter((id) => !found.has(id));
    if (missing.length > 0) {
      problems.push({
        field: "sourceIds",
        message: `unknown source ${missing.map((m) => `"${m}"`).join(", ")}`,
      });
    }
  }
  for (const [field, kind] of [
    ["personId", "person"],
    ["operationId", "operation"],
  ] as const) {
    const id = record[field];
    if (typeof id !== "string") continue;
    if ((await existingIds(tx, kind, [id])).size === 0) {
      problems.push({
        field,
        message: `unknown ${kind === "person" ? "person" : "release operation"} "${id}"`,
      });
    }
  }
  if (problems.length > 0) throw new ValidationError(problems);
}

async function readBack(q: Queryable, entity: EntityName, id: string): Promise<WrittenRecord> {
  const record = await getRecord(q, entity, id);
  if (!record) throw new NotFoundError(`${entity} "${id}" not found`);
  if (entity !== "person") return record;
  return { ...record, names: await namesOf(q, [id]) };
}

function rethrowConstraint(error: unknown, entity: EntityName, id: string): never {
  const kind = constraintViolation(error);
  if (kind === "unique") throw new ConflictError(`${entity} "${id}" already exists`);
  if (kind === "foreign_key") {
    throw new ConflictError(
      `${entity} "${id}" refers to a record that no longer exists (it changed while this was written)`,
    );
  }
  throw error;
}

export async function createRecord(
  store: Store,
  entity: EntityName,
  input: RecordInput,
  viewer: Viewer,
): Promise<WrittenRecord> {
  const id = input.id ?? newId(entity);
  const record = validateRecord(entity, id, input);
  const names = checkNames(input.names ?? []);
  if (entity === "person") record.synthetic = false;
  try {
    return await store.transaction(async (tx) => {
      if (await idTaken(tx, entity, id)) {
        const deleted = (await getRecord(tx, entity, id)) === null;
        throw new ConflictError(
          deleted
            ? `${entity} "${id}" was deleted; an admin can restore it, or choose another id`
            : `${entity} "${id}" already exists`,
        );
      }
      await checkReferences(tx, record);
      await insertRecord(tx, entity, id, record, viewer.actor);
      if (names.length > 0) await replaceNames(tx, id, names, viewer.actor);
      if (entity === "person") await refreshNameKeys(tx, [id], { fresh: true });
      return readBack(tx, entity, id);
    });
  } catch (error) {
    rethrowConstraint(error, entity, id);
  }
}

export interface RecordPatch {
  version: number;
  names?: NameInput[];
  [field: string]: unknown;
}

function sameFields(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return Object.keys(a).every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]));
}

function sameNames(a: readonly PersonName[], b: readonly NameInput[]): boolean {
  const key = (n: NameInput) => `${n.name.trim()}\u0000${n.script}\u0000${n.kind}`;
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.length === right.length && left.every((k, i) => k === right[i]);
}

/**
 * Changes the fields given in `patch` (null clears one) if the record is still at
 * `patch.version`; a {@link ConflictError} carrying the current record otherwise.
 */
export async function updateRecordFields(
  store: Store,
  entity: EntityName,
  id: string,
  patch: RecordPatch,
  viewer: Viewer,
): Promise<WrittenRecord> {
  const { version, names: given, ...changes } = patch;
  const names = given && checkNames(given);
  try {
    return await store.transaction(async (tx) => {
      const current = await readBack(tx, entity, id);
      if (current.version !== version) {
        throw new ConflictError(
          `${entity} "${id}" is at version ${current.version}, not ${version}: it was changed by someone else; ` +
            "merge your change into the current record and send it with its version",
          current,
        );
      }
      const before = writableFields(entity, current);
      const record = validateRecord(entity, id, { ...before, ...changes });
      const fields = writableFields(entity, record);
      const namesChanged = names !== undefined && !sameNames(current.names ?? [], names);
      if (sameFields(before, fields) && !namesChanged) return current;
      await checkReferences(tx, changedOnly(before, fields));
      if (!sameFields(before, fields)) {
        if (!(await updateRecord(tx, entity, id, version, fields, viewer.actor))) {
          throw new ConflictError(
            `${entity} "${id}" was changed by someone else while this was written`,
            await readBack(tx, entity, id),
          );
        }
      }
      if (namesChanged) await replaceNames(tx, id, names, viewer.actor);
      const renamed = before.name !== fields.name || before.nameLatin !== fields.nameLatin;
      if (entity === "person" && (renamed || namesChanged)) await refreshNameKeys(tx, [id]);
      return readBack(tx, entity, id);
    });
  } catch (error) {
    rethrowConstraint(error, entity, id);
  }
}

/** The references that changed (those that did not were checked when written). */
function changedOnly(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changed: Record<string, unknown> = {};
  for (const key of ["personId", "operationId", "sourceIds"]) {
    if (key in after && JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changed[key] = after[key];
    }
  }
  return changed;
}

/**
 * Moves a record to the trash (a person with their names and events). Refuses a source
 * that records cite and an operation that events name, rather than leave them dangling.
 */
export async function deleteRecord(
  store: Store,
  entity: EntityName,
  id: string,
  viewer: Viewer,
  version?: number,
): Promise<void> {
  await store.transaction(async (tx) => {
    if (entity === "source") {
      const cited = await sourceCitations(tx, id);
      if (cited.count > 0) {
        throw new ConflictError(
          `source "${id}" is cited by ${cited.count} record(s) (${cited.examples.join(", ")}${cited.count > 5 ? ", …" : ""}); ` +
            "remove those citations first",
        );
      }
    }
    if (entity === "release_operation") {
      const events = await operationEvents(tx, id);
      if (events.length > 0) {
        throw new ConflictError(
          `release operation "${id}" is named by release events (${events.slice(0, 5).join(", ")}${events.length > 5 ? ", …" : ""}); ` +
            "unlink them first",
        );
      }
    }
    const outcome = await trashRecord(tx, entity, id, viewer.actor, version);
    if (outcome === "missing") throw new NotFoundError(`${entity} "${id}" not found`);
    if (outcome === "stale") {
      throw new ConflictError(
        `${entity} "${id}" is no longer at version ${version}: it was changed by someone else`,
        await readBack(tx, entity, id),
      );
    }
  });
}

/** Puts a deleted record back (admins), with a new version. */
export async function restoreDeleted(
  store: Store,
  entity: EntityName,
  id: string,
  viewer: Viewer,
): Promise<WrittenRecord> {
  try {
    return await store.transaction(async (tx) => {
      if (!(await restoreRecord(tx, entity, id, viewer.actor))) {
        throw new NotFoundError(`no deleted ${entity} "${id}" in the trash`);
      }
      return readBack(tx, entity, id);
    });
  } catch (error) {
    const kind = constraintViolation(error);
    if (kind === "unique") {
      throw new ConflictError(`cannot restore ${entity} "${id}": its id has been used again since`);
    }
    if (kind === "foreign_key") {
      throw new ConflictError(
        `cannot restore ${entity} "${id}": it refers to a record that is deleted (restore that one first)`,
      );
    }
    throw error;
  }
}
