/**
 * Managing accounts: users (admins), API tokens (each user their own; admins all), one's
 * own password. Every change is in the audit log, without hashes or secrets.
 */

import { verify } from "@node-rs/argon2";
import {
  type AccountRole,
  type ApiToken,
  countAdmins,
  deleteSessionsOf,
  findUser,
  getToken,
  insertToken,
  insertUser,
  listTokens,
  listUsers,
  revokeToken,
  type User,
  updateUser,
} from "../store/accounts.ts";
import type { Queryable, Store } from "../store/connection.ts";
import { hashPassword, newApiToken, type Principal } from "./authentication.ts";
import {
  ConflictError,
  constraintViolation,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from "./errors.ts";
import { forgetTokenPrincipal, forgetUserPrincipals } from "./principal-cache.ts";
import { atLeast } from "./visibility.ts";

export type { User };

const NAME = /^[\p{L}\p{N}._@-]{1,64}$/u;

function checkName(name: string): void {
  if (!NAME.test(name)) {
    throw new ValidationError([
      {
        field: "name",
        message: "must be 1 to 64 letters, digits or . _ @ - (no spaces)",
      },
    ]);
  }
}

async function userNamed(q: Queryable, name: string): Promise<User & { passwordHash: string }> {
  const user = await findUser(q, name);
  if (!user) throw new NotFoundError(`no user "${name}"`);
  return user;
}

function publicUser(user: User): User {
  const { id, name, role, disabled, version, createdAt, updatedAt } = user;
  return { id, name, role, disabled, version, createdAt, updatedAt };
}

export async function getUser(q: Queryable, name: string): Promise<User> {
  return publicUser(await userNamed(q, name));
}

export { listUsers };

export async function createUser(
  store: Store,
  input: { name: string; role: AccountRole; password: string },
  actor: string,
): Promise<User> {
  checkName(input.name);
  const passwordHash = await hashPassword(input.password);
  try {
    await store.transaction(async (tx) => {
      if (await findUser(tx, input.name)) {
        throw new ConflictError(`a user named "${input.name}" already exists`);
      }
      await insertUser(tx, { name: input.name, role: input.role, passwordHash }, actor);
    });
  } catch (error) {
    if (constraintViolation(error) === "unique") {
      throw new ConflictError(`a user named "${input.name}" already exists`);
    }
    throw error;
  }
  return getUser(store, input.name);
}

export interface UserPatch {
  version: number;
  role?: AccountRole;
  password?: string;
  disabled?: boolean;
}

/**
 * Changes a user's role, password or disabled state (admins). Their sessions end when the
 * password changes or the account is disabled or demoted; the last admin cannot be demoted
 * or disabled.
 */
export async function updateAccount(
  store: Store,
  name: string,
  patch: UserPatch,
  actor: string,
): Promise<User> {
  const passwordHash =
    patch.password === undefined ? undefined : await hashPassword(patch.password);
  let changedUser: number | null = null;
  await store.transaction(async (tx) => {
    const user = await userNamed(tx, name);
    if (user.version !== patch.version) {
      throw new ConflictError(
        `user "${user.name}" is at version ${user.version}, not ${patch.version}: changed by someone else`,
        publicUser(user),
      );
    }
    const losesAdmin =
      user.role === "admin" &&
      !user.disabled &&
      ((patch.role !== undefined && patch.role !== "admin") || patch.disabled === true);
    if (losesAdmin && (await countAdmins(tx)) <= 1) {
      throw new ConflictError(`"${user.name}" is the last admin: make another admin first`);
    }
    const change = { role: patch.role, passwordHash, disabled: patch.disabled };
    if (!(await updateUser(tx, user.id, patch.version, change, actor))) {
      throw new ConflictError(`user "${user.name}" was changed by someone else`, publicUser(user));
    }
    const demoted = patch.role !== undefined && !atLeast(patch.role, user.role);
    if (passwordHash !== undefined || patch.disabled === true || demoted) {
      await deleteSessionsOf(tx, user.id);
    }
    changedUser = user.id;
  });
  // After the commit: a request between here and the commit could cache the old rights.
  if (changedUser !== null) forgetUserPrincipals(store, changedUser);
  return getUser(store, name);
}

/** A signed-in user changes their own password, giving the current one. */
export async function changeOwnPassword(
  store: Store,
  principal: Principal,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  if (principal.userName === null) throw new UnauthenticatedError("sign in first");
  const user = await userNamed(store, principal.userName);
  if (!(await verify(user.passwordHash, input.currentPassword).catch(() => false))) {
    throw new ValidationError([
      { field: "currentPassword", message: "is not your current password" },
    ]);
  }
  await updateAccount(
    store,
    user.name,
    { version: user.version, password: input.newPassword },
    principal.actor,
  );
}

export interface NewToken {
  /** The token itself: shown this once, never stored. */
  token: string;
  info: ApiToken;
}

/** A token for the principal's own account, with a role no higher than their own. */
export async function createApiToken(
  store: Store,
  principal: Principal,
  input: { name: string; role: AccountRole; expiresInDays?: number | null },
): Promise<NewToken> {
  if (principal.userId === null) throw new UnauthenticatedError("sign in first");
  if (!atLeast(principal.role, input.role)) {
    throw new ForbiddenError(
      `a token cannot have a higher role than yours (${principal.role}); asked for ${input.role}`,
    );
  }
  const { id, text, secretHash } = newApiToken();
  await store.transaction((tx) =>
    insertToken(
      tx,
      {
        id,
        userId: principal.userId as number,
        name: input.name,
        role: input.role,
        secretHash,
        expiresInDays: input.expiresInDays ?? null,
      },
      principal.actor,
    ),
  );
  const info = await getToken(store, id);
  if (!info) throw new Error(`token ${id} vanished`);
  const { userId: _owner, ...rest } = info;
  return { token: text, info: rest };
}

/** The principal's own tokens; an admin's list has everybody's. */
export async function tokensFor(q: Queryable, principal: Principal): Promise<ApiToken[]> {
  if (principal.userId === null) throw new UnauthenticatedError("sign in first");
  return listTokens(q, atLeast(principal.role, "admin") ? null : principal.userId);
}

/** Revokes a token of one's own (or any, for an admin). */
export async function revokeApiToken(
  store: Store,
  principal: Principal,
  id: string,
): Promise<ApiToken> {
  const token = await getToken(store, id);
  const mine = token !== null && token.userId === principal.userId;
  if (!token || (!mine && !atLeast(principal.role, "admin"))) {
    throw new NotFoundError(`no token "${id}"`);
  }
  await store.transaction((tx) => revokeToken(tx, id, principal.actor));
  forgetTokenPrincipal(store, id);
  const { userId: _owner, ...rest } = (await getToken(store, id)) as ApiToken & { userId: number };
  return rest;
}
