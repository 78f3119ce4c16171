/**
 * How many are held, documented or not: multiple systems estimation over lists of
 * sources (docs/ESTIMATION.md). The reader chooses the lists (every source cited, one per
 * publisher, or chosen sources, `+` joining two into one list) and the day; the page shows
 * the overlap table, the documented count, each estimator with its interval, the models
 * carrying the weight, the warnings, and a chart of the documented count beside the
 * estimates. The choice is kept in the URL, so that a view can be shared.
 */
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { Bar, CartesianGrid, ComposedChart, ErrorBar, Tooltip, XAxis, YAxis } from "recharts";
import { withQuery } from "../api/client.ts";
import type { EstimateReport, Estimator } from "../api/estimation-types.ts";
import type { Page, Source } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { ChartFrame } from "../charts/chart-frame.tsx";
import type { LegendEntry } from "../charts/export.ts";
import { ChartLegend } from "../charts/legend.tsx";
import { COLORS } from "../charts/palette.ts";
import { usePageTitle } from "../components/layout.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { type Formatter, useFormat } from "../format.ts";

type Mode = "auto" | "publisher" | "sources";

function modeOf(params: URLSearchParams): Mode {
  if (params.get("by") === "publisher") return "publisher";
  return params.get("lists") ? "sources" : "auto";
}

function interval(fmt: Formatter, e: Estimator | null): string {
  if (!e?.interval) return "—";
  const upper = e.interval.upper === null ? "∞" : fmt.number(Math.round(e.interval.upper));
  return `${fmt.number(Math.round(e.interval.lower))}–${upper}`;
}

