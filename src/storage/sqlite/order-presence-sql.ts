import type Database from "better-sqlite3";

/**
 * Whether an order is stored, and whether a submission of it waits to be processed (through the pending
 * queue, which the processor keeps short). The caller holds the write transaction, which keeps processing
 * off the order until it ends.
 */
export function createOrderPresenceQuery(db: Database.Database) {
  const stored = db.prepare("SELECT 1 FROM orders WHERE trkref = ? AND order_ref = ?").pluck();
  const pending = db
    .prepare("SELECT 1 FROM submissions WHERE status = 'accepted' AND trkref = ? AND order_ref = ? LIMIT 1")
    .pluck();
  return (trkref: string, orderRef: string): { exists: boolean; pending: boolean } => ({
    exists: stored.get(trkref, orderRef) !== undefined,
    pending: pending.get(trkref, orderRef) !== undefined,
  });
}
