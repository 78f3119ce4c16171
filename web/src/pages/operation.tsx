/**
 * One release operation: what was announced, the revolving door after it, and the ledger:
 * measures eased or lifted and diplomatic events around it, with the lag in days. Signed-in
 * readers also see the documented people released in it.
 */
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type {
  CaseEvent,
  LedgerEntry,
  Operation,
  Page,
  Person,
  RevolvingDoorRow,
} from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { ChartFrame } from "../charts/chart-frame.tsx";
import { RevolvingDoorTable } from "../charts/revolving-door-table.tsx";
import { usePageTitle } from "../components/layout.tsx";
import { SourceRefs } from "../components/source-ref.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { displayName, useFormat } from "../format.ts";
import { useSession } from "../session.tsx";

function Ledger({ entry }: { entry: LedgerEntry | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!entry) return null;
  const rows = [
    ...entry.measures.map((m) => ({
      kind: "measure",
      date: m.date,
      lagDays: m.lagDays,
      what: `${m.authority}: ${m.target} — ${t(`measureAction.${m.action}`, { defaultValue: m.action })}`,
      link: `/sanctions#${encodeURIComponent(m.measureId)}`,
    })),
    ...entry.diplomaticEvents.map((d) => ({
      kind: "diplomatic",
      date: d.date,
      lagDays: d.lagDays,
      what: `${d.actors ? `${d.actors}: ` : ""}${d.description ?? d.kind}`,
      link: `/sanctions#${encodeURIComponent(d.id)}`,
    })),
  ].sort((a, b) => a.lagDays - b.lagDays);
  const lag = (days: number) =>
    days === 0
      ? t("ledger.sameDay")
      : days > 0
        ? t("ledger.after", { days: fmt.number(days) })
        : t("ledger.before", { days: fmt.number(-days) });
  return (
    <ChartFrame
      title={t("ledger.title")}
      name="ledger"
      rows={rows}
      columns={["kind", "date", "lagDays", "what"].map((key) => ({ key, label: key }))}
      note={t("ledger.note")}
      testId="ledger"
    >
      {rows.length === 0 ? (
        <p>{t("ledger.none")}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("ledger.date")}</th>
              <th scope="col">{t("ledger.lag")}</th>
              <th scope="col">{t("ledger.kind")}</th>
              <th scope="col">{t("ledger.what")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.kind}-${r.link}-${r.date}`}>
                <th scope="row">{fmt.day(r.date)}</th>
                <td>{lag(r.lagDays)}</td>
                <td>{t(`ledger.${r.kind}`)}</td>
                <td>
                  <Link to={r.link}>{r.what}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ChartFrame>
  );
}

function PersonLink({ id }: { id: string }) {
  const fmt = useFormat();
  const { data } = useApi<Person>(`/api/people/${encodeURIComponent(id)}`);
  return (
    <Link to={`/people/${encodeURIComponent(id)}`}>{data ? displayName(data, fmt.lang) : id}</Link>
  );
}

function Released({ id }: { id: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { data } = useApi<Page<CaseEvent>>(
    `/api/events?operationId=${encodeURIComponent(id)}&type=released&limit=500`,
  );
  if (!data) return null;
  return (
    <section aria-labelledby="released-heading">
      <h2 id="released-heading">{t("operation.released", { total: fmt.number(data.total) })}</h2>
      <ul className="columns">
        {data.items.map((e) => (
          <li key={e.id}>
            <PersonLink id={e.personId} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function OperationPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { id = "" } = useParams();
  const { can } = useSession();
  const op = useApi<Operation>(`/api/operations/${encodeURIComponent(id)}`);
  const door = useApi<RevolvingDoorRow[]>(
    `/api/analytics/revolving-door?operationId=${encodeURIComponent(id)}`,
  );
  const ledger = useApi<LedgerEntry[]>("/api/analytics/ledger");
  const o = op.data;
  const title = o
    ? t("operation.title", {
        kind: t(`operationKind.${o.kind}`, { defaultValue: o.kind }),
        date: fmt.partial(o.date),
      })
    : t("operations.title");
  usePageTitle(title);
  if (!o) {
    return (
      <div className="page">
        <ErrorMessage error={op.error} />
        {op.loading && <Loading />}
      </div>
    );
  }
  return (
    <article className="page" aria-labelledby="operation-title">
      <p>
        <Link to="/operations">← {t("operations.title")}</Link>
      </p>
      <h1 id="operation-title">{title}</h1>
      <dl className="facts">
        <div>
          <dt>{t("operations.announced")}</dt>
          <dd>{fmt.number(o.announcedCount)}</dd>
        </div>
        <div>
          <dt>{t("operations.mediators")}</dt>
          <dd>{o.mediators ?? "—"}</dd>
        </div>
      </dl>
      {o.description && <p className="description">{o.description}</p>}
      <SourceRefs ids={o.sourceIds} />
      <ErrorMessage error={door.error} />
      {door.data && (
        <RevolvingDoorTable
          rows={door.data}
          title={t("door.title")}
          links={false}
          testId="table-door"
        />
      )}
      <Ledger entry={ledger.data?.find((e) => e.operationId === o.id)} />
      {can("viewer") && <Released id={o.id} />}
    </article>
  );
}
