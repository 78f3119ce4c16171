/**
 * Deleted records (admins, who alone may restore: GET /api/trash, POST …/{id}/restore).
 * A person comes back with their names and events; the history keeps the deletion and the
 * restoration.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { request } from "../api/client.ts";
import type { Page } from "../api/types.ts";
import { dataChanged, useApi } from "../api/use-api.ts";
import { usePageTitle } from "../components/layout.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { useFormat } from "../format.ts";
import { useSession } from "../session.tsx";

export interface DeletedRecord {
  entity: string;
  entityId: string;
  deletedAt: string;
  deletedBy: string;
  rows: Record<string, number>;
}

/** API paths of the entities (src/server/routes/records.ts). */
const PATHS: Record<string, string> = {
  person: "people",
  event: "events",
  source: "sources",
  release_operation: "operations",
  measure: "measures",
  diplomatic_event: "diplomatic-events",
  monitor_count: "monitor-counts",
};

function Row({ record, onRestored }: { record: DeletedRecord; onRestored(id: string): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | undefined>();
  const restore = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const path = PATHS[record.entity] ?? record.entity;
      await request("POST", `/api/${path}/${encodeURIComponent(record.entityId)}/restore`);
      onRestored(record.entityId);
      dataChanged();
    } catch (caught) {
      setError(caught as Error);
    } finally {
      setBusy(false);
    }
  };
  const contents =
    record.entity === "person"
      ? t("trash.personRows", {
          names: fmt.number(record.rows.person_name ?? 0),
          events: fmt.number(record.rows.event ?? 0),
        })
      : "—";
  return (
    <tr>
      <td>{t(`trash.kind.${record.entity}`, { defaultValue: record.entity })}</td>
      <th scope="row">
        <code>{record.entityId}</code>
      </th>
      <td>{contents}</td>
      <td>
        <time dateTime={record.deletedAt}>{fmt.dateTime(record.deletedAt)}</time>
      </td>
      <td>{record.deletedBy}</td>
      <td>
        <button
          type="button"
          disabled={busy}
          onClick={restore}
          aria-label={t("trash.restoreOne", { id: record.entityId })}
        >
          {t("trash.restore")}
        </button>
        <ErrorMessage error={error} />
      </td>
    </tr>
  );
}

export default function Trash() {
  const { t } = useTranslation();
  usePageTitle(t("trash.title"));
  const { can, known } = useSession();
  const location = useLocation();
  const deleted = (location.state as { deleted?: string } | null)?.deleted;
  const [restored, setRestored] = useState<{ entity: string; id: string } | null>(null);
  const { data, error, loading } = useApi<Page<DeletedRecord>>(
    can("admin") ? "/api/trash?limit=200" : null,
  );
  if (known && !can("admin")) {
    return (
      <div className="page">
        <h1>{t("trash.title")}</h1>
        <p>{t("trash.adminsOnly")}</p>
      </div>
    );
  }
  return (
    <div className="page trash">
      <h1>{t("trash.title")}</h1>
      <p className="hint">{t("trash.intro")}</p>
      <div aria-live="polite">
        {deleted && !restored && (
          <p className="notice">{t("trash.justDeleted", { name: deleted })}</p>
        )}
        {restored && (
          <p className="notice">
            {t("trash.restored", { id: restored.id })}{" "}
            {restored.entity === "person" && (
              <Link to={`/people/${encodeURIComponent(restored.id)}`}>{t("trash.open")}</Link>
            )}
          </p>
        )}
      </div>
      <ErrorMessage error={error} />
      {!data && loading && <Loading />}
      {data && data.items.length === 0 && <p className="trash-empty">{t("trash.none")}</p>}
      {data && data.items.length > 0 && (
        <TableScroll label={t("trash.title")}>
          <table className="data-table trash-table">
            <thead>
              <tr>
                <th scope="col">{t("trash.entity")}</th>
                <th scope="col">{t("trash.id")}</th>
                <th scope="col">{t("trash.contents")}</th>
                <th scope="col">{t("trash.deletedAt")}</th>
                <th scope="col">{t("trash.deletedBy")}</th>
                <th scope="col">{t("trash.action")}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((record) => (
                <Row
                  key={`${record.entity}/${record.entityId}/${record.deletedAt}`}
                  record={record}
                  onRestored={(id) => setRestored({ entity: record.entity, id })}
                />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
