/**
 * The report's charts as Vega-Lite specs, rendered to SVG text on the server (no browser,
 * no script in the page). Colours are Okabe–Ito's colour-blind-safe palette; qualifiers of
 * published counts have their own marker shapes, so that "> 1,000" never reads as 1,000.
 */
import * as vega from "vega";
import type { TopLevelSpec } from "vega-lite";
import { compile } from "vega-lite";
import type { FlowRow } from "../analytics/flows.ts";
import type { StockRow } from "../analytics/stock.ts";
import { EXIT_KINDS } from "../analytics/types.ts";
import { publishedText } from "../services/analytics-rows.ts";
import type { AnonymousTimeHeld, DashboardData } from "../services/dashboard.ts";

export const PALETTE = {
  blue: "#0072B2",
  sky: "#56B4E9",
  green: "#009E73",
  orange: "#E69F00",
  yellow: "#F0E442",
  vermillion: "#D55E00",
  purple: "#CC79A7",
  grey: "#999999",
  black: "#000000",
} as const;

export const EXIT_COLOURS: Record<string, string> = {
  end_of_term: PALETTE.green,
  pardon: PALETTE.orange,
  amnesty: PALETTE.yellow,
  negotiated: PALETTE.purple,
  deported: PALETTE.vermillion,
  court: PALETTE.sky,
  other: PALETTE.grey,
  unknown: "#CFCFCF",
  died_in_custody: PALETTE.black,
};

const FONT = "Helvetica, Arial, sans-serif";
const CONFIG = {
  font: FONT,
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: "#e8e8e8", labelLimit: 300 },
  legend: { labelFontSize: 11, titleFontSize: 12, orient: "bottom", columns: 3, labelLimit: 400 },
  title: { fontSize: 15, anchor: "start" },
  view: { stroke: null },
} as const;

/** SVG text of a Vega-Lite spec. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(
    vega.parse(compile({ ...spec, config: CONFIG } as TopLevelSpec).spec),
    {
      renderer: "none",
    },
  );
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const SERIES = {
  stock: "Registry: people held (point value)",
  bounds: "Registry: lower–upper bound",
  recognized: (monitor: string) => `Registry: people recognized by ${monitor}`,
  published: (monitor: string) => `${monitor}: published count`,
} as const;

const SHAPES = {
  exact: { shape: "circle", label: "exact" },
  approx: { shape: "diamond", label: "≈ approximately" },
  more_than: { shape: "triangle-up", label: "> more than" },
  fewer_than: { shape: "triangle-down", label: "< fewer than" },
} as const;

interface StockChartInput {
  title: string;
  stock: readonly StockRow[];
  recognized: readonly { monitor: string; rows: readonly StockRow[] }[];
  counts: DashboardData["monitorCounts"];
  operations: DashboardData["operations"];
  measures: DashboardData["measures"];
  from: string;
  to: string;
  subtitle: string;
  /** Least days between two labelled rules of one kind (0: label every rule). */
  labelGapDays: number;
  /** Start the people axis at zero (the long view) or near the lowest value (a close-up). */
  zero: boolean;
  width?: number;
}

/**
 * The stock with its bounds band, each monitor's recognized stock, the published counts
 * as marked points, release operations (solid rules) and measures (dashed rules) on the
 * time axis with staggered labels.
 */
