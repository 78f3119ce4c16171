/** What admins read: the trash of deleted records and the audit log. */
import { type AuditEntry, type AuditQuery, listAudit } from "../store/audit.ts";
import type { Queryable } from "../store/connection.ts";
import type { EntityName } from "../store/entity-tables.ts";
import { listTrash, type TrashEntry } from "../store/trash.ts";

export async function listDeleted(
  q: Queryable,
  query: { entity?: EntityName; limit: number; offset: number },
): Promise<{ items: TrashEntry[]; total: number; limit: number; offset: number }> {
  const { items, total } = await listTrash(q, query);
  return { items, total, limit: query.limit, offset: query.offset };
}

export function listAuditLog(q: Queryable, query: AuditQuery): Promise<AuditEntry[]> {
  return listAudit(q, query);
}
