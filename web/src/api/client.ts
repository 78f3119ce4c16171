/**
 * The one way the app talks to the API: JSON over fetch, the session cookie sent by the
 * browser, the CSRF token added to every write, and errors in the API's one shape
 * (`{"error": {code, message, fields?, current?}}`) thrown as {@link ApiError}.
 */

export interface FieldProblem {
  field: string;
  in?: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldProblem[];
  /** On 409: the record as it is now on the server. */
  readonly current: unknown;

  constructor(
    status: number,
    code: string,
    message: string,
    fields: FieldProblem[],
    current: unknown,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.current = current;
  }

  /** The message about one field of the request, if the server named it. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.message;
  }
}

let csrfToken: string | null = null;

/** Set on sign-in and on reading the session: writes with the cookie must send it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF token of the session, for writes made without {@link request} (uploads). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

type Params = Record<string, string | number | boolean | null | undefined>;

/** `path?key=value…`, leaving out empty values. */
export function withQuery(path: string, params: Params): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as {
    error?: { code?: string; message?: string; fields?: FieldProblem[]; current?: unknown };
  } | null;
  const error = body?.error;
  return new ApiError(
    response.status,
    error?.code ?? "http",
    error?.message ?? `${response.status} ${response.statusText}`,
    error?.fields ?? [],
    error?.current,
  );
}

export async function request<T>(
  method: "GET" | "POST" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
    signal,
  });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}

export const getJson = <T>(path: string, signal?: AbortSignal) =>
  request<T>("GET", path, undefined, signal);
