/**
 * The event log (the outbox the processing pipeline writes in the transaction of each change), each
 * organisation's sequence counter, webhook endpoints, the queue of their deliveries and the attempt log.
 * Only new tables: the previous release neither reads nor writes them. Never edit once released.
 */
export const sql = `
CREATE TABLE events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id uuid NOT NULL UNIQUE,
  trkref text NOT NULL,
  sequence bigint NOT NULL,
  type text NOT NULL,
  order_ref text NOT NULL,
  created_at timestamptz NOT NULL,
  data_version integer NOT NULL DEFAULT 1,
  -- json, as the submissions' documents: jsonb refuses the escaped NUL character, which a metadata string may hold.
  data json NOT NULL
);
-- The feed: an organisation's events after a place in its sequence, of every type or of some.
CREATE UNIQUE INDEX events_by_sequence ON events (trkref, sequence);
CREATE INDEX events_by_type ON events (trkref, type, sequence);
-- The retention sweep, and recovery since a time.
CREATE INDEX events_by_time ON events (created_at);

-- The last sequence number given to each organisation's events. Its row is locked from the numbering to the
-- commit, so that an organisation's events commit in the order of their numbers and a reader of the feed
-- never sees a later number before an earlier one.
CREATE TABLE event_sequences (
  trkref text PRIMARY KEY,
  last_sequence bigint NOT NULL
);

CREATE TABLE webhook_endpoints (
  id text PRIMARY KEY,
  trkref text,
  url text NOT NULL,
  -- NULL: every type; otherwise the types between commas, ',order.created,order.updated,'.
  event_types text,
  description text,
  secret text NOT NULL,
  previous_secret text,
  previous_secret_valid_until timestamptz,
  status text NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'disabled')),
  disabled_reason text,
  disabled_at timestamptz,
  failing_since timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX webhook_endpoints_by_trkref ON webhook_endpoints (trkref);

CREATE TABLE webhook_deliveries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  endpoint_id text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  event_seq bigint NOT NULL REFERENCES events (seq) ON DELETE CASCADE,
  trkref text NOT NULL,
  order_ref text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  lease_owner text,
  lease_expires_at timestamptz,
  created_at timestamptz NOT NULL,
  completed_at timestamptz,
  UNIQUE (endpoint_id, event_seq)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
-- An order's earlier pending event, which a later one waits behind.
CREATE INDEX webhook_deliveries_pending_by_order ON webhook_deliveries (endpoint_id, trkref, order_ref, event_seq)
  WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, id);
CREATE INDEX webhook_deliveries_by_event ON webhook_deliveries (event_seq);

CREATE TABLE webhook_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  endpoint_id text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  delivery_id bigint REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  event_id text NOT NULL,
  attempted_at timestamptz NOT NULL,
  result text NOT NULL,
  status_code integer,
  latency_ms integer NOT NULL,
  response_excerpt text,
  error text
);
CREATE INDEX webhook_attempts_by_endpoint ON webhook_attempts (endpoint_id, id);
CREATE INDEX webhook_attempts_by_delivery ON webhook_attempts (delivery_id, id) WHERE delivery_id IS NOT NULL;
CREATE INDEX webhook_attempts_by_time ON webhook_attempts (attempted_at);
`;
