import type pg from "pg";
import type { ProcessingDatabase, ProcessingTransaction } from "../processing-io.js";
import { writeEvents } from "./events-sql.js";
import { findOrders } from "./orders-sql.js";
import { classifyPostgresError } from "./postgres-errors.js";
import { inTransaction } from "./postgres-pool.js";
import { saveOrders } from "./save-orders-sql.js";
import {
  type ClaimedRow,
  claimSubmissions,
  markFailed,
  markProcessed,
  suppressSubmissions,
} from "./submissions-sql.js";
import { findSuppressedCustomers } from "./suppressed-customers-sql.js";

/** First key of the advisory locks that keep two processors off one order; apart from the intake locks. */
const PROCESSING_LOCK_SPACE = 2;

/**
 * A second guard beside the claim: whatever happens upstream, one order is applied by one processor at a
 * time. One statement for the whole batch, its orders in sorted order so that two processors cannot deadlock.
 */
async function lockOrders(client: pg.PoolClient, claimed: ClaimedRow[]): Promise<void> {
  if (claimed.length === 0) return;
  await client.query(
    `SELECT pg_advisory_xact_lock($1, k) FROM (
       SELECT DISTINCT hashtext(t || '/' || r) AS k FROM unnest($2::text[], $3::text[]) AS o(t, r) ORDER BY k) AS keys`,
    [PROCESSING_LOCK_SPACE, claimed.map((c) => c.trkref), claimed.map((c) => c.order_ref)],
  );
}

function processingTransaction(client: pg.PoolClient): ProcessingTransaction {
  return {
    async claimPending(limit) {
      const claimed = await claimSubmissions(client, limit);
      await lockOrders(client, claimed);
      return claimed;
    },
    findOrders: (named) => findOrders(client, named),
    findSuppressed: (customers) => findSuppressedCustomers(client, customers),
    suppressSubmissions: (suppressed) => suppressSubmissions(client, suppressed),
    saveOrders: (changed, now) => saveOrders(client, changed, now),
    markProcessed: (processed, now) => markProcessed(client, processed, now),
    markFailed: (failures, now) => markFailed(client, failures, now),
    writeEvents: (events, now) => writeEvents(client, events, now),
    async inSavepoint(work) {
      await client.query("SAVEPOINT apply_one");
      try {
        const result = await work();
        await client.query("RELEASE SAVEPOINT apply_one");
        return result;
      } catch (error) {
        await client.query("ROLLBACK TO SAVEPOINT apply_one");
        throw error;
      }
    },
  };
}

/**
 * The processing pipeline's I/O on PostgreSQL. The claims are row locks held until the transaction ends,
 * so a processor that dies mid-batch loses nothing: its connection drops, its transaction rolls back, and
 * another processor claims the same rows.
 */
export function createPostgresProcessing(pool: pg.Pool): ProcessingDatabase {
  return {
    inTransaction: (work) => inTransaction(pool, (client) => work(processingTransaction(client))),
    classifyError: classifyPostgresError,
  };
}
