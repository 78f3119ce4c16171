/**
 * Adding or editing an event of a person's case (editors): its type, partial date, the
 * details its type takes (mechanism and release operation of a release, monitor of a
 * recognition…) and at least one source. Checked as the editor types; the server's field
 * messages show beside their fields; a stale version opens the conflict panel.
 */
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError, request } from "../api/client.ts";
import type { CaseEvent, MonitorCount, Operation, Page, Person } from "../api/types.ts";
import { dataChanged, useApi } from "../api/use-api.ts";
import { usePageTitle } from "../components/layout.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { displayName, useFormat } from "../format.ts";
import { MECHANISMS } from "../pages/registry-filters.tsx";
import { useSession } from "../session.tsx";
import { type ConflictField, ConflictPanel, changedKeys, mergeValues } from "./conflict.tsx";
import { Field, orNull } from "./fields.tsx";
import { PartialDateInput, partialDateProblem } from "./partial-date-input.tsx";
import { SourcePicker } from "./source-picker.tsx";

export const EVENT_TYPES = [
  "detained",
  "charged",
  "sentenced",
  "transferred",
  "health",
  "ill_treatment",
  "incommunicado",
  "contact",
  "recognized",
  "recognition_withdrawn",
  "released",
  "house_arrest",
  "died_in_custody",
];

interface Values {
  type: string;
  date: string;
  mechanism: string;
  operationId: string;
  monitor: string;
  facility: string;
  articles: string;
  sentenceMonths: string;
  description: string;
  sourceIds: string[];
}

const EMPTY: Values = {
  type: "detained",
  date: "",
  mechanism: "",
  operationId: "",
  monitor: "",
  facility: "",
  articles: "",
  sentenceMonths: "",
  description: "",
  sourceIds: [],
};

function valuesOf(e: CaseEvent): Values {
  return {
    type: e.type,
    date: e.date.text,
    mechanism: e.mechanism ?? "",
    operationId: e.operationId ?? "",
    monitor: e.monitor ?? "",
    facility: e.facility ?? "",
    articles: e.articles ?? "",
    sentenceMonths:
      e.sentenceMonths === null || e.sentenceMonths === undefined ? "" : String(e.sentenceMonths),
    description: e.description ?? "",
    sourceIds: e.sourceIds,
  };
}

function body(v: Values) {
  const released = v.type === "released";
  return {
    type: v.type,
    date: v.date.trim(),
    mechanism: released ? orNull(v.mechanism) : null,
    operationId: released ? orNull(v.operationId) : null,
    monitor: orNull(v.monitor),
    facility: orNull(v.facility),
    articles: orNull(v.articles),
    sentenceMonths: v.sentenceMonths.trim() === "" ? null : Number(v.sentenceMonths),
    description: orNull(v.description),
    sourceIds: v.sourceIds,
  };
}

