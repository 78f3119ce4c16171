/** Labelled form fields with their inline error, for the entry forms. */
import { type ReactNode, useId } from "react";

interface FieldProps {
  label: string;
  error?: string | null;
  hint?: string;
  required?: boolean;
  children(props: {
    id: string;
    "aria-invalid": boolean;
    "aria-describedby"?: string;
    "aria-required"?: boolean;
  }): ReactNode;
}

export function Field({ label, error, hint, required, children }: FieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {children({
        id,
        "aria-invalid": Boolean(error),
        "aria-describedby": described || undefined,
        "aria-required": required || undefined,
      })}
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A text field's value, what changes it, and its error: `EntryForm.text(key)`. */
export interface BoundText {
  name: string;
  value: string;
  onChange(value: string): void;
  error: string | null;
}

interface Labelled {
  label: string;
  hint?: string;
  required?: boolean;
}

/**
 * A text input (a text area with `rows`), with `suggestions` offered as a datalist.
 */
export function TextField({
  label,
  hint,
  required,
  rows,
  suggestions,
  inputMode,
  name,
  value,
  onChange,
  error,
}: Labelled &
  BoundText & { rows?: number; suggestions?: readonly string[]; inputMode?: "numeric" }) {
  return (
    <Field label={label} error={error} hint={hint} required={required}>
      {(a) =>
        rows ? (
          <textarea
            {...a}
            name={name}
            rows={rows}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
        ) : (
          <>
            <input
              {...a}
              name={name}
              list={suggestions ? `${name}-suggestions` : undefined}
              inputMode={inputMode}
              value={value}
              onChange={(e) => onChange(e.target.value)}
            />
            {suggestions && (
              <datalist id={`${name}-suggestions`}>
                {suggestions.map((s) => (
                  <option key={s} value={s} />
                ))}
              </datalist>
            )}
          </>
        )
      }
    </Field>
  );
}

/** A choice among `choices`, shown by `show`; `blank` adds an empty choice first ("—"). */
export function SelectField({
  label,
  hint,
  required,
  choices,
  show,
  blank,
  name,
  value,
  onChange,
  error,
}: Labelled &
  BoundText & { choices: readonly string[]; show(choice: string): string; blank?: boolean }) {
  return (
    <Field label={label} error={error} hint={hint} required={required}>
      {(a) => (
        <select {...a} name={name} value={value} onChange={(e) => onChange(e.target.value)}>
          {blank && <option value="">—</option>}
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {show(choice)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** `""` → null, so that an emptied field clears the stored value. */
export function orNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === "" ? null : trimmed;
}
