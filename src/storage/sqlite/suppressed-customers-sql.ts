import type Database from "better-sqlite3";
import type { CustomerOfOrganisation } from "../processing-io.js";

/**
 * Those of the customers given that are on their organisation's suppression list: one lookup of the unique
 * index per customer, in-process, so a statement per pair costs no round trip.
 */
export function createSuppressedCustomersQuery(
  db: Database.Database,
): (customers: readonly CustomerOfOrganisation[]) => CustomerOfOrganisation[] {
  const isSuppressed = db
    .prepare("SELECT 1 FROM suppressions WHERE trkref = ? AND customer_hash = ?")
    .pluck();
  return (customers) =>
    customers.filter(({ trkref, customerHash }) => isSuppressed.get(trkref, customerHash) !== undefined);
}
