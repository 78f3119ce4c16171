/**
 * Accounts: login and its cookie, the same answer for a wrong name and a wrong password,
 * throttling, CSRF on cookie writes, API tokens (shown once, scoped, revocable, last use
 * recorded), user management by admins, the last admin, expired sessions.
 */
import { beforeAll, expect, it, vi } from "vitest";
import type { Api } from "../../src/server/routes/types.ts";
import { PRINCIPAL_TTL_MS } from "../../src/services/principal-cache.ts";
import { auditHead } from "../../src/store/audit.ts";
import { describeEachStore } from "../helpers/stores.ts";
import { account, call, PASSWORD, sessionHeaders, testApp, tokenHeaders } from "./helpers.ts";

function cookieOf(response: { headers: Record<string, unknown> }): string {
  const header = response.headers["set-cookie"];
  const text = Array.isArray(header) ? header.join("\n") : String(header);
  return text;
}

describeEachStore("accounts", (use) => {
  let app: Api;

  beforeAll(async () => {
    const { store } = use();
    app = await testApp(store);
    await account(store, "root", "admin");
    await account(store, "vera", "viewer");
    await account(store, "ed", "editor");
  });

  const login = (name: string, password: string, headers: Record<string, string> = {}) =>
    call(app, "POST", "/api/auth/login", { body: { name, password }, headers });

  it("logs in with an HttpOnly, SameSite=Lax session cookie and a CSRF token", async () => {
    const response = await login("Vera", PASSWORD);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ user: { name: "vera", role: "viewer" }, via: "session" });
    expect(body.csrfToken).toMatch(/^[\w-]{43}$/);
    const cookie = cookieOf(response);
    expect(cookie).toMatch(
      /^turnstile_session=[\w-]{43}; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    const value = /turnstile_session=([\w-]+)/.exec(cookie)?.[1];
    const session = await call(app, "GET", "/api/auth/session", {
      headers: { cookie: `turnstile_session=${value}` },
    });
    expect(session.json()).toEqual({
      user: { name: "vera", role: "viewer" },
      via: "session",
      role: "viewer",
      csrfToken: body.csrfToken,
    });
  });

  it("marks the cookie Secure behind a TLS proxy", async () => {
    const response = await login("vera", PASSWORD, { "x-forwarded-proto": "https" });
    expect(cookieOf(response)).toContain("; Secure");
  });

  it("answers a wrong password and an unknown name the same way", async () => {
    const wrong = await login("ed", "not the password at all");
    const unknown = await login("nobody-at-all", "not the password at all");
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    expect(wrong.json().error.message).toBe("wrong name or password");
    expect(wrong.headers["set-cookie"]).toBeUndefined();
  });

  it("throttles a name after repeated failures, existing or not, even with the right password", async () => {
    for (const name of ["root", "ghost-user"]) {
      for (let i = 0; i < 5; i++)
        expect((await login(name, "wrong password!!")).statusCode).toBe(401);
      const blocked = await login(name, name === "root" ? PASSWORD : "wrong password!!");
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.message).toMatch(
        /too many failed logins for this name: try again in \d+ s/,
      );
      expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    }
    // Other names are not affected.
    expect((await login("ed", PASSWORD)).statusCode).toBe(200);
  });

  it("rate-limits logins per address", async () => {
    const strict = await testApp(use().store, { loginsPerMinute: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (await call(strict, "POST", "/api/auth/login", { body: { name: "x", password: "y" } }))
          .statusCode,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    await strict.close();
  });

  it("requires the CSRF token for writes made with the session cookie, not with a token", async () => {
    const headers = await sessionHeaders(use().store, await account(use().store, "ed", "editor"));
    const body = { title: "csrf test source" };
    const none = await call(app, "POST", "/api/sources", {
      headers: { cookie: headers.cookie as string },
      body,
    });
    expect(none.statusCode).toBe(403);
    expect(none.json().error.code).toBe("csrf");
    const wrong = await call(app, "POST", "/api/sources", {
      headers: { ...headers, "x-csrf-token": "A".repeat(43) },
      body,
    });
    expect(wrong.statusCode).toBe(403);
    expect((await call(app, "POST", "/api/sources", { headers, body })).statusCode).toBe(201);
  });

  it("API tokens: shown once, scoped, last use recorded, revocable", async () => {
    const editor = await sessionHeaders(use().store, await account(use().store, "ed", "editor"));
    const tooHigh = await call(app, "POST", "/api/tokens", {
      headers: editor,
      body: { name: "too much", role: "admin" },
    });
    expect(tooHigh.statusCode).toBe(403);
    const made = await call(app, "POST", "/api/tokens", {
      headers: editor,
      body: { name: "script", role: "viewer", expiresInDays: 30 },
    });
    expect(made.statusCode).toBe(201);
    const { token, info } = made.json();
    expect(token).toMatch(/^tsk_[0-9a-f]{10}_[0-9a-f]{64}$/);
    expect(info).toMatchObject({
      name: "script",
      role: "viewer",
      userName: "ed",
      lastUsedAt: null,
    });
    const bearer = { authorization: `Bearer ${token}` };
    // Scoped: a viewer token of an editor cannot write.
    expect((await call(app, "GET", "/api/people", { headers: bearer })).statusCode).toBe(200);
    expect(
      (await call(app, "POST", "/api/sources", { headers: bearer, body: { title: "x" } }))
        .statusCode,
    ).toBe(403);
    const list = (await call(app, "GET", "/api/tokens", { headers: editor })).json().items;
    const listed = list.find((t: { id: string }) => t.id === info.id);
    expect(listed.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list)).not.toContain(token.slice(15));
    const [stored] = await use().store.query<{ secret_hash: string }>(
      "SELECT secret_hash FROM api_token WHERE id = $1",
      [info.id],
    );
    expect(stored?.secret_hash).not.toContain(token.slice(15));
    const revoked = await call(app, "DELETE", `/api/tokens/${info.id}`, { headers: editor });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    const after = await call(app, "GET", "/api/people", { headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toBe("the API token is invalid, revoked or expired");
    // Someone else's token is "not found" to a non-admin.
    const viewer = await sessionHeaders(use().store, await account(use().store, "vera", "viewer"));
    expect(
      (await call(app, "DELETE", `/api/tokens/${info.id}`, { headers: viewer })).statusCode,
    ).toBe(404);
  });

  it("token writes are audited as token:<id>; expired tokens are refused", async () => {
    const store = use().store;
    const editor = await sessionHeaders(store, await account(store, "ed", "editor"));
    const { token, info } = (
      await call(app, "POST", "/api/tokens", {
        headers: editor,
        body: { name: "w", role: "editor" },
      })
    ).json();
    const bearer = { authorization: `Bearer ${token}` };
    const created = await call(app, "POST", "/api/sources", {
      headers: bearer,
      body: { title: "by token" },
    });
    expect(created.statusCode).toBe(201);
    const [entry] = await store.query<{ actor: string }>(
      "SELECT actor FROM audit_log WHERE entity = 'source' AND entity_id = $1",
      [created.json().id],
    );
    expect(entry?.actor).toBe(`token:${info.id}`);
    await store.query(
      "UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = $1",
      [info.id],
    );
    // A change made behind the server's back (SQL here, another process in real life) is
    // seen on PostgreSQL once the remembered principal is older than its time to live. An
    // embedded store has no other process (its folder is locked): it keeps the principal.
    expect((await call(app, "GET", "/api/people", { headers: bearer })).statusCode).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + PRINCIPAL_TTL_MS + 1);
      expect((await call(app, "GET", "/api/people", { headers: bearer })).statusCode).toBe(
        use().kind === "postgres" ? 401 : 200,
      );
    } finally {
      vi.useRealTimers();
    }
  });

  it("a revoked token, or a demoted user's token and session, lose their rights at once", async () => {
    const store = use().store;
    const admin = await sessionHeaders(store, await account(store, "root", "admin"));
    const dora = await account(store, "dora", "editor");
    const session = await sessionHeaders(store, dora);
    const first = await tokenHeaders(store, dora, "editor");
    const second = await tokenHeaders(store, dora, "editor");
    const write = (headers: Record<string, string>) =>
      call(app, "POST", "/api/sources", { headers, body: { title: "by dora" } });
    // Each is used (and so remembered) before the change.
    expect((await write(session)).statusCode).toBe(201);
    expect((await write(first.headers)).statusCode).toBe(201);
    expect((await write(second.headers)).statusCode).toBe(201);
    expect(
      (await call(app, "DELETE", `/api/tokens/${first.id}`, { headers: admin })).statusCode,
    ).toBe(200);
    expect((await write(first.headers)).statusCode).toBe(401);
    expect((await write(second.headers)).statusCode).toBe(201);
    const user = (await call(app, "GET", "/api/users/dora", { headers: admin })).json();
    const demoted = await call(app, "PATCH", "/api/users/dora", {
      headers: admin,
      body: { version: user.version, role: "viewer" },
    });
    expect(demoted.statusCode).toBe(200);
    expect((await write(second.headers)).statusCode).toBe(403);
    expect((await call(app, "GET", "/api/people", { headers: second.headers })).statusCode).toBe(
      200,
    );
    expect((await write(session)).statusCode).toBe(401);
  });

  it("admins manage users over the API, with versions and an audit trail without hashes", async () => {
    const store = use().store;
    const admin = await sessionHeaders(store, await account(store, "root", "admin"));
    const created = await call(app, "POST", "/api/users", {
      headers: admin,
      body: { name: "nina", role: "viewer", password: "short" },
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.fields).toEqual([
      { field: "password", message: "must have at least 10 characters" },
    ]);
    const ok = await call(app, "POST", "/api/users", {
      headers: admin,
      body: { name: "nina", role: "viewer", password: "a long enough password" },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ name: "nina", role: "viewer", disabled: false, version: 1 });
    expect(
      (
        await call(app, "POST", "/api/users", {
          headers: admin,
          body: { name: "NINA", role: "viewer", password: "a long enough password" },
        })
      ).statusCode,
    ).toBe(409);
    const promoted = await call(app, "PATCH", "/api/users/nina", {
      headers: admin,
      body: { version: 1, role: "editor" },
    });
    expect(promoted.json()).toMatchObject({ role: "editor", version: 2 });
    const stale = await call(app, "PATCH", "/api/users/nina", {
      headers: admin,
      body: { version: 1, disabled: true },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ name: "nina", version: 2 });
    const ninaSession = await sessionHeaders(store, await account(store, "nina", "editor"));
    await call(app, "PATCH", "/api/users/nina", {
      headers: admin,
      body: { version: 2, disabled: true },
    });
    expect((await call(app, "GET", "/api/tokens", { headers: ninaSession })).statusCode).toBe(401);
    expect(
      (
        await call(app, "POST", "/api/auth/login", {
          body: { name: "nina", password: "a long enough password" },
        })
      ).statusCode,
    ).toBe(401);
    const log = await store.query<{ after: unknown }>(
      "SELECT after FROM audit_log WHERE entity = 'app_user' AND entity_id = 'nina' ORDER BY id",
    );
    expect(log).toHaveLength(3);
    expect(JSON.stringify(log)).not.toContain("argon2");
  });

  it("the last admin cannot be demoted or disabled", async () => {
    const store = use().store;
    const admin = await sessionHeaders(store, await account(store, "root", "admin"));
    const root = (await call(app, "GET", "/api/users/root", { headers: admin })).json();
    const head = await auditHead(store);
    const response = await call(app, "PATCH", "/api/users/root", {
      headers: admin,
      body: { version: root.version, role: "viewer" },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toMatch(/last admin/);
    expect(await auditHead(store)).toBe(head);
  });

  it("logout ends the session; changing one's password needs the current one", async () => {
    const store = use().store;
    const session = await sessionHeaders(store, await account(store, "vera", "viewer"));
    const wrong = await call(app, "POST", "/api/auth/password", {
      headers: session,
      body: { currentPassword: "nope", newPassword: "another long password" },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].field).toBe("currentPassword");
    expect((await call(app, "POST", "/api/auth/logout", { headers: session })).statusCode).toBe(
      200,
    );
    expect((await call(app, "GET", "/api/tokens", { headers: session })).statusCode).toBe(401);
  });
});
