/** Release operations: each one's date, kind, counts, mediators and its revolving door. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Operation, Page, RevolvingDoorRow } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { ChartFrame } from "../charts/chart-frame.tsx";
import { usePageTitle } from "../components/layout.tsx";
import { ErrorMessage, Hidden, Loading } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { useFormat } from "../format.ts";

export default function Operations() {
  const { t } = useTranslation();
  usePageTitle(t("operations.title"));
  const fmt = useFormat();
  const list = useApi<Page<Operation>>("/api/operations?limit=500&sort=-date");
  const door = useApi<RevolvingDoorRow[]>("/api/analytics/revolving-door");
  const byId = new Map((door.data ?? []).map((r) => [r.operation_id, r]));
  const rows = (list.data?.items ?? []).map((o) => {
    const d = byId.get(o.id);
    const w90 = d?.windows.find((w) => w.days === 90);
    return {
      id: o.id,
      date: o.date.text,
      kind: o.kind,
      announced: o.announcedCount,
      documented: d?.released_documented,
      mediators: o.mediators,
      ratio90: w90?.replacement_ratio,
      refill: d?.refill_days,
      description: o.description,
      operation: o,
    };
  });
  return (
    <div className="page">
      <h1>{t("operations.title")}</h1>
      <p className="lead">{t("operations.lead")}</p>
      <ErrorMessage error={list.error ?? door.error} />
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <ChartFrame
          title={t("operations.tableTitle")}
          name="operations"
          rows={rows}
          columns={[
            "id",
            "date",
            "kind",
            "announced",
            "documented",
            "mediators",
            "ratio90",
            "refill",
            "description",
          ].map((key) => ({ key, label: key }))}
          note={t("operations.note")}
        >
          <TableScroll label={t("operations.tableTitle")}>
            <table className="data-table" data-testid="operations-table">
              <thead>
                <tr>
                  <th scope="col">{t("operations.date")}</th>
                  <th scope="col">{t("operations.kind")}</th>
                  <th scope="col">{t("operations.announced")}</th>
                  <th scope="col">{t("operations.documented")}</th>
                  <th scope="col">{t("operations.mediators")}</th>
                  <th scope="col">{t("operations.ratio90")}</th>
                  <th scope="col">{t("door.refill")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`/operations/${encodeURIComponent(r.id)}`}>
                        {fmt.partial(r.operation.date)}
                      </Link>
                    </th>
                    <td>{t(`operationKind.${r.kind}`, { defaultValue: r.kind })}</td>
                    <td className="num">{fmt.number(r.announced)}</td>
                    <td className="num">
                      {r.documented === null ? <Hidden /> : fmt.number(r.documented)}
                    </td>
                    <td>{r.mediators ?? "—"}</td>
                    <td className="num">
                      {r.ratio90 === null ? <Hidden /> : fmt.number(r.ratio90, 2)}
                    </td>
                    <td className="num">
                      {r.refill === undefined
                        ? "—"
                        : r.refill === null
                          ? t("door.notYet")
                          : t("door.days", { days: fmt.number(r.refill) })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </ChartFrame>
      )}
    </div>
  );
}
