/**
 * Merging one person into another, and undoing it. A merge moves the merged person's
 * events and names to the kept person, fills the kept person's empty fields, takes the
 * stricter visibility and consent of the two, and deletes the merged person; `person_merge`
 * keeps the full before-state, so that the merge can be undone exactly. Every row changed
 * is in the audit log, in the batch `merge:<id>` (and `unmerge:<id>`).
 */
import { scriptOf } from "../domain/names/text.ts";
import type { Queryable } from "./connection.ts";
import { StoreError } from "./errors.ts";
import { refreshNameKeys } from "./names.ts";

type Row = Record<string, unknown>;

/** Why a merge or its undoing was refused: no such record, or the state forbids it. */
export type MergeErrorReason = "not-found" | "conflict" | "invalid-into";

export class MergeError extends StoreError {
  readonly reason: MergeErrorReason;
  constructor(message: string, reason: MergeErrorReason = "conflict") {
    super(message);
    this.name = "MergeError";
    this.reason = reason;
  }
}

/** What undoing a merge needs. */
export interface MergeBefore {
  from: Row;
  fromNames: Row[];
  events: string[];
  /** Names the merge added to the kept person. */
  addedNames: string[];
  into: Row;
  /** Fields of the kept person the merge changed: [before, after]. */
  changed: Record<string, [unknown, unknown]>;
}

const BOOKKEEPING = " - 'version' - 'created_at' - 'updated_at'";
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
/** Fields taken from the merged person when the kept person has none. */
const FILLED = ["gender", "region", "occupation", "health"] as const;
const VISIBILITY_ORDER = ["public", "restricted", "private"];
const CONSENT_ORDER = ["granted", "unknown", "withheld"];

function stricter(order: readonly string[], a: unknown, b: unknown): unknown {
  return order.indexOf(String(a)) >= order.indexOf(String(b)) ? a : b;
}

async function personRow(tx: Queryable, id: string): Promise<Row | null> {
  const [row] = await tx.query<{ row: Row }>(
    "SELECT to_jsonb(p) AS row FROM person p WHERE p.id = $1 FOR UPDATE",
    [id],
  );
  return row?.row ?? null;
}

/** Why a person is missing: merged into someone (and by which merge), or just absent. */
async function missing(tx: Queryable, id: string): Promise<MergeError> {
  const [merge] = await tx.query<{ id: number; into: string }>(
    `SELECT id, into_id AS into FROM person_merge
     WHERE from_id = $1 AND undone_at IS NULL ORDER BY id DESC LIMIT 1`,
    [id],
  );
  return merge
    ? new MergeError(`person "${id}" was merged into "${merge.into}" by merge #${merge.id}`)
    : new MergeError(`no person with id "${id}"`);
}

function plannedChanges(into: Row, from: Row): Record<string, [unknown, unknown]> {
  const changed: Record<string, [unknown, unknown]> = {};
  if (into.birth_date === null && from.birth_date !== null) {
    for (const f of ["birth_date", "birth_first", "birth_last"]) changed[f] = [into[f], from[f]];
  }
  for (const f of FILLED) {
    const empty = into[f] === null || (f === "gender" && into[f] === "unknown");
    if (empty && from[f] !== null && from[f] !== into[f]) changed[f] = [into[f], from[f]];
  }
  // The merged record may not be seen by anyone the parts could not be seen by.
  const visibility = stricter(VISIBILITY_ORDER, into.visibility, from.visibility);
  if (visibility !== into.visibility) changed.visibility = [into.visibility, visibility];
  const consent = stricter(CONSENT_ORDER, into.consent, from.consent);
  if (consent !== into.consent) changed.consent = [into.consent, consent];
  return changed;
}

/** Sets a person's fields (identifiers only), versioned and audited before and after. */
export async function setFields(
  tx: Queryable,
  id: string,
  values: Record<string, unknown>,
  audit: { actor: string; batch: string },
): Promise<void> {
  const fields = Object.keys(values).filter((f) => IDENTIFIER.test(f));
  if (fields.length === 0) return;
  const set = fields.map((f, k) => `${f} = $${k + 2}`).join(", ");
  await tx.query(
    `WITH old AS (SELECT * FROM person WHERE id = $1),
     changed AS (
       UPDATE person p SET ${set}, version = p.version + 1, updated_at = now()
       WHERE p.id = $1 RETURNING p.*)
     INSERT INTO audit_log (actor, action, entity, entity_id, before, after, batch)
     SELECT $${fields.length + 2}, 'update', 'person', c.id,
            (SELECT to_jsonb(o)${BOOKKEEPING} FROM old o), to_jsonb(c)${BOOKKEEPING}, $${fields.length + 3}
     FROM changed c`,
    [id, ...fields.map((f) => values[f]), audit.actor, audit.batch],
  );
}

