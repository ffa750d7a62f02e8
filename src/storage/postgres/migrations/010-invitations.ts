/**
 * Review invitations: one per order, a durable timer while scheduled (`invitations_due`, read by due time
 * with SKIP LOCKED), found by customer for the frequency cap and the 12-month rule, listed per organisation
 * in creation order (ids are UUID v7); the orders' cancellations; each organisation's own invitation policy
 * (the members it sets, NULL: the installation's). Never edit once released.
 */
export const sql = `
CREATE TABLE invitations (
  id uuid PRIMARY KEY,
  trkref text NOT NULL,
  order_ref text NOT NULL,
  -- The keyed hash of the customer's email; NULL once erased.
  customer_hash text,
  status text NOT NULL CHECK (status IN ('scheduled', 'due', 'skipped', 'cancelled')),
  reason text,
  trigger_date date,
  due_at timestamptz,
  -- [{"sku", "price"?, "currency"?}]
  products jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  released_at timestamptz,
  delivery_status text CHECK (delivery_status IN ('sent', 'bounced', 'complained')),
  delivery_reported_at timestamptz,
  UNIQUE (trkref, order_ref)
);
CREATE INDEX invitations_due ON invitations (due_at, id) WHERE status = 'scheduled';
CREATE INDEX invitations_by_customer ON invitations (trkref, customer_hash, created_at) WHERE customer_hash IS NOT NULL;
CREATE INDEX invitations_by_organisation ON invitations (trkref, id);
CREATE TABLE order_cancellations (
  trkref text NOT NULL,
  order_ref text NOT NULL,
  reason text NOT NULL CHECK (reason IN ('cancelled', 'refunded', 'returned')),
  whole boolean NOT NULL,
  -- The SKUs cancelled so far (empty when whole).
  skus jsonb NOT NULL,
  cancelled_at timestamptz NOT NULL,
  PRIMARY KEY (trkref, order_ref)
);
ALTER TABLE organisations ADD COLUMN invitation_policy jsonb;
`;
