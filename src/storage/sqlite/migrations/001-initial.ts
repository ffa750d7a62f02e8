/** Organisations, API keys, submissions and the order records they build. Never edit once released. */
export const sql = `
CREATE TABLE organisations (
  trkref TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;

CREATE TABLE api_key_organisations (
  key_id TEXT NOT NULL REFERENCES api_keys (id),
  trkref TEXT NOT NULL REFERENCES organisations (trkref),
  PRIMARY KEY (key_id, trkref)
) STRICT, WITHOUT ROWID;

-- seq is the acceptance order: the processor applies submissions of one order in seq order.
CREATE TABLE submissions (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  trkref TEXT NOT NULL,
  order_ref TEXT NOT NULL,
  key_id TEXT NOT NULL,
  document TEXT NOT NULL,
  raw TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('accepted', 'processed', 'failed')),
  outcome TEXT CHECK (outcome IN ('created', 'updated', 'duplicate')),
  failure_reason TEXT,
  accepted_at TEXT NOT NULL,
  processed_at TEXT
) STRICT;

CREATE INDEX submissions_pending ON submissions (seq) WHERE status = 'accepted';
CREATE INDEX submissions_by_order ON submissions (trkref, order_ref, seq);

CREATE TABLE orders (
  trkref TEXT NOT NULL,
  order_ref TEXT NOT NULL,
  order_date TEXT,
  fulfilment_date TEXT,
  language TEXT,
  locale TEXT,
  customer_email TEXT NOT NULL,
  customer_ref TEXT,
  customer_title TEXT,
  customer_first_name TEXT,
  customer_surname TEXT,
  customer_postcode TEXT,
  customer_country TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_submission_id TEXT NOT NULL,
  PRIMARY KEY (trkref, order_ref)
) STRICT, WITHOUT ROWID;

CREATE TABLE order_items (
  trkref TEXT NOT NULL,
  order_ref TEXT NOT NULL,
  position INTEGER NOT NULL,
  sku TEXT NOT NULL,
  price TEXT,
  currency TEXT,
  metadata TEXT,
  PRIMARY KEY (trkref, order_ref, position),
  FOREIGN KEY (trkref, order_ref) REFERENCES orders (trkref, order_ref) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
`;