export default function EventForm({ mode }: { mode: "new" | "edit" }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const params = useParams();
  const { can, known } = useSession();
  const editing = mode === "edit";
  const eventId = editing ? params.id : undefined;
  const loaded = useApi<CaseEvent>(eventId ? `/api/events/${encodeURIComponent(eventId)}` : null);
  const personId = editing ? loaded.data?.personId : params.id;
  const person = useApi<Person>(personId ? `/api/people/${encodeURIComponent(personId)}` : null);
  const operations = useApi<Page<Operation>>("/api/operations?limit=500&sort=-date");
  const counts = useApi<Page<MonitorCount>>("/api/monitor-counts?limit=500");
  const [values, setValues] = useState<Values>(EMPTY);
  // The values as read from the server: what the editor changed is what differs from them.
  const [base, setBase] = useState<Values>(EMPTY);
  const [version, setVersion] = useState<number | null>(null);
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<Error | null>(null);
  const [conflict, setConflict] = useState<CaseEvent | null>(null);
  const title = editing ? t("eventForm.edit") : t("eventForm.add");
  usePageTitle(title);

  useEffect(() => {
    if (loaded.data && version === null) {
      setValues(valuesOf(loaded.data));
      setBase(valuesOf(loaded.data));
      setVersion(loaded.data.version ?? 1);
    }
  }, [loaded.data, version]);

  if (known && !can("editor")) {
    return (
      <div className="page">
        <h1>{title}</h1>
        <p>{t("form.editorsOnly")}</p>
      </div>
    );
  }
  if (editing && !loaded.data) {
    return (
      <div className="page">
        <ErrorMessage error={loaded.error} />
        {loaded.loading && <Loading />}
      </div>
    );
  }

  const server = failure instanceof ApiError ? failure : null;
  const recognition = values.type === "recognized" || values.type === "recognition_withdrawn";
  const problems: Record<string, string | null> = {
    date: partialDateProblem(values.date, true, t, fmt.monthLong),
    monitor: recognition && values.monitor.trim() === "" ? t("eventForm.monitorRequired") : null,
    sentenceMonths:
      values.sentenceMonths.trim() !== "" && !/^\d{1,4}$/.test(values.sentenceMonths.trim())
        ? t("eventForm.monthsWhole")
        : null,
    sourceIds: values.sourceIds.length === 0 ? t("eventForm.sourceRequired") : null,
  };
  const errorOf = (field: string) =>
    (touched ? problems[field] : null) ?? server?.fieldMessage(field) ?? null;
  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const monitors = [...new Set(counts.data?.items.map((c) => c.monitor) ?? [])];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.values(problems).some((p) => p !== null)) return;
    setSaving(true);
    setFailure(null);
    try {
      const saved = editing
        ? await request<CaseEvent>(
            "PATCH",
            `/api/events/${encodeURIComponent(eventId as string)}`,
            { version, ...body(values) },
          )
        : await request<CaseEvent>("POST", "/api/events", { personId, ...body(values) });
      dataChanged();
      navigate(
        `/people/${encodeURIComponent(saved.personId)}#event-${encodeURIComponent(saved.id)}`,
      );
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.current)
        setConflict(error.current as CaseEvent);
      else setFailure(error as Error);
    } finally {
      setSaving(false);
    }
  };

  const conflictFields: ConflictField[] = [
    { key: "type", label: t("eventForm.type") },
    { key: "date", label: t("eventForm.date") },
    { key: "mechanism", label: t("event.mechanism") },
    { key: "operationId", label: t("event.operation") },
    { key: "monitor", label: t("event.monitor") },
    { key: "facility", label: t("event.facility") },
    { key: "articles", label: t("event.articles") },
    { key: "sentenceMonths", label: t("event.sentence") },
    { key: "description", label: t("eventForm.description") },
    { key: "sourceIds", label: t("event.sources") },
  ];

  return (
    <div className="page entry">
      <h1>{title}</h1>
      {person.data && (
        <p className="subtitle">
          <Link to={`/people/${encodeURIComponent(person.data.id)}`}>
            {displayName(person.data, fmt.lang)}
          </Link>
        </p>
      )}
      {conflict && (
        <ConflictPanel
          fields={conflictFields}
          mine={body(values)}
          theirs={body(valuesOf(conflict))}
          changed={changedKeys(base, values)}
          version={conflict.version}
          onKeepMine={() => {
            const saved = valuesOf(conflict);
            setValues(mergeValues(base, values, saved));
            setBase(saved);
            setVersion(conflict.version ?? null);
            setConflict(null);
          }}
          onTakeTheirs={() => {
            setValues(valuesOf(conflict));
            setBase(valuesOf(conflict));
            setVersion(conflict.version ?? null);
            setConflict(null);
          }}
        />
      )}
      <form onSubmit={submit} noValidate>
        <p className="hint">{t("form.requiredNote")}</p>
        <Field label={t("eventForm.type")} error={errorOf("type")} required>
          {(a) => (
            <select
              {...a}
              name="type"
              value={values.type}
              onChange={(e) => set("type", e.target.value)}
            >
              {EVENT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`eventType.${type}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <PartialDateInput
          name="date"
          label={t("eventForm.date")}
          value={values.date}
          onChange={(v) => set("date", v)}
          required
          touched={touched}
          serverError={server?.fieldMessage("date")}
        />
        {values.type === "released" && (
          <>
            <Field label={t("event.mechanism")} error={errorOf("mechanism")}>
              {(a) => (
                <select
                  {...a}
                  name="mechanism"
                  value={values.mechanism}
                  onChange={(e) => set("mechanism", e.target.value)}
                >
                  <option value="">—</option>
                  {MECHANISMS.map((m) => (
                    <option key={m} value={m}>
                      {t(`exit.${m}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label={t("event.operation")}
              error={errorOf("operationId")}
              hint={t("eventForm.operationHint")}
            >
              {(a) => (
                <select
                  {...a}
                  name="operationId"
                  value={values.operationId}
                  onChange={(e) => set("operationId", e.target.value)}
                >
                  <option value="">—</option>
                  {operations.data?.items.map((o) => (
                    <option key={o.id} value={o.id}>
                      {fmt.partial(o.date)} —{" "}
                      {t(`operationKind.${o.kind}`, { defaultValue: o.kind })}
                      {o.announcedCount !== null ? ` (${fmt.number(o.announcedCount)})` : ""}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </>
        )}
        <Field
          label={t("event.monitor")}
          error={errorOf("monitor")}
          hint={t("eventForm.monitorHint")}
          required={recognition}
        >
          {(a) => (
            <>
              <input
                {...a}
                name="monitor"
                list="monitors"
                value={values.monitor}
                onChange={(e) => set("monitor", e.target.value)}
              />
              <datalist id="monitors">
                {monitors.map((m) => (
                  <option key={m} value={m} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field
          label={t("event.facility")}
          error={errorOf("facility")}
          hint={t("form.restrictedHint")}
        >
          {(a) => (
            <input
              {...a}
              name="facility"
              value={values.facility}
              onChange={(e) => set("facility", e.target.value)}
            />
          )}
        </Field>
        <Field
          label={t("event.articles")}
          error={errorOf("articles")}
          hint={t("eventForm.articlesHint")}
        >
          {(a) => (
            <input
              {...a}
              name="articles"
              value={values.articles}
              onChange={(e) => set("articles", e.target.value)}
            />
          )}
        </Field>
        <Field label={t("eventForm.sentenceMonths")} error={errorOf("sentenceMonths")}>
          {(a) => (
            <input
              {...a}
              name="sentenceMonths"
              inputMode="numeric"
              value={values.sentenceMonths}
              onChange={(e) => set("sentenceMonths", e.target.value)}
            />
          )}
        </Field>
        <Field
          label={t("eventForm.description")}
          error={errorOf("description")}
          hint={t("form.restrictedHint")}
        >
          {(a) => (
            <textarea
              {...a}
              name="description"
              rows={3}
              value={values.description}
              onChange={(e) => set("description", e.target.value)}
            />
          )}
        </Field>
        <SourcePicker
          ids={values.sourceIds}
          onChange={(ids) => set("sourceIds", ids)}
          error={errorOf("sourceIds")}
        />
        {failure && !(server?.status === 400 && server.fields.length > 0) && (
          <ErrorMessage error={failure} />
        )}
        {server?.status === 400 && server.fields.length > 0 && (
          <p className="field-error" role="alert">
            {t("form.fixProblems")}
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={saving || conflict !== null || !personId}>
            {saving ? t("form.saving") : t("form.save")}
          </button>
          <Link to={personId ? `/people/${encodeURIComponent(personId)}` : "/registry"}>
            {t("form.cancel")}
          </Link>
        </div>
      </form>
    </div>
  );
}
