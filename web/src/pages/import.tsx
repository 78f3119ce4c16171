/**
 * Import for editors: CSV files (a bundle's, or another layout with its mapping) uploaded
 * with the bytes' progress, then the import's progress read from its job, then the result:
 * records per table, the rejected rows (file, line, column, reason) with the full report
 * to download, and the way to the registry. All or nothing unless "partial" is ticked.
 */

import type { TFunction } from "i18next";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError, getJson } from "../api/client.ts";
import { type ImportJob, type ImportTable, isFinished, uploadImport } from "../api/imports.ts";
import { dataChanged } from "../api/use-api.ts";
import { usePageTitle } from "../components/layout.tsx";
import { ErrorMessage } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { useFormat } from "../format.ts";
import { useSession } from "../session.tsx";

const BUNDLE_FILES =
  "sources.csv, people.csv, names.csv, operations.csv, events.csv, measures.csv, diplomatic_events.csv, monitor_counts.csv";
const TABLES: ImportTable[] = [
  "sources",
  "people",
  "names",
  "operations",
  "events",
  "measures",
  "diplomaticEvents",
  "monitorCounts",
];
const POLL_MS = 500;

type Stage =
  | { kind: "idle" }
  | { kind: "uploading"; sent: number; total: number }
  | { kind: "job"; job: ImportJob }
  | { kind: "refused"; error: Error };

function statusText(stage: Stage, t: TFunction, n: (x: number) => string) {
  if (stage.kind === "uploading") {
    const percent = stage.total > 0 ? Math.floor((stage.sent * 100) / stage.total) : 0;
    return t("import.uploading", { percent: n(percent) });
  }
  if (stage.kind === "refused") return t("import.uploadFailed");
  if (stage.kind !== "job") return "";
  const { job } = stage;
  const p = job.progress;
  if (job.state === "failed") return t("import.failed");
  if (job.state === "done") {
    return job.result && job.result.rejectedRows > 0
      ? t("import.donePartial", { rows: n(job.result.rows), rejected: n(job.result.rejectedRows) })
      : t("import.done", { rows: n(job.result?.rows ?? 0) });
  }
  if (job.phase === "queued") return t("import.queued");
  if (job.phase === "finishing") return t("import.finishing");
  return t("import.reading", {
    file: p.file ?? "",
    rows: n(p.rows),
    rejected: n(p.rejectedRows),
  });
}

