/**
 * Sanctions and diplomacy on one time line, beside the release operations: each measure's
 * steps (imposed, eased, lifted), each diplomatic event, each operation, in date order.
 * Items have anchors (`/sanctions#<id>`) for the links from charts and the ledger.
 */
import type { TFunction } from "i18next";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import type { DateOut, DiplomaticEvent, Measure, Operation, Page } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { ChartFrame } from "../charts/chart-frame.tsx";
import { usePageTitle } from "../components/layout.tsx";
import { SourceRefs } from "../components/source-ref.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useFormat } from "../format.ts";

interface Item {
  key: string;
  anchor: string | null;
  kind: "measure" | "diplomatic" | "operation";
  date: DateOut;
  title: string;
  detail: string | null;
  sourceIds: string[];
  link?: string;
}

function items(
  measures: Measure[],
  diplomatic: DiplomaticEvent[],
  operations: Operation[],
  t: TFunction,
  number: (n: number) => string,
): Item[] {
  const out: Item[] = [];
  for (const m of measures) {
    let first = true;
    for (const action of ["imposed", "eased", "lifted"] as const) {
      const date = m[action];
      if (!date) continue;
      out.push({
        key: `${m.id}-${action}`,
        anchor: first ? m.id : null,
        kind: "measure",
        date,
        title: `${m.authority}: ${m.target} — ${t(`measureAction.${action}`)}`,
        detail: m.description,
        sourceIds: m.sourceIds,
      });
      first = false;
    }
  }
  for (const d of diplomatic) {
    out.push({
      key: d.id,
      anchor: d.id,
      kind: "diplomatic",
      date: d.date,
      title: `${t(`diplomaticKind.${d.kind}`, { defaultValue: d.kind })}${d.actors ? `: ${d.actors}` : ""}`,
      detail: d.description,
      sourceIds: d.sourceIds,
    });
  }
  for (const o of operations) {
    out.push({
      key: o.id,
      anchor: o.id,
      kind: "operation",
      date: o.date,
      title: t("sanctions.operationTitle", {
        kind: t(`operationKind.${o.kind}`, { defaultValue: o.kind }),
        n: o.announcedCount === null ? "?" : number(o.announcedCount),
      }),
      detail: o.description,
      sourceIds: o.sourceIds,
      link: `/operations/${encodeURIComponent(o.id)}`,
    });
  }
  return out.sort((a, b) => a.date.first.localeCompare(b.date.first) || a.key.localeCompare(b.key));
}

export default function Sanctions() {
  const { t } = useTranslation();
  usePageTitle(t("sanctions.title"));
  const fmt = useFormat();
  const location = useLocation();
  const measures = useApi<Page<Measure>>("/api/measures?limit=500");
  const diplomatic = useApi<Page<DiplomaticEvent>>("/api/diplomatic-events?limit=500");
  const operations = useApi<Page<Operation>>("/api/operations?limit=500");
  const ready =
    measures.data !== undefined && diplomatic.data !== undefined && operations.data !== undefined;
  const list =
    measures.data && diplomatic.data && operations.data
      ? items(measures.data.items, diplomatic.data.items, operations.data.items, t, fmt.number)
      : [];
  useEffect(() => {
    if (!ready || !location.hash) return;
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    target?.scrollIntoView();
    target?.focus();
  }, [ready, location.hash]);
  return (
    <div className="page">
      <h1>{t("sanctions.title")}</h1>
      <p className="lead">{t("sanctions.lead")}</p>
      <ErrorMessage error={measures.error ?? diplomatic.error ?? operations.error} />
      {!ready && <Loading />}
      {ready && (
        <ChartFrame
          title={t("sanctions.timeline")}
          name="sanctions-diplomacy"
          rows={list}
          columns={[
            { key: "date", label: "date", value: (i: Item) => i.date.text },
            { key: "kind", label: "kind" },
            { key: "title", label: "what" },
            { key: "detail", label: "description" },
            { key: "sourceIds", label: "sources", value: (i: Item) => i.sourceIds.join(";") },
          ]}
          note={t("sanctions.note")}
        >
          <ol className="timeline wide" data-testid="sanctions-timeline">
            {list.map((item) => (
              <li
                key={item.key}
                id={item.anchor ?? undefined}
                tabIndex={item.anchor ? -1 : undefined}
                className={`kind-${item.kind}`}
              >
                <div className="timeline-date" title={`${item.date.first} – ${item.date.last}`}>
                  {fmt.partial(item.date)}
                </div>
                <div className="timeline-body">
                  <span className={`tag tag-${item.kind}`}>{t(`sanctions.kind.${item.kind}`)}</span>{" "}
                  {item.link ? (
                    <Link to={item.link}>{item.title}</Link>
                  ) : (
                    <strong>{item.title}</strong>
                  )}
                  {item.detail && <p className="description">{item.detail}</p>}
                  <SourceRefs ids={item.sourceIds} />
                </div>
              </li>
            ))}
          </ol>
        </ChartFrame>
      )}
    </div>
  );
}
