/**
 * The customers whose data an idempotency record's answer holds (a batch's answer echoes each rejected
 * order as it was sent), by the keyed hash of their email, so that an erasure finds such a record without
 * reading every answer. Deleted with their record. Never edit once released.
 */
export const sql = `
CREATE TABLE idempotency_customers (
  key_id text NOT NULL,
  idempotency_key text NOT NULL,
  trkref text NOT NULL,
  customer_hash text NOT NULL,
  PRIMARY KEY (key_id, idempotency_key, trkref, customer_hash),
  FOREIGN KEY (key_id, idempotency_key) REFERENCES idempotency_records (key_id, idempotency_key) ON DELETE CASCADE
);
CREATE INDEX idempotency_customers_by_customer ON idempotency_customers (trkref, customer_hash);
`;
