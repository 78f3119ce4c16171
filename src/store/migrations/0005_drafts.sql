-- Drafts read from news articles, waiting for a reviewer (issue 5). Frozen once merged.
-- An article is kept here with its text; it becomes a `source` row only when a first draft
-- of it is accepted, so that rejecting every draft leaves the registry as it was.

CREATE TABLE draft_article (
  source_id text PRIMARY KEY,
  title text NOT NULL,
  publisher text,
  url text,
  published text,
  published_first date,
  published_last date,
  language text NOT NULL CHECK (language IN ('fr', 'en', 'ru')),
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE draft (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article_source_id text NOT NULL REFERENCES draft_article (source_id),
  kind text NOT NULL
    CHECK (kind IN ('release_operation', 'monitor_count', 'measure', 'diplomatic_event')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
  -- Fields named as the bundle's columns (without id and source_id).
  payload jsonb NOT NULL,
  -- The payload as accepted after a reviewer's edits, validated.
  edited_payload jsonb,
  sentence text NOT NULL,
  -- Offsets of the sentence in the article body (JS string indices).
  sentence_start integer NOT NULL CHECK (sentence_start >= 0),
  sentence_end integer NOT NULL CHECK (sentence_end >= sentence_start),
  confidence numeric(3, 2) NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
  notes jsonb NOT NULL DEFAULT '[]',
  evidence jsonb NOT NULL DEFAULT '[]',
  -- Same article, kind, sentence and payload: the same draft (saving twice adds nothing).
  fingerprint text NOT NULL,
  -- The registry record created, or found equivalent and given the article as a source.
  record_id text,
  reviewer text,
  reviewed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT draft_fingerprint_unique UNIQUE (article_source_id, fingerprint),
  CONSTRAINT draft_reviewed CHECK ((status = 'pending') = (reviewed_at IS NULL)),
  CONSTRAINT draft_accepted_record CHECK (status <> 'accepted' OR record_id IS NOT NULL)
);
CREATE INDEX draft_status_idx ON draft (status, id);
CREATE INDEX draft_article_idx ON draft (article_source_id);
