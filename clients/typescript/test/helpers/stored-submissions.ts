import Database from "better-sqlite3";

/**
 * The ids of the organisation's stored submissions per order_ref, in acceptance order, read from the SQLite
 * file itself (read-only, with the service stopped): what a client was promised must be there exactly once.
 */
export function storedSubmissionIds(dbPath: string, trkref: string): Map<string, string[]> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const rows = db
      .prepare("SELECT order_ref, id FROM submissions WHERE trkref = ? ORDER BY seq")
      .all(trkref) as { order_ref: string; id: string }[];
    const byOrder = new Map<string, string[]>();
    for (const { order_ref, id } of rows) byOrder.set(order_ref, [...(byOrder.get(order_ref) ?? []), id]);
    return byOrder;
  } finally {
    db.close();
  }
}
