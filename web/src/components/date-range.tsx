/**
 * The period a page shows, kept in the URL (`?from=YYYY-MM&to=YYYY-MM`) so that a view can
 * be shared. Months are enough for monthly figures; the API reads a month as its first
 * day (from) or its last day (to).
 */
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { rangeOf } from "../prefetch.ts";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function useRangeParams(): { from: string | null; to: string | null } {
  const [params] = useSearchParams();
  return rangeOf(params);
}

export function DateRange({ shown }: { shown: { from: string; to: string } | undefined }) {
  const { t } = useTranslation();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const current = useRangeParams();
  const [from, setFrom] = useState(current.from ?? shown?.from.slice(0, 7) ?? "");
  const [to, setTo] = useState(current.to ?? shown?.to.slice(0, 7) ?? "");
  const [problem, setProblem] = useState<string | null>(null);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if ((from && !MONTH.test(from)) || (to && !MONTH.test(to))) {
      setProblem(t("range.badMonth"));
      return;
    }
    if (from && to && from > to) {
      setProblem(t("range.fromAfterTo"));
      return;
    }
    setProblem(null);
    const next = new URLSearchParams(params);
    for (const [key, value] of [
      ["from", from],
      ["to", to],
    ] as const) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };
  const reset = () => {
    const next = new URLSearchParams(params);
    next.delete("from");
    next.delete("to");
    setFrom("");
    setTo("");
    setProblem(null);
    setParams(next);
  };
  return (
    <form className="date-range" onSubmit={apply} aria-label={t("range.label")}>
      <div className="field">
        <label htmlFor={`${id}-from`}>{t("range.from")}</label>
        <input
          id={`${id}-from`}
          type="month"
          value={from}
          placeholder="2021-01"
          onChange={(e) => setFrom(e.target.value)}
          aria-invalid={problem !== null}
          aria-describedby={problem ? `${id}-problem` : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t("range.to")}</label>
        <input
          id={`${id}-to`}
          type="month"
          value={to}
          placeholder="2025-12"
          onChange={(e) => setTo(e.target.value)}
          aria-invalid={problem !== null}
          aria-describedby={problem ? `${id}-problem` : undefined}
        />
      </div>
      <button type="submit">{t("range.apply")}</button>
      <button type="button" className="secondary" onClick={reset}>
        {t("range.all")}
      </button>
      {problem && (
        <p id={`${id}-problem`} className="field-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
