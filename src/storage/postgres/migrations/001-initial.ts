/** The whole schema as of the first PostgreSQL release. Never edit once released. */
export const sql = `
CREATE TABLE organisations (
  trkref text PRIMARY KEY,
  name text NOT NULL,
  enabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL
);

CREATE TABLE api_keys (
  id text PRIMARY KEY,
  secret_hash text NOT NULL,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz
);

CREATE TABLE api_key_organisations (
  key_id text NOT NULL REFERENCES api_keys (id),
  trkref text NOT NULL REFERENCES organisations (trkref),
  PRIMARY KEY (key_id, trkref)
);

CREATE TABLE batches (
  id uuid PRIMARY KEY,
  key_id text NOT NULL,
  results json NOT NULL,
  created_at timestamptz NOT NULL
);

-- seq is the acceptance order: the processor applies the submissions of one order in seq order.
CREATE TABLE submissions (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id uuid NOT NULL UNIQUE,
  trkref text NOT NULL,
  order_ref text NOT NULL,
  key_id text NOT NULL,
  document json NOT NULL,
  raw text NOT NULL,
  status text NOT NULL CHECK (status IN ('accepted', 'processed', 'failed')),
  outcome text CHECK (outcome IN ('created', 'updated', 'duplicate')),
  failure_reason text,
  accepted_at timestamptz NOT NULL,
  processed_at timestamptz,
  batch_id uuid
);

CREATE INDEX submissions_pending ON submissions (seq) WHERE status = 'accepted';
CREATE INDEX submissions_pending_by_order ON submissions (trkref, order_ref, seq) WHERE status = 'accepted';
CREATE INDEX submissions_by_order ON submissions (trkref, order_ref, seq);
CREATE INDEX submissions_by_batch ON submissions (batch_id) WHERE batch_id IS NOT NULL;

CREATE TABLE orders (
  trkref text NOT NULL,
  order_ref text NOT NULL,
  order_date date,
  fulfilment_date date,
  language text,
  locale text,
  customer_email text NOT NULL,
  customer_ref text,
  customer_title text,
  customer_first_name text,
  customer_surname text,
  customer_postcode text,
  customer_country text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  last_submission_id uuid NOT NULL,
  PRIMARY KEY (trkref, order_ref)
);

CREATE TABLE order_items (
  trkref text NOT NULL,
  order_ref text NOT NULL,
  position integer NOT NULL,
  sku text NOT NULL,
  price numeric,
  currency text,
  metadata json,
  PRIMARY KEY (trkref, order_ref, position),
  FOREIGN KEY (trkref, order_ref) REFERENCES orders (trkref, order_ref) ON DELETE CASCADE
);

CREATE TABLE idempotency_records (
  key_id text NOT NULL,
  idempotency_key text NOT NULL,
  fingerprint text NOT NULL,
  status_code integer NOT NULL,
  headers json NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (key_id, idempotency_key)
);

CREATE INDEX idempotency_records_by_expiry ON idempotency_records (expires_at);
`;
