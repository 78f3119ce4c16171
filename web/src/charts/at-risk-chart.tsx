/** People held who are at risk, by reason (a person may have several reasons). */
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { DashboardData } from "../api/types.ts";
import { useFormat } from "../format.ts";
import { ChartFrame } from "./chart-frame.tsx";
import { ChartLegend } from "./legend.tsx";
import { COLORS } from "./palette.ts";

const REASONS = ["health", "elderly", "no_sign_of_life", "long_held"] as const;

export function AtRiskChart({ atRisk, title }: { atRisk: DashboardData["atRisk"]; title: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const reasonLabel = (r: string) =>
    t(`risk.${r}`, {
      years: atRisk.longHeldYears,
      days: atRisk.silenceDays,
      age: atRisk.elderlyAge,
    });
  const rows = REASONS.map((r) => ({
    reason: r,
    label: reasonLabel(r),
    people: atRisk.counts[r] ?? null,
  }));
  const series = t("charts.atRisk.people");
  const legend = [{ label: series, color: COLORS.recognized }];
  const note = t("charts.atRisk.note", {
    held: fmt.count(atRisk.held),
    atRisk: fmt.count(atRisk.counts.atRisk),
    date: fmt.day(atRisk.asOf),
  });
  return (
    <ChartFrame
      title={title}
      name="at-risk"
      rows={rows}
      columns={[
        { key: "reason", label: "reason" },
        { key: "people", label: "people" },
      ]}
      legend={legend}
      note={note}
      testId="chart-at-risk"
    >
      <BarChart
        responsive
        layout="vertical"
        style={{ width: "100%", height: 260 }}
        data={rows}
        margin={{ top: 8, right: 48, bottom: 4, left: 8 }}
        title={title}
      >
        <CartesianGrid stroke={COLORS.grid} horizontal={false} />
        <XAxis
          height={48}
          type="number"
          stroke={COLORS.axis}
          tickFormatter={(v: number) => fmt.number(v)}
          label={{
            value: t("charts.axis.people"),
            position: "insideBottom",
            offset: 0,
            fill: COLORS.axis,
          }}
        />
        <YAxis type="category" dataKey="label" width={200} stroke={COLORS.axis} />
        <Tooltip formatter={(value, name) => [fmt.count(value as number | null), name]} />
        <Legend verticalAlign="top" content={() => <ChartLegend entries={legend} />} />
        <Bar dataKey="people" name={series} fill={COLORS.recognized} isAnimationActive={false}>
          <LabelList
            dataKey="people"
            position="right"
            formatter={(v: unknown) => fmt.count(v as number | null)}
            fill="#1a1a1a"
          />
        </Bar>
      </BarChart>
    </ChartFrame>
  );
}
