/**
 * What the first page will ask for, asked before the app is drawn: the API answers and the
 * page's code then arrive while the main script is still starting, instead of after it.
 */
import { withQuery } from "./api/client.ts";
import { load } from "./api/use-api.ts";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** `?from=YYYY-MM&to=YYYY-MM` of the address, when valid. */
export function rangeOf(params: URLSearchParams): { from: string | null; to: string | null } {
  const valid = (v: string | null) => (v && MONTH.test(v) ? v : null);
  return { from: valid(params.get("from")), to: valid(params.get("to")) };
}

export function dashboardPath(params: URLSearchParams): string {
  return withQuery("/api/analytics/dashboard", rangeOf(params));
}

/** The health check counts synthetic people over the whole registry, seen or not. */
export const SYNTHETIC_PATH = "/api/health";

export function prefetch(location: Location): void {
  void load(SYNTHETIC_PATH).catch(() => {});
  if (location.pathname === "/") {
    void load(dashboardPath(new URLSearchParams(location.search))).catch(() => {});
    void import("./pages/dashboard.tsx");
  }
}
