/**
 * Creating and editing a person (editors): names in several scripts, birth date as a
 * partial date, region, health, visibility and consent. Problems are shown beside their
 * field, from the form's own checks and from the server's answer; a stale version opens
 * the conflict panel with both versions.
 */
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { CONSENTS, GENDERS, NAME_SCRIPTS } from "../../../src/domain/model.ts";
import { request } from "../api/client.ts";
import type { NameForm, Person } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { usePageTitle } from "../components/layout.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useFormat } from "../format.ts";
import { REGIONS } from "../pages/registry-filters.tsx";
import { useSession } from "../session.tsx";
import type { ConflictField } from "./conflict.tsx";
import { orNull, SelectField, TextField } from "./fields.tsx";
import { PartialDateInput, partialDateProblem } from "./partial-date-input.tsx";
import { useEntryForm } from "./use-entry-form.tsx";

// Private first and transliteration first: the defaults lead the lists.
const VISIBILITIES = ["private", "restricted", "public"];
const NAME_KINDS = ["transliteration", "alias", "official"];

interface Values {
  name: string;
  nameLatin: string;
  birthDate: string;
  gender: string;
  region: string;
  occupation: string;
  health: string;
  visibility: string;
  consent: string;
  names: NameForm[];
}

const EMPTY: Values = {
  name: "",
  nameLatin: "",
  birthDate: "",
  gender: "",
  region: "",
  occupation: "",
  health: "",
  visibility: "private",
  consent: "unknown",
  names: [],
};

function valuesOf(p: Person): Values {
  return {
    name: p.name,
    nameLatin: p.nameLatin ?? "",
    birthDate: p.birthDate?.text ?? "",
    gender: p.gender ?? "",
    region: p.region ?? "",
    occupation: p.occupation ?? "",
    health: p.health ?? "",
    visibility: p.visibility ?? "private",
    consent: p.consent ?? "unknown",
    names: p.names.map(({ name, script, kind }) => ({ name, script, kind })),
  };
}

function body(v: Values) {
  return {
    name: v.name.trim(),
    nameLatin: orNull(v.nameLatin),
    birthDate: orNull(v.birthDate),
    gender: orNull(v.gender),
    region: orNull(v.region),
    occupation: orNull(v.occupation),
    health: orNull(v.health),
    visibility: v.visibility,
    consent: v.consent,
    names: v.names.filter((n) => n.name.trim() !== "").map((n) => ({ ...n, name: n.name.trim() })),
  };
}

