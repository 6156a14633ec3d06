/**
 * Schema migrations, applied in order inside one transaction under an advisory lock so two
 * processes starting together against one PostgreSQL do not race. Plain SQL that PGlite and
 * PostgreSQL both run. Append only: never edit a migration that has shipped.
 */
import { sql } from 'kysely';
import type { Db } from './database.ts';

export interface Migration {
  name: string;
  up: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    name: '001_initial',
    up: `
CREATE TABLE affiliates (
  id_type text NOT NULL,
  identification text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('affiliate', 'retiree', 'dependant')),
  given_names text NOT NULL,
  surnames text NOT NULL,
  birth_day integer NOT NULL,
  birth_month integer NOT NULL,
  email text,
  password_hash text,
  facts jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (id_type, identification)
);

CREATE TABLE security_answers (
  id_type text NOT NULL,
  identification text NOT NULL,
  question_id text NOT NULL,
  answer_hash text NOT NULL,
  PRIMARY KEY (id_type, identification, question_id),
  FOREIGN KEY (id_type, identification) REFERENCES affiliates ON DELETE CASCADE
);

-- Attempts are keyed by HMAC(secret, identification) so unknown identifications (decoys) count
-- and lock exactly like known ones without storing the number typed.
CREATE TABLE attempt_counters (
  subject_key text PRIMARY KEY,
  failures integer NOT NULL,
  locked_until timestamptz,
  updated_at timestamptz NOT NULL
);

CREATE TABLE flows (
  id text PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  subject_key text NOT NULL,
  id_type text NOT NULL,
  identification text NOT NULL,
  is_decoy boolean NOT NULL,
  flow_case text NOT NULL,
  step text NOT NULL,
  pending_answers jsonb,
  email_target text,
  email_is_new boolean NOT NULL DEFAULT false,
  resends integer NOT NULL DEFAULT 0,
  activation_expires_at timestamptz,
  resend_available_at timestamptz,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  completed_at timestamptz
);

CREATE TABLE activation_tokens (
  token_hash text PRIMARY KEY,
  flow_id text NOT NULL REFERENCES flows ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  superseded_at timestamptz
);
CREATE INDEX activation_tokens_flow ON activation_tokens (flow_id);

CREATE TABLE email_registrations (
  id_type text NOT NULL,
  identification text NOT NULL,
  email text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX email_registrations_subject ON email_registrations (id_type, identification, created_at);

CREATE TABLE declaration_acceptances (
  id serial PRIMARY KEY,
  id_type text NOT NULL,
  identification text NOT NULL,
  flow_id text NOT NULL,
  version text NOT NULL,
  text_sha256 text NOT NULL,
  accepted_at timestamptz NOT NULL
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  id_type text NOT NULL,
  identification text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_subject ON sessions (id_type, identification);

CREATE TABLE outbox (
  id serial PRIMARY KEY,
  recipient text NOT NULL,
  subject text NOT NULL,
  body_text text NOT NULL,
  body_html text NOT NULL,
  kind text NOT NULL,
  created_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  claimed_until timestamptz,
  sent_at timestamptz,
  last_error text
);
CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE sent_at IS NULL;

CREATE TABLE captcha_used (
  signature text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);

CREATE TABLE idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status integer,
  body text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);
`,
  },
  {
    // Which flow registered a new address: a corrected address in the same flow replaces its own
    // registration instead of counting as a second address in 24 hours (issue 10).
    name: '002_email_registration_flow',
    up: `
ALTER TABLE email_registrations ADD COLUMN flow_id text;
CREATE INDEX email_registrations_flow ON email_registrations (flow_id);
`,
  },
  {
    // Issue 9: challenges kept per identification (real and decoy) so options never change with
    // an import; the flow keeps the challenge it showed; failures remembered for the new-address
    // budget (domain/verification-policy.ts); a uniform sample key to pick decoy templates.
    name: '003_stored_challenges',
    up: `
ALTER TABLE affiliates ADD COLUMN sample_key text GENERATED ALWAYS AS (md5(id_type || ':' || identification)) STORED;
CREATE INDEX affiliates_sample_key ON affiliates (sample_key);

CREATE TABLE challenges (
  subject_key text PRIMARY KEY,
  fingerprint text NOT NULL,
  body jsonb NOT NULL,
  created_at timestamptz NOT NULL
);

ALTER TABLE flows ADD COLUMN challenge jsonb;
ALTER TABLE flows ADD COLUMN new_address_allowed boolean NOT NULL DEFAULT false;

CREATE TABLE verification_failures (
  id serial PRIMARY KEY,
  subject_key text NOT NULL,
  failed_at timestamptz NOT NULL
);
CREATE INDEX verification_failures_subject ON verification_failures (subject_key, failed_at);
`,
  },
  {
    // "Necesito más tiempo" (WCAG 2.2.1): how often the flow was extended.
    name: '004_flow_extensions',
    up: `ALTER TABLE flows ADD COLUMN extensions integer NOT NULL DEFAULT 0;`,
  },
];

/** Applies pending migrations; returns the names applied. */
export async function migrate(db: Db): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(747001)`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(
      trx,
    );
    const done = new Set((await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(trx)).rows.map((r) => r.name));
    const applied: string[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.name)) continue;
      for (const statement of m.up
        .split(/;\s*\n/)
        .map((s) => s.trim())
        .filter(Boolean)) {
        await sql.raw(statement).execute(trx);
      }
      await sql`INSERT INTO schema_migrations (name) VALUES (${m.name})`.execute(trx);
      applied.push(m.name);
    }
    return applied;
  });
}
