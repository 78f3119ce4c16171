/**
 * Monitors' published counts: the list with their qualifiers and sources, the chart of the
 * counts beside the registry's recognized number, and the reconciliation table.
 */
import { useTranslation } from "react-i18next";
import type { DashboardData, MonitorCount, Page } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { ChartFrame } from "../charts/chart-frame.tsx";
import { ReconcileTable } from "../charts/reconcile-table.tsx";
import { StockChart } from "../charts/stock-chart.tsx";
import { usePageTitle } from "../components/layout.tsx";
import { SourceRefs } from "../components/source-ref.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { useFormat } from "../format.ts";

const SIGN = { exact: "", approx: "~", more_than: "> ", fewer_than: "< " } as const;

export default function MonitorCounts() {
  const { t } = useTranslation();
  usePageTitle(t("counts.title"));
  const fmt = useFormat();
  const counts = useApi<Page<MonitorCount>>("/api/monitor-counts?limit=500&sort=asOf");
  const dashboard = useApi<DashboardData>("/api/analytics/dashboard");
  return (
    <div className="page">
      <h1>{t("counts.title")}</h1>
      <p className="lead">{t("counts.lead")}</p>
      <ErrorMessage error={counts.error ?? dashboard.error} />
      {(!counts.data || !dashboard.data) && <Loading />}
      {dashboard.data && (
        <StockChart
          title={t("counts.chartTitle")}
          name="monitor-counts"
          stock={dashboard.data.stock}
          recognized={dashboard.data.recognizedStock}
          counts={dashboard.data.monitorCounts}
          annotations={[]}
          note={t("charts.stock.note")}
          testId="chart-counts"
        />
      )}
      {counts.data && (
        <ChartFrame
          title={t("counts.tableTitle")}
          name="monitor-counts-list"
          rows={counts.data.items}
          columns={[
            { key: "id", label: "id" },
            { key: "monitor", label: "monitor" },
            { key: "asOf", label: "as_of", value: (c: MonitorCount) => c.asOf.text },
            { key: "value", label: "value" },
            { key: "qualifier", label: "qualifier" },
            {
              key: "sourceIds",
              label: "sources",
              value: (c: MonitorCount) => c.sourceIds.join(";"),
            },
          ]}
        >
          <TableScroll label={t("counts.tableTitle")}>
            <table className="data-table" data-testid="counts-table">
              <thead>
                <tr>
                  <th scope="col">{t("reconcile.date")}</th>
                  <th scope="col">{t("reconcile.monitor")}</th>
                  <th scope="col">{t("reconcile.published")}</th>
                  <th scope="col">{t("counts.qualifier")}</th>
                  <th scope="col">{t("event.sources")}</th>
                </tr>
              </thead>
              <tbody>
                {counts.data.items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{fmt.partial(c.asOf)}</th>
                    <td>{c.monitor}</td>
                    <td className={`num qualifier-${c.qualifier}`}>
                      {SIGN[c.qualifier]}
                      {fmt.number(c.value)}
                    </td>
                    <td>{t(`qualifier.${c.qualifier}`)}</td>
                    <td>
                      <SourceRefs ids={c.sourceIds} label={false} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </ChartFrame>
      )}
      {dashboard.data && (
        <ReconcileTable rows={dashboard.data.reconciliation} title={t("reconcile.title")} />
      )}
    </div>
  );
}