function EstimateForm() {
  const { t } = useTranslation();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const [mode, setMode] = useState<Mode>(modeOf(params));
  const [lists, setLists] = useState(params.get("lists") ?? "");
  const [at, setAt] = useState(params.get("at") ?? "");
  const sources = useApi<Page<Source>>(mode === "sources" ? "/api/sources?limit=500" : null);
  const chosen = new Set(lists.split(/[,+]/).filter((s) => s !== ""));
  const toggle = (sourceId: string, on: boolean) => {
    const items = lists.split(",").filter((item) => item !== "");
    const next = on
      ? [...items, sourceId]
      : items
          .map((item) =>
            item
              .split("+")
              .filter((s) => s !== sourceId)
              .join("+"),
          )
          .filter((item) => item !== "");
    setLists(next.join(","));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (mode === "publisher") next.set("by", "publisher");
    if (mode === "sources" && lists) next.set("lists", lists);
    if (at) next.set("at", at);
    setParams(next);
  };
  return (
    <form className="estimate-form" onSubmit={submit} aria-label={t("estimate.formLabel")}>
      <fieldset className="filters">
        <legend>{t("estimate.listsLegend")}</legend>
        {(["auto", "publisher", "sources"] as const).map((m) => (
          <label key={m} className="inline">
            <input
              type="radio"
              name={`${id}-mode`}
              value={m}
              checked={mode === m}
              onChange={() => setMode(m)}
            />{" "}
            {t(`estimate.mode.${m}`)}
          </label>
        ))}
      </fieldset>
      {mode === "sources" && (
        <fieldset className="source-choice" data-testid="source-choice">
          <legend>{t("estimate.sourcesLegend")}</legend>
          <ErrorMessage error={sources.error} />
          {sources.data && (
            <ul className="checkbox-list">
              {sources.data.items.map((s) => (
                <li key={s.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={chosen.has(s.id)}
                      onChange={(e) => toggle(s.id, e.target.checked)}
                    />{" "}
                    <code>{s.id}</code> — {s.title}
                  </label>
                </li>
              ))}
            </ul>
          )}
          <div className="field">
            <label htmlFor={`${id}-lists`}>{t("estimate.listsField")}</label>
            <input
              id={`${id}-lists`}
              value={lists}
              onChange={(e) => setLists(e.target.value)}
              placeholder="a,b+c"
              aria-describedby={`${id}-lists-hint`}
            />
            <p id={`${id}-lists-hint`} className="hint">
              {t("estimate.listsHint")}
            </p>
          </div>
        </fieldset>
      )}
      <div className="inline">
        <div className="field">
          <label htmlFor={`${id}-at`}>{t("estimate.at")}</label>
          <input id={`${id}-at`} type="date" value={at} onChange={(e) => setAt(e.target.value)} />
        </div>
        <button type="submit">{t("estimate.submit")}</button>
      </div>
    </form>
  );
}

function EstimateChart({ report }: { report: EstimateReport }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const rows: Record<string, unknown>[] = [
    {
      label: t("estimate.documented"),
      value: report.documented,
      error: null,
      lower: null,
      upper: null,
    },
  ];
  if (report.held !== null && report.held !== report.documented) {
    rows.push({
      label: t("estimate.held"),
      value: report.held,
      error: null,
      lower: null,
      upper: null,
    });
  }
  for (const e of report.estimators) {
    if (e.estimate === null) continue;
    const upper = e.interval?.upper ?? e.estimate;
    const lower = e.interval?.lower ?? e.estimate;
    rows.push({
      label: t(`estimate.estimator.${e.name}`),
      value: Math.round(e.estimate),
      error: [e.estimate - lower, upper - e.estimate],
      lower: Math.round(lower),
      upper: e.interval?.upper === null ? null : Math.round(upper),
    });
  }
  const legend: LegendEntry[] = [
    { label: t("estimate.chartValue"), color: COLORS.band, shape: "bar" },
    {
      label: t("estimate.chartInterval", { level: fmt.percent(report.level) }),
      color: COLORS.count,
      shape: "line",
    },
  ];
  return (
    <ChartFrame
      title={t("estimate.chartTitle")}
      name="estimate"
      rows={rows}
      columns={[
        { key: "label", label: "figure" },
        { key: "value", label: "people" },
        { key: "lower", label: "lower" },
        { key: "upper", label: "upper" },
      ]}
      legend={legend}
      note={t("estimate.chartNote")}
      testId="estimate-chart"
    >
      <ComposedChart
        responsive
        layout="vertical"
        style={{ width: "100%", height: 80 + rows.length * 44 }}
        data={rows}
        margin={{ top: 8, right: 32, bottom: 4, left: 16 }}
      >
        <CartesianGrid stroke={COLORS.grid} horizontal={false} />
        <YAxis type="category" dataKey="label" stroke={COLORS.axis} width={220} interval={0} />
        <XAxis
          type="number"
          stroke={COLORS.axis}
          tickFormatter={(v: number) => fmt.number(v)}
          height={48}
          label={{
            value: t("charts.axis.people"),
            position: "insideBottom",
            offset: 0,
            fill: COLORS.axis,
          }}
        />
        <Tooltip
          formatter={(value, _name, item) => {
            const row = item.payload as { lower: number | null; upper: number | null };
            const text = fmt.number(value as number);
            return row.lower === null
              ? [text, t("estimate.chartValue")]
              : [
                  `${text} (${fmt.number(row.lower)}–${row.upper === null ? "∞" : fmt.number(row.upper)})`,
                  t("estimate.chartValue"),
                ];
          }}
        />
        <Bar dataKey="value" fill={COLORS.band} isAnimationActive={false}>
          <ErrorBar
            dataKey="error"
            direction="x"
            width={10}
            strokeWidth={2}
            stroke={COLORS.count}
            isAnimationActive={false}
          />
        </Bar>
      </ComposedChart>
      <ChartLegend entries={legend} />
    </ChartFrame>
  );
}

function EstimateResult({ report }: { report: EstimateReport }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const day =
    report.population.kind === "day"
      ? fmt.day(report.population.date)
      : `${fmt.day(report.population.from)} – ${fmt.day(report.population.to)}`;
  // The averaged model when there are three lists or more; Chapman's for two.
  const headline = report.averaged ?? report.estimators.find((e) => e.name === "chapman") ?? null;
  const weighty = [...report.models]
    .filter((m) => m.aicWeight >= 0.01 || m.bicWeight >= 0.01)
    .sort((a, b) => b.aicWeight - a.aicWeight)
    .slice(0, 10);
  return (
    <>
      <p className="lead" data-testid="estimate-summary">
        {t("estimate.summary", {
          day,
          held: fmt.count(report.held),
          documented: fmt.count(report.documented),
          lists: report.lists.length,
          none: fmt.count(report.heldOnNoList),
        })}
      </p>
      {headline && headline.estimate !== null && (
        <p className="answer" data-testid="estimate-answer">
          {t("estimate.answer", {
            estimator: t(`estimate.estimator.${headline.name}`),
            estimate: fmt.number(Math.round(headline.estimate)),
            interval: interval(fmt, headline),
            level: fmt.percent(report.level),
            undocumented: fmt.number(Math.round(headline.undocumented ?? 0)),
          })}
        </p>
      )}
      {report.leftOut.length > 0 && (
        <ul className="notes">
          {report.leftOut.map((l) => (
            <li key={l.label}>
              {t("estimate.leftOut", {
                label: l.label,
                reason: t(`estimate.leftOutReason.${l.code}`, {
                  ...localParams(l.params, fmt),
                  defaultValue: l.reason,
                }),
              })}
            </li>
          ))}
        </ul>
      )}
      {report.warnings.length > 0 && (
        <div className="warnings" role="note" data-testid="estimate-warnings">
          <h2>{t("estimate.warnings")}</h2>
          <ul>
            {report.warnings.map((w) => (
              <li key={`${w.code}-${w.message}`}>
                {t(`estimate.warning.${w.code}`, {
                  ...localParams(w.params, fmt),
                  defaultValue: w.message,
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <EstimateChart report={report} />
      <ChartFrame
        title={t("estimate.overlapTitle")}
        name="estimate-overlap"
        rows={report.overlap}
        columns={[
          { key: "pattern", label: "pattern" },
          { key: "lists", label: "lists", value: (r) => r.lists.join(";") },
          { key: "count", label: "people" },
        ]}
        note={t("estimate.overlapNote", { lists: report.lists.map((l) => l.label).join(", ") })}
      >
        <TableScroll label={t("estimate.overlapTitle")}>
          <table className="data-table compact" data-testid="overlap-table">
            <thead>
              <tr>
                <th scope="col">{t("estimate.pattern")}</th>
                <th scope="col">{t("estimate.onLists")}</th>
                <th scope="col">{t("estimate.people")}</th>
              </tr>
            </thead>
            <tbody>
              {report.overlap.map((row) => (
                <tr key={row.pattern}>
                  <th scope="row">
                    <code>{row.pattern}</code>
                  </th>
                  <td>{row.lists.join(" & ")}</td>
                  <td className="num">{fmt.count(row.count)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  {t("estimate.documented")}
                </th>
                <td className="num">{fmt.count(report.documented)}</td>
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      </ChartFrame>
      <ChartFrame
        title={t("estimate.estimatorsTitle", { level: fmt.percent(report.level) })}
        name="estimate-estimators"
        rows={report.estimators}
        columns={[
          { key: "name", label: "estimator" },
          { key: "estimate", label: "estimate" },
          { key: "interval", label: "lower", value: (e) => e.interval?.lower ?? "" },
          { key: "interval", label: "upper", value: (e) => e.interval?.upper ?? "" },
          { key: "model", label: "model" },
        ]}
      >
        <TableScroll label={t("estimate.estimatorsTitle", { level: fmt.percent(report.level) })}>
          <table className="data-table" data-testid="estimators-table">
            <thead>
              <tr>
                <th scope="col">{t("estimate.estimatorColumn")}</th>
                <th scope="col">{t("estimate.estimateColumn")}</th>
                <th scope="col">{t("estimate.intervalColumn")}</th>
                <th scope="col">{t("estimate.undocumentedColumn")}</th>
                <th scope="col">{t("estimate.modelColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {report.estimators.map((e) => (
                <tr key={e.name}>
                  <th scope="row" title={e.description}>
                    {t(`estimate.estimator.${e.name}`)}
                  </th>
                  <td className="num">
                    {e.estimate === null ? "—" : fmt.number(Math.round(e.estimate))}
                  </td>
                  <td className="num">{interval(fmt, e)}</td>
                  <td className="num">
                    {e.undocumented === null ? "—" : fmt.number(Math.round(e.undocumented))}
                  </td>
                  <td>{e.model ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </ChartFrame>
      {weighty.length > 0 && (
        <ChartFrame
          title={t("estimate.modelsTitle")}
          name="estimate-models"
          rows={report.models}
          columns={[
            { key: "name", label: "model" },
            { key: "estimate", label: "estimate" },
            { key: "deviance", label: "deviance" },
            { key: "df", label: "df" },
            { key: "aic", label: "aic" },
            { key: "bic", label: "bic" },
            { key: "aicWeight", label: "aic_weight" },
            { key: "bicWeight", label: "bic_weight" },
          ]}
          note={t("estimate.modelsNote", {
            aic: report.chosen.aic ?? "—",
            bic: report.chosen.bic ?? "—",
            count: report.models.length,
          })}
        >
          <TableScroll label={t("estimate.modelsTitle")}>
            <table className="data-table compact" data-testid="models-table">
              <thead>
                <tr>
                  <th scope="col">{t("estimate.modelColumn")}</th>
                  <th scope="col">{t("estimate.estimateColumn")}</th>
                  <th scope="col">{t("estimate.intervalColumn")}</th>
                  <th scope="col">AIC</th>
                  <th scope="col">{t("estimate.aicWeight")}</th>
                  <th scope="col">{t("estimate.bicWeight")}</th>
                </tr>
              </thead>
              <tbody>
                {weighty.map((m) => (
                  <tr key={m.name}>
                    <th scope="row">{m.name}</th>
                    <td className="num">{fmt.number(Math.round(m.estimate))}</td>
                    <td className="num">
                      {fmt.number(Math.round(m.interval.lower))}–
                      {m.interval.upper === null ? "∞" : fmt.number(Math.round(m.interval.upper))}
                    </td>
                    <td className="num">{fmt.number(m.aic, 1)}</td>
                    <td className="num">{fmt.percent(m.aicWeight)}</td>
                    <td className="num">{fmt.percent(m.bicWeight)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </ChartFrame>
      )}
      <p className="hint">{t("estimate.method")}</p>
    </>
  );
}

/** A server message's values in the reader's language: numbers formatted, the rest as is. */
function localParams(params: Record<string, string | number> | undefined, fmt: Formatter) {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params ?? {})) {
    out[key] = typeof value === "number" ? fmt.number(value) : value;
  }
  return out;
}

export default function Estimate() {
  const { t } = useTranslation();
  usePageTitle(t("estimate.title"));
  const [params] = useSearchParams();
  const path = withQuery("/api/estimation/estimate", {
    lists: params.get("lists"),
    by: params.get("by"),
    at: params.get("at"),
  });
  const report = useApi<EstimateReport>(path);
  return (
    <div className="page">
      <h1>{t("estimate.title")}</h1>
      <p className="lead">{t("estimate.lead")}</p>
      <EstimateForm key={params.toString()} />
      <ErrorMessage error={report.error} />
      {report.loading && !report.data && <Loading />}
      {report.data && !report.error && <EstimateResult report={report.data} />}
    </div>
  );
}
