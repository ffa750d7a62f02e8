/**
 * Keys' labels, expiry, last use and the previous secret of a rotation; organisations' own rate limits; the
 * audit log of operator actions. Nullable columns are added without rewriting the tables, and the previous
 * release goes on reading and writing them as it did. Never edit once released.
 */
export const sql = `
ALTER TABLE api_keys
  ADD COLUMN label text,
  ADD COLUMN expires_at timestamptz,
  ADD COLUMN last_used_at timestamptz,
  ADD COLUMN previous_secret_hash text,
  ADD COLUMN previous_secret_valid_until timestamptz;

ALTER TABLE organisations
  ADD COLUMN rate_limit_per_second double precision,
  ADD COLUMN rate_limit_burst integer;

-- The keys of one organisation: key list --org, org show.
CREATE INDEX api_key_organisations_by_trkref ON api_key_organisations (trkref);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  subject text NOT NULL,
  details jsonb NOT NULL
);
`;
