import type { ReleasedInvitation } from "../../domain/invitation-release.js";
import { decodeProducts } from "../invitation-columns.js";
import { customerKey } from "../invitation-io.js";
import type { CustomerOfOrganisation } from "../processing-io.js";
import type { Queryable } from "./organisations-sql.js";

/** The customers as a relation to join, each pair once. */
const CUSTOMERS = "(SELECT DISTINCT * FROM unnest($1::text[], $2::text[])) AS k(trkref, customer_hash)";

const customerParams = (customers: CustomerOfOrganisation[]) => [
  customers.map((c) => c.trkref),
  customers.map((c) => c.customerHash),
];

/** Appends `value` to the list under `key`. */
function push<T>(lists: Map<string, T[]>, key: string, value: T): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}

/**
 * The SKUs of each customer's scheduled or due invitations created at or after `since`, by `customerKey`,
 * with the order each is of: one statement, one range of `invitations_by_customer` per customer.
 */
export async function findInvitedSkus(
  db: Queryable,
  customers: CustomerOfOrganisation[],
  since: string,
): Promise<Map<string, { orderRef: string; skus: string[] }[]>> {
  const found = new Map<string, { orderRef: string; skus: string[] }[]>();
  if (customers.length === 0) return found;
  const { rows } = await db.query<{
    trkref: string;
    customer_hash: string;
    order_ref: string;
    products: unknown;
  }>(
    `SELECT i.trkref, i.customer_hash, i.order_ref, i.products FROM invitations i JOIN ${CUSTOMERS}
       ON i.trkref = k.trkref AND i.customer_hash = k.customer_hash
     WHERE i.customer_hash IS NOT NULL AND i.created_at >= $3::timestamptz AND i.status IN ('scheduled', 'due')
     ORDER BY i.id`,
    [...customerParams(customers), since],
  );
  for (const row of rows) {
    push(found, customerKey({ trkref: row.trkref, customerHash: row.customer_hash }), {
      orderRef: row.order_ref,
      skus: decodeProducts(row.products).map((p) => p.sku),
    });
  }
  return found;
}

/**
 * Each customer's invitations released as due at or after `since`, by `customerKey`, oldest first: one
 * statement, through `invitations_by_customer`.
 */
export async function findReleasedInvitations(
  db: Queryable,
  customers: CustomerOfOrganisation[],
  since: string,
): Promise<Map<string, ReleasedInvitation[]>> {
  const found = new Map<string, ReleasedInvitation[]>();
  if (customers.length === 0) return found;
  const { rows } = await db.query<{
    trkref: string;
    customer_hash: string;
    id: string;
    released_at: Date;
    products: unknown;
  }>(
    `SELECT i.trkref, i.customer_hash, i.id, i.released_at, i.products FROM invitations i JOIN ${CUSTOMERS}
       ON i.trkref = k.trkref AND i.customer_hash = k.customer_hash
     WHERE i.customer_hash IS NOT NULL AND i.status = 'due' AND i.released_at >= $3::timestamptz
     ORDER BY i.released_at, i.id`,
    [...customerParams(customers), since],
  );
  for (const row of rows) {
    push(found, customerKey({ trkref: row.trkref, customerHash: row.customer_hash }), {
      id: row.id,
      releasedAt: row.released_at.toISOString(),
      products: decodeProducts(row.products),
    });
  }
  return found;
}

/** First key of the advisory locks that keep two releases off one customer; apart from every other space. */
const CUSTOMER_LOCK_SPACE = 3;

/**
 * Holds each customer until the transaction ends: one statement, the keys taken in sorted order so that two
 * transactions cannot deadlock. A hash collision only makes two customers wait for each other.
 */
export async function lockCustomers(db: Queryable, customers: CustomerOfOrganisation[]): Promise<void> {
  if (customers.length === 0) return;
  await db.query(
    `SELECT pg_advisory_xact_lock($3, key) FROM (
       SELECT DISTINCT hashtext(trkref || '/' || customer_hash) AS key FROM ${CUSTOMERS} ORDER BY key) AS keys`,
    [...customerParams(customers), CUSTOMER_LOCK_SPACE],
  );
}
