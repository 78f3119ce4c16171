/**
 * The revolving door of each release operation (DESIGN.md): people released, then for each
 * window the admissions after and before, the replacement ratio, the change of the number
 * held, re-arrests, and the refill time.
 */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { RevolvingDoorRow } from "../api/types.ts";
import { Hidden } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { useFormat } from "../format.ts";
import { ChartFrame } from "./chart-frame.tsx";

interface Props {
  rows: RevolvingDoorRow[];
  title: string;
  /** Link each operation to its page (not on the operation's own page). */
  links?: boolean;
  testId?: string;
}

export function RevolvingDoorTable({ rows, title, links = true, testId }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const show = (n: number | null | undefined) => (n === null ? <Hidden /> : fmt.number(n));
  const flat = rows.flatMap((r) =>
    r.windows.map((w) => ({
      operation_id: r.operation_id,
      date: r.date,
      announced: r.announced,
      released_documented: r.released_documented,
      ratio_basis: r.ratio_basis,
      refill_days: r.refill_days,
      ...w,
    })),
  );
  const columns = [
    "operation_id",
    "date",
    "announced",
    "released_documented",
    "ratio_basis",
    "refill_days",
    "days",
    "admissions",
    "admissions_before",
    "replacement_ratio",
    "stock_before",
    "stock_after",
    "stock_change",
    "rearrests",
  ].map((key) => ({ key, label: key }));
  return (
    <ChartFrame
      title={title}
      name="revolving-door"
      rows={flat}
      columns={columns}
      note={t("door.note")}
      testId={testId}
    >
      <TableScroll label={title}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("door.operation")}</th>
              <th scope="col">{t("door.released")}</th>
              <th scope="col">{t("door.refill")}</th>
              <th scope="col">{t("door.windowHeader")}</th>
              <th scope="col">{t("door.admissionsAfter")}</th>
              <th scope="col">{t("door.admissionsBefore")}</th>
              <th scope="col">{t("door.ratio")}</th>
              <th scope="col">{t("door.stockChange")}</th>
              <th scope="col">{t("door.rearrests")}</th>
            </tr>
          </thead>
          {rows.map((r) => (
            <tbody key={r.operation_id} className="group">
              {r.windows.map((w, i) => (
                <tr key={w.days}>
                  {i === 0 && (
                    <>
                      <th scope="rowgroup" rowSpan={r.windows.length}>
                        {links ? (
                          <Link to={`/operations/${encodeURIComponent(r.operation_id)}`}>
                            {fmt.day(r.date)}
                          </Link>
                        ) : (
                          fmt.day(r.date)
                        )}
                      </th>
                      <td className="num" rowSpan={r.windows.length}>
                        {show(r.released_documented)}
                        {r.announced !== null && (
                          <div className="muted small">
                            {t("door.announced", { n: fmt.number(r.announced) })}
                          </div>
                        )}
                        <div className="muted small">
                          {t(`door.basis.${r.ratio_basis}`, { defaultValue: r.ratio_basis })}
                        </div>
                      </td>
                      <td className="num" rowSpan={r.windows.length}>
                        {r.refill_days === null
                          ? t("door.notYet")
                          : t("door.days", { days: fmt.number(r.refill_days) })}
                      </td>
                    </>
                  )}
                  <td className="num">{t("door.window", { days: w.days })}</td>
                  <td className="num">{show(w.admissions)}</td>
                  <td className="num">{show(w.admissions_before)}</td>
                  <td className="num">
                    {w.replacement_ratio === null ? <Hidden /> : fmt.number(w.replacement_ratio, 2)}
                  </td>
                  <td className="num">
                    {w.stock_change === null ? (
                      <Hidden />
                    ) : (
                      `${w.stock_change > 0 ? "+" : ""}${fmt.number(w.stock_change)}`
                    )}
                  </td>
                  <td className="num">{show(w.rearrests)}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </TableScroll>
    </ChartFrame>
  );
}
