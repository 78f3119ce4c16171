/**
 * A partial-date field (EDTF: `2025`, `2025-09`, `2025-09-11`, with `~` approximate, `?`
 * uncertain or `%` both): as the editor types, it says what the date covers ("September
 * 2025: 1–30 September 2025") or, inline, what is wrong with it.
 */
import type { TFunction } from "i18next";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { daysInMonth, dayToIso, tryParsePartialDate } from "../../../src/domain/partial-date.ts";
import { useFormat } from "../format.ts";

/** What is wrong with a partial date, in the reader's language; null when it is fine. */
export function partialDateProblem(
  input: string,
  required: boolean,
  t: TFunction,
  /** The month's name and year in the reader's language ("February 2026"). */
  monthLong: (year: number, month: number) => string,
): string | null {
  const text = input.trim();
  if (text === "") return required ? t("form.required") : null;
  if (tryParsePartialDate(text).ok) return null;
  if (/^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/.test(text)) return t("date.dayFirst");
  const match = /^(~)?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([?~%])?$/.exec(text);
  if (!match) return t("date.shape");
  const [, tilde, y, m, d, q] = match;
  if (tilde && q) return t("date.twoQualifiers");
  const year = Number(y);
  if (year < 1000) return t("date.year");
  const month = Number(m);
  if (m !== undefined && (month < 1 || month > 12)) return t("date.month", { month: m });
  const days = daysInMonth(year, month);
  const monthName = monthLong(year, month);
  return t("date.day", { day: d, month: monthName, days });
}

interface Props {
  label: string;
  value: string;
  onChange(value: string): void;
  required?: boolean;
  /** A message from the server about this field. */
  serverError?: string;
  /** Show problems only once the editor has tried to submit or left the field. */
  touched: boolean;
  onBlur?(): void;
  name: string;
}

export function PartialDateInput(props: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = useId();
  const problem =
    partialDateProblem(props.value, props.required ?? false, t, fmt.monthLong) ??
    props.serverError ??
    null;
  const parsed = tryParsePartialDate(props.value.trim());
  const shown =
    props.touched || (props.value.trim() !== "" && problem !== null && props.value.length >= 4);
  return (
    <div className="field">
      <label htmlFor={id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      <input
        id={id}
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={props.onBlur}
        placeholder="2025-09-11, 2025-09, 2021~"
        aria-invalid={shown && problem !== null}
        aria-required={props.required}
        aria-describedby={`${id}-hint ${id}-state`}
        autoComplete="off"
        spellCheck={false}
      />
      <p id={`${id}-hint`} className="hint">
        {t("date.hint")}
      </p>
      <p
        id={`${id}-state`}
        className={shown && problem ? "field-error" : "field-ok"}
        aria-live="polite"
      >
        {shown && problem
          ? problem
          : parsed.ok
            ? t("date.covers", {
                date: fmt.partial(parsed.date.text),
                first: fmt.day(dayToIso(parsed.date.first)),
                last: fmt.day(dayToIso(parsed.date.last)),
              })
            : ""}
      </p>
    </div>
  );
}
