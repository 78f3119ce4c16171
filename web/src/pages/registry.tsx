/**
 * The registry: search by any spelling of a name (the API's search matches across Cyrillic
 * and Latin), filters, sortable columns and pages, all in the URL. With a search text the
 * list is the search's best matches (at most 100) that pass the filters (the API applies them);
 * without, it is the API's filtered, sorted list, page by page.
 */
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { withQuery } from "../api/client.ts";
import type { MonitorCount, Page, Person } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { usePageTitle } from "../components/layout.tsx";
import { ErrorMessage, Loading } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { displayName, otherName, useFormat } from "../format.ts";
import { useSession } from "../session.tsx";
import { FILTER_KEYS, Filters, SearchBox } from "./registry-filters.tsx";

const PAGE_SIZE = 25;
type SortKey = "name" | "region";

function sortParam(value: string | null): { key: SortKey; descending: boolean } {
  const descending = value?.startsWith("-") ?? false;
  const key = value?.replace(/^-/, "");
  return { key: key === "region" ? "region" : "name", descending };
}

/** Search hits (filtered by the API) sorted and cut into pages here. */
function pageOfHits(
  hits: Person[],
  params: URLSearchParams,
  nameOf: (p: Person) => string,
): Page<Person> {
  let items = hits;
  if (params.get("sort")) {
    const { key, descending } = sortParam(params.get("sort"));
    const value = (p: Person) => (key === "region" ? (p.region ?? "") : nameOf(p));
    items = [...items].sort((a, b) => value(a).localeCompare(value(b)) * (descending ? -1 : 1));
  }
  const page = Math.max(1, Number(params.get("page") ?? 1) || 1);
  return {
    items: items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    total: items.length,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
}

function SortHeader({ label, column }: { label: string; column: SortKey }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const current = sortParam(params.get("sort"));
  const active = params.get("sort") !== null && current.key === column;
  const toggle = () => {
    const next = new URLSearchParams(params);
    next.set("sort", active && !current.descending ? `-${column}` : column);
    next.delete("page");
    setParams(next);
  };
  return (
    <th scope="col" aria-sort={active ? (current.descending ? "descending" : "ascending") : "none"}>
      <button type="button" className="sort" onClick={toggle}>
        {label}
        <span aria-hidden="true">{active ? (current.descending ? " ▼" : " ▲") : " ↕"}</span>
        <span className="visually-hidden">{t("registry.sortBy", { column: label })}</span>
      </button>
    </th>
  );
}

function Pager({ page }: { page: Page<unknown> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const current = Math.floor(page.offset / PAGE_SIZE) + 1;
  const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
  const go = (n: number) => {
    const next = new URLSearchParams(params);
    if (n === 1) next.delete("page");
    else next.set("page", String(n));
    setParams(next);
  };
  return (
    <nav className="pager" aria-label={t("registry.pages")}>
      <button type="button" disabled={current <= 1} onClick={() => go(current - 1)}>
        {t("registry.previous")}
      </button>
      <span>{t("registry.pageOf", { page: fmt.number(current), pages: fmt.number(pages) })}</span>
      <button type="button" disabled={current >= pages} onClick={() => go(current + 1)}>
        {t("registry.next")}
      </button>
    </nav>
  );
}

function Detention({ person }: { person: Person }) {
  const fmt = useFormat();
  const last = person.detentions.at(-1);
  if (!last) return <>—</>;
  const start =
    last.startFirst === last.startLast
      ? fmt.day(last.startFirst)
      : `${fmt.day(last.startFirst)} … ${fmt.day(last.startLast)}`;
  const end =
    last.endFirst === null
      ? ""
      : last.endFirst === last.endLast
        ? fmt.day(last.endFirst)
        : `${fmt.day(last.endFirst)} … ${fmt.day(last.endLast)}`;
  return (
    <>
      {start} – {end}
    </>
  );
}

export default function Registry() {
  const { t } = useTranslation();
  usePageTitle(t("registry.title"));
  const fmt = useFormat();
  const { can } = useSession();
  const [params] = useSearchParams();
  const q = params.get("q");
  const nameOf = (p: Person) => displayName(p, fmt.lang);
  const monitors = useApi<Page<MonitorCount>>("/api/monitor-counts?limit=500");
  const monitorNames = [...new Set(monitors.data?.items.map((m) => m.monitor) ?? [])].sort();

  const pageNumber = Math.max(1, Number(params.get("page") ?? 1) || 1);
  const sort = params.get("sort");
  const apiSort = sort
    ? `${sort.startsWith("-") ? "-" : ""}${sortParam(sort).key === "region" ? "region" : fmt.lang === "ru" || fmt.lang === "be" ? "name" : "nameLatin"}`
    : undefined;
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k)]));
  const listPath = q
    ? withQuery("/api/search/people", { q, limit: 100, ...filters })
    : withQuery("/api/people", {
        ...filters,
        sort: apiSort,
        limit: PAGE_SIZE,
        offset: (pageNumber - 1) * PAGE_SIZE,
      });
  const result = useApi<Page<Person> | { items: Person[] }>(listPath);
  const page: Page<Person> | undefined = result.data
    ? "total" in result.data
      ? result.data
      : pageOfHits(result.data.items, params, nameOf)
    : undefined;

  return (
    <div className="page registry">
      <h1>{t("registry.title")}</h1>
      <div className="registry-tools">
        <SearchBox key={q ?? ""} />
        {can("editor") && (
          <Link className="button" to="/people/new">
            {t("nav.newPerson")}
          </Link>
        )}
      </div>
      <Filters key={params.get("article") ?? ""} monitors={monitorNames} />
      {q && <p className="hint">{t("registry.searchNote", { q })}</p>}
      <ErrorMessage error={result.error} />
      {!page && result.loading && <Loading />}
      {page && (
        <>
          <p role="status" className="result-count">
            {t("registry.results", { total: fmt.number(page.total) })}
          </p>
          <TableScroll label={t("registry.tableLabel")}>
            <table className="data-table registry-table" aria-busy={result.loading}>
              <thead>
                <tr>
                  <SortHeader label={t("registry.name")} column="name" />
                  <th scope="col">{t("registry.status")}</th>
                  <SortHeader label={t("registry.region")} column="region" />
                  <th scope="col">{t("registry.articles")}</th>
                  <th scope="col">{t("registry.detention")}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((p) => {
                  const other = otherName(p, fmt.lang);
                  return (
                    <tr key={p.id}>
                      <th scope="row">
                        <Link to={`/people/${encodeURIComponent(p.id)}`}>{nameOf(p)}</Link>
                        {other && <div className="muted small">{other}</div>}
                        {p.synthetic && (
                          <span className="tag tag-synthetic">{t("synthetic.tag")}</span>
                        )}
                      </th>
                      <td>
                        <span className={`status status-${p.status}`}>
                          {t(`status.${p.status}`)}
                        </span>
                      </td>
                      <td>
                        {p.region ? t(`region.${p.region}`, { defaultValue: p.region }) : "—"}
                      </td>
                      <td>{p.articles.join(", ") || "—"}</td>
                      <td>
                        <Detention person={p} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
          <Pager page={page} />
        </>
      )}
    </div>
  );
}