/** Moves events from one person to another, versioned and audited; returns how many. */
export async function moveEvents(
  tx: Queryable,
  ids: readonly string[],
  from: string,
  to: string,
  audit: { actor: string; batch: string },
): Promise<number> {
  if (ids.length === 0) return 0;
  const [row] = await tx.query<{ n: number }>(
    `WITH old AS (SELECT * FROM event WHERE id = ANY($1::text[]) AND person_id = $2 FOR UPDATE),
     moved AS (
       UPDATE event e SET person_id = $3, version = e.version + 1, updated_at = now()
       FROM old WHERE e.id = old.id RETURNING e.*),
     logged AS (
       INSERT INTO audit_log (actor, action, entity, entity_id, before, after, batch)
       SELECT $4, 'update', 'event', m.id, to_jsonb(o)${BOOKKEEPING}, to_jsonb(m)${BOOKKEEPING}, $5
       FROM moved m JOIN old o ON o.id = m.id RETURNING 1)
     SELECT count(*)::int AS n FROM logged`,
    [ids, from, to, audit.actor, audit.batch],
  );
  return row?.n ?? 0;
}

export interface MergeOutcome {
  mergeId: number;
  movedEvents: number;
  addedNames: string[];
  changedFields: string[];
}

/** Merges person `from` into person `into`, in the caller's transaction. */
export async function mergePersonRecords(
  tx: Queryable,
  request: { into: string; from: string; actor: string; candidateId?: number | null },
): Promise<MergeOutcome> {
  const { into: intoId, from: fromId, actor } = request;
  if (intoId === fromId) throw new MergeError(`cannot merge person "${intoId}" into itself`);
  const into = await personRow(tx, intoId);
  if (!into) throw await missing(tx, intoId);
  const from = await personRow(tx, fromId);
  if (!from) throw await missing(tx, fromId);

  const fromNames = (
    await tx.query<{ row: Row }>(
      "SELECT to_jsonb(n) AS row FROM person_name n WHERE n.person_id = $1 ORDER BY n.name",
      [fromId],
    )
  ).map((r) => r.row);
  const events = (
    await tx.query<{ id: string }>(
      "SELECT id FROM event WHERE person_id = $1 ORDER BY id FOR UPDATE",
      [fromId],
    )
  ).map((r) => r.id);
  const existing = new Set(
    (
      await tx.query<{ name: string }>("SELECT name FROM person_name WHERE person_id = $1", [
        intoId,
      ])
    ).map((r) => r.name),
  );
  for (const own of [into.name, into.name_latin]) if (typeof own === "string") existing.add(own);
  const toAdd: { name: string; script: string; kind: string }[] = [];
  const offer = (name: unknown, kind: string) => {
    if (typeof name !== "string" || name.trim() === "" || existing.has(name)) return;
    existing.add(name);
    toAdd.push({ name, script: scriptOf(name), kind });
  };
  offer(from.name, "alias");
  offer(from.name_latin, "transliteration");
  for (const n of fromNames) offer(n.name, String(n.kind));

  const changed = plannedChanges(into, from);
  const before: MergeBefore = {
    from,
    fromNames,
    events,
    addedNames: toAdd.map((n) => n.name),
    into,
    changed,
  };
  const [merge] = await tx.query<{ id: number; row: Row }>(
    `INSERT INTO person_merge (into_id, from_id, before, candidate_id, merged_by)
     VALUES ($1, $2, $3::jsonb, $4, $5) RETURNING id, to_jsonb(person_merge.*) AS row`,
    [intoId, fromId, JSON.stringify(before), request.candidateId ?? null, actor],
  );
  if (!merge) throw new MergeError("the merge could not be recorded");
  const audit = { actor, batch: `merge:${merge.id}` };
  await tx.query(
    `INSERT INTO audit_log (actor, action, entity, entity_id, after, batch)
     VALUES ($1, 'insert', 'person_merge', $2, $3::jsonb - 'before', $4)`,
    [actor, String(merge.id), JSON.stringify(merge.row), audit.batch],
  );

  const movedEvents = await moveEvents(tx, events, fromId, intoId, audit);
  if (toAdd.length > 0) {
    await tx.query(
      `WITH added AS (
         INSERT INTO person_name (person_id, name, script, kind)
         SELECT $1, a.name, a.script, a.kind
         FROM jsonb_to_recordset($2::jsonb) AS a(name text, script text, kind text)
         RETURNING *)
       INSERT INTO audit_log (actor, action, entity, entity_id, after, batch)
       SELECT $3, 'insert', 'person_name', a.person_id || '/' || a.name, to_jsonb(a), $4
       FROM added a`,
      [intoId, JSON.stringify(toAdd), actor, audit.batch],
    );
  }
  await setFields(
    tx,
    intoId,
    Object.fromEntries(Object.entries(changed).map(([f, [, after]]) => [f, after])),
    audit,
  );
  await tx.query(
    `WITH gone AS (DELETE FROM person_name WHERE person_id = $1 RETURNING *)
     INSERT INTO audit_log (actor, action, entity, entity_id, before, batch)
     SELECT $2, 'delete', 'person_name', g.person_id || '/' || g.name, to_jsonb(g), $3 FROM gone g`,
    [fromId, actor, audit.batch],
  );
  await tx.query(
    `WITH gone AS (DELETE FROM person WHERE id = $1 RETURNING *)
     INSERT INTO audit_log (actor, action, entity, entity_id, before, batch)
     SELECT $2, 'delete', 'person', g.id, to_jsonb(g)${BOOKKEEPING}, $3 FROM gone g`,
    [fromId, actor, audit.batch],
  );
  await refreshNameKeys(tx, [intoId]);
  return {
    mergeId: merge.id,
    movedEvents,
    addedNames: before.addedNames,
    changedFields: Object.keys(changed),
  };
}
