/**
 * The event log (the outbox the processing pipeline writes in the transaction of each change), each
 * organisation's sequence counter, webhook endpoints, the queue of their deliveries and the attempt log.
 * Only new tables: the previous release neither reads nor writes them. Never edit once released.
 */
export const sql = `
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  trkref TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  type TEXT NOT NULL,
  order_ref TEXT NOT NULL,
  created_at TEXT NOT NULL,
  data_version INTEGER NOT NULL DEFAULT 1,
  data TEXT NOT NULL
) STRICT;
-- The feed: an organisation's events after a place in its sequence, of every type or of some.
CREATE UNIQUE INDEX events_by_sequence ON events (trkref, sequence);
CREATE INDEX events_by_type ON events (trkref, type, sequence);
-- The retention sweep, and recovery since a time.
CREATE INDEX events_by_time ON events (created_at);

-- The last sequence number given to each organisation's events: kept apart from the events, which retention deletes.
CREATE TABLE event_sequences (
  trkref TEXT PRIMARY KEY,
  last_sequence INTEGER NOT NULL
) STRICT;

CREATE TABLE webhook_endpoints (
  id TEXT PRIMARY KEY,
  trkref TEXT,
  url TEXT NOT NULL,
  -- NULL: every type; otherwise the types between commas, ',order.created,order.updated,'.
  event_types TEXT,
  description TEXT,
  secret TEXT NOT NULL,
  previous_secret TEXT,
  previous_secret_valid_until TEXT,
  status TEXT NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'disabled')),
  disabled_reason TEXT,
  disabled_at TEXT,
  failing_since TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX webhook_endpoints_by_trkref ON webhook_endpoints (trkref);

CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  event_seq INTEGER NOT NULL REFERENCES events (seq) ON DELETE CASCADE,
  trkref TEXT NOT NULL,
  order_ref TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  lease_owner TEXT,
  lease_expires_at TEXT,
  created_at TEXT NOT NULL,
  completed_at TEXT,
  UNIQUE (endpoint_id, event_seq)
) STRICT;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
-- An order's earlier pending event, which a later one waits behind.
CREATE INDEX webhook_deliveries_pending_by_order ON webhook_deliveries (endpoint_id, trkref, order_ref, event_seq)
  WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, id);
CREATE INDEX webhook_deliveries_by_event ON webhook_deliveries (event_seq);

CREATE TABLE webhook_attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  delivery_id INTEGER REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  event_id TEXT NOT NULL,
  attempted_at TEXT NOT NULL,
  result TEXT NOT NULL,
  status_code INTEGER,
  latency_ms INTEGER NOT NULL,
  response_excerpt TEXT,
  error TEXT
) STRICT;
CREATE INDEX webhook_attempts_by_endpoint ON webhook_attempts (endpoint_id, id);
CREATE INDEX webhook_attempts_by_delivery ON webhook_attempts (delivery_id, id) WHERE delivery_id IS NOT NULL;
CREATE INDEX webhook_attempts_by_time ON webhook_attempts (attempted_at);
`;
