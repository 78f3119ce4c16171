import { describe, expect, it } from "vitest";
import type { Principal } from "./authentication.ts";
import { PRINCIPAL_TTL_MS, principalCache } from "./principal-cache.ts";

const PRINCIPAL: Principal = {
  role: "editor",
  actor: "ed",
  via: "session",
  userId: 1,
  userName: "ed",
  tokenId: null,
};

describe("principal cache", () => {
  it("forgets after the TTL on PostgreSQL (other processes may change accounts)", () => {
    const cache = principalCache({ engine: "postgres" });
    cache.set("k", PRINCIPAL, cache.begin(), null);
    expect(cache.get("k")).toEqual(PRINCIPAL);
    expect(cache.get("k", Date.now() + PRINCIPAL_TTL_MS + 1)).toBeUndefined();
  });

  it("keeps until invalidated or expired on PGlite (one process holds the data folder)", () => {
    const cache = principalCache({ engine: "pglite" });
    cache.set("k", PRINCIPAL, cache.begin(), null);
    expect(cache.get("k", Date.now() + 24 * 3600_000)).toEqual(PRINCIPAL);
    cache.set("s", PRINCIPAL, cache.begin(), Date.now() + 60_000);
    expect(cache.get("s", Date.now() + 61_000)).toBeUndefined();
    cache.forget("k");
    expect(cache.get("k")).toBeUndefined();
  });
});
