/**
 * Creating and editing a person (editors): names in several scripts, birth date as a
 * partial date, region, health, visibility and consent. Problems are shown beside their
 * field, from the form's own checks and from the server's answer; a stale version opens
 * the conflict panel with both versions.
 */
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError, request } from "../api/client.ts";
import type { NameForm, Person } from "../api/types.ts";
import { dataChanged, useApi } from "../api/use-api.ts";
import { usePageTitle } from "../components/layout.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { useFormat } from "../format.ts";
import { REGIONS } from "../pages/registry-filters.tsx";
import { useSession } from "../session.tsx";
import { type ConflictField, ConflictPanel, changedKeys, mergeValues } from "./conflict.tsx";
import { Field, orNull } from "./fields.tsx";
import { PartialDateInput, partialDateProblem } from "./partial-date-input.tsx";

const GENDERS = ["female", "male", "other", "unknown"];
const VISIBILITIES = ["private", "restricted", "public"];
const CONSENTS = ["unknown", "granted", "withheld"];
const SCRIPTS = ["cyrillic", "latin", "other"];
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
            {SCRIPTS.map((s) => (
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
  const [values, setValues] = useState<Values>(EMPTY);
  // The values as read from the server: what the editor changed is what differs from them.
  const [base, setBase] = useState<Values>(EMPTY);
  const [version, setVersion] = useState<number | null>(null);
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<ApiError | Error | null>(null);
  const [conflict, setConflict] = useState<Person | null>(null);

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

  const server = failure instanceof ApiError ? failure : null;
  const problems: Record<string, string | null> = {
    name: values.name.trim() === "" ? t("form.required") : null,
    birthDate: partialDateProblem(values.birthDate, false, t, fmt.monthLong),
    consent:
      values.visibility === "public" && values.consent !== "granted"
        ? t("form.publicNeedsConsent")
        : null,
  };
  const errorOf = (field: string) =>
    (touched ? problems[field] : null) ?? server?.fieldMessage(field) ?? null;
  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.values(problems).some((p) => p !== null)) return;
    setSaving(true);
    setFailure(null);
    try {
      const saved = editing
        ? await request<Person>("PATCH", `/api/people/${encodeURIComponent(id)}`, {
            version,
            ...body(values),
          })
        : await request<Person>("POST", "/api/people", body(values));
      dataChanged();
      navigate(`/people/${encodeURIComponent(saved.id)}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.current)
        setConflict(error.current as Person);
      else setFailure(error as Error);
    } finally {
      setSaving(false);
    }
  };

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
      <form onSubmit={submit} noValidate aria-describedby="form-required-note">
        <p id="form-required-note" className="hint">
          {t("form.requiredNote")}
        </p>
        <Field label={t("form.name")} error={errorOf("name")} hint={t("form.nameHint")} required>
          {(a) => (
            <input
              {...a}
              name="name"
              value={values.name}
              onChange={(e) => set("name", e.target.value)}
            />
          )}
        </Field>
        <Field label={t("form.nameLatin")} error={errorOf("nameLatin")}>
          {(a) => (
            <input
              {...a}
              name="nameLatin"
              value={values.nameLatin}
              onChange={(e) => set("nameLatin", e.target.value)}
            />
          )}
        </Field>
        <NamesEditor names={values.names} onChange={(names) => set("names", names)} />
        <PartialDateInput
          name="birthDate"
          label={t("person.birthDate")}
          value={values.birthDate}
          onChange={(v) => set("birthDate", v)}
          touched={touched}
          serverError={server?.fieldMessage("birthDate")}
        />
        <Field label={t("person.gender")} error={errorOf("gender")}>
          {(a) => (
            <select
              {...a}
              name="gender"
              value={values.gender}
              onChange={(e) => set("gender", e.target.value)}
            >
              <option value="">—</option>
              {GENDERS.map((g) => (
                <option key={g} value={g}>
                  {t(`gender.${g}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("person.region")} error={errorOf("region")}>
          {(a) => (
            <>
              <input
                {...a}
                name="region"
                list="regions"
                value={values.region}
                onChange={(e) => set("region", e.target.value)}
              />
              <datalist id="regions">
                {REGIONS.map((r) => (
                  <option key={r} value={r} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label={t("person.occupation")} error={errorOf("occupation")}>
          {(a) => (
            <input
              {...a}
              name="occupation"
              value={values.occupation}
              onChange={(e) => set("occupation", e.target.value)}
            />
          )}
        </Field>
        <Field label={t("person.health")} error={errorOf("health")} hint={t("form.restrictedHint")}>
          {(a) => (
            <textarea
              {...a}
              name="health"
              rows={2}
              value={values.health}
              onChange={(e) => set("health", e.target.value)}
            />
          )}
        </Field>
        <Field
          label={t("person.visibility")}
          error={errorOf("visibility")}
          hint={t("form.visibilityHint")}
        >
          {(a) => (
            <select
              {...a}
              name="visibility"
              value={values.visibility}
              onChange={(e) => set("visibility", e.target.value)}
            >
              {VISIBILITIES.map((v) => (
                <option key={v} value={v}>
                  {t(`visibility.${v}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("person.consent")} error={errorOf("consent")}>
          {(a) => (
            <select
              {...a}
              name="consent"
              value={values.consent}
              onChange={(e) => set("consent", e.target.value)}
            >
              {CONSENTS.map((c) => (
                <option key={c} value={c}>
                  {t(`consent.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {failure &&
          !(failure instanceof ApiError && failure.fields.length > 0 && failure.status === 400) && (
            <ErrorMessage error={failure} />
          )}
        {server?.status === 400 && server.fields.length > 0 && (
          <p className="field-error" role="alert">
            {t("form.fixProblems")}
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={saving || conflict !== null}>
            {saving ? t("form.saving") : t("form.save")}
          </button>
          <Link to={editing ? `/people/${encodeURIComponent(id)}` : "/registry"}>
            {t("form.cancel")}
          </Link>
        </div>
      </form>
    </div>
  );
}
