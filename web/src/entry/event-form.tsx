/**
 * Adding or editing an event of a person's case (editors): its type, partial date, the
 * details its type takes (mechanism and release operation of a release, monitor of a
 * recognition…) and at least one source. Checked as the editor types; the server's field
 * messages show beside their fields; a stale version opens the conflict panel.
 */
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { EVENT_TYPES, RELEASE_MECHANISMS } from "../../../src/domain/model.ts";
import { request } from "../api/client.ts";
import type { CaseEvent, MonitorCount, Operation, Page, Person } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { usePageTitle } from "../components/layout.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { displayName, useFormat } from "../format.ts";
import { useSession } from "../session.tsx";
import type { ConflictField } from "./conflict.tsx";
import { orNull, SelectField, TextField } from "./fields.tsx";
import { PartialDateInput, partialDateProblem } from "./partial-date-input.tsx";
import { SourcePicker } from "./source-picker.tsx";
import { useEntryForm } from "./use-entry-form.tsx";

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

function isRecognition(type: string): boolean {
  return type === "recognized" || type === "recognition_withdrawn";
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
  const title = editing ? t("eventForm.edit") : t("eventForm.add");
  usePageTitle(title);
  const form = useEntryForm<Values, CaseEvent>({
    empty: EMPTY,
    record: loaded.data,
    valuesOf,
    body,
    check: (values) => {
      const recognition = isRecognition(values.type);
      return {
        date: partialDateProblem(values.date, true, t, fmt.monthLong),
        monitor:
          recognition && values.monitor.trim() === "" ? t("eventForm.monitorRequired") : null,
        sentenceMonths:
          values.sentenceMonths.trim() !== "" && !/^\d{1,4}$/.test(values.sentenceMonths.trim())
            ? t("eventForm.monthsWhole")
            : null,
        sourceIds: values.sourceIds.length === 0 ? t("eventForm.sourceRequired") : null,
      };
    },
    send: (values, version) =>
      editing
        ? request<CaseEvent>("PATCH", `/api/events/${encodeURIComponent(eventId as string)}`, {
            version,
            ...body(values),
          })
        : request<CaseEvent>("POST", "/api/events", { personId, ...body(values) }),
    onSaved: (saved) =>
      navigate(
        `/people/${encodeURIComponent(saved.personId)}#event-${encodeURIComponent(saved.id)}`,
      ),
  });
  const { values, set, server, touched } = form;

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

  const recognition = isRecognition(values.type);
  const monitors = [...new Set(counts.data?.items.map((c) => c.monitor) ?? [])];
  const operationLabels = new Map(
    (operations.data?.items ?? []).map((o) => [
      o.id,
      `${fmt.partial(o.date)} — ${t(`operationKind.${o.kind}`, { defaultValue: o.kind })}${
        o.announcedCount !== null ? ` (${fmt.number(o.announcedCount)})` : ""
      }`,
    ]),
  );

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
      {form.conflictPanel(conflictFields)}
      <form onSubmit={form.submit} noValidate>
        <p className="hint">{t("form.requiredNote")}</p>
        <SelectField
          label={t("eventForm.type")}
          required
          choices={EVENT_TYPES}
          show={(type) => t(`eventType.${type}`)}
          {...form.text("type")}
        />
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
            <SelectField
              label={t("event.mechanism")}
              choices={RELEASE_MECHANISMS}
              show={(m) => t(`exit.${m}`)}
              blank
              {...form.text("mechanism")}
            />
            <SelectField
              label={t("event.operation")}
              hint={t("eventForm.operationHint")}
              choices={[...operationLabels.keys()]}
              show={(id) => operationLabels.get(id) ?? id}
              blank
              {...form.text("operationId")}
            />
          </>
        )}
        <TextField
          label={t("event.monitor")}
          hint={t("eventForm.monitorHint")}
          required={recognition}
          suggestions={monitors}
          {...form.text("monitor")}
        />
        <TextField
          label={t("event.facility")}
          hint={t("form.restrictedHint")}
          {...form.text("facility")}
        />
        <TextField
          label={t("event.articles")}
          hint={t("eventForm.articlesHint")}
          {...form.text("articles")}
        />
        <TextField
          label={t("eventForm.sentenceMonths")}
          inputMode="numeric"
          {...form.text("sentenceMonths")}
        />
        <TextField
          label={t("eventForm.description")}
          hint={t("form.restrictedHint")}
          rows={3}
          {...form.text("description")}
        />
        <SourcePicker
          ids={values.sourceIds}
          onChange={(ids) => set("sourceIds", ids)}
          error={form.errorOf("sourceIds")}
        />
        {form.failureMessage}
        <div className="actions">
          <button type="submit" disabled={form.saving || form.inConflict || !personId}>
            {form.saving ? t("form.saving") : t("form.save")}
          </button>
          <Link to={personId ? `/people/${encodeURIComponent(personId)}` : "/registry"}>
            {t("form.cancel")}
          </Link>
        </div>
      </form>
    </div>
  );
}
