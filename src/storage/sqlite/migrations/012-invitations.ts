/**
 * Review invitations: one per order, a durable timer while scheduled (`invitations_due`, read by due time),
 * found by customer for the frequency cap and the 12-month rule, listed per organisation in creation order
 * (ids are UUID v7); the orders' cancellations; each organisation's own invitation policy (JSON of the
 * members it sets, NULL: the installation's). Never edit once released.
 */
export const sql = `
CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  trkref TEXT NOT NULL,
  order_ref TEXT NOT NULL,
  -- The keyed hash of the customer's email; NULL once erased.
  customer_hash TEXT,
  status TEXT NOT NULL CHECK (status IN ('scheduled', 'due', 'skipped', 'cancelled')),
  reason TEXT,
  trigger_date TEXT,
  due_at TEXT,
  -- JSON: [{"sku", "price"?, "currency"?}]
  products TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  released_at TEXT,
  delivery_status TEXT CHECK (delivery_status IN ('sent', 'bounced', 'complained')),
  delivery_reported_at TEXT,
  UNIQUE (trkref, order_ref)
) STRICT;
CREATE INDEX invitations_due ON invitations (due_at, id) WHERE status = 'scheduled';
CREATE INDEX invitations_by_customer ON invitations (trkref, customer_hash, created_at) WHERE customer_hash IS NOT NULL;
CREATE INDEX invitations_by_organisation ON invitations (trkref, id);
CREATE TABLE order_cancellations (
  trkref TEXT NOT NULL,
  order_ref TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('cancelled', 'refunded', 'returned')),
  whole INTEGER NOT NULL,
  -- JSON: the SKUs cancelled so far (empty when whole).
  skus TEXT NOT NULL,
  cancelled_at TEXT NOT NULL,
  PRIMARY KEY (trkref, order_ref)
) STRICT, WITHOUT ROWID;
ALTER TABLE organisations ADD COLUMN invitation_policy TEXT;
`;
