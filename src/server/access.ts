/**
 * Who may call a route. Every route declares `config.access`; one hook, before anything
 * else runs, finds the principal (API token, session cookie, or anonymous), answers 401 or
 * 403, and checks the CSRF token of writes that a browser's cookie authenticates.
 */
import { timingSafeEqual } from "node:crypto";
import type {} from "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";
import {
  ANONYMOUS_PRINCIPAL,
  csrfMatches,
  type Principal,
  sessionPrincipal,
  tokenPrincipal,
} from "../services/authentication.ts";
import { ForbiddenError, UnauthenticatedError } from "../services/errors.ts";
import { atLeast, type Role } from "../services/visibility.ts";
import type { Store } from "../store/connection.ts";
import type { Api } from "./routes/types.ts";

/** A role (the lowest allowed), or `local`: the command line on this machine (run.ts). */
export type Access = Role | "local";

export const SESSION_COOKIE = "turnstile_session";
export const CSRF_HEADER = "x-csrf-token";
export const LOCAL_HEADER = "x-turnstile-local";

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
    /** Writes that need no CSRF token (login: there is no session yet). */
    csrfExempt?: boolean;
  }
  interface FastifyRequest {
    principal: Principal;
    /** The session cookie's value, when the request came with a valid one. */
    sessionToken: string | null;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

async function principalOf(
  store: Store,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<{ principal: Principal; expired: boolean }> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const [scheme, value] = header.split(" ", 2);
    if (scheme?.toLowerCase() !== "bearer" || !value) {
      throw new UnauthenticatedError('the Authorization header must be "Bearer <API token>"');
    }
    const principal = await tokenPrincipal(store, value.trim());
    if (!principal) throw new UnauthenticatedError("the API token is invalid, revoked or expired");
    return { principal, expired: false };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie) {
    const found = await sessionPrincipal(store, cookie);
    if (found !== "expired") {
      request.sessionToken = cookie;
      return { principal: found, expired: false };
    }
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return { principal: ANONYMOUS_PRINCIPAL, expired: true };
  }
  return { principal: ANONYMOUS_PRINCIPAL, expired: false };
}

export function registerAccessControl(app: Api, store: Store, localSecret: string | null): void {
  app.decorateRequest("principal", null as unknown as Principal);
  app.decorateRequest("sessionToken", null);
  app.addHook("onRequest", async (request, reply) => {
    request.principal = ANONYMOUS_PRINCIPAL;
    const access = request.routeOptions.config.access;
    if (access === undefined) return; // no such route: the 404 handler answers
    if (access === "local") {
      const given = request.headers[LOCAL_HEADER];
      const ok =
        localSecret !== null &&
        typeof given === "string" &&
        sameSecret(given, localSecret) &&
        ["127.0.0.1", "::1", "::ffff:127.0.0.1"].includes(request.socket.remoteAddress ?? "");
      if (!ok)
        throw new ForbiddenError("this route is for the turnstile command on the server's machine");
      request.principal = { ...ANONYMOUS_PRINCIPAL, role: "admin", actor: "cli" };
      return;
    }
    const { principal, expired } = await principalOf(store, request, reply);
    request.principal = principal;
    if (!atLeast(principal.role, access)) {
      if (principal.via === "anonymous") {
        throw new UnauthenticatedError(
          expired
            ? "your session has expired: sign in again"
            : `sign in first (${access} role or above): a session cookie from POST /api/auth/login, or Authorization: Bearer <API token>`,
        );
      }
      throw new ForbiddenError(`this needs the ${access} role or above; you are ${principal.role}`);
    }
    if (
      principal.via === "session" &&
      !SAFE_METHODS.has(request.method) &&
      !request.routeOptions.config.csrfExempt
    ) {
      const given = request.headers[CSRF_HEADER];
      if (
        !csrfMatches(request.sessionToken as string, typeof given === "string" ? given : undefined)
      ) {
        throw new CsrfError();
      }
    }
  });
}

export class CsrfError extends ForbiddenError {
  constructor() {
    super(
      `missing or wrong ${CSRF_HEADER} header: writes with a session cookie must send the csrfToken ` +
        "given by POST /api/auth/login or GET /api/auth/session",
    );
    this.name = "CsrfError";
  }
}
