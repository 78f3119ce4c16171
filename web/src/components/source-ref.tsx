/** The sources of a record, by id: each one's title, publisher and link. */
import { useTranslation } from "react-i18next";
import type { Source } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";

function OneSource({ id }: { id: string }) {
  const { data } = useApi<Source>(`/api/sources/${encodeURIComponent(id)}`);
  if (!data) return <li>{id}</li>;
  return (
    <li>
      {data.url ? (
        <a href={data.url} rel="noreferrer noopener" target="_blank">
          {data.title}
        </a>
      ) : (
        data.title
      )}
      {data.publisher && <span className="muted"> — {data.publisher}</span>}
    </li>
  );
}

/** `label`: say "Sources:" before the list (not where a column heading says it already). */
export function SourceRefs({ ids, label = true }: { ids: string[]; label?: boolean }) {
  const { t } = useTranslation();
  if (ids.length === 0) return null;
  return (
    <div className="sources-inline">
      {label && <span className="muted">{t("event.sources")}:</span>}
      <ul className="source-items">
        {ids.map((id) => (
          <OneSource key={id} id={id} />
        ))}
      </ul>
    </div>
  );
}
