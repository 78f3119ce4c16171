-- Turnstile schema, version 2: accounts, sessions, API tokens, the trash of soft-deleted
-- records, restricted sources. Frozen once merged: change the schema in a new file.
-- Portable PostgreSQL, as 0001.

-- Roles: `public` is the anonymous visitor and has no account.
CREATE TABLE app_user (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
  -- Argon2id, in the PHC string format ($argon2id$v=19$m=...,t=...,p=...$salt$hash).
  password_hash text NOT NULL,
  disabled_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Names are compared without case: "Admin" and "admin" are one account.
CREATE UNIQUE INDEX app_user_name_idx ON app_user (lower(name));

-- A browser session. Only the SHA-256 of the cookie's random value is stored, so a copy of
-- the database does not let anyone sign in.
CREATE TABLE user_session (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

-- A token for scripts: shown once, stored as the SHA-256 of its secret part, scoped to a
-- role no higher than its owner's, revocable; the last use is recorded.
CREATE TABLE api_token (
  id text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
  secret_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_token_user_idx ON api_token (user_id);

-- Soft deletes: a deleted record leaves its table for the trash, with the rows that went
-- with it (a person's names and events), so that every query of the registry keeps
-- ignoring it without a filter; an admin can put it back.
CREATE TABLE deleted_record (
  entity text NOT NULL,
  entity_id text NOT NULL,
  -- {"<table>": [row, ...], ...}: each row as to_jsonb gave it.
  rows jsonb NOT NULL,
  deleted_at timestamptz NOT NULL DEFAULT now(),
  deleted_by text NOT NULL,
  PRIMARY KEY (entity, entity_id)
);

-- Sources that may name informants or families: only signed-in viewers and above see them.
ALTER TABLE source ADD COLUMN restricted boolean NOT NULL DEFAULT false;

ALTER TABLE audit_log DROP CONSTRAINT audit_log_action_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_action_check
  CHECK (action IN ('insert', 'update', 'delete', 'restore'));
CREATE INDEX audit_log_actor_idx ON audit_log (actor, id);

-- Pages of people in name order, and the public subset that anonymous readers list.
CREATE INDEX person_name_idx ON person (name, id);
CREATE INDEX person_scope_idx ON person (visibility, consent);
