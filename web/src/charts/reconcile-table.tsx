/** Each published count beside the registry's recognized stock on its day, and the gap. */
import { useTranslation } from "react-i18next";
import type { ReconciliationRow } from "../api/types.ts";
import { Hidden } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { useFormat } from "../format.ts";
import { ChartFrame } from "./chart-frame.tsx";

const SIGN = { exact: "", approx: "~", more_than: "> ", fewer_than: "< " } as const;

export function ReconcileTable({ rows, title }: { rows: ReconciliationRow[]; title: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const columns = [
    { key: "countId", label: "count_id" },
    { key: "monitor", label: "monitor" },
    { key: "asOf", label: "as_of" },
    { key: "value", label: "published" },
    { key: "qualifier", label: "qualifier" },
    {
      key: "recognized",
      label: "registry_recognized",
      value: (r: ReconciliationRow) => r.recognized.count,
    },
    {
      key: "recognizedLower",
      label: "registry_recognized_lower",
      value: (r: ReconciliationRow) => r.recognized.lower,
    },
    {
      key: "recognizedUpper",
      label: "registry_recognized_upper",
      value: (r: ReconciliationRow) => r.recognized.upper,
    },
    { key: "total", label: "registry_held", value: (r: ReconciliationRow) => r.total.count },
    { key: "difference", label: "difference" },
    { key: "possiblyConsistent", label: "possibly_consistent" },
  ];
  const range = (v: { count: number | null; lower: number | null; upper: number | null }) =>
    v.count === null ? (
      <Hidden />
    ) : (
      <>
        {fmt.number(v.count)}
        {v.lower !== null && v.upper !== null && v.lower !== v.upper && (
          <span className="muted small">
            {" "}
            ({fmt.number(v.lower)}–{fmt.number(v.upper)})
          </span>
        )}
      </>
    );
  return (
    <ChartFrame
      title={title}
      name="reconciliation"
      rows={rows}
      columns={columns}
      note={t("reconcile.note")}
      testId="table-reconciliation"
    >
      <TableScroll label={title}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("reconcile.date")}</th>
              <th scope="col">{t("reconcile.monitor")}</th>
              <th scope="col">{t("reconcile.published")}</th>
              <th scope="col">{t("reconcile.recognized")}</th>
              <th scope="col">{t("reconcile.held")}</th>
              <th scope="col">{t("reconcile.difference")}</th>
              <th scope="col">{t("reconcile.consistent")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.countId}>
                <th scope="row">{fmt.partial(r.asOf)}</th>
                <td>{r.monitor}</td>
                <td className="num">
                  {SIGN[r.qualifier]}
                  {fmt.number(r.value)}
                  {r.qualifier !== "exact" && (
                    <span className="muted small"> ({t(`qualifier.${r.qualifier}`)})</span>
                  )}
                </td>
                <td className="num">{range(r.recognized)}</td>
                <td className="num">{range(r.total)}</td>
                <td className="num">
                  {r.difference === null ? (
                    <Hidden />
                  ) : (
                    `${r.difference > 0 ? "+" : ""}${fmt.number(r.difference)}`
                  )}
                </td>
                <td>
                  {r.consistent
                    ? t("reconcile.yes")
                    : r.possiblyConsistent
                      ? t("reconcile.possibly")
                      : t("reconcile.no")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </ChartFrame>
  );
}
