/**
 * Who a session cookie or an API token stands for, remembered for a short while in this
 * process, so that signed-in requests do not look it up in the database every time (on
 * PGlite every query waits for the one connection). An entry lives at most `PRINCIPAL_TTL_MS`
 * and never past the session's or token's own expiry. Every change of an account made in
 * this process — logout, a token revoked, a user's role, password or disabled state changed —
 * drops the entries it concerns at once; a change made by another process (a second server
 * on the same PostgreSQL, SQL by hand) is seen within `PRINCIPAL_TTL_MS`. An embedded
 * (PGlite) store is open in one process only (its data folder is locked), so there every
 * change is made here and entries live until invalidated or expired: a long import holds
 * PGlite's one connection, and its progress polls must not wait for it.
 */
import type { Principal } from "./authentication.ts";

export const PRINCIPAL_TTL_MS = 30_000;

interface Entry {
  principal: Principal;
  until: number;
}

export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  /**
   * Bumped by every invalidation: a lookup that began before one must not store what it
   * read (the database may have changed after it read, and before the invalidation).
   */
  private generation = 0;

  constructor(ttlMs = PRINCIPAL_TTL_MS) {
    this.ttlMs = ttlMs;
  }

  /** The generation to give back to `set` after reading the database. */
  begin(): number {
    return this.generation;
  }

  get(key: string, now = Date.now()): Principal | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.principal;
  }

  /** Remembers a principal read at `generation`, until `expiresAt` (ms) at the latest. */
  set(key: string, principal: Principal, generation: number, expiresAt: number | null): void {
    if (generation !== this.generation) return;
    const now = Date.now();
    const until = Math.min(now + this.ttlMs, expiresAt ?? Number.POSITIVE_INFINITY);
    if (until <= now) return;
    // Expired entries of keys never asked again would otherwise stay: sweep now and then.
    if (this.entries.size >= 10_000) this.sweep(now);
    this.entries.set(key, { principal, until });
  }

  /** Forgets one key (a session that ended). */
  forget(key: string): void {
    this.generation++;
    this.entries.delete(key);
  }

  /** Forgets the entries whose principal passes `test`. */
  forgetWhere(test: (principal: Principal) => boolean): void {
    this.generation++;
    for (const [key, entry] of this.entries) if (test(entry.principal)) this.entries.delete(key);
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.entries) if (entry.until <= now) this.entries.delete(key);
  }
}

// One cache per store (the tests open many in one process); the store object is the key.
const caches = new WeakMap<object, PrincipalCache>();

export function principalCache(store: object): PrincipalCache {
  let cache = caches.get(store);
  if (!cache) {
    const embedded = "engine" in store && store.engine === "pglite";
    cache = new PrincipalCache(embedded ? Number.POSITIVE_INFINITY : PRINCIPAL_TTL_MS);
    caches.set(store, cache);
  }
  return cache;
}

/** After a user's role, password or disabled state changed: their sessions and tokens. */
export function forgetUserPrincipals(store: object, userId: number): void {
  caches.get(store)?.forgetWhere((p) => p.userId === userId);
}

/** After a token was revoked. */
export function forgetTokenPrincipal(store: object, tokenId: string): void {
  caches.get(store)?.forgetWhere((p) => p.tokenId === tokenId);
}

/** After a session ended (logout); `key` is the session's cache key. */
export function forgetSessionPrincipal(store: object, key: string): void {
  caches.get(store)?.forget(key);
}
