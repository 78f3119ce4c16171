/**
 * Who is asking: passwords (Argon2id), browser sessions and API tokens. Secrets are long
 * random values shown once; the database keeps only hashes of them. A failed login gives
 * the same answer, after about the same time, whether or not the account exists.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import {
  type AccountRole,
  deleteSession,
  findSession,
  findToken,
  findUser,
  insertSession,
  touchToken,
} from "../store/accounts.ts";
import type { Queryable } from "../store/connection.ts";
import { ThrottledError, UnauthenticatedError, ValidationError } from "./errors.ts";
import type { LoginThrottle } from "./login-throttle.ts";
import { forgetSessionPrincipal, principalCache } from "./principal-cache.ts";
import type { Viewer } from "./visibility.ts";

/** A viewer known by their account: how they signed in and what it lets them do. */
export interface Principal extends Viewer {
  via: "anonymous" | "session" | "token";
  userId: number | null;
  userName: string | null;
  tokenId: string | null;
}

export const ANONYMOUS_PRINCIPAL: Principal = {
  role: "public",
  actor: "anonymous",
  via: "anonymous",
  userId: null,
  userName: null,
  tokenId: null,
};

export const MIN_PASSWORD = 10;
export const MAX_PASSWORD = 1024;

/** The password's problem, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD) return `must have at least ${MIN_PASSWORD} characters`;
  if (password.length > MAX_PASSWORD) return `must have at most ${MAX_PASSWORD} characters`;
  return null;
}

/** Argon2id with the library's defaults (19 MiB, 2 passes: OWASP's recommendation). */
export function hashPassword(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw new ValidationError([{ field: "password", message: problem }]);
  return hash(password);
}

let dummyHash: Promise<string> | undefined;
/** A hash to check wrong names against, so that they take as long as wrong passwords. */
function decoy(): Promise<string> {
  dummyHash ??= hash(randomBytes(16).toString("hex"));
  return dummyHash;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The CSRF token of a session: derived from its secret cookie, so nothing more is stored. */
export function csrfTokenFor(sessionToken: string): string {
  return createHash("sha256").update(`csrf:${sessionToken}`).digest("base64url");
}

export function csrfMatches(sessionToken: string, given: string | undefined): boolean {
  return given !== undefined && sameSecret(csrfTokenFor(sessionToken), given);
}

export interface LoginResult {
  user: { name: string; role: AccountRole };
  sessionToken: string;
  csrfToken: string;
}

const WRONG = "wrong name or password";

/** Checks a name and password and opens a session of `ttlSeconds`. */
export async function login(
  q: Queryable,
  throttle: LoginThrottle,
  credentials: { name: string; password: string },
  ttlSeconds: number,
): Promise<LoginResult> {
  const wait = throttle.waitFor(credentials.name);
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    throw new ThrottledError(
      `too many failed logins for this name: try again in ${seconds} s`,
      seconds,
    );
  }
  const user = await findUser(q, credentials.name);
  const password = credentials.password.slice(0, MAX_PASSWORD);
  const ok = await verify(user?.passwordHash ?? (await decoy()), password).catch(() => false);
  if (!user || !ok || user.disabled) {
    throttle.failed(credentials.name);
    throw new UnauthenticatedError(WRONG);
  }
  throttle.succeeded(credentials.name);
  const sessionToken = randomBytes(32).toString("base64url");
  await insertSession(q, { tokenHash: sha256(sessionToken), userId: user.id, ttlSeconds });
  return {
    user: { name: user.name, role: user.role },
    sessionToken,
    csrfToken: csrfTokenFor(sessionToken),
  };
}

export async function logout(q: Queryable, sessionToken: string): Promise<void> {
  const tokenHash = sha256(sessionToken);
  await deleteSession(q, tokenHash);
  forgetSessionPrincipal(q, `session:${tokenHash}`);
}

/**
 * The principal of a session cookie; "expired" for an old or unknown one. Remembered for a
 * while (principal-cache.ts) when `q` is the store itself.
 */
export async function sessionPrincipal(
  q: Queryable,
  sessionToken: string,
): Promise<Principal | "expired"> {
  const tokenHash = sha256(sessionToken);
  const key = `session:${tokenHash}`;
  const cache = principalCache(q);
  const cached = cache.get(key);
  if (cached) return cached;
  const generation = cache.begin();
  const session = await findSession(q, tokenHash);
  if (!session || session.expired) return "expired";
  const principal: Principal = {
    role: session.role,
    actor: session.name,
    via: "session",
    userId: session.userId,
    userName: session.name,
    tokenId: null,
  };
  cache.set(key, principal, generation, Date.now() + session.msLeft);
  return principal;
}

// The last use is recorded at most once a minute per token (touchToken checks it too).
const TOUCH_EVERY_MS = 60_000;
const lastTouched = new Map<string, number>();

const TOKEN_SHAPE = /^tsk_([0-9a-f]{10})_([0-9a-f]{64})$/;

/** A new token's id and secret; the text is shown once, its hash stored. */
export function newApiToken(): { id: string; text: string; secretHash: string } {
  const id = randomBytes(5).toString("hex");
  const secret = randomBytes(32).toString("hex");
  return { id, text: `tsk_${id}_${secret}`, secretHash: sha256(secret) };
}

/** The principal of a bearer token, or null when it is malformed, unknown, revoked or expired. */
export async function tokenPrincipal(q: Queryable, text: string): Promise<Principal | null> {
  const match = TOKEN_SHAPE.exec(text);
  if (!match) return null;
  const [, id, secret] = match as unknown as [string, string, string];
  // Keyed by a hash of the whole text: a wrong secret with a good id is never a hit.
  const key = `token:${sha256(text)}`;
  const cache = principalCache(q);
  let principal = cache.get(key);
  if (!principal) {
    const generation = cache.begin();
    const token = await findToken(q, id);
    if (!token || !sameSecret(token.secretHash, sha256(secret)) || !token.usable) return null;
    principal = {
      role: token.role,
      actor: `token:${id}`,
      via: "token",
      userId: token.userId,
      userName: token.userName,
      tokenId: id,
    };
    const expiresAt = token.msLeft === null ? null : Date.now() + token.msLeft;
    cache.set(key, principal, generation, expiresAt);
  }
  const now = Date.now();
  if ((lastTouched.get(id) ?? 0) < now - TOUCH_EVERY_MS) {
    lastTouched.set(id, now);
    await touchToken(q, id);
  }
  return principal;
}
