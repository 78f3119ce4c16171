/**
 * Users, browser sessions and API tokens. Secrets are never stored: passwords as Argon2id
 * hashes, session cookies and token secrets as SHA-256 (they are long random values).
 * Changes to users and tokens go to the audit log without their hashes.
 */
import type { Queryable } from "./connection.ts";

export const ACCOUNT_ROLES = ["viewer", "editor", "admin"] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export interface User {
  id: number;
  name: string;
  role: AccountRole;
  disabled: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const TS = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const USER_COLUMNS = `u.id, u.name, u.role, u.disabled_at IS NOT NULL AS disabled, u.version,
  ${TS("u.created_at")} AS "createdAt", ${TS("u.updated_at")} AS "updatedAt"`;
const USER_AUDIT = "to_jsonb(u) - 'password_hash' - 'created_at' - 'updated_at'";

export async function findUser(
  q: Queryable,
  name: string,
): Promise<(User & { passwordHash: string }) | null> {
  const [row] = await q.query<User & { passwordHash: string }>(
    `SELECT ${USER_COLUMNS}, u.password_hash AS "passwordHash" FROM app_user u
     WHERE lower(u.name) = lower($1)`,
    [name],
  );
  return row ?? null;
}

export async function listUsers(q: Queryable): Promise<User[]> {
  return q.query<User>(`SELECT ${USER_COLUMNS} FROM app_user u ORDER BY lower(u.name)`);
}

export async function countAdmins(q: Queryable): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM app_user WHERE role = 'admin' AND disabled_at IS NULL",
  );
  return row?.n ?? 0;
}

export async function insertUser(
  tx: Queryable,
  user: { name: string; role: AccountRole; passwordHash: string },
  actor: string,
): Promise<void> {
  await tx.query(
    `WITH u AS (INSERT INTO app_user (name, role, password_hash) VALUES ($2, $3, $4) RETURNING *)
     INSERT INTO audit_log (actor, action, entity, entity_id, after)
     SELECT $1, 'insert', 'app_user', u.name, ${USER_AUDIT} FROM u`,
    [actor, user.name, user.role, user.passwordHash],
  );
}

export interface UserChange {
  role?: AccountRole;
  passwordHash?: string;
  disabled?: boolean;
}

/** Applies the change if the user's version is still `version`; false otherwise. */
export async function updateUser(
  tx: Queryable,
  userId: number,
  version: number,
  change: UserChange,
  actor: string,
): Promise<boolean> {
  const rows = await tx.query(
    `WITH old AS (SELECT ${USER_AUDIT} AS row FROM app_user u WHERE u.id = $2),
     u AS (
       UPDATE app_user SET
         role = coalesce($4, role),
         password_hash = coalesce($5, password_hash),
         disabled_at = CASE WHEN $6::boolean IS NULL THEN disabled_at
                            WHEN $6 THEN coalesce(disabled_at, now()) ELSE NULL END,
         version = version + 1, updated_at = now()
       WHERE id = $2 AND version = $3 RETURNING *)
     INSERT INTO audit_log (actor, action, entity, entity_id, before, after)
     SELECT $1, 'update', 'app_user', u.name, (SELECT row FROM old),
            ${USER_AUDIT} || jsonb_build_object('password_changed', $5::text IS NOT NULL)
     FROM u RETURNING 1`,
    [
      actor,
      userId,
      version,
      change.role ?? null,
      change.passwordHash ?? null,
      change.disabled ?? null,
    ],
  );
  return rows.length === 1;
}

export async function insertSession(
  q: Queryable,
  session: { tokenHash: string; userId: number; ttlSeconds: number },
): Promise<void> {
  await q.query("DELETE FROM user_session WHERE expires_at < now()");
  await q.query(
    `INSERT INTO user_session (token_hash, user_id, expires_at)
     VALUES ($1, $2, now() + make_interval(secs => $3))`,
    [session.tokenHash, session.userId, session.ttlSeconds],
  );
}

export interface SessionUser {
  userId: number;
  name: string;
  role: AccountRole;
  expired: boolean;
  /** Milliseconds until the session expires, by the database's clock. */
  msLeft: number;
}

/** The session's user, unless the session is unknown or the user disabled. */
export async function findSession(q: Queryable, tokenHash: string): Promise<SessionUser | null> {
  const [row] = await q.query<SessionUser>(
    `SELECT u.id AS "userId", u.name, u.role, s.expires_at <= now() AS expired,
            (extract(epoch FROM s.expires_at - now()) * 1000)::float8 AS "msLeft"
     FROM user_session s JOIN app_user u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND u.disabled_at IS NULL`,
    [tokenHash],
  );
  return row ?? null;
}

export async function deleteSession(q: Queryable, tokenHash: string): Promise<void> {
  await q.query("DELETE FROM user_session WHERE token_hash = $1", [tokenHash]);
}

