/**
 * Release operations and sanction measures on a chart's time axis: a numbered marker at
 * the top of a vertical line, which is a link to the operation or measure (keyboard
 * focusable, with its description as its accessible name). The same markers are listed
 * under the chart with their full text.
 */
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { ReferenceLine } from "recharts";
import type { DashboardData } from "../api/types.ts";
import { useFormat } from "../format.ts";
import { COLORS } from "./palette.ts";
import { ms } from "./time-axis.ts";

export interface Annotation {
  key: string;
  /** Shown in the marker: 1, 2… for operations, A, B… for measures. */
  mark: string;
  kind: "operation" | "measure";
  t: number;
  day: string;
  /** EDTF date as recorded. */
  date: string;
  title: string;
  to: string;
}

function letter(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : `Z${i - 25}`;
}

/** The operations and measure steps of the dashboard data that fall in [from, to]. */
export function useAnnotations(data: DashboardData, from: number, to: number): Annotation[] {
  const { t } = useTranslation();
  const fmt = useFormat();
  const inside = (day: string) => ms(day) >= from && ms(day) <= to;
  const operations = data.operations
    .filter((o) => inside(o.day))
    .sort((a, b) => a.day.localeCompare(b.day))
    .map(
      (o, i): Annotation => ({
        key: `op-${o.id}`,
        mark: String(i + 1),
        kind: "operation",
        t: ms(o.day),
        day: o.day,
        date: o.date,
        title: t("annotations.operation", {
          kind: t(`operationKind.${o.kind}`, { defaultValue: o.kind }),
          n: o.announced === null ? "?" : fmt.number(o.announced),
          date: fmt.partial(o.date),
        }),
        to: `/operations/${encodeURIComponent(o.id)}`,
      }),
    );
  const measures = data.measures
    .filter((m) => inside(m.day) && m.action !== "imposed")
    .sort((a, b) => a.day.localeCompare(b.day))
    .map(
      (m, i): Annotation => ({
        key: `m-${m.id}-${m.action}`,
        mark: letter(i),
        kind: "measure",
        t: ms(m.day),
        day: m.day,
        date: m.date,
        title: t("annotations.measure", {
          authority: m.authority,
          target: m.target,
          action: t(`measureAction.${m.action}`),
          date: fmt.partial(m.date),
        }),
        to: `/sanctions#${encodeURIComponent(m.id)}`,
      }),
    );
  return [...operations, ...measures];
}

interface MarkerProps {
  viewBox?: { x?: number; y?: number; height?: number };
  annotation: Annotation;
  row: number;
}

function Marker({ viewBox, annotation, row }: MarkerProps) {
  const navigate = useNavigate();
  const x = viewBox?.x ?? 0;
  const operation = annotation.kind === "operation";
  const y = operation
    ? (viewBox?.y ?? 0) - 18 - row * 14
    : (viewBox?.y ?? 0) + (viewBox?.height ?? 0) - 14 - row * 14;
  const color = operation ? COLORS.operation : COLORS.measure;
  return (
    <a
      href={annotation.to}
      className="chart-marker"
      aria-label={`${annotation.mark}: ${annotation.title}`}
      onClick={(event) => {
        event.preventDefault();
        navigate(annotation.to);
      }}
    >
      <title>{annotation.title}</title>
      <rect x={x - 8} y={y} width={16} height={14} rx={operation ? 7 : 2} fill={color} />
      <text x={x} y={y + 11} textAnchor="middle" fontSize={10} fontWeight="bold" fill="#ffffff">
        {annotation.mark}
      </text>
    </a>
  );
}

/** Reference lines for a Recharts chart whose X axis is time in milliseconds. */
export function annotationLines(annotations: readonly Annotation[]) {
  // Markers closer than three weeks are stacked so that they stay readable.
  const rowOf = new Map<string, number>();
  const last: Partial<Record<Annotation["kind"], { t: number; row: number }>> = {};
  for (const a of annotations) {
    const before = last[a.kind];
    const row = before && a.t - before.t < 21 * 86_400_000 ? (before.row + 1) % 3 : 0;
    rowOf.set(a.key, row);
    last[a.kind] = { t: a.t, row };
  }
  return annotations.map((a) => (
    <ReferenceLine
      key={a.key}
      x={a.t}
      stroke={a.kind === "operation" ? COLORS.operation : COLORS.measure}
      strokeDasharray={a.kind === "operation" ? "4 3" : "1 3"}
      strokeWidth={1.5}
      ifOverflow="hidden"
      label={<Marker annotation={a} row={rowOf.get(a.key) ?? 0} />}
    />
  ));
}

/** The markers as a list of links under the chart. */
export function AnnotationList({ annotations }: { annotations: readonly Annotation[] }) {
  const { t } = useTranslation();
  if (annotations.length === 0) return null;
  return (
    <details className="annotation-list">
      <summary>{t("annotations.list", { n: annotations.length })}</summary>
      <ol>
        {annotations.map((a) => (
          <li key={a.key}>
            <span className={`mark mark-${a.kind}`} aria-hidden="true">
              {a.mark}
            </span>{" "}
            <Link to={a.to}>{a.title}</Link>
          </li>
        ))}
      </ol>
    </details>
  );
}
