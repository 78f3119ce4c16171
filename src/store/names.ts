/**
 * People's names for search and matching: the phonetic key table (kept up to date when
 * names are written), the key lookup of name search, and the names and identifying fields
 * of people for record linkage.
 */
import { stringify } from "csv-stringify/sync";
import { type NameKey, personNameKeys } from "../domain/names/keys.ts";
import type { Queryable } from "./connection.ts";

/** Which people a reader may find: public (with consent), not private, or all. */
export type NameScope = "public" | "nonprivate" | "all";

function scopeSql(scope: NameScope): string {
  if (scope === "public") return "(p.visibility = 'public' AND p.consent = 'granted')";
  if (scope === "nonprivate") return "p.visibility <> 'private'";
  return "TRUE";
}

/**
 * Version of the key algorithm (src/domain/names). Bump it when keys would come out
 * differently: the next `ensureNameKeys` rebuilds them all.
 */
export const NAME_KEY_VERSION = 1;

const BATCH = 5000;

interface NameRow {
  id: string;
  name: string;
  name_latin: string | null;
  names: { name: string; kind: string }[] | null;
}

/** Keys of one person: from official and transliterated names, then alias-only ones. */
function keysOfPerson(row: NameRow): { key: NameKey; alias: boolean }[] {
  const main = [row.name, ...(row.name_latin ? [row.name_latin] : [])];
  const aliases: string[] = [];
  for (const n of row.names ?? []) (n.kind === "alias" ? aliases : main).push(n.name);
  const seen = new Set<string>();
  const out: { key: NameKey; alias: boolean }[] = [];
  for (const key of personNameKeys(main)) {
    seen.add(`${key.kind} ${key.key}`);
    out.push({ key, alias: false });
  }
  for (const key of personNameKeys(aliases)) {
    if (!seen.has(`${key.kind} ${key.key}`)) out.push({ key, alias: true });
  }
  return out;
}

async function namesOfPeople(q: Queryable, ids: readonly string[]): Promise<NameRow[]> {
  const rows = await q.query<{
    id: string;
    name: string;
    name_latin: string | null;
    other: string | null;
    kind: string | null;
  }>(
    `SELECT p.id, p.name, p.name_latin, n.name AS other, n.kind
     FROM person p LEFT JOIN person_name n ON n.person_id = p.id
     WHERE p.id = ANY($1::text[])`,
    [ids],
  );
  const people = new Map<string, NameRow>();
  for (const row of rows) {
    let person = people.get(row.id);
    if (!person) {
      person = { id: row.id, name: row.name, name_latin: row.name_latin, names: [] };
      people.set(row.id, person);
    }
    if (row.other !== null) person.names?.push({ name: row.other, kind: row.kind ?? "alias" });
  }
  return [...people.values()];
}

/**
 * Recomputes the name keys of these people from their names as stored now, inside the
 * caller's transaction. Call it after writing people or their names (bundle import, edits,
 * merges, restores); people that no longer exist simply lose their keys. `fresh`: the
 * people have no keys yet (skip deleting them).
 */
export async function refreshNameKeys(
  tx: Queryable,
  personIds: readonly string[],
  options: { fresh?: boolean } = {},
): Promise<void> {
  const ids = [...new Set(personIds)];
  for (let from = 0; from < ids.length; from += BATCH) {
    const batch = ids.slice(from, from + BATCH);
    const rows = await namesOfPeople(tx, batch);
    if (!options.fresh) {
      await tx.query("DELETE FROM person_name_key WHERE person_id = ANY($1::text[])", [batch]);
    }
    const cells: (string | boolean)[][] = [];
    for (const row of rows) {
      for (const { key, alias } of keysOfPerson(row))
        cells.push([key.kind, key.key, row.id, alias]);
    }
    if (cells.length > 0) {
      const csv = stringify(cells, { cast: { boolean: (v) => (v ? "t" : "f") } });
      await tx.copyCsv("person_name_key", ["kind", "key", "person_id", "alias"], csv);
    }
  }
}

/**
 * Keys for the people that have none (written by a path that did not call
 * refreshNameKeys). Returns how many people were keyed.
 */
export async function refreshMissingNameKeys(tx: Queryable): Promise<number> {
  const rows = await tx.query<{ id: string }>(
    `SELECT p.id FROM person p
     WHERE NOT EXISTS (SELECT 1 FROM person_name_key k WHERE k.person_id = p.id)`,
  );
  await refreshNameKeys(
    tx,
    rows.map((r) => r.id),
  );
  return rows.length;
}

/** The key version the stored keys were built with, or null if never built. */
export async function nameKeyVersion(q: Queryable): Promise<number | null> {
  const [row] = await q.query<{ version: number }>("SELECT version FROM name_key_state");
  return row?.version ?? null;
}

/**
 * Rebuilds every key (in batches, inside the caller's transaction) and records the
 * version. Returns the number of people.
 */
