/**
 * Signing in and out, the session, one's own password and API tokens; user management for
 * admins. Login answers the same, in about the same time, for a wrong name and a wrong
 * password, and is throttled per name and rate-limited per address.
 */
import { z } from "zod";
import {
  changeOwnPassword,
  createApiToken,
  createUser,
  getUser,
  listUsers,
  revokeApiToken,
  tokensFor,
  updateAccount,
} from "../../services/accounts.ts";
import { csrfTokenFor, login, logout } from "../../services/authentication.ts";
import { ACCOUNT_ROLES } from "../../store/accounts.ts";
import { SESSION_COOKIE } from "../access.ts";
import { ERRORS, WRITE_ERRORS } from "../schemas/common.ts";
import type { Api, Deps } from "./types.ts";

const role = z.enum(ACCOUNT_ROLES);
const userName = z.string().min(1).max(64).describe("letters, digits, . _ @ - (no spaces)");
const password = z.string().min(1).max(1024).describe("at least 10 characters");

const userOut = z
  .object({
    id: z.number().int(),
    name: z.string(),
    role,
    disabled: z.boolean(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "User" });

const tokenOut = z
  .object({
    id: z.string(),
    userName: z.string(),
    name: z.string(),
    role,
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: "ApiToken" });

const sessionOut = z.object({
  user: z.object({ name: z.string(), role }).nullable(),
  via: z.enum(["anonymous", "session", "token"]),
  role: z.enum(["public", ...ACCOUNT_ROLES]),
  csrfToken: z
    .string()
    .nullable()
    .describe("send it as the X-CSRF-Token header with every write made with the session cookie"),
});

const ok = z.object({ ok: z.literal(true) });

export function registerAccountRoutes(app: Api, deps: Deps): void {
  const { store, config } = deps;
  const tags = ["accounts"];

  app.post("/api/auth/login", {
    config: {
      access: "public",
      csrfExempt: true,
      rateLimit: { max: config.loginsPerMinute, timeWindow: "1 minute" },
    },
    schema: {
      tags,
      summary: "sign in: sets an HttpOnly session cookie and returns the CSRF token",
      body: z.strictObject({ name: z.string().min(1).max(200), password: z.string().max(4096) }),
      response: { 200: sessionOut, ...ERRORS },
    },
    handler: async (request, reply) => {
      const result = await login(store, deps.throttle, request.body, config.sessionTtlSeconds);
      reply.setCookie(SESSION_COOKIE, result.sessionToken, {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: request.protocol === "https",
        maxAge: config.sessionTtlSeconds,
      });
      return {
        user: result.user,
        via: "session" as const,
        role: result.user.role,
        csrfToken: result.csrfToken,
      };
    },
  });

  app.post("/api/auth/logout", {
    config: { access: "viewer" },
    schema: { tags, summary: "sign out: ends the session", response: { 200: ok, ...ERRORS } },
    handler: async (request, reply) => {
      if (request.sessionToken) await logout(store, request.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true as const };
    },
  });

  app.get("/api/auth/session", {
    config: { access: "public" },
    schema: {
      tags,
      summary: "who you are, and the CSRF token of your session",
      response: { 200: sessionOut, ...ERRORS },
    },
    handler: async (request) => {
      const p = request.principal;
      return {
        user:
          p.userName === null
            ? null
            : { name: p.userName, role: p.role === "public" ? "viewer" : p.role },
        via: p.via,
        role: p.role,
        csrfToken: request.sessionToken ? csrfTokenFor(request.sessionToken) : null,
      };
    },
  });

  app.post("/api/auth/password", {
    config: { access: "viewer" },
    schema: {
      tags,
      summary: "change your own password (ends your sessions: sign in again)",
      body: z.strictObject({ currentPassword: z.string().max(4096), newPassword: password }),
      response: { 200: ok, ...WRITE_ERRORS },
    },
    handler: async (request) => {
      await changeOwnPassword(store, request.principal, request.body);
      return { ok: true as const };
    },
  });

  app.get("/api/users", {
    config: { access: "admin" },
    schema: {
      tags,
      summary: "all users (admins)",
      response: { 200: z.object({ items: z.array(userOut) }), ...ERRORS },
    },
    handler: async () => ({ items: await listUsers(store) }),
  });

  app.post("/api/users", {
    config: { access: "admin" },
    schema: {
      tags,
      summary: "create a user (admins)",
      body: z.strictObject({ name: userName, role, password }),
      response: { 201: userOut, ...WRITE_ERRORS },
    },
    handler: async (request, reply) => {
      reply.code(201);
      return createUser(store, request.body, request.principal.actor);
    },
  });

  app.get("/api/users/:name", {
    config: { access: "admin" },
    schema: {
      tags,
      summary: "one user (admins)",
      params: z.object({ name: userName }),
      response: { 200: userOut, ...ERRORS },
    },
    handler: async (request) => getUser(store, request.params.name),
  });

  app.patch("/api/users/:name", {
    config: { access: "admin" },
    schema: {
      tags,
      summary: "change a user's role or password, or disable them (admins)",
      params: z.object({ name: userName }),
      body: z.strictObject({
        version: z.number().int().min(1),
        role: role.optional(),
        password: password.optional(),
        disabled: z.boolean().optional(),
      }),
      response: { 200: userOut, ...WRITE_ERRORS },
    },
    handler: async (request) =>
      updateAccount(store, request.params.name, request.body, request.principal.actor),
  });

  app.get("/api/tokens", {
    config: { access: "viewer" },
    schema: {
      tags,
      summary: "your API tokens (admins: everybody's)",
      response: { 200: z.object({ items: z.array(tokenOut) }), ...ERRORS },
    },
    handler: async (request) => ({ items: await tokensFor(store, request.principal) }),
  });

  app.post("/api/tokens", {
    config: { access: "viewer" },
    schema: {
      tags,
      summary: "create an API token for yourself: the token is shown in this answer only",
      body: z.strictObject({
        name: z.string().min(1).max(200).describe("what it is for"),
        role: role.describe("at most your own role"),
        expiresInDays: z.number().int().min(1).max(3650).nullable().optional(),
      }),
      response: {
        201: z.object({
          token: z.string().describe("Authorization: Bearer <token>"),
          info: tokenOut,
        }),
        ...WRITE_ERRORS,
      },
    },
    handler: async (request, reply) => {
      reply.code(201);
      return createApiToken(store, request.principal, request.body);
    },
  });

  app.delete("/api/tokens/:id", {
    config: { access: "viewer" },
    schema: {
      tags,
      summary: "revoke an API token (yours; admins: any)",
      params: z.object({ id: z.string().max(40) }),
      response: { 200: tokenOut, ...WRITE_ERRORS },
    },
    handler: async (request) => revokeApiToken(store, request.principal, request.params.id),
  });
}
