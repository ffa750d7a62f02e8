import type Database from "better-sqlite3";
import type { CustomerHasher } from "../../domain/customer-privacy.js";
import {
  orderHashes,
  submissionHash,
  type UnhashedOrder,
  type UnhashedSubmission,
} from "../customer-hash-backfill.js";
import { writeTransaction } from "./write-transaction.js";

/**
 * Gives hashes to rows the previous release wrote without them, up to `limit` orders and `limit` settled
 * submissions per call, in one write transaction (so that no row changes between its read and its hash).
 * Each kind is read through its partial index of rows without a hash; says how many rows it gave hashes to.
 */
export function createCustomerHashBackfill(db: Database.Database) {
  const unhashedOrders = db.prepare(
    `SELECT trkref, order_ref, customer_email, customer_ref FROM orders INDEXED BY orders_without_hash
     WHERE customer_hash IS NULL ORDER BY trkref, order_ref LIMIT ?`,
  );
  const hashOrder = db.prepare(
    `UPDATE orders SET customer_hash = ?, customer_ref_hash = ?
     WHERE trkref = ? AND order_ref = ? AND customer_hash IS NULL`,
  );
  const unhashedSubmissions = db.prepare(
    `SELECT seq, trkref, document_version, document FROM submissions INDEXED BY submissions_without_hash
     WHERE customer_hash IS NULL AND status <> 'accepted' ORDER BY seq LIMIT ?`,
  );
  const hashSubmission = db.prepare(
    "UPDATE submissions SET customer_hash = ? WHERE seq = ? AND customer_hash IS NULL",
  );

  return writeTransaction(db, (hasher: CustomerHasher, limit: number): number => {
    let given = 0;
    for (const row of unhashedOrders.all(limit) as UnhashedOrder[]) {
      const { customerHash, customerRefHash } = orderHashes(hasher, row);
      given += hashOrder.run(customerHash, customerRefHash, row.trkref, row.order_ref).changes;
    }
    for (const row of unhashedSubmissions.all(limit) as UnhashedSubmission[]) {
      given += hashSubmission.run(submissionHash(hasher, row), row.seq).changes;
    }
    return given;
  });
}
