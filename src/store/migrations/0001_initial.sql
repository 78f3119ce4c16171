-- Turnstile schema, version 1. Frozen once merged: change the schema in a new file.
-- Partial dates are stored three ways: the canonical EDTF text as written (`2025-09~`),
-- and the first and last day it covers, which the queries and indexes use.
-- Portable PostgreSQL: no extension, no engine-specific feature (PGlite, PostgreSQL,
-- and distributed engines such as Citus or YugabyteDB).

CREATE TABLE source (
  id text PRIMARY KEY,
  title text NOT NULL,
  publisher text,
  url text,
  published text,
  published_first date,
  published_last date,
  language text,
  reliability text CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
  credibility text CHECK (credibility IN ('1', '2', '3', '4', '5', '6')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE person (
  id text PRIMARY KEY,
  name text NOT NULL,
  name_latin text,
  birth_date text,
  birth_first date,
  birth_last date,
  gender text CHECK (gender IN ('female', 'male', 'other', 'unknown')),
  region text,
  occupation text,
  health text,
  visibility text NOT NULL DEFAULT 'private'
    CHECK (visibility IN ('public', 'restricted', 'private')),
  consent text NOT NULL DEFAULT 'unknown' CHECK (consent IN ('unknown', 'granted', 'withheld')),
  synthetic boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Default private: nothing is public without the person's or family's consent.
  CONSTRAINT person_public_needs_consent CHECK (visibility <> 'public' OR consent = 'granted')
);

CREATE TABLE person_name (
  person_id text NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  name text NOT NULL,
  script text NOT NULL CHECK (script IN ('cyrillic', 'latin', 'other')),
  kind text NOT NULL CHECK (kind IN ('official', 'transliteration', 'alias')),
  PRIMARY KEY (person_id, name)
);

CREATE TABLE release_operation (
  id text PRIMARY KEY,
  date text NOT NULL,
  date_first date NOT NULL,
  date_last date NOT NULL,
  kind text NOT NULL
    CHECK (kind IN ('amnesty', 'pardon', 'negotiated', 'deportation', 'court', 'other')),
  announced_count integer CHECK (announced_count >= 0),
  mediators text,
  description text,
  source_ids text[] NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE event (
  id text PRIMARY KEY,
  person_id text NOT NULL REFERENCES person (id),
  type text NOT NULL CHECK (type IN ('detained', 'charged', 'sentenced', 'transferred', 'health',
    'ill_treatment', 'incommunicado', 'contact', 'recognized', 'recognition_withdrawn',
    'released', 'house_arrest', 'died_in_custody')),
  date text NOT NULL,
  date_first date NOT NULL,
  date_last date NOT NULL,
  mechanism text CHECK (mechanism IN ('pardon', 'amnesty', 'end_of_term', 'deported',
    'negotiated', 'court', 'other')),
  operation_id text REFERENCES release_operation (id),
  monitor text,
  facility text,
  articles text,
  sentence_months integer CHECK (sentence_months >= 0),
  description text,
  source_ids text[] NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT event_release_fields CHECK (
    type = 'released' OR (mechanism IS NULL AND operation_id IS NULL))
);
CREATE INDEX event_person_idx ON event (person_id);
CREATE INDEX event_type_date_idx ON event (type, date_first);
CREATE INDEX event_operation_idx ON event (operation_id) WHERE operation_id IS NOT NULL;

CREATE TABLE measure (
  id text PRIMARY KEY,
  authority text NOT NULL,
  target text NOT NULL,
  kind text NOT NULL,
  imposed text,
  imposed_first date,
  imposed_last date,
  eased text,
  eased_first date,
  eased_last date,
  lifted text,
  lifted_first date,
  lifted_last date,
  description text,
  source_ids text[] NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE diplomatic_event (
  id text PRIMARY KEY,
  date text NOT NULL,
  date_first date NOT NULL,
  date_last date NOT NULL,
  kind text NOT NULL,
  actors text,
  description text,
  source_ids text[] NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE monitor_count (
  id text PRIMARY KEY,
  monitor text NOT NULL,
  as_of text NOT NULL,
  as_of_first date NOT NULL,
  as_of_last date NOT NULL,
  value integer NOT NULL CHECK (value >= 0),
  qualifier text NOT NULL DEFAULT 'exact'
    CHECK (qualifier IN ('exact', 'approx', 'more_than', 'fewer_than')),
  source_ids text[] NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX monitor_count_as_of_idx ON monitor_count (monitor, as_of_first);

-- Append-only: who changed what, when, with the row before and after.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
  entity text NOT NULL,
  entity_id text NOT NULL,
  before jsonb,
  after jsonb,
  batch text
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
