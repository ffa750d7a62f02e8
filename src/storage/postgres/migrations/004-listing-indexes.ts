/**
 * The listings' indexes, as SQLite's (its migration 006). order_ref is ordered by "C", code unit by code
 * unit, so that both databases break ties between orders alike, whatever the database's collation.
 * Settled submissions only, so that intake writes no more index entries than before.
 *
 * Building them blocks writes to those tables meanwhile. On a large database, build them beforehand with
 * CREATE INDEX CONCURRENTLY under these names and definitions (dropping one a failed build left invalid):
 * this migration then finds them and builds nothing. Never edit once released.
 */
export const sql = `
CREATE INDEX IF NOT EXISTS orders_by_created ON orders (trkref, created_at, order_ref COLLATE "C");
CREATE INDEX IF NOT EXISTS orders_by_updated ON orders (trkref, updated_at, order_ref COLLATE "C");
CREATE INDEX IF NOT EXISTS submissions_settled_by_status ON submissions (trkref, status, seq)
  WHERE status <> 'accepted';
`;
