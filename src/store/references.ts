/** Look-ups that importers and forms use to check references before writing. */
import type { Queryable } from "./connection.ts";

const TABLES = {
  person: "person",
  source: "source",
  operation: "release_operation",
} as const;

/** The subset of `ids` that exist in the table of `kind`. */
export async function existingIds(
  q: Queryable,
  kind: keyof typeof TABLES,
  ids: Iterable<string>,
): Promise<Set<string>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Set();
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM ${TABLES[kind]} WHERE id = ANY($1::text[])`,
    [list],
  );
  return new Set(rows.map((row) => row.id));
}