function Counts({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const counts = job.result?.counts;
  if (!counts) return null;
  const rows = TABLES.filter((k) => {
    const c = counts[k];
    return c && c.inserted + c.updated + c.unchanged > 0;
  });
  return (
    <TableScroll label={t("import.countsCaption")}>
      <table className="data-table compact" data-testid="import-counts">
        <caption>{t("import.countsCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("import.table")}</th>
            <th scope="col" className="num">
              {t("import.inserted")}
            </th>
            <th scope="col" className="num">
              {t("import.updated")}
            </th>
            <th scope="col" className="num">
              {t("import.unchanged")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((k) => (
            <tr key={k}>
              <th scope="row">{t(`import.tables.${k}`)}</th>
              <td className="num">{fmt.number(counts[k].inserted)}</td>
              <td className="num">{fmt.number(counts[k].updated)}</td>
              <td className="num">{fmt.number(counts[k].unchanged)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function Problems({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (job.problems.length === 0) return null;
  return (
    <section aria-labelledby="import-problems-title">
      <h3 id="import-problems-title">{t("import.problems")}</h3>
      {job.problemsTotal > job.problems.length && (
        <p className="hint">
          {t("import.problemsMore", {
            shown: fmt.number(job.problems.length),
            total: fmt.number(job.problemsTotal),
          })}
        </p>
      )}
      {job.reportUrl && (
        <p>
          <a href={job.reportUrl} download data-testid="import-report">
            {t("import.report")}
          </a>
        </p>
      )}
      <TableScroll label={t("import.problems")}>
        <table className="data-table" data-testid="import-problems">
          <thead>
            <tr>
              <th scope="col">{t("import.file")}</th>
              <th scope="col" className="num">
                {t("import.line")}
              </th>
              <th scope="col">{t("import.column")}</th>
              <th scope="col">{t("import.reason")}</th>
            </tr>
          </thead>
          <tbody>
            {job.problems.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a row may have several problems; their order is fixed
              <tr key={i}>
                <td>{p.file}</td>
                <td className="num">{p.line > 0 ? fmt.number(p.line) : ""}</td>
                <td>{p.column}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

function Result({ job, onAgain }: { job: ImportJob; onAgain: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <section aria-labelledby="import-result-title" data-testid="import-result">
      <h2 id="import-result-title">{t("import.result")}</h2>
      {job.state === "failed" && (
        <div className="error">
          <strong>{t("import.failed")}</strong>
          {/* The server's sentence is in English: said here in the reader's language. */}
          <p>
            {job.problemsTotal > 0
              ? t("import.problemsFound", { total: fmt.number(job.problemsTotal) })
              : job.error}
          </p>
        </div>
      )}
      <Counts job={job} />
      <Problems job={job} />
      <p className="actions">
        {job.state === "done" && <Link to="/registry">{t("import.registry")}</Link>}
        <button type="button" onClick={onAgain}>
          {t("import.another")}
        </button>
      </p>
    </section>
  );
}

export default function ImportPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { can, known } = useSession();
  usePageTitle(t("import.title"));
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [mapping, setMapping] = useState<File | null>(null);
  const [partial, setPartial] = useState(false);
  const [stage, setStage] = useState<Stage>({ kind: "idle" });
  const [missing, setMissing] = useState(false);

  const jobId = stage.kind === "job" && !isFinished(stage.job) ? stage.job.id : null;
  useEffect(() => {
    if (!jobId) return;
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const job = await getJson<ImportJob>(
          `/api/imports/${encodeURIComponent(jobId)}`,
          abort.signal,
        );
        setStage({ kind: "job", job });
        if (isFinished(job)) {
          if (job.state === "done") dataChanged();
          return;
        }
      } catch (error) {
        if (abort.signal.aborted) return;
        setStage({ kind: "refused", error: error as Error });
        return;
      }
      timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [jobId]);

  if (known && !can("editor")) {
    return (
      <div className="page">
        <h1>{t("import.title")}</h1>
        <p>
          <Link to="/account">{t("import.signIn")}</Link>
        </p>
      </div>
    );
  }

  const busy = stage.kind === "uploading" || (stage.kind === "job" && !isFinished(stage.job));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (files.length === 0) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const body = new FormData();
    body.append("partial", partial ? "true" : "false");
    if (mapping) body.append("mapping", mapping, mapping.name);
    for (const file of files) body.append("files", file, file.name);
    setStage({ kind: "uploading", sent: 0, total: files.reduce((s, f) => s + f.size, 0) });
    try {
      const job = await uploadImport(body, (sent, total) =>
        setStage({ kind: "uploading", sent, total }),
      );
      setStage({ kind: "job", job });
    } catch (error) {
      setStage({
        kind: "refused",
        error: error instanceof Error ? error : new Error(String(error)),
      });
    }
  };
  const again = () => {
    form.current?.reset();
    setFiles([]);
    setMapping(null);
    setPartial(false);
    setStage({ kind: "idle" });
  };

  const uploadPercent =
    stage.kind === "uploading"
      ? stage.total > 0
        ? Math.floor((stage.sent * 100) / stage.total)
        : 0
      : stage.kind === "job"
        ? 100
        : 0;
  const job = stage.kind === "job" ? stage.job : null;
  const status = statusText(stage, t, (x) => fmt.number(x));

  return (
    <div className="page entry import">
      <h1>{t("import.title")}</h1>
      <p className="lead">{t("import.intro")}</p>
      <form ref={form} onSubmit={submit} aria-describedby={`${id}-partial-hint`}>
        <div className="field">
          <label htmlFor={`${id}-files`}>{t("import.files")}</label>
          <input
            id={`${id}-files`}
            type="file"
            multiple
            accept=".csv,text/csv"
            aria-describedby={`${id}-files-hint${missing ? ` ${id}-files-error` : ""}`}
            aria-invalid={missing}
            disabled={busy}
            onChange={(e) => setFiles([...(e.target.files ?? [])])}
          />
          <p id={`${id}-files-hint`} className="hint">
            {t("import.filesHint", { names: BUNDLE_FILES })}
          </p>
          {missing && (
            <p id={`${id}-files-error`} className="field-error">
              {t("import.chooseFiles")}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-mapping`}>{t("import.mapping")}</label>
          <input
            id={`${id}-mapping`}
            type="file"
            accept=".json,application/json"
            aria-describedby={`${id}-mapping-hint`}
            disabled={busy}
            onChange={(e) => setMapping(e.target.files?.[0] ?? null)}
          />
          <p id={`${id}-mapping-hint`} className="hint">
            {t("import.mappingHint")}
          </p>
        </div>
        <div className="field">
          <label className="partial-choice">
            <input
              type="checkbox"
              checked={partial}
              disabled={busy}
              aria-describedby={`${id}-partial-hint`}
              onChange={(e) => setPartial(e.target.checked)}
            />
            {t("import.partial")}
          </label>
          <p id={`${id}-partial-hint`} className="hint">
            {t("import.partialHint")}
          </p>
        </div>
        <p className="actions">
          <button type="submit" disabled={busy}>
            {t("import.submit")}
          </button>
        </p>
      </form>

      {stage.kind !== "idle" && (
        <section aria-labelledby={`${id}-progress-title`} className="import-progress">
          <h2 id={`${id}-progress-title`} className="visually-hidden">
            {t("import.progress")}
          </h2>
          <div className="field">
            <label htmlFor={`${id}-upload`}>{t("import.uploadProgress")}</label>
            <progress id={`${id}-upload`} max={100} value={uploadPercent}>
              {fmt.number(uploadPercent)} %
            </progress>
          </div>
          {job && (
            <div className="field">
              <label htmlFor={`${id}-import`}>{t("import.importProgress")}</label>
              <progress
                id={`${id}-import`}
                max={100}
                value={job.progress.percent}
                data-testid="import-progress"
              >
                {fmt.number(job.progress.percent)} %
              </progress>
            </div>
          )}
        </section>
      )}
      <p role="status" aria-live="polite" data-testid="import-status">
        {status}
      </p>
      {stage.kind === "refused" && <ErrorMessage error={stage.error} />}
      {stage.kind === "refused" && stage.error instanceof ApiError && (
        <p>
          <button type="button" onClick={again}>
            {t("import.another")}
          </button>
        </p>
      )}
      {job && isFinished(job) && <Result job={job} onAgain={again} />}
    </div>
  );
}
