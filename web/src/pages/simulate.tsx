/**
 * What comes next: the revolving-door simulator (docs/ESTIMATION.md). The reader sets the
 * first day, the months, release pulses (a day and a number of people each), the runs and
 * the seed; the page answers in one plain sentence ("If 100 are released on … about N
 * would be held on …") and draws the projection's median with its 80% and 95% bands beside
 * the stock the registry recorded. Every parameter is in the URL, so a view can be shared.
 */
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { Area, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import { withQuery } from "../api/client.ts";
import type { SimulationReport } from "../api/estimation-types.ts";
import type { StockRow } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { dateAxisProps, peopleAxisProps, timeTooltipProps } from "../charts/axes.ts";
import { ChartFrame } from "../charts/chart-frame.tsx";
import type { LegendEntry } from "../charts/export.ts";
import { ChartLegend } from "../charts/legend.tsx";
import { COLORS } from "../charts/palette.ts";
import { ms, timeTicks } from "../charts/time-axis.ts";
import { usePageTitle } from "../components/layout.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { type Formatter, useFormat } from "../format.ts";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Months of recorded stock drawn before the projection starts. */
const HISTORY_MONTHS = 24;

interface Release {
  date: string;
  count: string;
}

function parseReleases(text: string | null): Release[] {
  if (!text) return [];
  return text.split(",").map((item) => {
    const [date = "", count = ""] = item.split(":");
    return { date, count };
  });
}

function firstOfThisMonth(): string {
  return `${new Date().toISOString().slice(0, 7)}-01`;
}

/** `YYYY-MM-DD` shifted by whole months (day of month kept, as the API's checkpoints). */
function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1 + months, d));
  return date.toISOString().slice(0, 10);
}

