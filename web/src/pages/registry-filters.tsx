/**
 * The registry's search box and filters. They edit the URL's parameters, so that a view
 * of the registry can be bookmarked and shared; the list reads them back.
 */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useSession } from "../session.tsx";

export const STATUSES = ["held", "released", "died_in_custody", "unknown"] as const;

import { RELEASE_MECHANISMS } from "../../../src/domain/model.ts";
export const REGIONS = [
  "Minsk",
  "Minsk Region",
  "Brest Region",
  "Gomel Region",
  "Grodno Region",
  "Mogilev Region",
  "Vitebsk Region",
];
/** Filter parameters, as the URL and the API name them. */
export const FILTER_KEYS = [
  "status",
  "region",
  "article",
  "mechanism",
  "health",
  "recognizedBy",
] as const;

export function SearchBox() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get("q") ?? "");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams(params);
    if (text.trim()) next.set("q", text.trim());
    else next.delete("q");
    next.delete("page");
    setParams(next);
  };
  return (
    <search className="search-box">
      <form onSubmit={submit}>
        <label htmlFor="registry-search">{t("registry.searchLabel")}</label>
        <div className="inline">
          <input
            id="registry-search"
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t("registry.searchPlaceholder")}
            autoComplete="off"
            maxLength={200}
            className="search-input"
          />
          <button type="submit">{t("registry.search")}</button>
        </div>
        <p className="hint">{t("registry.searchHint")}</p>
      </form>
    </search>
  );
}

function Select(props: {
  id: string;
  label: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange(value: string): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{t("registry.any")}</option>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Filters({ monitors }: { monitors: string[] }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const [article, setArticle] = useState(params.get("article") ?? "");
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete("page");
    setParams(next);
  };
  const clear = () => {
    const next = new URLSearchParams(params);
    for (const key of FILTER_KEYS) next.delete(key);
    next.delete("page");
    setArticle("");
    setParams(next);
  };
  const value = (key: string) => params.get(key) ?? "";
  return (
    <fieldset className="filters">
      <legend>{t("registry.filters")}</legend>
      <Select
        id="filter-status"
        label={t("registry.status")}
        value={value("status")}
        options={STATUSES.map((s) => [s, t(`status.${s}`)] as const)}
        onChange={(v) => set("status", v)}
      />
      <div className="field">
        <label htmlFor="filter-region">{t("registry.region")}</label>
        <select
          id="filter-region"
          value={value("region")}
          onChange={(e) => set("region", e.target.value)}
        >
          <option value="">{t("registry.any")}</option>
          {REGIONS.map((r) => (
            <option key={r} value={r}>
              {t(`region.${r}`, { defaultValue: r })}
            </option>
          ))}
        </select>
      </div>
      <form
        className="field"
        onSubmit={(e) => {
          e.preventDefault();
          set("article", article.trim());
        }}
      >
        <label htmlFor="filter-article">{t("registry.article")}</label>
        <input
          id="filter-article"
          value={article}
          onChange={(e) => setArticle(e.target.value)}
          onBlur={() => article.trim() !== value("article") && set("article", article.trim())}
          placeholder="342"
          inputMode="text"
          size={8}
        />
      </form>
      {/* Release mechanisms, recognition and health are not public fields: the API
          refuses these filters to anonymous readers (docs/API.md). */}
      {can("viewer") && (
        <Select
          id="filter-mechanism"
          label={t("registry.mechanism")}
          value={value("mechanism")}
          options={RELEASE_MECHANISMS.map((m) => [m, t(`exit.${m}`)] as const)}
          onChange={(v) => set("mechanism", v)}
        />
      )}
      {can("viewer") && (
        <Select
          id="filter-recognized"
          label={t("registry.recognizedBy")}
          value={value("recognizedBy")}
          options={monitors.map((m) => [m, m] as const)}
          onChange={(v) => set("recognizedBy", v)}
        />
      )}
      {can("viewer") && (
        <Select
          id="filter-health"
          label={t("registry.health")}
          value={value("health")}
          options={[
            ["true", t("registry.healthYes")],
            ["false", t("registry.healthNo")],
          ]}
          onChange={(v) => set("health", v)}
        />
      )}
      <button type="button" className="secondary" onClick={clear}>
        {t("registry.clearFilters")}
      </button>
    </fieldset>
  );
}
