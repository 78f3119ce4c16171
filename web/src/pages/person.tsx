/**
 * One person: every written form of the name, status, the events of the case with their
 * sources and honest partial dates, the detention intervals derived from them, data
 * problems and, for editors, the history of changes.
 */
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import type { Timeline } from "../api/types.ts";
import { dataChanged, useApi } from "../api/use-api.ts";
import { ConfirmDelete } from "../components/confirm-delete.tsx";
import { usePageTitle } from "../components/layout.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { displayName, type Formatter, useFormat } from "../format.ts";
import { useSession } from "../session.tsx";
import { History } from "./history.tsx";
import { EventDetails, SourceList } from "./person-parts.tsx";

/** A range of days as one day, or "between … and …". */
export function dayRange(fmt: Formatter, first: string, last: string, t: TFunction) {
  return first === last
    ? fmt.day(first)
    : t("person.between", { first: fmt.day(first), last: fmt.day(last) });
}

function Facts({ timeline }: { timeline: Timeline }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const p = timeline.person;
  const facts: [string, string][] = [
    [t("person.status"), t(`status.${p.status}`)],
    [t("person.region"), p.region ? t(`region.${p.region}`, { defaultValue: p.region }) : "—"],
    [t("person.articles"), p.articles.join(", ") || "—"],
  ];
  if (p.birthDate !== undefined) facts.push([t("person.birthDate"), fmt.partial(p.birthDate)]);
  if (p.gender !== undefined)
    facts.push([
      t("person.gender"),
      p.gender ? t(`gender.${p.gender}`, { defaultValue: p.gender }) : "—",
    ]);
  if (p.occupation !== undefined) facts.push([t("person.occupation"), p.occupation ?? "—"]);
  if (p.health !== undefined) facts.push([t("person.health"), p.health ?? "—"]);
  if (p.visibility !== undefined) {
    facts.push([
      t("person.visibility"),
      t(`visibility.${p.visibility}`, { defaultValue: p.visibility }),
    ]);
    facts.push([t("person.consent"), t(`consent.${p.consent}`, { defaultValue: p.consent ?? "" })]);
  }
  return (
    <dl className="facts" data-testid="person-facts">
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Names({ timeline }: { timeline: Timeline }) {
  const { t } = useTranslation();
  const p = timeline.person;
  const forms = [
    {
      name: p.name,
      script: /[\u0400-\u04FF]/.test(p.name) ? "cyrillic" : "latin",
      kind: "official",
    },
    ...(p.nameLatin ? [{ name: p.nameLatin, script: "latin", kind: "transliteration" }] : []),
    ...p.names,
  ];
  return (
    <section aria-labelledby="names-heading">
      <h2 id="names-heading">{t("person.names")}</h2>
      <table className="data-table compact">
        <thead>
          <tr>
            <th scope="col">{t("person.nameForm")}</th>
            <th scope="col">{t("person.script")}</th>
            <th scope="col">{t("person.kind")}</th>
          </tr>
        </thead>
        <tbody>
          {forms.map((f) => (
            <tr key={`${f.script}-${f.kind}-${f.name}`}>
              <td lang={f.script === "cyrillic" ? "be" : undefined}>{f.name}</td>
              <td>{t(`script.${f.script}`, { defaultValue: f.script })}</td>
              <td>{t(`nameKind.${f.kind}`, { defaultValue: f.kind })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Intervals({ timeline }: { timeline: Timeline }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <section aria-labelledby="intervals-heading">
      <h2 id="intervals-heading">{t("person.intervals")}</h2>
      {timeline.intervals.length === 0 ? (
        <p>{t("person.noIntervals")}</p>
      ) : (
        <table className="data-table compact" data-testid="intervals">
          <thead>
            <tr>
              <th scope="col">{t("person.detained")}</th>
              <th scope="col">{t("person.ended")}</th>
              <th scope="col">{t("person.how")}</th>
            </tr>
          </thead>
          <tbody>
            {timeline.intervals.map((i) => (
              <tr key={i.startEventId}>
                <td>{dayRange(fmt, i.start.first, i.start.last, t)}</td>
                <td>{i.end ? dayRange(fmt, i.end.first, i.end.last, t) : t("person.stillHeld")}</td>
                <td>{i.exit ? t(`exit.${i.exit}`, { defaultValue: i.exit }) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="hint">{t("person.intervalsNote")}</p>
    </section>
  );
}

function Events({ timeline, editable }: { timeline: Timeline; editable: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <section aria-labelledby="events-heading">
      <h2 id="events-heading">{t("person.timeline")}</h2>
      {timeline.events.length === 0 && <p>{t("person.noEvents")}</p>}
      <ol className="timeline" data-testid="timeline">
        {timeline.events.map((e) => (
          <li key={e.id} id={`event-${e.id}`}>
            <div className="timeline-date" title={`${e.date.first} – ${e.date.last}`}>
              {fmt.partial(e.date)}
            </div>
            <div className="timeline-body">
              <strong>{t(`eventType.${e.type}`, { defaultValue: e.type })}</strong>
              <EventDetails event={e} />
              <SourceList sources={e.sources} />
              {editable && (
                <div className="event-actions">
                  <Link className="small" to={`/events/${encodeURIComponent(e.id)}/edit`}>
                    {t("person.editEvent")}
                  </Link>{" "}
                  <ConfirmDelete
                    path={`/api/events/${encodeURIComponent(e.id)}`}
                    version={e.version}
                    label={t("deletion.deleteEvent")}
                    question={t("deletion.confirmEvent", {
                      type: t(`eventType.${e.type}`, { defaultValue: e.type }),
                      date: fmt.partial(e.date),
                    })}
                    onDeleted={dataChanged}
                  />
                </div>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

export default function PersonPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { id = "" } = useParams();
  const { can } = useSession();
  const navigate = useNavigate();
  const { data, error, loading } = useApi<Timeline>(
    `/api/people/${encodeURIComponent(id)}/timeline`,
  );
  const name = data ? displayName(data.person, fmt.lang) : t("person.title");
  usePageTitle(name);
  if (!data) {
    return (
      <div className="page">
        <ErrorMessage error={error} />
        {loading && <Loading />}
      </div>
    );
  }
  const p = data.person;
  const editor = can("editor");
  return (
    <article className="page person" aria-labelledby="person-name">
      <h1 id="person-name">{name}</h1>
      {name !== p.name && <p className="subtitle">{p.name}</p>}
      {p.synthetic && (
        <p className="synthetic-person" role="note">
          {t("synthetic.person")}
        </p>
      )}
      {editor && (
        <p className="actions">
          <Link className="button" to={`/people/${encodeURIComponent(p.id)}/edit`}>
            {t("person.edit")}
          </Link>
          <Link className="button" to={`/people/${encodeURIComponent(p.id)}/events/new`}>
            {t("person.addEvent")}
          </Link>{" "}
          <ConfirmDelete
            path={`/api/people/${encodeURIComponent(p.id)}`}
            version={p.version}
            label={t("deletion.deletePerson")}
            question={t("deletion.confirmPerson", { name })}
            onDeleted={() => {
              dataChanged();
              navigate(can("admin") ? "/trash" : "/registry", {
                state: { deleted: name },
              });
            }}
          />
        </p>
      )}
      <Facts timeline={data} />
      <Names timeline={data} />
      <Intervals timeline={data} />
      <Events timeline={data} editable={editor} />
      {data.problems.length > 0 && (
        <section aria-labelledby="problems-heading" className="problems">
          <h2 id="problems-heading">{t("person.problems")}</h2>
          <ul>
            {data.problems.map((problem) => (
              <li key={`${problem.kind}-${problem.eventIds.join(",")}`}>
                <strong>{t(`problem.${problem.kind}`, { defaultValue: problem.kind })}</strong>:{" "}
                {problem.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {editor && <History entity="people" id={p.id} />}
    </article>
  );
}
