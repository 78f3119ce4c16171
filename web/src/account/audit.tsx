/** The audit log (admins): every write, newest first, with what changed; older pages on demand. */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { withQuery } from "../api/client.ts";
import type { AuditEntry } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { ErrorMessage } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { Field } from "../entry/fields.tsx";
import { useFormat } from "../format.ts";
import { changes } from "../pages/history.tsx";

const PAGE = 50;

export function AuditLog() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [entity, setEntity] = useState("");
  const [actor, setActor] = useState("");
  const [query, setQuery] = useState<{ entity: string; actor: string; beforeId?: number }>({
    entity: "",
    actor: "",
  });
  const { data, error } = useApi<{ items: AuditEntry[] }>(
    withQuery("/api/audit", { ...query, limit: PAGE }),
  );
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setQuery({ entity: entity.trim(), actor: actor.trim() });
  };
  const last = data?.items.at(-1);
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">{t("audit.title")}</h2>
      <form className="inline-form" onSubmit={apply}>
        <Field label={t("audit.entity")} hint="person, event, source, app_user…">
          {(a) => <input {...a} value={entity} onChange={(e) => setEntity(e.target.value)} />}
        </Field>
        <Field label={t("audit.actor")}>
          {(a) => <input {...a} value={actor} onChange={(e) => setActor(e.target.value)} />}
        </Field>
        <button type="submit">{t("audit.filter")}</button>
      </form>
      <ErrorMessage error={error} />
      {data && (
        <TableScroll label={t("audit.title")}>
          <table className="data-table compact" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.actor")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.entity")}</th>
                <th scope="col">{t("audit.changes")}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((e) => (
                <tr key={e.id}>
                  <td>{fmt.dateTime(e.at)}</td>
                  <td>{e.actor}</td>
                  <td>{t(`history.action.${e.action}`)}</td>
                  <td>
                    {e.entity} <code>{e.entityId}</code>
                  </td>
                  <td>
                    {e.action === "update"
                      ? changes(e)
                          .map((c) => `${c.field}: ${c.before} → ${c.after}`)
                          .join("; ")
                      : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <div className="pager">
        {query.beforeId !== undefined && (
          <button
            type="button"
            className="secondary"
            onClick={() => setQuery({ entity: query.entity, actor: query.actor })}
          >
            {t("audit.newest")}
          </button>
        )}
        {data && data.items.length === PAGE && last && (
          <button type="button" onClick={() => setQuery({ ...query, beforeId: last.id })}>
            {t("audit.older")}
          </button>
        )}
      </div>
    </section>
  );
}