export async function rebuildNameKeys(
  tx: Queryable,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  await tx.query("DELETE FROM person_name_key");
  const ids = (await tx.query<{ id: string }>("SELECT id FROM person ORDER BY id")).map(
    (r) => r.id,
  );
  for (let from = 0; from < ids.length; from += BATCH) {
    await refreshNameKeys(tx, ids.slice(from, from + BATCH), { fresh: true });
    onProgress?.(Math.min(ids.length, from + BATCH), ids.length);
  }
  await tx.query(
    `INSERT INTO name_key_state (id, version) VALUES (true, $1)
     ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, built_at = now()`,
    [NAME_KEY_VERSION],
  );
  return ids.length;
}

export interface KeyLookup {
  scope: NameScope;
  /** Search keys that come only from alias names too. */
  aliases: boolean;
  /** Most people taken per word key (a common given name must not flood the candidates). */
  perKey: number;
  /** Most people returned. */
  maxPeople: number;
}

function keyTable(lookup: KeyLookup): { from: string; where: string } {
  const alias = lookup.aliases ? "" : " AND NOT k.alias";
  // Everyone may be found: the key table alone answers, no join.
  if (lookup.scope === "all") return { from: "person_name_key k", where: `TRUE${alias}` };
  return {
    from: "person_name_key k JOIN person p ON p.id = k.person_id",
    where: `${scopeSql(lookup.scope)}${alias}`,
  };
}

/** People whose names have one of these pair keys (two words of the query): one btree scan. */
export async function peopleByPairKeys(
  q: Queryable,
  keys: readonly string[],
  lookup: KeyLookup,
): Promise<string[]> {
  if (keys.length === 0) return [];
  const { from, where } = keyTable(lookup);
  const rows = await q.query<{ id: string }>(
    `SELECT DISTINCT k.person_id AS id FROM ${from}
     WHERE k.kind = 'pair' AND k.key = ANY($1::text[]) AND ${where}
     LIMIT $2`,
    [keys, lookup.maxPeople],
  );
  return rows.map((r) => r.id);
}

/**
 * People whose names have one of these word keys, or a word key starting with one of the
 * prefixes (a misspelt ending), each key looked up in the btree with a limit; those
 * sharing the most keys first.
 */
export async function peopleByWordKeys(
  q: Queryable,
  keys: readonly string[],
  prefixes: readonly string[],
  lookup: KeyLookup,
): Promise<string[]> {
  if (keys.length === 0 && prefixes.length === 0) return [];
  const { from, where } = keyTable(lookup);
  const rows = await q.query<{ id: string }>(
    `SELECT f.person_id AS id FROM (
       SELECT h.person_id, 2 AS tier FROM unnest($1::text[]) AS w(key)
       CROSS JOIN LATERAL (
         SELECT k.person_id FROM ${from}
         WHERE k.kind = 'token' AND k.key = w.key AND ${where} LIMIT $3) h
       UNION ALL
       SELECT h.person_id, 1 FROM unnest($2::text[]) AS w(prefix)
       CROSS JOIN LATERAL (
         SELECT k.person_id FROM ${from}
         WHERE k.kind = 'token' AND k.key >= w.prefix AND k.key < w.prefix || '~' AND ${where}
         LIMIT $3) h) f
     GROUP BY f.person_id ORDER BY sum(f.tier) DESC, f.person_id LIMIT $4`,
    [keys, prefixes, lookup.perKey, lookup.maxPeople],
  );
  return rows.map((r) => r.id);
}

export interface PersonNames {
  id: string;
  name: string;
  /** Every written form with its kind (`official` for person.name and name_latin). */
  forms: { name: string; kind: string }[];
}

/** The names of these people, for ranking search results: one query. */
export async function nameFormsOf(q: Queryable, ids: readonly string[]): Promise<PersonNames[]> {
  if (ids.length === 0) return [];
  const rows = await q.query<{
    id: string;
    name: string;
    latin: string | null;
    other: string | null;
    kind: string | null;
  }>(
    `SELECT p.id, p.name, p.name_latin AS latin, n.name AS other, n.kind
     FROM person p LEFT JOIN person_name n ON n.person_id = p.id
     WHERE p.id = ANY($1::text[])`,
    [ids],
  );
  const people = new Map<string, PersonNames>();
  for (const row of rows) {
    let person = people.get(row.id);
    if (!person) {
      person = { id: row.id, name: row.name, forms: [{ name: row.name, kind: "official" }] };
      if (row.latin) person.forms.push({ name: row.latin, kind: "official" });
      people.set(row.id, person);
    }
    if (row.other !== null) person.forms.push({ name: row.other, kind: row.kind ?? "alias" });
  }
  return [...people.values()];
}

export interface LinkageRow {
  id: string;
  names: string[];
  birthFirst: number | null;
  birthLast: number | null;
  region: string | null;
  gender: string | null;
}

/** Every person's names, birth range (day numbers), region and gender, for record linkage. */
export async function linkageRows(q: Queryable): Promise<LinkageRow[]> {
  return q.query<LinkageRow>(
    `SELECT p.id,
            array_remove(ARRAY[p.name, p.name_latin], NULL)
              || coalesce((SELECT array_agg(n.name ORDER BY n.name) FROM person_name n
                           WHERE n.person_id = p.id), ARRAY[]::text[]) AS names,
            (p.birth_first - DATE '1970-01-01') AS "birthFirst",
            (p.birth_last - DATE '1970-01-01') AS "birthLast",
            p.region, p.gender
     FROM person p ORDER BY p.id`,
  );
}
