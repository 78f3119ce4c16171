/** What a page shows while it loads, when it fails, and when a figure is hidden. */
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client.ts";

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t("common.loading")}
    </p>
  );
}

export function ErrorMessage({ error }: { error: Error | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  const status = error instanceof ApiError ? error.status : 0;
  const title =
    status === 404
      ? t("errors.notFound")
      : status === 401
        ? t("errors.signInNeeded")
        : status === 403
          ? t("errors.forbidden")
          : t("errors.failed");
  return (
    <div className="error" role="alert">
      <strong>{title}</strong>
      <p>{error.message}</p>
      {error instanceof ApiError && error.fields.length > 0 && (
        <ul>
          {error.fields.map((f) => (
            <li key={`${f.in ?? ""}${f.field}`}>
              <code>{f.field}</code>: {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A count that the server hid from anonymous readers (too few people to show). */
export function Hidden() {
  const { t } = useTranslation();
  return (
    <abbr className="hidden-count" title={t("common.hiddenCount")}>
      —
    </abbr>
  );
}
