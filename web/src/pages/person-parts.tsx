/** Pieces of a person's timeline: an event's details and its sources. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CaseEvent, Source } from "../api/types.ts";
import { useFormat } from "../format.ts";

export function EventDetails({ event }: { event: CaseEvent }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const details: [string, React.ReactNode][] = [];
  if (event.mechanism)
    details.push([
      t("event.mechanism"),
      t(`exit.${event.mechanism}`, { defaultValue: event.mechanism }),
    ]);
  if (event.operationId)
    details.push([
      t("event.operation"),
      <Link key="op" to={`/operations/${encodeURIComponent(event.operationId)}`}>
        {event.operationId}
      </Link>,
    ]);
  if (event.monitor) details.push([t("event.monitor"), event.monitor]);
  if (event.facility) details.push([t("event.facility"), event.facility]);
  if (event.articles) details.push([t("event.articles"), event.articles]);
  if (event.sentenceMonths !== null && event.sentenceMonths !== undefined)
    details.push([
      t("event.sentence"),
      t("event.months", { months: fmt.number(event.sentenceMonths) }),
    ]);
  if (details.length === 0 && !event.description) return null;
  return (
    <>
      {details.length > 0 && (
        <dl className="inline-facts">
          {details.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {event.description && <p className="description">{event.description}</p>}
    </>
  );
}

export function SourceList({ sources }: { sources: Partial<Source>[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (sources.length === 0) return <p className="muted small">{t("event.noSource")}</p>;
  return (
    <ul className="source-list" aria-label={t("event.sources")}>
      {sources.map((s) => (
        <li key={s.id}>
          <span className="muted">{t("event.source")}: </span>
          {s.url ? (
            <a href={s.url} rel="noreferrer noopener" target="_blank">
              {s.title ?? s.id}
            </a>
          ) : (
            (s.title ?? s.id)
          )}
          {s.publisher && <span className="muted"> — {s.publisher}</span>}
          {s.published && <span className="muted"> · {fmt.partial(s.published)}</span>}
          {(s.reliability || s.credibility) && (
            <abbr className="grade" title={t("event.grade")}>
              {" "}
              {s.reliability ?? "?"}
              {s.credibility ?? "?"}
            </abbr>
          )}
        </li>
      ))}
    </ul>
  );
}
