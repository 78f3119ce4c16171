/**
 * The matching review queue (editors): each pair of people that may be one, side by side
 * (every written form of the name, birth date, region), the match score with what each
 * field added to it, and the decision — same person (merge) or different people. Below,
 * the recent merges, each of which can be undone.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError, request } from "../api/client.ts";
import type { MatchCandidate, MergeEntry, Person } from "../api/types.ts";
import { dataChanged, useApi } from "../api/use-api.ts";
import { usePageTitle } from "../components/layout.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useFormat } from "../format.ts";
import { useSession } from "../session.tsx";

function PersonSide({ person, id, side }: { person: Person | null; id: string; side: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!person) {
    return (
      <div className="pair-side">
        <h3>{side}</h3>
        <p className="muted">{t("review.gone", { id })}</p>
      </div>
    );
  }
  const forms = [
    person.name,
    ...(person.nameLatin ? [person.nameLatin] : []),
    ...person.names.map((n) => n.name),
  ].filter((name, index, all) => all.indexOf(name) === index);
  return (
    <div className="pair-side">
      <h3>
        {side}: <Link to={`/people/${encodeURIComponent(person.id)}`}>{person.id}</Link>
      </h3>
      <dl className="facts">
        <div>
          <dt>{t("review.names")}</dt>
          <dd>
            <ul className="name-forms">
              {forms.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t("review.birth")}</dt>
          <dd>{person.birthDate ? fmt.partial(person.birthDate) : "—"}</dd>
        </div>
        <div>
          <dt>{t("review.region")}</dt>
          <dd>{person.region ?? "—"}</dd>
        </div>
      </dl>
    </div>
  );
}

function Pair({ pair }: { pair: MatchCandidate }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Error | undefined>();
  const decide = async (verb: "accept" | "reject") => {
    setBusy(true);
    setFailure(undefined);
    try {
      await request("POST", `/api/review/matches/${pair.id}/${verb}`, {});
      dataChanged();
    } catch (error) {
      setFailure(error as Error);
      // Decided by someone else meanwhile: show the queue as it is now.
      if (error instanceof ApiError && error.status === 409) dataChanged();
    } finally {
      setBusy(false);
    }
  };
  const fields = pair.explanation.fields ?? [];
  const headingId = `pair-${pair.id}`;
  return (
    <article className="pair" aria-labelledby={headingId} data-testid="match-pair">
      <h2 id={headingId}>
        {t("review.pairTitle", {
          left: pair.left?.name ?? pair.leftId,
          right: pair.right?.name ?? pair.rightId,
        })}
      </h2>
      <div className="pair-sides">
        <PersonSide person={pair.left} id={pair.leftId} side={t("review.left")} />
        <PersonSide person={pair.right} id={pair.rightId} side={t("review.right")} />
      </div>
      <p className="pair-score">
        {t("review.score", {
          probability: fmt.percent(pair.probability),
          weight: fmt.number(pair.weight, 1),
        })}
      </p>
      <table className="data-table">
        <caption>{t("review.explanation")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("review.field")}</th>
            <th scope="col">{t("review.agreement")}</th>
            <th scope="col">{t("review.bits")}</th>
            <th scope="col">{t("review.compared")}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f.field}>
              <th scope="row">{t(`review.fields.${f.field}`, { defaultValue: f.field })}</th>
              <td>{t(`review.levels.${f.level}`, { defaultValue: f.level })}</td>
              <td className={f.weight < 0 ? "against" : undefined}>
                {f.weight > 0 ? "+" : ""}
                {fmt.number(f.weight, 1)}
              </td>
              <td>{f.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => decide("accept")}>
          {t("review.accept")}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => decide("reject")}
        >
          {t("review.reject")}
        </button>
      </div>
      <ErrorMessage error={failure} />
    </article>
  );
}

function Merges() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const merges = useApi<{ items: MergeEntry[] }>("/api/review/merges?limit=20");
  const [failure, setFailure] = useState<Error | undefined>();
  const [busy, setBusy] = useState<number | null>(null);
  const undo = async (id: number) => {
    setBusy(id);
    setFailure(undefined);
    try {
      await request("POST", `/api/review/merges/${id}/undo`, {});
      dataChanged();
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section aria-labelledby="merges-heading">
      <h2 id="merges-heading">{t("review.merges")}</h2>
      <ErrorMessage error={merges.error ?? failure} />
      {merges.data && merges.data.items.length === 0 && <p>{t("review.noMerges")}</p>}
      {merges.data && merges.data.items.length > 0 && (
        <table className="data-table" data-testid="merges">
          <thead>
            <tr>
              <th scope="col">{t("review.mergedAt")}</th>
              <th scope="col">{t("review.kept")}</th>
              <th scope="col">{t("review.mergedIn")}</th>
              <th scope="col">{t("review.by")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("review.undo")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {merges.data.items.map((m) => (
              <tr key={m.id}>
                <th scope="row">{fmt.dateTime(m.mergedAt)}</th>
                <td>
                  <Link to={`/people/${encodeURIComponent(m.intoId)}`}>
                    {m.intoName ?? m.intoId}
                  </Link>
                </td>
                <td>{m.fromName ?? m.fromId}</td>
                <td>{m.mergedBy}</td>
                <td>
                  {m.undoneAt ? (
                    t("review.undone", { by: m.undoneBy, at: fmt.dateTime(m.undoneAt) })
                  ) : (
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy !== null}
                      aria-label={t("review.undoMerge", { name: m.fromName ?? m.fromId })}
                      onClick={() => undo(m.id)}
                    >
                      {t("review.undo")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

interface FindResult {
  people: number;
  comparisons: number;
  queued: number;
  alreadyDecided: number;
}

/** Runs the duplicate search over the whole registry; found pairs join the queue. */
function FindDuplicates() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<FindResult | undefined>();
  const [failure, setFailure] = useState<Error | undefined>();
  const find = async () => {
    setBusy(true);
    setFailure(undefined);
    setResult(undefined);
    try {
      setResult(await request<FindResult>("POST", "/api/review/matches/find", {}));
      dataChanged();
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="find-heading" className="find-duplicates">
      <h2 id="find-heading">{t("review.findTitle")}</h2>
      <p>{t("review.findLead")}</p>
      <button type="button" disabled={busy} onClick={find} data-testid="find-duplicates">
        {busy ? t("review.finding") : t("review.find")}
      </button>
      <div aria-live="polite">
        {result && (
          <p data-testid="find-result">
            {t("review.found", {
              people: fmt.number(result.people),
              comparisons: fmt.number(result.comparisons),
              queued: fmt.number(result.queued),
              decided: fmt.number(result.alreadyDecided),
            })}
          </p>
        )}
      </div>
      <ErrorMessage error={failure} />
    </section>
  );
}

export default function ReviewPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  usePageTitle(t("review.title"));
  const editor = can("editor");
  const queue = useApi<{ items: MatchCandidate[] }>(editor ? "/api/review/matches?limit=50" : null);
  return (
    <div className="page">
      <h1>{t("review.title")}</h1>
      <p className="lead">{t("review.lead")}</p>
      {!editor && <p className="notice">{t("review.editorsOnly")}</p>}
      <ErrorMessage error={queue.error} />
      {queue.loading && !queue.data && <Loading />}
      {queue.data && queue.data.items.length === 0 && (
        <p data-testid="queue-empty">{t("review.empty")}</p>
      )}
      {queue.data?.items.map((pair) => (
        <Pair key={pair.id} pair={pair} />
      ))}
      {editor && <FindDuplicates />}
      {editor && <Merges />}
    </div>
  );
}
