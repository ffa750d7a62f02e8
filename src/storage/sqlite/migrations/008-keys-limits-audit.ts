/**
 * Keys' labels, expiry, last use and the previous secret of a rotation; organisations' own rate limits; the
 * audit log of operator actions. Rows written before hold none of these (nullable columns), and the previous
 * release goes on reading and writing the tables as it did. Never edit once released.
 */
export const sql = `
ALTER TABLE api_keys ADD COLUMN label TEXT;
ALTER TABLE api_keys ADD COLUMN expires_at TEXT;
ALTER TABLE api_keys ADD COLUMN last_used_at TEXT;
ALTER TABLE api_keys ADD COLUMN previous_secret_hash TEXT;
ALTER TABLE api_keys ADD COLUMN previous_secret_valid_until TEXT;

ALTER TABLE organisations ADD COLUMN rate_limit_per_second REAL;
ALTER TABLE organisations ADD COLUMN rate_limit_burst INTEGER;

-- The keys of one organisation: key list --org, org show.
CREATE INDEX api_key_organisations_by_trkref ON api_key_organisations (trkref, key_id);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  details TEXT NOT NULL
) STRICT;
`;