export async function deleteSessionsOf(q: Queryable, userId: number): Promise<void> {
  await q.query("DELETE FROM user_session WHERE user_id = $1", [userId]);
}

/** Ends a session at once (tests of expiry, and logout elsewhere). */
export async function expireSession(q: Queryable, tokenHash: string): Promise<void> {
  await q.query(
    "UPDATE user_session SET expires_at = now() - interval '1 second' WHERE token_hash = $1",
    [tokenHash],
  );
}

export interface ApiToken {
  id: string;
  userName: string;
  name: string;
  role: AccountRole;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const TOKEN_COLUMNS = `k.id, u.name AS "userName", k.name, k.role, ${TS("k.created_at")} AS "createdAt",
  ${TS("k.expires_at")} AS "expiresAt", ${TS("k.last_used_at")} AS "lastUsedAt",
  ${TS("k.revoked_at")} AS "revokedAt"`;
const TOKEN_AUDIT = "to_jsonb(k) - 'secret_hash' - 'created_at'";

export async function insertToken(
  tx: Queryable,
  token: {
    id: string;
    userId: number;
    name: string;
    role: AccountRole;
    secretHash: string;
    expiresInDays: number | null;
  },
  actor: string,
): Promise<void> {
  await tx.query(
    `WITH k AS (
       INSERT INTO api_token (id, user_id, name, role, secret_hash, expires_at)
       VALUES ($2, $3, $4, $5, $6,
               CASE WHEN $7::int IS NULL THEN NULL ELSE now() + make_interval(days => $7::int) END)
       RETURNING *)
     INSERT INTO audit_log (actor, action, entity, entity_id, after)
     SELECT $1, 'insert', 'api_token', k.id, ${TOKEN_AUDIT} FROM k`,
    [actor, token.id, token.userId, token.name, token.role, token.secretHash, token.expiresInDays],
  );
}

export interface TokenUser {
  id: string;
  userId: number;
  userName: string;
  /** The lower of the token's role and its owner's present role. */
  role: AccountRole;
  tokenRole: AccountRole;
  userRole: AccountRole;
  secretHash: string;
  usable: boolean;
  /** Milliseconds until the token expires, by the database's clock; null: never. */
  msLeft: number | null;
}

export async function findToken(q: Queryable, id: string): Promise<TokenUser | null> {
  const [row] = await q.query<TokenUser>(
    `SELECT k.id, k.user_id AS "userId", u.name AS "userName", k.role AS "tokenRole",
            u.role AS "userRole", k.secret_hash AS "secretHash",
            (k.revoked_at IS NULL AND u.disabled_at IS NULL
              AND (k.expires_at IS NULL OR k.expires_at > now())) AS usable,
            (extract(epoch FROM k.expires_at - now()) * 1000)::float8 AS "msLeft"
     FROM api_token k JOIN app_user u ON u.id = k.user_id WHERE k.id = $1`,
    [id],
  );
  if (!row) return null;
  const rank = (role: AccountRole) => ACCOUNT_ROLES.indexOf(role);
  return { ...row, role: rank(row.tokenRole) <= rank(row.userRole) ? row.tokenRole : row.userRole };
}

/** Records a use; at most once a minute, to keep reads from writing on every request. */
export async function touchToken(q: Queryable, id: string): Promise<void> {
  await q.query(
    `UPDATE api_token SET last_used_at = now()
     WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
    [id],
  );
}

/** Tokens of one user, or of everybody (`userId` null), newest first. */
export async function listTokens(q: Queryable, userId: number | null): Promise<ApiToken[]> {
  return q.query<ApiToken>(
    `SELECT ${TOKEN_COLUMNS} FROM api_token k JOIN app_user u ON u.id = k.user_id
     WHERE $1::bigint IS NULL OR k.user_id = $1 ORDER BY k.created_at DESC, k.id`,
    [userId],
  );
}

export async function getToken(
  q: Queryable,
  id: string,
): Promise<(ApiToken & { userId: number }) | null> {
  const [row] = await q.query<ApiToken & { userId: number }>(
    `SELECT ${TOKEN_COLUMNS}, k.user_id AS "userId" FROM api_token k
     JOIN app_user u ON u.id = k.user_id WHERE k.id = $1`,
    [id],
  );
  return row ?? null;
}

export async function revokeToken(tx: Queryable, id: string, actor: string): Promise<void> {
  await tx.query(
    `WITH old AS (SELECT ${TOKEN_AUDIT} AS row FROM api_token k WHERE k.id = $2),
     k AS (UPDATE api_token SET revoked_at = now() WHERE id = $2 AND revoked_at IS NULL RETURNING *)
     INSERT INTO audit_log (actor, action, entity, entity_id, before, after)
     SELECT $1, 'update', 'api_token', k.id, (SELECT row FROM old), ${TOKEN_AUDIT} FROM k`,
    [actor, id],
  );
}
