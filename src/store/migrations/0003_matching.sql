-- Turnstile schema, version 3: name matching. Search keys of people's names, the review
-- queue of candidate pairs, and merges that keep the merged person's full before-state so
-- that they can be undone. Frozen once merged: change the schema in a new file.
-- Portable PostgreSQL, as 0001: plain btree indexes, no extension (no pg_trgm).

-- Phonetic keys of every person's names (src/domain/names/keys.ts): derived data,
-- rewritten whenever a person's names are written (refreshNameKeys in src/store/names.ts),
-- so not in the audit log. `alias` marks keys found only in alias names, which anonymous
-- readers do not search. Keys are ASCII and compared bytewise (COLLATE "C"), so that a
-- prefix is a range of the btree whatever the database's collation.
CREATE TABLE person_name_key (
  kind text NOT NULL CHECK (kind IN ('token', 'pair')),
  key text COLLATE "C" NOT NULL,
  person_id text NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  alias boolean NOT NULL DEFAULT false,
  PRIMARY KEY (kind, key, person_id)
);
CREATE INDEX person_name_key_person_idx ON person_name_key (person_id);

-- Which version of the key algorithm the keys were computed with: when the code's version
-- differs, every key is rebuilt.
CREATE TABLE name_key_state (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version integer NOT NULL,
  built_at timestamptz NOT NULL DEFAULT now()
);

-- One person merged into another. `before` holds what undoing needs: the merged person's
-- row and names, the ids of the events that moved, the names added to the kept person and
-- the kept person's fields before. No foreign keys: the history outlives the rows.
CREATE TABLE person_merge (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  into_id text NOT NULL,
  from_id text NOT NULL,
  before jsonb NOT NULL,
  candidate_id bigint,
  merged_by text NOT NULL,
  merged_at timestamptz NOT NULL DEFAULT now(),
  undone_by text,
  undone_at timestamptz,
  CONSTRAINT person_merge_two_people CHECK (into_id <> from_id)
);
CREATE INDEX person_merge_into_idx ON person_merge (into_id);
CREATE INDEX person_merge_from_idx ON person_merge (from_id);

-- Pairs of people that may be one person, with the match score and its explanation.
-- `linked`: merged automatically above the link threshold; `accepted`/`rejected`: decided
-- by a reviewer. A decided pair is not proposed again.
CREATE TABLE match_candidate (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  left_id text NOT NULL,
  right_id text NOT NULL,
  probability double precision NOT NULL CHECK (probability >= 0 AND probability <= 1),
  weight double precision NOT NULL,
  explanation jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'accepted', 'rejected', 'linked')),
  merge_id bigint REFERENCES person_merge (id),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_by text,
  decided_at timestamptz,
  note text,
  CONSTRAINT match_candidate_ordered CHECK (left_id < right_id),
  CONSTRAINT match_candidate_pair UNIQUE (left_id, right_id)
);
CREATE INDEX match_candidate_status_idx ON match_candidate (status, probability DESC, id);
