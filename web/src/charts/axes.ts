/**
 * The axes and tooltip every time chart of people shares (recorded stock, projection):
 * the props are spread on recharts' own components, which must stay direct children of
 * the chart.
 */
import type { TFunction } from "i18next";
import type { Formatter } from "../format.ts";
import { COLORS } from "./palette.ts";
import { tickFormatter } from "./time-axis.ts";

/** A time axis (milliseconds) from `from` to `to` with its ticks and the "Date" label. */
export function dateAxisProps(
  t: TFunction,
  fmt: Formatter,
  domain: [number, number],
  ticks: number[],
) {
  return {
    height: 48,
    dataKey: "t",
    type: "number" as const,
    scale: "time" as const,
    domain,
    ticks,
    tickFormatter: tickFormatter(fmt.monthTick, ticks),
    stroke: COLORS.axis,
    label: {
      value: t("charts.axis.date"),
      position: "insideBottom" as const,
      offset: 0,
      fill: COLORS.axis,
    },
  };
}

/** A vertical axis of people, numbers in the reader's language. */
export function peopleAxisProps(t: TFunction, fmt: Formatter) {
  return {
    stroke: COLORS.axis,
    tickFormatter: (v: number) => fmt.number(v),
    width: 64,
    label: {
      value: t("charts.axis.people"),
      angle: -90,
      position: "insideLeft" as const,
      offset: 0,
      style: { textAnchor: "middle" as const },
      fill: COLORS.axis,
    },
  };
}

/** Tooltip of a time chart: the day, then each value or range (`[low, high]`). */
export function timeTooltipProps(fmt: Formatter, round = false) {
  return {
    labelFormatter: (value: unknown) =>
      Number.isFinite(Number(value)) ? fmt.day(new Date(Number(value)).toISOString()) : "",
    formatter: (value: unknown, name: unknown): [string, string] => [
      Array.isArray(value)
        ? `${fmt.number(value[0] as number)} – ${fmt.number(value[1] as number)}`
        : typeof value === "number"
          ? fmt.number(round ? Math.round(value) : value)
          : String(value ?? "—"),
      String(name),
    ],
  };
}
