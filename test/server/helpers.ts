/**
 * Helpers of the API tests: an app over a test store, accounts of each role, sessions and
 * tokens minted directly (no Argon2 per request), and requests made as one of them.
 */
import { randomBytes } from "node:crypto";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { buildApp } from "../../src/server/app.ts";
import type { ServerConfig } from "../../src/server/config.ts";
import type { Api } from "../../src/server/routes/types.ts";
import { createApiToken, createUser } from "../../src/services/accounts.ts";
import { csrfTokenFor, type Principal, sha256 } from "../../src/services/authentication.ts";
import { LoginThrottle } from "../../src/services/login-throttle.ts";
import { type AccountRole, findUser, insertSession } from "../../src/store/accounts.ts";
import type { Store } from "../../src/store/connection.ts";

export const PASSWORD = "correct horse battery staple";

export async function testApp(store: Store, config: Partial<ServerConfig> = {}): Promise<Api> {
  const app = await buildApp(store, {
    logger: false,
    config: { writesPerMinute: 100_000, loginsPerMinute: 100_000, ...config },
    throttle: new LoginThrottle({ maxNames: 1000 }),
  });
  await app.ready();
  return app;
}

export interface Account {
  name: string;
  role: AccountRole;
  userId: number;
}

export async function account(store: Store, name: string, role: AccountRole): Promise<Account> {
  const existing = await findUser(store, name);
  if (!existing) await createUser(store, { name, role, password: PASSWORD }, "test");
  const user = await findUser(store, name);
  if (!user) throw new Error("user not created");
  return { name: user.name, role: user.role, userId: user.id };
}

/** A fresh session of the account, made without logging in: cookie and CSRF headers. */
export async function sessionHeaders(
  store: Store,
  user: Account,
  ttlSeconds = 3600,
): Promise<Record<string, string>> {
  const token = randomBytes(32).toString("base64url");
  await insertSession(store, { tokenHash: sha256(token), userId: user.userId, ttlSeconds });
  return { cookie: `turnstile_session=${token}`, "x-csrf-token": csrfTokenFor(token) };
}

/** An API token of the account with `role`: the Authorization header. */
export async function tokenHeaders(
  store: Store,
  user: Account,
  role: AccountRole = user.role,
): Promise<{ headers: Record<string, string>; id: string }> {
  const principal: Principal = {
    role: user.role,
    actor: user.name,
    via: "session",
    userId: user.userId,
    userName: user.name,
    tokenId: null,
  };
  const made = await createApiToken(store, principal, { name: `test ${role}`, role });
  return { headers: { authorization: `Bearer ${made.token}` }, id: made.info.id };
}

export async function call(
  app: Api,
  method: InjectOptions["method"],
  url: string,
  options: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers: options.headers,
    ...(options.body === undefined ? {} : { payload: options.body as InjectOptions["payload"] }),
  });
}