export function stockChartSpec(input: StockChartInput): TopLevelSpec {
  const { from, to } = input;
  const height = 340;
  const inRange = (day: string) => day >= from && day <= to;
  const monitors = input.recognized.map((r) => r.monitor);
  const domain: string[] = [SERIES.bounds, SERIES.stock];
  const range: string[] = ["#9ecae1", PALETTE.blue];
  const recognizedColours = [PALETTE.vermillion, PALETTE.purple, PALETTE.green];
  monitors.forEach((monitor, i) => {
    domain.push(SERIES.recognized(monitor), SERIES.published(monitor));
    const colour = recognizedColours[i % recognizedColours.length] as string;
    range.push(colour, PALETTE.black);
  });
  const colour = {
    scale: { domain, range },
    legend: { title: null, orient: "bottom", columns: 2 },
  };
  const x = {
    field: "date",
    type: "temporal",
    title: "Date",
    scale: { domain: [from, to] },
    axis: { format: "%Y-%m", labelAngle: 0 },
  } as const;
  const counts = input.counts
    .filter((c) => inRange(c.day))
    .map((c) => ({
      date: c.day,
      value: c.value,
      series: SERIES.published(c.monitor),
      qualifier: SHAPES[c.qualifier].label,
      label: c.qualifier === "exact" ? "" : publishedText(c.value, c.qualifier),
    }));
  const byDate = <T extends { day: string }>(items: readonly T[]) =>
    items.filter((item) => inRange(item.day)).sort((a, b) => a.day.localeCompare(b.day));
  const operations = byDate(input.operations).map((o, i) => ({
    date: o.day,
    label: `${o.announced ?? "?"} freed (${o.kind}, ${o.day})`,
    // Staggered so that operations a few days apart keep readable labels; at the top.
    y: 10 + 12 * (i % 5),
  }));
  const measures = byDate(input.measures).map((m, i) => ({
    date: m.day,
    label: `${m.authority} ${m.action} ${m.kind}: ${m.target.replace(/ \(.*\)$/, "")}`,
    // Near the bottom, under the curves.
    y: height - 14 - 12 * (i % 4),
  }));
  // On a long axis, items a few weeks apart would write over each other: only the first
  // of a cluster keeps its label there (the close-up chart shows them all).
  const labelled = (items: { date: string; label: string }[]) => {
    let last = Number.NEGATIVE_INFINITY;
    return items.filter((item) => {
      const day = Date.parse(item.date) / 86_400_000;
      const keep = day - last >= input.labelGapDays;
      if (keep) last = day;
      return keep;
    });
  };
  const recognizedRows = input.recognized.flatMap((r) =>
    r.rows.map((row) => ({
      date: row.date,
      count: row.count,
      series: SERIES.recognized(r.monitor),
    })),
  );
  return {
    title: { text: input.title, subtitle: input.subtitle },
    width: input.width ?? 900,
    height,
    layer: [
      {
        data: { values: input.stock as StockRow[] },
        mark: { type: "area", opacity: 0.55 },
        encoding: {
          x,
          y: {
            field: "lower",
            type: "quantitative",
            title: "People held",
            scale: { zero: input.zero },
          },
          y2: { field: "upper" },
          color: { datum: SERIES.bounds, ...colour },
        },
      },
      {
        data: { values: input.stock as StockRow[] },
        mark: { type: "line", strokeWidth: 2 },
        encoding: {
          x,
          y: { field: "count", type: "quantitative" },
          color: { datum: SERIES.stock },
        },
      },
      {
        data: { values: recognizedRows },
        mark: { type: "line", strokeWidth: 2, strokeDash: [6, 3] },
        encoding: { x, y: { field: "count", type: "quantitative" }, color: { field: "series" } },
      },
      {
        data: { values: operations },
        mark: { type: "rule", color: PALETTE.green, strokeWidth: 1.5 },
        encoding: { x },
      },
      {
        data: { values: labelled(operations) },
        mark: { type: "text", align: "left", dx: 3, fontSize: 10, color: "#00694d" },
        encoding: {
          x,
          y: { field: "y", type: "quantitative", scale: null },
          text: { field: "label" },
        },
      },
      {
        data: { values: measures },
        mark: { type: "rule", color: PALETTE.orange, strokeWidth: 1.5, strokeDash: [4, 3] },
        encoding: { x },
      },
      {
        data: { values: labelled(measures) },
        mark: { type: "text", align: "right", dx: -3, fontSize: 10, color: "#8a5a00" },
        encoding: {
          x,
          y: { field: "y", type: "quantitative", scale: null },
          text: { field: "label" },
        },
      },
      {
        data: { values: counts },
        mark: { type: "point", filled: true, size: 70 },
        encoding: {
          x,
          y: { field: "value", type: "quantitative" },
          color: { field: "series" },
          shape: {
            field: "qualifier",
            scale: {
              domain: Object.values(SHAPES).map((s) => s.label),
              range: Object.values(SHAPES).map((s) => s.shape),
            },
            legend: { title: "Published count", orient: "bottom", labelLimit: 200 },
          },
        },
      },
      {
        data: { values: counts },
        mark: { type: "text", dy: -11, fontSize: 11, fontWeight: "bold" },
        encoding: { x, y: { field: "value", type: "quantitative" }, text: { field: "label" } },
      },
    ],
  } as unknown as TopLevelSpec;
}

