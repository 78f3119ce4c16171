/**
 * The dashboard: the number held over time with its bounds, the recognized number and the
 * monitors' counts, release operations and measures on the time axis; flows; the
 * revolving door; people at risk; reconciliation. All of it from one API call for the
 * chosen period.
 */
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import type { DashboardData } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { useAnnotations } from "../charts/annotations.tsx";
import { AtRiskChart } from "../charts/at-risk-chart.tsx";
import { FlowsChart } from "../charts/flows-chart.tsx";
import { ReconcileTable } from "../charts/reconcile-table.tsx";
import { RevolvingDoorTable } from "../charts/revolving-door-table.tsx";
import { StockChart } from "../charts/stock-chart.tsx";
import { ms } from "../charts/time-axis.ts";
import { DateRange } from "../components/date-range.tsx";
import { Deferred } from "../components/deferred.tsx";
import { usePageTitle } from "../components/layout.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useFormat } from "../format.ts";
import { dashboardPath } from "../prefetch.ts";

function Figures({ data }: { data: DashboardData }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const last = data.stock[data.stock.length - 1];
  const recognized = data.recognizedStock[0];
  const lastRecognized = recognized?.rows[recognized.rows.length - 1];
  const published = [...data.monitorCounts].sort((a, b) => a.day.localeCompare(b.day)).at(-1);
  const sign = { exact: "", approx: "~", more_than: "> ", fewer_than: "< " } as const;
  const deaths =
    data.deathsInCustodyCount !== undefined
      ? data.deathsInCustodyCount
      : data.deathsInCustody.length;
  const cards: [string, string, string][] = [];
  if (last) {
    cards.push([
      t("dashboard.figures.held", { date: fmt.day(last.date) }),
      fmt.count(last.count),
      last.lower !== null && last.upper !== null
        ? t("dashboard.figures.bounds", {
            lower: fmt.number(last.lower),
            upper: fmt.number(last.upper),
          })
        : "",
    ]);
  }
  if (recognized && lastRecognized) {
    cards.push([
      t("dashboard.figures.recognized", { monitor: recognized.monitor }),
      fmt.count(lastRecognized.count),
      "",
    ]);
  }
  if (published) {
    cards.push([
      t("dashboard.figures.published", { monitor: published.monitor }),
      `${sign[published.qualifier]}${fmt.number(published.value)}`,
      `${fmt.partial(published.date)}${published.qualifier !== "exact" ? ` · ${t(`qualifier.${published.qualifier}`)}` : ""}`,
    ]);
  }
  cards.push([
    t("dashboard.figures.atRisk"),
    fmt.count(data.atRisk.counts.atRisk),
    fmt.day(data.atRisk.asOf),
  ]);
  cards.push([t("dashboard.figures.deaths"), fmt.count(deaths), ""]);
  return (
    <dl className="figures">
      {cards.map(([label, value, detail]) => (
        <div className="figure" key={label}>
          <dt>{label}</dt>
          <dd>
            <span className="figure-value">{value}</span>
            {detail && <span className="figure-detail">{detail}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Sources({ data }: { data: DashboardData }) {
  const { t } = useTranslation();
  const sources = Object.values(data.sources).sort((a, b) => a.title.localeCompare(b.title));
  if (sources.length === 0) return null;
  return (
    <details className="sources">
      <summary>{t("dashboard.sources", { n: sources.length })}</summary>
      <ul>
        {sources.map((s) => (
          <li key={s.id}>
            {s.url ? (
              <a href={s.url} rel="noreferrer noopener" target="_blank">
                {s.title}
              </a>
            ) : (
              s.title
            )}
            {s.publisher && <span className="muted"> — {s.publisher}</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}

function Charts({ data }: { data: DashboardData }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const from = ms(data.stock[0]?.date ?? data.range.from);
  const to = ms(data.stock.at(-1)?.date ?? data.range.to);
  const annotations = useAnnotations(data, from, to);
  const around = data.aroundOperations;
  const aroundAnnotations = useAnnotations(
    data,
    around ? ms(around.from) : 0,
    around ? ms(around.to) : 0,
  );
  const range = { from: fmt.day(data.range.from), to: fmt.day(data.range.to) };
  return (
    <>
      <Figures data={data} />
      <section aria-labelledby="stock-heading">
        <h2 id="stock-heading">{t("dashboard.stockSection")}</h2>
        <StockChart
          title={t("charts.stock.title", range)}
          name="stock"
          stock={data.stock}
          recognized={data.recognizedStock}
          counts={data.monitorCounts}
          annotations={annotations}
          note={t("charts.stock.note")}
          testId="chart-stock"
        />
        {around && (
          <Deferred minHeight={560}>
            <StockChart
              title={t("charts.around.title", {
                from: fmt.day(around.from),
                to: fmt.day(around.to),
              })}
              name="stock-around-operations"
              stock={around.stock}
              recognized={around.recognized}
              counts={data.monitorCounts}
              annotations={aroundAnnotations}
              note={t("charts.around.note")}
              testId="chart-around"
            />
          </Deferred>
        )}
      </section>
      <section aria-labelledby="flows-heading">
        <h2 id="flows-heading">{t("dashboard.flowsSection")}</h2>
        <Deferred minHeight={520}>
          <FlowsChart
            flows={data.flows}
            title={t("charts.flows.title", range)}
            note={t("charts.flows.note")}
          />
        </Deferred>
      </section>
      <section aria-labelledby="door-heading">
        <h2 id="door-heading">{t("dashboard.doorSection")}</h2>
        <p className="lead">{t("door.explain")}</p>
        <Deferred minHeight={400}>
          <RevolvingDoorTable
            rows={data.revolvingDoor}
            title={t("door.title")}
            testId="table-door"
          />
        </Deferred>
      </section>
      <section aria-labelledby="risk-heading">
        <h2 id="risk-heading">{t("dashboard.riskSection")}</h2>
        <Deferred minHeight={360}>
          <AtRiskChart
            atRisk={data.atRisk}
            title={t("charts.atRisk.title", { date: fmt.day(data.atRisk.asOf) })}
          />
        </Deferred>
      </section>
      <section aria-labelledby="reconcile-heading">
        <h2 id="reconcile-heading">{t("dashboard.reconcileSection")}</h2>
        <Deferred minHeight={600}>
          <ReconcileTable rows={data.reconciliation} title={t("reconcile.title")} />
        </Deferred>
      </section>
      <Sources data={data} />
    </>
  );
}

export default function Dashboard() {
  const { t } = useTranslation();
  usePageTitle(t("dashboard.title"));
  const [params] = useSearchParams();
  const { data, error, loading } = useApi<DashboardData>(dashboardPath(params));
  return (
    <div className="page dashboard" aria-busy={loading}>
      <h1>{t("dashboard.title")}</h1>
      <p className="lead">{t("dashboard.lead")}</p>
      <DateRange key={data ? "ready" : "waiting"} shown={data?.range} />
      <ErrorMessage error={error} />
      {!data && loading && <Loading />}
      {data && <Charts data={data} />}
    </div>
  );
}
