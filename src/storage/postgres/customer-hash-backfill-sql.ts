import type { CustomerHasher } from "../../domain/customer-privacy.js";
import {
  orderHashes,
  submissionHash,
  type UnhashedOrder,
  type UnhashedSubmission,
} from "../customer-hash-backfill.js";
import type { Queryable } from "./organisations-sql.js";

/**
 * Gives hashes to up to `limit` orders written without them (`orders_without_hash`). An order is only
 * given the hashes of the email and customer_ref it was read with: one that an instance of the previous
 * release changed meanwhile (it writes no hash) stays without, for the next call.
 */
async function backfillOrders(db: Queryable, hasher: CustomerHasher, limit: number): Promise<number> {
  const { rows } = await db.query<UnhashedOrder>(
    `SELECT trkref, order_ref, customer_email, customer_ref FROM orders WHERE customer_hash IS NULL
     ORDER BY trkref, order_ref LIMIT $1`,
    [limit],
  );
  if (rows.length === 0) return 0;
  const hashes = rows.map((row) => orderHashes(hasher, row));
  const { rowCount } = await db.query(
    `UPDATE orders o SET customer_hash = u.customer_hash, customer_ref_hash = u.customer_ref_hash
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       AS u(trkref, order_ref, customer_email, customer_ref, customer_hash, customer_ref_hash)
     WHERE o.trkref = u.trkref AND o.order_ref = u.order_ref AND o.customer_hash IS NULL
       AND o.customer_email = u.customer_email AND o.customer_ref IS NOT DISTINCT FROM u.customer_ref`,
    [
      rows.map((row) => row.trkref),
      rows.map((row) => row.order_ref),
      rows.map((row) => row.customer_email),
      rows.map((row) => row.customer_ref),
      hashes.map((hash) => hash.customerHash),
      hashes.map((hash) => hash.customerRefHash),
    ],
  );
  return rowCount ?? 0;
}

/** Gives the hash of its email to up to `limit` settled submissions without one (`submissions_without_hash`). */
async function backfillSubmissions(db: Queryable, hasher: CustomerHasher, limit: number): Promise<number> {
  // A settled submission's document is not changed but by an erasure, which backfills first.
  const { rows } = await db.query<UnhashedSubmission>(
    `SELECT seq, trkref, document_version, document FROM submissions
     WHERE customer_hash IS NULL AND status <> 'accepted' ORDER BY seq LIMIT $1`,
    [limit],
  );
  if (rows.length === 0) return 0;
  const { rowCount } = await db.query(
    `UPDATE submissions s SET customer_hash = u.customer_hash
     FROM unnest($1::bigint[], $2::text[]) AS u(seq, customer_hash)
     WHERE s.seq = u.seq AND s.customer_hash IS NULL`,
    [rows.map((row) => row.seq), rows.map((row) => submissionHash(hasher, row))],
  );
  return rowCount ?? 0;
}

/**
 * Gives hashes to rows the previous release wrote without them, up to `limit` orders and `limit` settled
 * submissions; says how many rows it gave hashes to. Each statement stands alone: a row given its hash
 * keeps it, whatever happens to the next.
 */
export async function backfillCustomerHashes(
  db: Queryable,
  hasher: CustomerHasher,
  limit: number,
): Promise<number> {
  return (await backfillOrders(db, hasher, limit)) + (await backfillSubmissions(db, hasher, limit));
}
