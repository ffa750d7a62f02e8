/**
 * Customers' personal data: the installation's key for customer hashes, the hashes orders and submissions
 * are found by (an erasure reads one range of one index, never every document), whether an order or a
 * submission was kept without its customer's data (suppressed), when a submission was erased, the
 * suppression lists and the erasure ledger. The previous release writes rows without hashes (NULL), which
 * the backfill gives them. Never edit once released.
 */
export const sql = `
CREATE TABLE privacy_keys (
  name TEXT PRIMARY KEY,
  key TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
ALTER TABLE submissions ADD COLUMN customer_hash TEXT;
ALTER TABLE submissions ADD COLUMN suppressed INTEGER NOT NULL DEFAULT 0 CHECK (suppressed IN (0, 1));
ALTER TABLE submissions ADD COLUMN erased_at TEXT;
ALTER TABLE orders ADD COLUMN customer_hash TEXT;
ALTER TABLE orders ADD COLUMN customer_ref_hash TEXT;
ALTER TABLE orders ADD COLUMN suppressed INTEGER NOT NULL DEFAULT 0 CHECK (suppressed IN (0, 1));
-- Settled submissions only, as the other per-order indexes: processing writes their entries, off the
-- request path; an erasure finds pending ones through the pending queue.
CREATE INDEX submissions_settled_by_customer ON submissions (trkref, customer_hash) WHERE status <> 'accepted';
-- The retention sweep of raw documents: settled rows that still hold one, by when they were processed.
CREATE INDEX submissions_raw_by_processed ON submissions (processed_at) WHERE status <> 'accepted' AND raw <> '';
-- Rows the previous release wrote, which the backfill gives hashes to.
CREATE INDEX submissions_without_hash ON submissions (seq) WHERE customer_hash IS NULL AND status <> 'accepted';
CREATE INDEX orders_by_customer ON orders (trkref, customer_hash);
CREATE INDEX orders_by_customer_ref ON orders (trkref, customer_ref_hash) WHERE customer_ref_hash IS NOT NULL;
CREATE INDEX orders_without_hash ON orders (trkref, order_ref) WHERE customer_hash IS NULL;
-- The retention sweep of orders, across organisations.
CREATE INDEX orders_by_updated_at ON orders (updated_at);
CREATE INDEX events_by_order ON events (trkref, order_ref);
CREATE TABLE suppressions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  trkref TEXT NOT NULL,
  customer_hash TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('erased', 'requested', 'bounced', 'complained')),
  created_at TEXT NOT NULL,
  UNIQUE (trkref, customer_hash)
) STRICT;
CREATE INDEX suppressions_by_seq ON suppressions (trkref, seq);
-- The erasure ledger: hashes only, never an email; it survives the erasures it records.
CREATE TABLE erasure_requests (
  id TEXT PRIMARY KEY,
  trkref TEXT NOT NULL,
  -- JSON: [{"kind": "email" | "customer_ref", "hash": "…"}]
  subjects TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'completed')),
  completed_at TEXT,
  -- JSON: the counts per kind of record, once completed.
  counts TEXT
) STRICT;
CREATE INDEX erasure_requests_pending ON erasure_requests (requested_at, id) WHERE status = 'pending';
CREATE INDEX erasure_requests_by_time ON erasure_requests (requested_at, id);
`;
