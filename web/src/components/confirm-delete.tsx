/**
 * A delete action that asks first: the button opens a confirmation in place (focus moves to
 * it, Escape or Cancel closes it); only "Yes, delete" sends the DELETE, with the version
 * the reader saw, so a record changed meanwhile is refused (409) instead of lost.
 */
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { request, withQuery } from "../api/client.ts";
import { ErrorMessage } from "./status.tsx";

export function ConfirmDelete(props: {
  /** The record's API path, e.g. `/api/people/p1`. */
  path: string;
  version: number | undefined;
  label: string;
  question: string;
  onDeleted(): void;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | undefined>();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);

  const close = () => {
    setAsking(false);
    openRef.current?.focus();
  };
  const remove = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await request("DELETE", withQuery(props.path, { version: props.version }));
      setAsking(false);
      props.onDeleted();
    } catch (caught) {
      setError(caught as Error);
    } finally {
      setBusy(false);
    }
  };

  if (!asking) {
    return (
      <button ref={openRef} type="button" className="danger" onClick={() => setAsking(true)}>
        {props.label}
      </button>
    );
  }
  return (
    <fieldset
      className="confirm-delete"
      onKeyDown={(e) => {
        if (e.key === "Escape") close();
      }}
    >
      <legend>{props.question}</legend>
      <button ref={confirmRef} type="button" className="danger" disabled={busy} onClick={remove}>
        {t("deletion.confirm")}
      </button>{" "}
      <button type="button" className="secondary" disabled={busy} onClick={close}>
        {t("deletion.cancel")}
      </button>
      <ErrorMessage error={error} />
    </fieldset>
  );
}
