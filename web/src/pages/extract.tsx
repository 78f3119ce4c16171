/**
 * Extract from an article (editors): paste a news article with its date and where it was
 * published; the server reads it into drafts — release operations, monitors' counts,
 * sanctions measures, diplomatic events — each shown with the sentence it came from (the
 * words that gave its fields highlighted) and a confidence. Each draft can be corrected
 * (validated by the server, the error beside the field), accepted — the record is created
 * with the article as its source, and linked from here — or rejected.
 */
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { ApiError, request } from "../api/client.ts";
import type { Draft, DraftAccepted, DraftKind, ExtractionResult } from "../api/types.ts";
import { dataChanged, useApi } from "../api/use-api.ts";
import { usePageTitle } from "../components/layout.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { Field } from "../entry/fields.tsx";
import { useFormat } from "../format.ts";
import { useSession } from "../session.tsx";

/** Where the record a draft became is shown. */
function recordPath(kind: DraftKind, id: string): string {
  if (kind === "release_operation") return `/operations/${encodeURIComponent(id)}`;
  if (kind === "monitor_count") return "/monitor-counts";
  return `/sanctions#${encodeURIComponent(id)}`;
}

/** The sentence with the spans that gave the draft's fields in <mark>. */
function Highlighted({ draft }: { draft: Draft }) {
  const spans = draft.evidence
    .map((e) => ({
      start: Math.max(0, e.start - draft.sentenceStart),
      end: Math.min(draft.sentence.length, e.end - draft.sentenceStart),
      field: e.field,
    }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const parts: ReactNode[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue; // inside a span already marked
    if (span.start > at) parts.push(draft.sentence.slice(at, span.start));
    parts.push(
      <mark key={`${span.start}-${span.field}`} title={span.field}>
        {draft.sentence.slice(span.start, span.end)}
      </mark>,
    );
    at = span.end;
  }
  if (at < draft.sentence.length) parts.push(draft.sentence.slice(at));
  return <blockquote className="draft-sentence">{parts}</blockquote>;
}

function cell(value: string | number | null | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

function DraftCard({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const current = draft.editedPayload ?? draft.payload;
  const fields = Object.keys(current);
  const [values, setValues] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<Error | undefined>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [accepted, setAccepted] = useState<DraftAccepted | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version of the draft resets the form
  useEffect(() => {
    setValues(Object.fromEntries(fields.map((f) => [f, cell(current[f])])));
  }, [draft.id, draft.status, JSON.stringify(current)]);
  const edits = Object.fromEntries(
    Object.entries(values).filter(([field, value]) => value !== cell(current[field])),
  );
  const act = async (verb: "edit" | "accept" | "reject") => {
    setBusy(true);
    setFailure(undefined);
    setSaved(false);
    try {
      if (verb === "edit") {
        await request("PATCH", `/api/review/drafts/${draft.id}`, { edits });
        setSaved(true);
      } else if (verb === "accept") {
        setAccepted(
          await request<DraftAccepted>("POST", `/api/review/drafts/${draft.id}/accept`, {
            edits,
          }),
        );
      } else {
        await request("POST", `/api/review/drafts/${draft.id}/reject`, {});
      }
      dataChanged();
    } catch (error) {
      setFailure(error as Error);
      if (error instanceof ApiError && error.status === 409) dataChanged();
    } finally {
      setBusy(false);
    }
  };
  const server = failure instanceof ApiError ? failure : undefined;
  const fieldError = (field: string) => server?.fieldMessage(`edits.${field}`);
  const unnamed = server && !server.fields.some((f) => f.field.startsWith("edits."));
  const kindLabel = t(`extract.kinds.${draft.kind}`);
  const headingId = `draft-${draft.id}`;
  const pending = draft.status === "pending";
  return (
    <article
      className={`draft draft-${draft.status}`}
      aria-labelledby={headingId}
      data-testid="draft"
      data-kind={draft.kind}
    >
      <h3 id={headingId}>
        {kindLabel}
        <span className="muted">
          {" "}
          — {t("extract.confidence", { value: fmt.percent(draft.confidence) })} —{" "}
          {t(`extract.status.${draft.status}`)}
        </span>
      </h3>
      <Highlighted draft={draft} />
      {draft.notes.length > 0 && (
        <ul className="small muted">
          {draft.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {pending ? (
        <form
          className="draft-fields"
          aria-label={t("extract.fieldsOf", { kind: kindLabel })}
          onSubmit={(event) => {
            event.preventDefault();
            void act("accept");
          }}
        >
          {fields.map((field) => (
            <Field
              key={field}
              label={t(`extract.fields.${field}`, { defaultValue: field })}
              error={fieldError(field)}
            >
              {(props) => (
                <input
                  {...props}
                  name={field}
                  value={values[field] ?? ""}
                  onChange={(event) => setValues({ ...values, [field]: event.target.value })}
                />
              )}
            </Field>
          ))}
          <div className="actions">
            <button type="submit" disabled={busy}>
              {t("extract.accept")}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={busy || Object.keys(edits).length === 0}
              onClick={() => act("edit")}
            >
              {t("extract.save")}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => act("reject")}
            >
              {t("extract.reject")}
            </button>
          </div>
          {saved && (
            <p className="field-ok" role="status">
              {t("extract.saved")}
            </p>
          )}
        </form>
      ) : (
        <dl className="facts">
          {fields
            .filter((f) => current[f] !== null && current[f] !== "")
            .map((field) => (
              <div key={field}>
                <dt>{t(`extract.fields.${field}`, { defaultValue: field })}</dt>
                <dd>{cell(current[field])}</dd>
              </div>
            ))}
        </dl>
      )}
      {draft.status === "accepted" && draft.recordId && (
        <p role="status">
          {accepted?.action === "linked"
            ? t("extract.linked")
            : accepted?.action === "created"
              ? t("extract.created")
              : t("extract.record")}{" "}
          <Link to={recordPath(draft.kind, draft.recordId)} data-testid="draft-record">
            {draft.recordId}
          </Link>
        </p>
      )}
      {server && server.status === 400 && !unnamed ? (
        <p className="field-error" role="alert">
          {t("extract.fixFields")}
        </p>
      ) : (
        <ErrorMessage error={failure} />
      )}
    </article>
  );
}

interface Form {
  text: string;
  published: string;
  title: string;
  publisher: string;
  url: string;
  language: string;
}

const EMPTY: Form = { text: "", published: "", title: "", publisher: "", url: "", language: "" };

function ArticleForm({ onRead }: { onRead: (result: ExtractionResult) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Form>(EMPTY);
  const [failure, setFailure] = useState<Error | undefined>();
  const [busy, setBusy] = useState(false);
  const server = failure instanceof ApiError ? failure : undefined;
  const set = (key: keyof Form) => (event: { target: { value: string } }) =>
    setForm({ ...form, [key]: event.target.value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    const body: Record<string, string> = { text: form.text };
    for (const key of ["published", "title", "publisher", "url", "language"] as const) {
      if (form[key].trim() !== "") body[key] = form[key].trim();
    }
    try {
      onRead(await request<ExtractionResult>("POST", "/api/review/articles", body));
      dataChanged();
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="article-form" onSubmit={submit} aria-labelledby="article-heading">
      <h2 id="article-heading">{t("extract.article")}</h2>
      <Field
        label={t("extract.text")}
        hint={t("extract.textHint")}
        error={server?.fieldMessage("text")}
        required
      >
        {(props) => <textarea {...props} rows={12} value={form.text} onChange={set("text")} />}
      </Field>
      <Field
        label={t("extract.published")}
        hint={t("extract.publishedHint")}
        error={server?.fieldMessage("published")}
      >
        {(props) => (
          <input {...props} type="date" value={form.published} onChange={set("published")} />
        )}
      </Field>
      <Field label={t("extract.titleField")} error={server?.fieldMessage("title")}>
        {(props) => <input {...props} value={form.title} onChange={set("title")} />}
      </Field>
      <Field label={t("extract.publisher")} error={server?.fieldMessage("publisher")}>
        {(props) => <input {...props} value={form.publisher} onChange={set("publisher")} />}
      </Field>
      <Field label={t("extract.url")} error={server?.fieldMessage("url")}>
        {(props) => <input {...props} type="url" value={form.url} onChange={set("url")} />}
      </Field>
      <Field label={t("extract.language")} error={server?.fieldMessage("language")}>
        {(props) => (
          <select {...props} value={form.language} onChange={set("language")}>
            <option value="">{t("extract.detect")}</option>
            <option value="fr">Français</option>
            <option value="en">English</option>
            <option value="ru">Русский</option>
          </select>
        )}
      </Field>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t("extract.extract")}
        </button>
      </div>
      {!(server && server.fields.length > 0) && <ErrorMessage error={failure} />}
    </form>
  );
}

function Drafts({ article, result }: { article: string; result: ExtractionResult | null }) {
  const { t } = useTranslation();
  const drafts = useApi<{ items: Draft[] }>(
    `/api/review/drafts?status=all&article=${encodeURIComponent(article)}`,
  );
  return (
    <section aria-labelledby="drafts-heading" data-testid="drafts">
      <h2 id="drafts-heading">{t("extract.drafts")}</h2>
      {result && (
        <p role="status">
          {t("extract.summary", {
            n: result.drafts.length,
            created: result.created,
            language: result.language,
          })}
        </p>
      )}
      {result && result.warnings.length > 0 && (
        <ul className="notice">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <ErrorMessage error={drafts.error} />
      {drafts.loading && !drafts.data && <Loading />}
      {drafts.data && drafts.data.items.length === 0 && <p>{t("extract.none")}</p>}
      {drafts.data?.items.map((draft) => (
        <DraftCard key={draft.id} draft={draft} />
      ))}
    </section>
  );
}

export default function ExtractPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  usePageTitle(t("extract.title"));
  const [params, setParams] = useSearchParams();
  const [result, setResult] = useState<ExtractionResult | null>(null);
  const article = params.get("article");
  return (
    <div className="page">
      <h1>{t("extract.title")}</h1>
      <p className="lead">{t("extract.lead")}</p>
      {!can("editor") ? (
        <p className="notice">{t("review.editorsOnly")}</p>
      ) : (
        <>
          <ArticleForm
            onRead={(read) => {
              setResult(read);
              setParams({ article: read.articleSourceId });
            }}
          />
          {article && <Drafts article={article} result={result} />}
        </>
      )}
    </div>
  );
}
