/**
 * A stale-version conflict (409): someone saved the record since it was read. Both
 * versions are shown field by field. The editor either keeps their changes, taken onto the
 * saved version (fields they did not touch take the saved values), and saves again; or
 * drops their changes for the saved version. Until they choose, nothing typed is lost.
 */
import { useTranslation } from "react-i18next";

export interface ConflictField {
  key: string;
  label: string;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The saved version with the editor's own changes (fields where mine differs from base) on top. */
export function mergeValues<T extends object>(base: T, mine: T, theirs: T): T {
  const out = { ...theirs };
  for (const key of Object.keys(mine) as (keyof T)[]) {
    if (!same(mine[key], base[key])) out[key] = mine[key];
  }
  return out;
}

/** Fields the editor changed since reading the record. */
export function changedKeys<T extends object>(base: T, mine: T): Set<string> {
  return new Set(
    (Object.keys(mine) as (keyof T & string)[]).filter((key) => !same(mine[key], base[key])),
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) {
    return (
      value
        .map((v) => (typeof v === "object" && v && "name" in v ? String(v.name) : String(v)))
        .join(", ") || "—"
    );
  }
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

interface Props {
  fields: ConflictField[];
  mine: Record<string, unknown>;
  theirs: Record<string, unknown>;
  /** Fields the editor changed. */
  changed: Set<string>;
  version: number | undefined;
  onKeepMine(): void;
  onTakeTheirs(): void;
}

export function ConflictPanel({
  fields,
  mine,
  theirs,
  changed,
  version,
  onKeepMine,
  onTakeTheirs,
}: Props) {
  const { t } = useTranslation();
  return (
    <section
      className="conflict"
      role="alert"
      aria-labelledby="conflict-title"
      data-testid="conflict"
    >
      <h2 id="conflict-title">{t("conflict.title")}</h2>
      <p>{t("conflict.explain", { version: version ?? "?" })}</p>
      <table className="data-table compact">
        <thead>
          <tr>
            <th scope="col">{t("conflict.field")}</th>
            <th scope="col">{t("conflict.mine")}</th>
            <th scope="col">{t("conflict.theirs")}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => {
            const a = show(mine[f.key]);
            const b = show(theirs[f.key]);
            return (
              <tr key={f.key} className={a !== b ? "differs" : undefined}>
                <th scope="row">
                  {f.label}
                  {changed.has(f.key) && <span className="tag">{t("conflict.yourChange")}</span>}
                </th>
                <td data-testid={`mine-${f.key}`}>{a}</td>
                <td data-testid={`theirs-${f.key}`}>{b}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" onClick={onKeepMine}>
          {t("conflict.keepMine")}
        </button>
        <button type="button" className="secondary" onClick={onTakeTheirs}>
          {t("conflict.takeTheirs")}
        </button>
      </div>
    </section>
  );
}