function SimulateForm() {
  const { t } = useTranslation();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const [from, setFrom] = useState(params.get("from") ?? firstOfThisMonth());
  const [months, setMonths] = useState(params.get("months") ?? "12");
  const [runs, setRuns] = useState(params.get("runs") ?? "1000");
  const [seed, setSeed] = useState(params.get("seed") ?? "1");
  const [responsive, setResponsive] = useState(params.get("responsive") === "true");
  const [releases, setReleases] = useState<Release[]>(parseReleases(params.get("releases")));
  const [problem, setProblem] = useState<string | null>(null);

  const change = (i: number, patch: Partial<Release>) =>
    setReleases(releases.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const bad = releases.findIndex((r) => !DAY.test(r.date) || !/^\d+$/.test(r.count));
    if (!DAY.test(from)) return setProblem(t("simulate.badFrom"));
    if (!/^\d+$/.test(months) || Number(months) < 1) return setProblem(t("simulate.badMonths"));
    if (bad >= 0) return setProblem(t("simulate.badRelease", { n: bad + 1 }));
    setProblem(null);
    const next = new URLSearchParams({ from, months, runs, seed });
    if (releases.length > 0) {
      next.set("releases", releases.map((r) => `${r.date}:${r.count}`).join(","));
    }
    if (responsive) next.set("responsive", "true");
    setParams(next);
  };
  return (
    <form className="simulate-form" onSubmit={submit} aria-label={t("simulate.formLabel")}>
      <div className="inline">
        <div className="field">
          <label htmlFor={`${id}-from`}>{t("simulate.from")}</label>
          <input
            id={`${id}-from`}
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-months`}>{t("simulate.months")}</label>
          <input
            id={`${id}-months`}
            type="number"
            min={1}
            max={120}
            value={months}
            onChange={(e) => setMonths(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-runs`}>{t("simulate.runs")}</label>
          <input
            id={`${id}-runs`}
            type="number"
            min={1}
            max={5000}
            value={runs}
            onChange={(e) => setRuns(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-seed`}>{t("simulate.seed")}</label>
          <input
            id={`${id}-seed`}
            type="number"
            value={seed}
            onChange={(e) => setSeed(e.target.value)}
          />
        </div>
      </div>
      <fieldset className="releases" data-testid="releases">
        <legend>{t("simulate.releases")}</legend>
        {releases.length === 0 && <p className="hint">{t("simulate.noReleases")}</p>}
        {releases.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
          <div className="inline" key={i}>
            <div className="field">
              <label htmlFor={`${id}-rd${i}`}>{t("simulate.releaseDate", { n: i + 1 })}</label>
              <input
                id={`${id}-rd${i}`}
                type="date"
                value={r.date}
                onChange={(e) => change(i, { date: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-rc${i}`}>{t("simulate.releaseCount", { n: i + 1 })}</label>
              <input
                id={`${id}-rc${i}`}
                type="number"
                min={0}
                value={r.count}
                onChange={(e) => change(i, { count: e.target.value })}
              />
            </div>
            <button
              type="button"
              className="secondary"
              onClick={() => setReleases(releases.filter((_, k) => k !== i))}
            >
              {t("simulate.removeRelease")}
              <span className="visually-hidden"> {i + 1}</span>
            </button>
          </div>
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() => setReleases([...releases, { date: from, count: "100" }])}
        >
          {t("simulate.addRelease")}
        </button>
      </fieldset>
      <label className="inline">
        <input
          type="checkbox"
          checked={responsive}
          onChange={(e) => setResponsive(e.target.checked)}
        />{" "}
        {t("simulate.responsive")}
      </label>
      <div className="actions">
        <button type="submit">{t("simulate.submit")}</button>
      </div>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

function answer(
  t: (key: string, o?: Record<string, unknown>) => string,
  fmt: Formatter,
  r: SimulationReport,
) {
  const last = r.rows[r.rows.length - 1];
  if (!last) return "";
  const releases =
    r.releases.length === 0
      ? t("simulate.answerNoRelease")
      : t("simulate.answerReleases", {
          releases: r.releases
            .map((x) =>
              t("simulate.answerRelease", { count: fmt.number(x.count), date: fmt.day(x.date) }),
            )
            .join(", "),
        });
  const c = r.calibration;
  const arrests =
    c.arrestRate.basis === "registry"
      ? t("simulate.answerLastYear", { rate: fmt.number(c.arrestsPerMonth, 1) })
      : t("simulate.answerGiven", { rate: fmt.number(c.arrestsPerMonth, 1) });
  return t("simulate.answer", {
    releases,
    arrests,
    median: fmt.number(Math.round(last.median)),
    lo80: fmt.number(Math.round(last.band80.lower)),
    hi80: fmt.number(Math.round(last.band80.upper)),
    lo95: fmt.number(Math.round(last.band95.lower)),
    hi95: fmt.number(Math.round(last.band95.upper)),
    date: fmt.day(last.date),
    start: fmt.number(c.heldAtStart),
    from: fmt.day(r.from),
  });
}

function ProjectionChart({ report, history }: { report: SimulationReport; history: StockRow[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const rows: Record<string, unknown>[] = [];
  for (const h of history) {
    if (h.date >= report.from) continue;
    rows.push({ t: ms(h.date), date: h.date, recorded: h.count });
  }
  for (const r of report.rows) {
    rows.push({
      t: ms(r.date),
      date: r.date,
      recorded: r.recorded?.count ?? null,
      median: r.median,
      band80: [r.band80.lower, r.band80.upper],
      band95: [r.band95.lower, r.band95.upper],
    });
  }
  const from = (rows[0]?.t as number) ?? 0;
  const to = (rows[rows.length - 1]?.t as number) ?? 0;
  const ticks = timeTicks(from, to);
  const labels = {
    recorded: t("simulate.recorded"),
    median: t("simulate.median"),
    band80: t("simulate.band80"),
    band95: t("simulate.band95"),
  };
  const legend: LegendEntry[] = [
    { label: labels.recorded, color: COLORS.count, shape: "line" },
    { label: labels.median, color: COLORS.stock, shape: "dashed" },
    { label: labels.band80, color: COLORS.stock, shape: "band" },
    { label: labels.band95, color: COLORS.band, shape: "band" },
  ];
  const band = (v: unknown, k: 0 | 1) => (Array.isArray(v) ? (v[k] as number) : null);
  return (
    <ChartFrame
      title={t("simulate.chartTitle")}
      name="simulation"
      rows={rows}
      columns={[
        { key: "date", label: "date" },
        { key: "recorded", label: "recorded" },
        { key: "median", label: "median" },
        { key: "band80", label: "band80_lower", value: (r) => band(r.band80, 0) },
        { key: "band80", label: "band80_upper", value: (r) => band(r.band80, 1) },
        { key: "band95", label: "band95_lower", value: (r) => band(r.band95, 0) },
        { key: "band95", label: "band95_upper", value: (r) => band(r.band95, 1) },
      ]}
      legend={legend}
      note={t("simulate.chartNote", { runs: fmt.number(report.runs), seed: report.seed })}
      testId="simulation-chart"
    >
      <ComposedChart
        responsive
        style={{ width: "100%", height: 420 }}
        data={rows}
        margin={{ top: 24, right: 24, bottom: 4, left: 16 }}
        title={t("simulate.chartTitle")}
      >
        <CartesianGrid stroke={COLORS.grid} vertical={false} />
        <XAxis {...dateAxisProps(t, fmt, [from, to], ticks)} />
        <YAxis {...peopleAxisProps(t, fmt)} />
        <Tooltip {...timeTooltipProps(fmt, true)} />
        <Legend verticalAlign="bottom" content={() => <ChartLegend entries={legend} />} />
        <Area
          dataKey="band95"
          name={labels.band95}
          stroke="none"
          fill={COLORS.band}
          fillOpacity={0.3}
          isAnimationActive={false}
        />
        <Area
          dataKey="band80"
          name={labels.band80}
          stroke="none"
          fill={COLORS.stock}
          fillOpacity={0.3}
          isAnimationActive={false}
        />
        <Line
          dataKey="median"
          name={labels.median}
          stroke={COLORS.stock}
          strokeWidth={2.5}
          strokeDasharray="6 3"
          dot={false}
          isAnimationActive={false}
        />
        <Line
          dataKey="recorded"
          name={labels.recorded}
          stroke={COLORS.count}
          strokeWidth={2}
          dot={false}
          connectNulls={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ChartFrame>
  );
}

function Calibration({ report }: { report: SimulationReport }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const c = report.calibration;
  return (
    <dl className="inline-facts" data-testid="calibration">
      <dt>{t("simulate.heldAtStart")}</dt>
      <dd>{fmt.number(c.heldAtStart)}</dd>
      <dt>{t("simulate.arrestsPerMonth")}</dt>
      <dd>
        {fmt.number(c.arrestsPerMonth, 1)}
        {c.arrestRate.basis === "registry" &&
          ` (${t("simulate.admissionsBasis", {
            admissions: fmt.count(c.arrestRate.admissions),
            from: fmt.day(c.arrestRate.from),
            to: fmt.day(c.arrestRate.to),
          })})`}
      </dd>
      <dt>{t("simulate.medianTimeHeld")}</dt>
      <dd>
        {c.timeHeld.medianDays === null
          ? "—"
          : t("simulate.days", { days: fmt.number(c.timeHeld.medianDays) })}
      </dd>
      {c.response && (
        <>
          <dt>{t("simulate.response")}</dt>
          <dd>{fmt.number(c.response.extraArrestsPerReleased, 2)}</dd>
        </>
      )}
      <dt>{t("simulate.uncertainty")}</dt>
      <dd>
        {c.uncertainty.kind === "parameters"
          ? t("simulate.uncertaintyParameters", {
              cv: fmt.percent(c.uncertainty.arrestRateCv),
              replicates: c.uncertainty.timeHeldReplicates,
            })
          : t("simulate.uncertaintyNoise")}
      </dd>
    </dl>
  );
}

export default function Simulate() {
  const { t } = useTranslation();
  usePageTitle(t("simulate.title"));
  const fmt = useFormat();
  const [params] = useSearchParams();
  const from = params.get("from");
  const months = params.get("months");
  const ready = from !== null && months !== null;
  const report = useApi<SimulationReport>(
    ready
      ? withQuery("/api/estimation/simulate", {
          from,
          months,
          releases: params.get("releases"),
          runs: params.get("runs"),
          seed: params.get("seed"),
          responsive: params.get("responsive"),
        })
      : null,
  );
  const history = useApi<StockRow[]>(
    ready && DAY.test(from)
      ? withQuery("/api/analytics/stock", {
          from: addMonths(from, -HISTORY_MONTHS),
          to: from,
          step: "month",
        })
      : null,
  );
  return (
    <div className="page">
      <h1>{t("simulate.title")}</h1>
      <p className="lead">{t("simulate.lead")}</p>
      <SimulateForm key={params.toString()} />
      <ErrorMessage error={report.error} />
      {report.loading && <Loading />}
      {report.data && !report.error && (
        <>
          <p className="answer" data-testid="simulation-answer" aria-live="polite">
            {answer(t, fmt, report.data)}
          </p>
          <ProjectionChart report={report.data} history={history.data ?? []} />
          <Calibration report={report.data} />
          <p className="hint">{t("simulate.method")}</p>
        </>
      )}
    </div>
  );
}
