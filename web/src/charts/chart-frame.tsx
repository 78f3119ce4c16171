/**
 * A chart or table with its title, its actions (data as CSV; picture as SVG or PNG) and a
 * note on what it shows. The heading names the figure for assistive technology.
 */
import { type ReactNode, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import {
  type CsvColumn,
  chartSvg,
  downloadCsv,
  downloadPng,
  downloadSvg,
  type LegendEntry,
  toCsv,
} from "./export.ts";

interface Props<Row> {
  title: string;
  /** File names of downloads: `turnstile-<name>`. */
  name: string;
  rows: readonly Row[];
  columns: readonly CsvColumn<Row>[];
  /** Series of the picture's legend; none for a table (no picture to download). */
  legend?: readonly LegendEntry[];
  note?: ReactNode;
  children: ReactNode;
  testId?: string;
}

export function ChartFrame<Row>(props: Props<Row>) {
  const { t } = useTranslation();
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const file = `turnstile-${props.name}`;
  const picture = () => {
    if (!box.current || !props.legend) throw new Error("no chart");
    const note = typeof props.note === "string" ? props.note : "Turnstile";
    return chartSvg(box.current, props.title, props.legend, note);
  };
  return (
    <figure className="chart" aria-labelledby={`${id}-title`} data-testid={props.testId}>
      <div className="chart-head">
        <h3 id={`${id}-title`}>{props.title}</h3>
        <div className="chart-actions">
          <button type="button" onClick={() => downloadCsv(file, toCsv(props.rows, props.columns))}>
            {t("chart.downloadCsv")}
            <span className="visually-hidden"> — {props.title}</span>
          </button>
          {props.legend && (
            <>
              <button type="button" onClick={() => downloadSvg(file, picture().text)}>
                {t("chart.downloadSvg")}
                <span className="visually-hidden"> — {props.title}</span>
              </button>
              <button type="button" onClick={() => void downloadPng(file, picture())}>
                {t("chart.downloadPng")}
                <span className="visually-hidden"> — {props.title}</span>
              </button>
            </>
          )}
        </div>
      </div>
      <div className="chart-box" ref={box}>
        {props.children}
      </div>
      {props.note && <figcaption>{props.note}</figcaption>}
    </figure>
  );
}
