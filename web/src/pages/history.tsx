/** The audit log of one record (editors): who changed what, when, from what to what. */
import { useTranslation } from "react-i18next";
import type { AuditEntry } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { ErrorMessage } from "../components/status.tsx";
import { useFormat } from "../format.ts";

const BOOKKEEPING = new Set(["version", "updatedAt", "updated_at", "createdAt", "created_at"]);

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The fields that differ between before and after. */
export function changes(entry: AuditEntry): { field: string; before: string; after: string }[] {
  const keys = new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})]);
  const out: { field: string; before: string; after: string }[] = [];
  for (const key of keys) {
    if (BOOKKEEPING.has(key)) continue;
    const before = show(entry.before?.[key]);
    const after = show(entry.after?.[key]);
    if (before !== after) out.push({ field: key, before, after });
  }
  return out;
}

export function History({ entity, id }: { entity: string; id: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { data, error } = useApi<{ items: AuditEntry[] }>(
    `/api/${entity}/${encodeURIComponent(id)}/history`,
  );
  return (
    <section aria-labelledby="history-heading" className="history">
      <h2 id="history-heading">{t("history.title")}</h2>
      <ErrorMessage error={error} />
      {data && data.items.length === 0 && <p>{t("history.none")}</p>}
      {data && data.items.length > 0 && (
        <ol className="history-list">
          {data.items.map((entry) => (
            <li key={entry.id}>
              <p>
                <strong>{t(`history.action.${entry.action}`)}</strong> — {entry.actor},{" "}
                <time dateTime={entry.at}>{fmt.dateTime(entry.at)}</time>
              </p>
              {entry.action === "update" && (
                <table className="data-table compact">
                  <thead>
                    <tr>
                      <th scope="col">{t("history.field")}</th>
                      <th scope="col">{t("history.before")}</th>
                      <th scope="col">{t("history.after")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {changes(entry).map((c) => (
                      <tr key={c.field}>
                        <th scope="row">{c.field}</th>
                        <td>{c.before}</td>
                        <td>{c.after}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
