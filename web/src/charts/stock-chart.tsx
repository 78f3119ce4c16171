/**
 * The dashboard's main chart: how many people are held (point value and the band between
 * the lower and upper bounds), how many of them a monitor recognizes, the monitors' own
 * published counts as marked points (a "more than" count drawn differently from an exact
 * one, and labelled "> 1,000"), and release operations and measures on the time axis.
 */
import { useTranslation } from "react-i18next";
import {
  Area,
  CartesianGrid,
  ComposedChart,
  LabelList,
  Legend,
  Line,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { Qualifier, StockRow } from "../api/types.ts";
import { useFormat } from "../format.ts";
import { type Annotation, AnnotationList, annotationLines } from "./annotations.tsx";
import { dateAxisProps, peopleAxisProps, timeTooltipProps } from "./axes.ts";
import { ChartFrame } from "./chart-frame.tsx";
import type { LegendEntry } from "./export.ts";
import { ChartLegend } from "./legend.tsx";
import { COLORS, MONITOR_COLORS } from "./palette.ts";
import { ms, timeTicks } from "./time-axis.ts";

export interface CountPoint {
  id: string;
  monitor: string;
  day: string;
  date: string;
  value: number;
  qualifier: Qualifier;
}

interface Props {
  title: string;
  name: string;
  stock: StockRow[];
  recognized: { monitor: string; rows: StockRow[] }[];
  counts: CountPoint[];
  annotations: Annotation[];
  note: string;
  testId?: string;
}

const QUALIFIER_SIGN: Record<Qualifier, string> = {
  exact: "",
  approx: "~",
  more_than: "> ",
  fewer_than: "< ",
};

const QUALIFIER_SHAPE = {
  exact: "dot",
  approx: "diamond",
  more_than: "up",
  fewer_than: "down",
} as const;

/** A published count: filled dot when exact, open diamond when approximate, triangles for bounds. */
function CountShape(props: { cx?: number; cy?: number; payload?: CountPoint }) {
  const { cx = 0, cy = 0, payload } = props;
  const q = payload?.qualifier ?? "exact";
  if (q === "exact") return <circle cx={cx} cy={cy} r={4.5} fill={COLORS.count} />;
  if (q === "approx") {
    return (
      <path
        d={`M${cx},${cy - 6}L${cx + 6},${cy}L${cx},${cy + 6}L${cx - 6},${cy}Z`}
        fill="#ffffff"
        stroke={COLORS.count}
        strokeWidth={2}
      />
    );
  }
  const up = q === "more_than";
  // The triangle points the way the true value lies.
  const d = up
    ? `M${cx},${cy - 8}L${cx + 7},${cy + 5}L${cx - 7},${cy + 5}Z`
    : `M${cx},${cy + 8}L${cx + 7},${cy - 5}L${cx - 7},${cy - 5}Z`;
  return <path d={d} fill="#ffffff" stroke={COLORS.count} strokeWidth={2} />;
}

export function StockChart(props: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const rows = props.stock.map((r, i) => {
    const row: Record<string, unknown> = {
      t: ms(r.date),
      date: r.date,
      count: r.count,
      lower: r.lower,
      upper: r.upper,
      band: r.lower === null || r.upper === null ? null : [r.lower, r.upper],
    };
    props.recognized.forEach((m, k) => {
      row[`rec${k}`] = m.rows[i]?.count ?? null;
    });
    return row;
  });
  const from = rows.length > 0 ? (rows[0]?.t as number) : 0;
  const to = rows.length > 0 ? (rows[rows.length - 1]?.t as number) : 0;
  const counts = props.counts
    .filter((c) => ms(c.day) >= from && ms(c.day) <= to)
    .map((c) => ({
      ...c,
      t: ms(c.day),
      label: `${QUALIFIER_SIGN[c.qualifier]}${fmt.number(c.value)}`,
    }));
  const qualifiers = (["exact", "approx", "more_than", "fewer_than"] as const).filter((q) =>
    counts.some((c) => c.qualifier === q),
  );
  const ticks = timeTicks(from, to);
  const labels = {
    count: t("charts.stock.count"),
    band: t("charts.stock.band"),
    recognized: (monitor: string) => t("charts.stock.recognized", { monitor }),
    published: (q: Qualifier) => t("charts.stock.published", { qualifier: t(`qualifier.${q}`) }),
  };
  const legend: LegendEntry[] = [
    { label: labels.count, color: COLORS.stock, shape: "line" },
    { label: labels.band, color: COLORS.band, shape: "band" },
    ...props.recognized.map((m, k) => ({
      label: labels.recognized(m.monitor),
      color: MONITOR_COLORS[k % MONITOR_COLORS.length] as string,
      shape: "dashed" as const,
    })),
    ...qualifiers.map((q) => ({
      label: labels.published(q),
      color: COLORS.count,
      shape: QUALIFIER_SHAPE[q],
    })),
  ];
  if (props.annotations.some((a) => a.kind === "operation")) {
    legend.push({ label: t("charts.operationsLegend"), color: COLORS.operation, shape: "dotted" });
  }
  if (props.annotations.some((a) => a.kind === "measure")) {
    legend.push({ label: t("charts.measuresLegend"), color: COLORS.measure, shape: "dotted" });
  }
  const columns = [
    { key: "date", label: "date" },
    { key: "count", label: "held" },
    { key: "lower", label: "held_lower" },
    { key: "upper", label: "held_upper" },
    ...props.recognized.map((m, k) => ({ key: `rec${k}`, label: `recognized_by_${m.monitor}` })),
  ];
  return (
    <ChartFrame
      title={props.title}
      name={props.name}
      rows={rows}
      columns={columns}
      legend={legend}
      note={props.note}
      testId={props.testId}
    >
      <ComposedChart
        responsive
        style={{ width: "100%", height: 420 }}
        data={rows}
        margin={{ top: 36, right: 24, bottom: 4, left: 16 }}
        title={props.title}
      >
        <CartesianGrid stroke={COLORS.grid} vertical={false} />
        <XAxis {...dateAxisProps(t, fmt, [from, to], ticks)} />
        <YAxis {...peopleAxisProps(t, fmt)} />
        <Tooltip {...timeTooltipProps(fmt)} />
        <Legend verticalAlign="bottom" content={() => <ChartLegend entries={legend} />} />
        <Area
          dataKey="band"
          name={labels.band}
          stroke="none"
          fill={COLORS.band}
          fillOpacity={0.35}
          isAnimationActive={false}
          legendType="square"
        />
        <Line
          dataKey="count"
          name={labels.count}
          stroke={COLORS.stock}
          strokeWidth={2.5}
          dot={false}
          isAnimationActive={false}
        />
        {props.recognized.map((m, k) => (
          <Line
            key={m.monitor}
            dataKey={`rec${k}`}
            name={labels.recognized(m.monitor)}
            stroke={MONITOR_COLORS[k % MONITOR_COLORS.length]}
            strokeWidth={2}
            strokeDasharray="6 3"
            dot={false}
            isAnimationActive={false}
          />
        ))}
        {qualifiers.map((q) => (
          <Scatter
            key={q}
            data={counts.filter((c) => c.qualifier === q)}
            dataKey="value"
            name={labels.published(q)}
            fill={COLORS.count}
            shape={<CountShape />}
            isAnimationActive={false}
          >
            {q !== "exact" && (
              <LabelList
                dataKey="label"
                position="right"
                fill="#1a1a1a"
                fontSize={12}
                fontWeight="bold"
              />
            )}
          </Scatter>
        ))}
        {annotationLines(props.annotations)}
      </ComposedChart>
      <AnnotationList annotations={props.annotations} />
    </ChartFrame>
  );
}
