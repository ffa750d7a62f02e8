/**
 * Customers' personal data: the installation's key for customer hashes, the hashes orders and submissions
 * are found by (an erasure reads one range of one index, never every document), whether an order or a
 * submission was kept without its customer's data (suppressed), when a submission was erased, the
 * suppression lists and the erasure ledger. The previous release writes rows without hashes (NULL), which
 * the backfill gives them. Never edit once released.
 */
export const sql = `
CREATE TABLE privacy_keys (
  name text PRIMARY KEY,
  key text NOT NULL,
  created_at timestamptz NOT NULL
);
ALTER TABLE submissions ADD COLUMN customer_hash text;
ALTER TABLE submissions ADD COLUMN suppressed boolean NOT NULL DEFAULT false;
ALTER TABLE submissions ADD COLUMN erased_at timestamptz;
ALTER TABLE orders ADD COLUMN customer_hash text;
ALTER TABLE orders ADD COLUMN customer_ref_hash text;
ALTER TABLE orders ADD COLUMN suppressed boolean NOT NULL DEFAULT false;
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
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  trkref text NOT NULL,
  customer_hash text NOT NULL,
  reason text NOT NULL CHECK (reason IN ('erased', 'requested', 'bounced', 'complained')),
  created_at timestamptz NOT NULL,
  UNIQUE (trkref, customer_hash)
);
CREATE INDEX suppressions_by_seq ON suppressions (trkref, seq);
-- The erasure ledger: hashes only, never an email; it survives the erasures it records.
CREATE TABLE erasure_requests (
  id uuid PRIMARY KEY,
  trkref text NOT NULL,
  -- [{"kind": "email" | "customer_ref", "hash": "…"}]
  subjects jsonb NOT NULL,
  requested_by text NOT NULL,
  requested_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'completed')),
  completed_at timestamptz,
  counts jsonb
);
CREATE INDEX erasure_requests_pending ON erasure_requests (requested_at, id) WHERE status = 'pending';
CREATE INDEX erasure_requests_by_time ON erasure_requests (requested_at, id);
`;
