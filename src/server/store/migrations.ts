import { repliesMigration } from './migrations-replies.ts';

/** Schema migrations, applied in order; never edit one that has shipped, add a new one. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('coordinator', 'admin')),
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    training INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE login_attempts (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL,
    ip TEXT NOT NULL,
    at INTEGER NOT NULL,
    success INTEGER NOT NULL
  );
  CREATE INDEX login_attempts_user ON login_attempts (username, at);
  CREATE INDEX login_attempts_ip ON login_attempts (ip, at);
  CREATE TABLE rate_events (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX rate_events_key ON rate_events (kind, key, at);
  CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
  CREATE TABLE broadcasts (
    id TEXT PRIMARY KEY,
    message_type TEXT NOT NULL,
    references_id TEXT REFERENCES broadcasts(id),
    script_slug TEXT NOT NULL,
    scenario TEXT NOT NULL,
    status TEXT NOT NULL,
    training INTEGER NOT NULL,
    channels TEXT NOT NULL,
    lists TEXT NOT NULL,
    fields TEXT NOT NULL,
    severity TEXT NOT NULL,
    area TEXT NOT NULL,
    title TEXT NOT NULL,
    web_body TEXT NOT NULL,
    email_subject TEXT NOT NULL,
    email_text TEXT NOT NULL,
    sms_text TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    submitted_at TEXT,
    approved_by TEXT,
    published_at TEXT
  );
  CREATE INDEX broadcasts_published ON broadcasts (status, training, published_at);
  CREATE TABLE lists (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at TEXT NOT NULL
  );
  CREATE TABLE subscribers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT UNIQUE COLLATE NOCASE,
    phone TEXT UNIQUE,
    preferred_channel TEXT NOT NULL,
    fallback_channel TEXT,
    consent TEXT NOT NULL,
    confirmed_at TEXT,
    confirm_code TEXT,
    token TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
  );
  CREATE TABLE list_members (
    list_id INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
    PRIMARY KEY (list_id, subscriber_id)
  );
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    broadcast_id TEXT NOT NULL REFERENCES broadcasts(id),
    subscriber_id INTEGER REFERENCES subscribers(id) ON DELETE SET NULL,
    channel TEXT NOT NULL,
    address TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    lease_owner TEXT,
    lease_until INTEGER,
    idempotency_key TEXT NOT NULL UNIQUE,
    provider TEXT,
    provider_message_id TEXT,
    last_error TEXT,
    fallback_of INTEGER REFERENCES outbox(id),
    delivery_report TEXT,
    created_at INTEGER NOT NULL,
    sent_at INTEGER
  );
  CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
  CREATE INDEX outbox_broadcast ON outbox (broadcast_id, channel, status);
  `,
  // i10b-trust
  // Sign-up without disclosure: every contact is verified on its own before Baken sends to
  // it, with a short-lived code that allows five tries. Old codes go; contacts that web
  // sign-ups gave but never verified (the non-preferred one) are removed, and web sign-ups
  // that were never confirmed are deleted (their codes are gone).
  `
  CREATE TABLE contact_confirmations (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL UNIQUE,
    signup TEXT NOT NULL,
    purpose TEXT NOT NULL CHECK (purpose IN ('signup', 'manage')),
    role TEXT NOT NULL CHECK (role IN ('preferred', 'fallback')),
    channel TEXT NOT NULL,
    address TEXT NOT NULL,
    name TEXT,
    code_hash TEXT NOT NULL,
    tries INTEGER NOT NULL DEFAULT 0,
    expires_at INTEGER NOT NULL,
    verified_at INTEGER,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX contact_confirmations_signup ON contact_confirmations (signup);
  CREATE INDEX contact_confirmations_expires ON contact_confirmations (expires_at);
  UPDATE subscribers SET confirm_code = NULL;
  DELETE FROM subscribers WHERE confirmed_at IS NULL AND consent LIKE 'aangemeld via de website%';
  UPDATE subscribers
     SET email = CASE WHEN preferred_channel = 'email' THEN email END,
         phone = CASE WHEN preferred_channel = 'sms' THEN phone END,
         fallback_channel = NULL
   WHERE consent LIKE 'aangemeld via de website%';
  CREATE INDEX rate_events_at ON rate_events (at);
  `,
  // i11-delivery
  `
  ALTER TABLE outbox ADD COLUMN lease_token TEXT;
  ALTER TABLE outbox ADD COLUMN trouble_since INTEGER;
  ALTER TABLE outbox ADD COLUMN wait_reason TEXT;
  ALTER TABLE broadcasts ADD COLUMN expires_at INTEGER;
  ALTER TABLE broadcasts ADD COLUMN valid_hours INTEGER;
  CREATE INDEX outbox_lane ON outbox (status, channel, next_attempt_at);
  CREATE TABLE worker_heartbeats (
    owner TEXT PRIMARY KEY,
    seen_at INTEGER NOT NULL,
    providers TEXT NOT NULL
  );
  `,
  // i10a-login
  `
  ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE users ADD COLUMN totp_secret TEXT;
  ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE recovery_codes (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at INTEGER,
    PRIMARY KEY (user_id, code_hash)
  );
  CREATE INDEX login_attempts_pair ON login_attempts (ip, username, at);
  `,
  // i10a-login
  `
  CREATE TABLE passkeys (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    public_key BLOB NOT NULL,
    counter INTEGER NOT NULL,
    transports TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER
  );
  CREATE INDEX passkeys_user ON passkeys (user_id);
  ALTER TABLE users ADD COLUMN totp_pending TEXT;
  `,
  // i13-console
  `
  ALTER TABLE broadcasts ADD COLUMN returned_by TEXT;
  ALTER TABLE broadcasts ADD COLUMN returned_at TEXT;
  ALTER TABLE broadcasts ADD COLUMN returned_reason TEXT;
  ALTER TABLE broadcasts ADD COLUMN internal INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE console_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
  // i16-replies
  repliesMigration.sql.sqlite,
];
