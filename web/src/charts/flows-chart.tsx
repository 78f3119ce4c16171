/**
 * Monthly admissions (above the axis) and exits by how they ended (below it, stacked by
 * mechanism of release or death in custody).
 */
import { useTranslation } from "react-i18next";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { FlowRow } from "../api/types.ts";
import { useFormat } from "../format.ts";
import { ChartFrame } from "./chart-frame.tsx";
import { ChartLegend } from "./legend.tsx";
import { COLORS, EXIT_COLORS, EXIT_ORDER } from "./palette.ts";

export function FlowsChart({
  flows,
  title,
  note,
}: {
  flows: FlowRow[];
  title: string;
  note: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const mechanisms = EXIT_ORDER.filter((m) => flows.some((row) => m in row.exits));
  const rows = flows.map((row) => {
    const out: Record<string, unknown> = { period: row.period, admissions: row.admissions };
    for (const m of mechanisms) {
      const n = row.exits[m];
      out[`exit_${m}`] = n === null || n === undefined ? n : -n;
    }
    return out;
  });
  const mechanismName = (m: string) => t(`exit.${m}`, { defaultValue: m });
  const legend = [
    { label: t("charts.flows.admissions"), color: COLORS.admissions },
    ...mechanisms.map((m) => ({
      label: t("charts.flows.exits", { mechanism: mechanismName(m) }),
      color: EXIT_COLORS[m] as string,
    })),
  ];
  const columns = [
    { key: "period", label: "period" },
    { key: "admissions", label: "admissions" },
    ...mechanisms.map((m) => ({
      key: `exit_${m}`,
      label: `exits_${m}`,
      value: (r: Record<string, unknown>) => {
        const v = r[`exit_${m}`] as number | null | undefined;
        return v === null || v === undefined ? v : -v;
      },
    })),
  ];
  return (
    <ChartFrame
      title={title}
      name="flows"
      rows={rows}
      columns={columns}
      legend={legend}
      note={note}
      testId="chart-flows"
    >
      <BarChart
        responsive
        style={{ width: "100%", height: 380 }}
        data={rows}
        stackOffset="sign"
        margin={{ top: 8, right: 24, bottom: 4, left: 16 }}
        title={title}
      >
        <CartesianGrid stroke={COLORS.grid} vertical={false} />
        <XAxis
          height={48}
          dataKey="period"
          stroke={COLORS.axis}
          tickFormatter={(p: string) => fmt.month(p)}
          minTickGap={24}
          label={{
            value: t("charts.axis.month"),
            position: "insideBottom",
            offset: 0,
            fill: COLORS.axis,
          }}
        />
        <YAxis
          stroke={COLORS.axis}
          tickFormatter={(v: number) => fmt.number(Math.abs(v))}
          width={64}
          label={{
            value: t("charts.axis.peoplePerMonth"),
            angle: -90,
            position: "insideLeft",
            style: { textAnchor: "middle" },
            fill: COLORS.axis,
          }}
        />
        <ReferenceLine y={0} stroke={COLORS.axis} />
        <Tooltip
          labelFormatter={(p) => fmt.month(String(p))}
          formatter={(value, name) => [
            typeof value === "number" ? fmt.number(Math.abs(value)) : t("common.hiddenCount"),
            name,
          ]}
        />
        <Legend verticalAlign="top" content={() => <ChartLegend entries={legend} />} />
        <Bar
          dataKey="admissions"
          name={legend[0]?.label}
          stackId="in"
          fill={COLORS.admissions}
          isAnimationActive={false}
        />
        {mechanisms.map((m) => (
          <Bar
            key={m}
            dataKey={`exit_${m}`}
            name={t("charts.flows.exits", { mechanism: mechanismName(m) })}
            stackId="out"
            fill={EXIT_COLORS[m]}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ChartFrame>
  );
}