/** Admissions above the axis, exits below, stacked by how they ended. */
export function flowsChartSpec(rows: readonly FlowRow[], title: string): TopLevelSpec {
  const values: { period: string; kind: string; people: number; order: number }[] = [];
  for (const row of rows) {
    values.push({ period: row.period, kind: "admissions", people: row.admissions, order: 0 });
    EXIT_KINDS.forEach((kind, k) => {
      const n = row.exits[kind] ?? 0;
      if (n > 0)
        values.push({ period: row.period, kind: `exit: ${kind}`, people: -n, order: k + 1 });
    });
  }
  const kinds = [
    "admissions",
    ...EXIT_KINDS.filter((k) => values.some((v) => v.kind === `exit: ${k}`)).map(
      (k) => `exit: ${k}`,
    ),
  ];
  return {
    title: {
      text: title,
      subtitle: "Admissions (interval starts) above zero; exits below, by mechanism",
    },
    width: 900,
    height: 300,
    data: { values },
    mark: { type: "bar" },
    encoding: {
      x: {
        field: "period",
        type: "ordinal",
        title: "Month",
        axis: {
          labelAngle: -90,
          labelExpr: "substring(datum.value, 5, 7) == '01' ? datum.value : ''",
        },
      },
      y: {
        field: "people",
        type: "quantitative",
        title: "People per month (exits negative)",
        stack: "zero",
      },
      color: {
        field: "kind",
        title: null,
        scale: {
          domain: kinds,
          range: kinds.map((k) =>
            k === "admissions" ? PALETTE.blue : (EXIT_COLOURS[k.slice(6)] as string),
          ),
        },
        legend: { orient: "bottom", columns: 5 },
      },
      order: { field: "order" },
    },
  } as unknown as TopLevelSpec;
}

function binLabel(minDays: number, maxDays: number | null): string {
  const text = (d: number) =>
    d === 0 ? "0" : d < 365 ? `${Math.round(d / 30.4)} mo` : `${Math.round(d / 365.25)} y`;
  return maxDays === null ? `${text(minDays)} or more` : `${text(minDays)} – ${text(maxDays)}`;
}

/** How long people were held: ended intervals beside those still running. */
export function timeHeldChartSpec(
  closed: AnonymousTimeHeld,
  open: AnonymousTimeHeld,
): TopLevelSpec {
  const values = [
    ...closed.bins.map((b, i) => ({
      bin: binLabel(b.minDays, b.maxDays),
      order: i,
      group: "ended (released or died)",
      count: b.count,
    })),
    ...open.bins.map((b, i) => ({
      bin: binLabel(b.minDays, b.maxDays),
      order: i,
      group: "still held",
      count: b.count,
    })),
  ];
  return {
    title: {
      text: "Time held per detention",
      subtitle: "From the start's middle day to the end's (or to the report's last day)",
    },
    width: 420,
    height: 240,
    data: { values },
    mark: "bar",
    encoding: {
      x: {
        field: "bin",
        type: "ordinal",
        sort: { field: "order" },
        title: "Time held",
        axis: { labelAngle: -30 },
      },
      xOffset: { field: "group" },
      y: { field: "count", type: "quantitative", title: "Detentions" },
      color: {
        field: "group",
        title: null,
        scale: { range: [PALETTE.sky, PALETTE.vermillion] },
        legend: { orient: "bottom" },
      },
    },
  } as unknown as TopLevelSpec;
}

/** People at risk by reason (a person may have several). */
export function atRiskChartSpec(atRisk: DashboardData["atRisk"]): TopLevelSpec {
  const c = atRisk.counts;
  const values = [
    { reason: "health condition", people: c.health },
    { reason: `aged ${atRisk.elderlyAge} or more`, people: c.elderly },
    { reason: `no sign of life > ${atRisk.silenceDays} days`, people: c.no_sign_of_life },
    { reason: `held ${atRisk.longHeldYears} years or more`, people: c.long_held },
  ];
  return {
    title: {
      text: `People at risk on ${atRisk.asOf}`,
      subtitle: `${c.atRisk} of ${atRisk.held} people held; a person may have several reasons`,
    },
    width: 420,
    height: 160,
    data: { values },
    layer: [
      {
        mark: { type: "bar", color: PALETTE.vermillion },
        encoding: {
          y: { field: "reason", type: "nominal", title: null, sort: null },
          x: { field: "people", type: "quantitative", title: "People" },
        },
      },
      {
        mark: { type: "text", align: "left", dx: 3 },
        encoding: {
          y: { field: "reason", type: "nominal", sort: null },
          x: { field: "people", type: "quantitative" },
          text: { field: "people" },
        },
      },
    ],
  } as unknown as TopLevelSpec;
}
