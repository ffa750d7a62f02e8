import type pg from "pg";
import type { CustomerOfOrganisation } from "../processing-io.js";

/**
 * Those of the customers given that are on their organisation's suppression list: one statement for a
 * whole batch, each pair one lookup of the list's unique index.
 */
export async function findSuppressedCustomers(
  client: pg.PoolClient,
  customers: CustomerOfOrganisation[],
): Promise<CustomerOfOrganisation[]> {
  if (customers.length === 0) return [];
  const { rows } = await client.query<CustomerOfOrganisation>(
    `SELECT s.trkref, s.customer_hash AS "customerHash" FROM suppressions s
     JOIN (SELECT DISTINCT * FROM unnest($1::text[], $2::text[])) AS k(trkref, customer_hash)
       ON s.trkref = k.trkref AND s.customer_hash = k.customer_hash`,
    [customers.map((c) => c.trkref), customers.map((c) => c.customerHash)],
  );
  return rows;
}