function NamesEditor({
  names,
  onChange,
}: {
  names: NameForm[];
  onChange(names: NameForm[]): void;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<NameForm>) =>
    onChange(names.map((n, k) => (k === i ? { ...n, ...patch } : n)));
  return (
    <fieldset className="names-editor">
      <legend>{t("form.otherNames")}</legend>
      {names.map((n, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
        <div className="inline" key={i}>
          <label className="visually-hidden" htmlFor={`name-${i}`}>
            {t("form.otherName", { n: i + 1 })}
          </label>
          <input
            id={`name-${i}`}
            value={n.name}
            onChange={(e) => set(i, { name: e.target.value })}
          />
          <label className="visually-hidden" htmlFor={`script-${i}`}>
            {t("person.script")}
          </label>
          <select
            id={`script-${i}`}
            value={n.script}
            onChange={(e) => set(i, { script: e.target.value })}
          >
            {NAME_SCRIPTS.map((s) => (
              <option key={s} value={s}>
                {t(`script.${s}`)}
              </option>
            ))}
          </select>
          <label className="visually-hidden" htmlFor={`kind-${i}`}>
            {t("person.kind")}
          </label>
          <select
            id={`kind-${i}`}
            value={n.kind}
            onChange={(e) => set(i, { kind: e.target.value })}
          >
            {NAME_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`nameKind.${k}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="secondary"
            onClick={() => onChange(names.filter((_, k) => k !== i))}
          >
            {t("form.remove")}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="secondary"
        onClick={() => onChange([...names, { name: "", script: "latin", kind: "transliteration" }])}
      >
        {t("form.addName")}
      </button>
    </fieldset>
  );
}

export default function PersonForm() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const { id } = useParams();
  const { can, known } = useSession();
  const editing = id !== undefined;
  usePageTitle(editing ? t("form.editPerson") : t("form.newPerson"));
  const loaded = useApi<Person>(editing ? `/api/people/${encodeURIComponent(id)}` : null);
  const form = useEntryForm<Values, Person>({
    empty: EMPTY,
    record: loaded.data,
    valuesOf,
    body,
    check: (values) => ({
      name: values.name.trim() === "" ? t("form.required") : null,
      birthDate: partialDateProblem(values.birthDate, false, t, fmt.monthLong),
      consent:
        values.visibility === "public" && values.consent !== "granted"
          ? t("form.publicNeedsConsent")
          : null,
    }),
    send: (values, version) =>
      editing
        ? request<Person>("PATCH", `/api/people/${encodeURIComponent(id)}`, {
            version,
            ...body(values),
          })
        : request<Person>("POST", "/api/people", body(values)),
    onSaved: (saved) => navigate(`/people/${encodeURIComponent(saved.id)}`),
  });
  const { values, set, server, touched } = form;

  if (known && !can("editor")) {
    return (
      <div className="page">
        <h1>{editing ? t("form.editPerson") : t("form.newPerson")}</h1>
        <p>{t("form.editorsOnly")}</p>
        <Link to="/account">{t("nav.signIn")}</Link>
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

  const conflictFields: ConflictField[] = [
    { key: "name", label: t("form.name") },
    { key: "nameLatin", label: t("form.nameLatin") },
    { key: "birthDate", label: t("person.birthDate") },
    { key: "gender", label: t("person.gender") },
    { key: "region", label: t("person.region") },
    { key: "occupation", label: t("person.occupation") },
    { key: "health", label: t("person.health") },
    { key: "visibility", label: t("person.visibility") },
    { key: "consent", label: t("person.consent") },
  ];

  return (
    <div className="page entry">
      <h1>{editing ? t("form.editPerson") : t("form.newPerson")}</h1>
      {form.conflictPanel(conflictFields)}
      <form onSubmit={form.submit} noValidate aria-describedby="form-required-note">
        <p id="form-required-note" className="hint">
          {t("form.requiredNote")}
        </p>
        <TextField
          label={t("form.name")}
          hint={t("form.nameHint")}
          required
          {...form.text("name")}
        />
        <TextField label={t("form.nameLatin")} {...form.text("nameLatin")} />
        <NamesEditor names={values.names} onChange={(names) => set("names", names)} />
        <PartialDateInput
          name="birthDate"
          label={t("person.birthDate")}
          value={values.birthDate}
          onChange={(v) => set("birthDate", v)}
          touched={touched}
          serverError={server?.fieldMessage("birthDate")}
        />
        <SelectField
          label={t("person.gender")}
          choices={GENDERS}
          show={(g) => t(`gender.${g}`)}
          blank
          {...form.text("gender")}
        />
        <TextField label={t("person.region")} suggestions={REGIONS} {...form.text("region")} />
        <TextField label={t("person.occupation")} {...form.text("occupation")} />
        <TextField
          label={t("person.health")}
          hint={t("form.restrictedHint")}
          rows={2}
          {...form.text("health")}
        />
        <SelectField
          label={t("person.visibility")}
          hint={t("form.visibilityHint")}
          choices={VISIBILITIES}
          show={(v) => t(`visibility.${v}`)}
          {...form.text("visibility")}
        />
        <SelectField
          label={t("person.consent")}
          choices={CONSENTS}
          show={(c) => t(`consent.${c}`)}
          {...form.text("consent")}
        />
        {form.failureMessage}
        <div className="actions">
          <button type="submit" disabled={form.saving || form.inConflict}>
            {form.saving ? t("form.saving") : t("form.save")}
          </button>
          <Link to={editing ? `/people/${encodeURIComponent(id)}` : "/registry"}>
            {t("form.cancel")}
          </Link>
        </div>
      </form>
    </div>
  );
}
