/**
 * Sources of a fact: the chosen ones as a list, a search among existing sources by title or
 * publisher, and a short form to record a new source on the spot.
 */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ApiError, request, withQuery } from "../api/client.ts";
import type { Page, Source } from "../api/types.ts";
import { dataChanged, useApi } from "../api/use-api.ts";
import { useFormat } from "../format.ts";
import { Field, orNull } from "./fields.tsx";
import { PartialDateInput, partialDateProblem } from "./partial-date-input.tsx";

function Chosen({ id, onRemove }: { id: string; onRemove(): void }) {
  const { t } = useTranslation();
  const { data } = useApi<Source>(`/api/sources/${encodeURIComponent(id)}`);
  return (
    <li>
      {data ? `${data.title}${data.publisher ? ` — ${data.publisher}` : ""}` : id}{" "}
      <button type="button" className="link" onClick={onRemove}>
        {t("form.remove")}
        <span className="visually-hidden"> {data?.title ?? id}</span>
      </button>
    </li>
  );
}

function NewSource({ onCreated }: { onCreated(id: string): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [title, setTitle] = useState("");
  const [publisher, setPublisher] = useState("");
  const [url, setUrl] = useState("");
  const [published, setPublished] = useState("");
  const [touched, setTouched] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const problems = {
    title: title.trim() === "" ? t("form.required") : null,
    published: partialDateProblem(published, false, t, fmt.monthLong),
  };
  // Not a <form>: it sits inside the event's form, and forms may not nest.
  const create = async (event: FormEvent | React.MouseEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problems.title || problems.published) return;
    try {
      const source = await request<Source>("POST", "/api/sources", {
        title: title.trim(),
        publisher: orNull(publisher),
        url: orNull(url),
        published: orNull(published),
      });
      dataChanged();
      onCreated(source.id);
      setTitle("");
      setPublisher("");
      setUrl("");
      setPublished("");
      setTouched(false);
      setFailure(null);
    } catch (error) {
      setFailure(error as ApiError);
    }
  };
  return (
    <fieldset className="new-source">
      <legend>{t("form.newSource")}</legend>
      <Field
        label={t("form.sourceTitle")}
        error={(touched && problems.title) || failure?.fieldMessage("title")}
        required
      >
        {(a) => <input {...a} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label={t("form.publisher")} error={failure?.fieldMessage("publisher")}>
        {(a) => <input {...a} value={publisher} onChange={(e) => setPublisher(e.target.value)} />}
      </Field>
      <Field label={t("form.url")} error={failure?.fieldMessage("url")}>
        {(a) => <input {...a} type="url" value={url} onChange={(e) => setUrl(e.target.value)} />}
      </Field>
      <PartialDateInput
        name="published"
        label={t("form.published")}
        value={published}
        onChange={setPublished}
        touched={touched}
        serverError={failure?.fieldMessage("published")}
      />
      {failure && failure.fields.length === 0 && <p className="field-error">{failure.message}</p>}
      <button type="button" onClick={create}>
        {t("form.addSource")}
      </button>
    </fieldset>
  );
}

export function SourcePicker({
  ids,
  onChange,
  error,
}: {
  ids: string[];
  onChange(ids: string[]): void;
  error: string | null;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const found = useApi<Page<Source>>(
    query.trim().length >= 2 ? withQuery("/api/sources", { q: query.trim(), limit: 10 }) : null,
  );
  const add = (id: string) => {
    if (!ids.includes(id)) onChange([...ids, id]);
  };
  return (
    <fieldset className="source-picker" aria-describedby={error ? "sources-error" : undefined}>
      <legend>
        {t("event.sources")}
        <span aria-hidden="true"> *</span>
      </legend>
      {ids.length === 0 ? (
        <p className="hint">{t("form.noSourceYet")}</p>
      ) : (
        <ul>
          {ids.map((id) => (
            <Chosen key={id} id={id} onRemove={() => onChange(ids.filter((x) => x !== id))} />
          ))}
        </ul>
      )}
      {error && (
        <p id="sources-error" className="field-error">
          {error}
        </p>
      )}
      <Field label={t("form.findSource")} hint={t("form.findSourceHint")}>
        {(a) => (
          <input
            {...a}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            autoComplete="off"
          />
        )}
      </Field>
      {found.data && (
        <ul className="found-sources" aria-label={t("form.foundSources")}>
          {found.data.items.length === 0 && <li>{t("form.noSourceFound")}</li>}
          {found.data.items.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                className="link"
                onClick={() => add(s.id)}
                disabled={ids.includes(s.id)}
              >
                {t("form.attach")}: {s.title}
                {s.publisher ? ` — ${s.publisher}` : ""}
              </button>
            </li>
          ))}
        </ul>
      )}
      <NewSource onCreated={add} />
    </fieldset>
  );
}
