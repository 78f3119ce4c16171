/**
 * The audit log of one record (editors): who changed what, when, from what to what. A
 * person's history includes their other names and the events of their case; a bulk import
 * shows as the batch, file and lines it came from, not as its list of ids.
 */
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { withQuery } from "../api/client.ts";
import type { AuditEntry } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { ErrorMessage } from "../components/status.tsx";
import { type Formatter, useFormat } from "../format.ts";

/** Bookkeeping, and day columns derived from a date's text (the text says it all). */
const HIDDEN = new Set([
  "version",
  "updatedAt",
  "updated_at",
  "createdAt",
  "created_at",
  "date_first",
  "date_last",
  "birth_first",
  "birth_last",
]);

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length === 0 ? "—" : value.map(String).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The fields that differ between before and after. */
export function changes(entry: AuditEntry): { field: string; before: string; after: string }[] {
  const keys = new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})]);
  const out: { field: string; before: string; after: string }[] = [];
  for (const key of keys) {
    if (HIDDEN.has(key)) continue;
    const before = show(entry.before?.[key]);
    const after = show(entry.after?.[key]);
    if (before !== after) out.push({ field: key, before, after });
  }
  return out;
}

/** A bulk-import entry: `after` is `{rows, file, lines: [first, last], ids}`. */
export function batchOf(
  entry: AuditEntry,
): { rows: number; file: string; first: number; last: number } | null {
  if (entry.entityId !== "*" || !entry.after) return null;
  const { rows, file, lines } = entry.after as { rows?: unknown; file?: unknown; lines?: unknown };
  const [first, last] = Array.isArray(lines) ? lines : [];
  return {
    rows: typeof rows === "number" ? rows : 0,
    file: typeof file === "string" ? file : "—",
    first: typeof first === "number" ? first : 0,
    last: typeof last === "number" ? last : 0,
  };
}

/** What the entry is about, when it is not the record itself: a name or an event. */
function subject(entry: AuditEntry, t: TFunction, fmt: Formatter): string | null {
  const row = entry.after ?? entry.before ?? {};
  if (entry.entity === "person_name") {
    return entry.entityId === "*"
      ? t("history.names")
      : t("history.name", { name: show(row.name ?? entry.entityId.split("/").slice(1).join("/")) });
  }
  if (entry.entity === "event") {
    if (entry.entityId === "*") return t("history.events");
    const type = typeof row.type === "string" ? t(`eventType.${row.type}`) : "";
    // The date as readers see it elsewhere ("September 2025", "~2021").
    const date = typeof row.date === "string" ? fmt.partial(row.date) : show(row.date);
    return t("history.event", { type, date, id: entry.entityId });
  }
  return null;
}

function Entry({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const about = subject(entry, t, fmt);
  const batch = batchOf(entry);
  const changed = entry.action === "update" ? changes(entry) : [];
  return (
    <li data-entity={entry.entity}>
      <p>
        <strong>{t(`history.action.${entry.action}`)}</strong>
        {about && <> · {about}</>} — {entry.actor},{" "}
        <time dateTime={entry.at}>{fmt.dateTime(entry.at)}</time>
      </p>
      {batch && (
        <p className="hint">
          {t("history.batch", {
            batch: entry.batch ?? "—",
            file: batch.file,
            first: fmt.number(batch.first),
            last: fmt.number(batch.last),
            rows: fmt.number(batch.rows),
          })}
        </p>
      )}
      {changed.length > 0 && (
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">{t("history.field")}</th>
              <th scope="col">{t("history.before")}</th>
              <th scope="col">{t("history.after")}</th>
            </tr>
          </thead>
          <tbody>
            {changed.map((c) => (
              <tr key={c.field}>
                <th scope="row">{t(`history.fields.${c.field}`, { defaultValue: c.field })}</th>
                <td>{c.before}</td>
                <td>{c.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}

export function History({ entity, id }: { entity: string; id: string }) {
  const { t } = useTranslation();
  const { data, error } = useApi<{ items: AuditEntry[] }>(
    withQuery(`/api/${entity}/${encodeURIComponent(id)}/history`, {
      events: entity === "people" ? "true" : undefined,
    }),
  );
  return (
    <section aria-labelledby="history-heading" className="history">
      <h2 id="history-heading">{t("history.title")}</h2>
      <ErrorMessage error={error} />
      {data && data.items.length === 0 && <p>{t("history.none")}</p>}
      {data && data.items.length > 0 && (
        <ol className="history-list">
          {/* Newest first: the latest change is what an editor looks for. */}
          {[...data.items].reverse().map((entry) => (
            <Entry key={entry.id} entry={entry} />
          ))}
        </ol>
      )}
    </section>
  );
}
