/** Batches, the batch a submission arrived in, and idempotency records. Never edit once released. */
export const sql = `
CREATE TABLE batches (
  id TEXT PRIMARY KEY,
  key_id TEXT NOT NULL,
  results TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

ALTER TABLE submissions ADD COLUMN batch_id TEXT;
CREATE INDEX submissions_by_batch ON submissions (batch_id) WHERE batch_id IS NOT NULL;

CREATE TABLE idempotency_records (
  key_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  status_code INTEGER NOT NULL,
  headers TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  PRIMARY KEY (key_id, idempotency_key)
) STRICT, WITHOUT ROWID;

CREATE INDEX idempotency_records_by_expiry ON idempotency_records (expires_at);
`;
