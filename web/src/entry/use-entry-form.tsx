/**
 * The editing cycle the entry forms share: the values and version read from the server,
 * checks shown once the editor has tried to save (and the server's field messages), the
 * save itself, and a stale version (409) opening the conflict panel where the editor keeps
 * their changes on top of the saved version or takes the saved one.
 */
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client.ts";
import { dataChanged } from "../api/use-api.ts";
import { ErrorMessage } from "../components/status.tsx";
import { type ConflictField, ConflictPanel, changedKeys, mergeValues } from "./conflict.tsx";
import type { BoundText } from "./fields.tsx";

interface Versioned {
  version?: number;
}

interface Options<V, R extends Versioned> {
  empty: V;
  /** The record as read from the server (editing), undefined until then or when adding. */
  record: R | undefined;
  valuesOf(record: R): V;
  /** The request body the values make (also what the conflict panel compares). */
  body(values: V): Record<string, unknown>;
  /** Problems by field, null where none; checked before saving. */
  check(values: V): Record<string, string | null>;
  /** Sends the values (with the version read, when editing); answers the saved record. */
  send(values: V, version: number | null): Promise<R>;
  onSaved(saved: R): void;
}

/** The keys of V whose values are text. */
type TextKeys<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V] & string;

export interface EntryForm<V> {
  values: V;
  set<K extends keyof V>(key: K, value: V[K]): void;
  /** A text field's name, value, change and error, for TextField and SelectField. */
  text(key: TextKeys<V>): BoundText;
  errorOf(field: string): string | null;
  /** The server refused the save with this error (its field messages show beside fields). */
  server: ApiError | null;
  touched: boolean;
  saving: boolean;
  /** A conflict waits for the editor's choice (saving is off until then). */
  inConflict: boolean;
  submit(event: FormEvent): Promise<void>;
  /** The conflict panel, when there is a conflict. */
  conflictPanel(fields: ConflictField[]): ReactNode;
  /** The save's failure: a general error, or "fix the problems" when fields were refused. */
  failureMessage: ReactNode;
}

export function useEntryForm<V extends object, R extends Versioned>(
  options: Options<V, R>,
): EntryForm<V> {
  const { t } = useTranslation();
  const { empty, record, valuesOf, body } = options;
  const [values, setValues] = useState<V>(empty);
  // The values as read from the server: what the editor changed is what differs from them.
  const [base, setBase] = useState<V>(empty);
  const [version, setVersion] = useState<number | null>(null);
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<Error | null>(null);
  const [conflict, setConflict] = useState<R | null>(null);

  useEffect(() => {
    if (record && version === null) {
      setValues(valuesOf(record));
      setBase(valuesOf(record));
      setVersion(record.version ?? 1);
    }
  }, [record, version, valuesOf]);

  const problems = options.check(values);
  const server = failure instanceof ApiError ? failure : null;
  const fieldsRefused = server?.status === 400 && server.fields.length > 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.values(problems).some((p) => p !== null)) return;
    setSaving(true);
    setFailure(null);
    try {
      const saved = await options.send(values, version);
      dataChanged();
      options.onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.current)
        setConflict(error.current as R);
      else setFailure(error as Error);
    } finally {
      setSaving(false);
    }
  };

  const conflictPanel = (fields: ConflictField[]) =>
    conflict && (
      <ConflictPanel
        fields={fields}
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
    );

  const set = <K extends keyof V>(key: K, value: V[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const errorOf = (field: string) =>
    (touched ? problems[field] : null) ?? server?.fieldMessage(field) ?? null;
  return {
    values,
    set,
    text: (key) => ({
      name: key,
      value: values[key] as string,
      onChange: (value: string) => set(key, value as V[typeof key]),
      error: errorOf(key),
    }),
    errorOf,
    server,
    touched,
    saving,
    inConflict: conflict !== null,
    submit,
    conflictPanel,
    failureMessage: (
      <>
        {failure && !fieldsRefused && <ErrorMessage error={failure} />}
        {fieldsRefused && (
          <p className="field-error" role="alert">
            {t("form.fixProblems")}
          </p>
        )}
      </>
    ),
  };
}
