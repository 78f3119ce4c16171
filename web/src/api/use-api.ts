/**
 * Reading from the API in components: `useApi(path)` gives the answer, the error or
 * "loading", and keeps the previous answer on screen while the next one loads. Answers are
 * kept per path until something is written or the reader signs in or out
 * ({@link dataChanged}), so going back to a page shows it at once.
 */
import { useEffect, useState, useSyncExternalStore } from "react";
import { getJson } from "./client.ts";

let revision = 0;
const listeners = new Set<() => void>();
const cache = new Map<string, { revision: number; value: Promise<unknown> }>();

/** Call after a write, a sign-in or a sign-out: every page reads its data again. */
export function dataChanged(): void {
  revision++;
  cache.clear();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function load<T>(path: string): Promise<T> {
  const kept = cache.get(path);
  if (kept && kept.revision === revision) return kept.value as Promise<T>;
  const value = getJson<T>(path);
  cache.set(path, { revision, value });
  // A failed answer is not kept: the next visit asks again.
  value.catch(() => {
    if (cache.get(path)?.value === value) cache.delete(path);
  });
  return value;
}

export interface Loaded<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
}

/** The answer of GET `path` (null: ask nothing). */
export function useApi<T>(path: string | null): Loaded<T> {
  const current = useSyncExternalStore(subscribe, () => revision);
  const [state, setState] = useState<Loaded<T>>({
    data: undefined,
    error: undefined,
    loading: path !== null,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `current` makes a write reload what is on screen
  useEffect(() => {
    if (path === null) {
      setState({ data: undefined, error: undefined, loading: false });
      return;
    }
    let live = true;
    setState((previous) => ({ ...previous, loading: true }));
    load<T>(path).then(
      (data) => live && setState({ data, error: undefined, loading: false }),
      (error: Error) => live && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [path, current]);
  return state;
}
