/**
 * Imports from the web (docs/API.md, "Imports"): the upload, sent with XMLHttpRequest so
 * that its bytes' progress can be shown (fetch has no upload progress), and the job it
 * starts, read by polling.
 */
import { ApiError, currentCsrfToken, type FieldProblem } from "./client.ts";

export type ImportTable =
  | "sources"
  | "people"
  | "names"
  | "operations"
  | "events"
  | "measures"
  | "diplomaticEvents"
  | "monitorCounts";

export interface ImportProblem {
  file: string;
  line: number;
  column: string;
  message: string;
}

export interface ImportJob {
  id: string;
  state: "queued" | "running" | "done" | "failed";
  phase: "queued" | "reading" | "finishing" | "done" | "failed";
  actor: string;
  partial: boolean;
  mapping: string | null;
  files: { name: string; bytes: number }[];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  progress: {
    file: string | null;
    bytesDone: number;
    bytesTotal: number;
    rows: number;
    rejectedRows: number;
    percent: number;
  };
  result: {
    rows: number;
    rejectedRows: number;
    counts: Record<ImportTable, { inserted: number; updated: number; unchanged: number }>;
  } | null;
  problems: ImportProblem[];
  problemsTotal: number;
  error: string | null;
  reportUrl: string | null;
}

export function isFinished(job: ImportJob): boolean {
  return job.state === "done" || job.state === "failed";
}

function errorOf(xhr: XMLHttpRequest): ApiError {
  let body: {
    error?: { code?: string; message?: string; fields?: FieldProblem[]; current?: unknown };
  } | null = null;
  try {
    body = JSON.parse(xhr.responseText);
  } catch {
    body = null;
  }
  const error = body?.error;
  return new ApiError(
    xhr.status,
    error?.code ?? "http",
    error?.message ?? `${xhr.status} ${xhr.statusText}`,
    error?.fields ?? [],
    error?.current,
  );
}

/** POSTs the form to /api/imports, reporting the bytes sent; resolves with the new job. */
export function uploadImport(
  form: FormData,
  onProgress: (sent: number, total: number) => void,
): Promise<ImportJob> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/imports");
    xhr.setRequestHeader("accept", "application/json");
    const token = currentCsrfToken();
    if (token) xhr.setRequestHeader("x-csrf-token", token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    xhr.onload = () => {
      if (xhr.status === 201) resolve(JSON.parse(xhr.responseText) as ImportJob);
      else reject(errorOf(xhr));
    };
    xhr.onerror = () => reject(new ApiError(0, "network", "network error", [], null));
    xhr.send(form);
  });
}
