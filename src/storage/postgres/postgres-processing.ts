import type pg from "pg";
import type { ProcessingDatabase, ProcessingTransaction } from "../processing-io.js";
import { writeEvents } from "./events-sql.js";
import { invitationReadsAndWrites } from "./invitation-reads-and-writes.js";
import { lockOrdersForProcessing } from "./order-locks-sql.js";
import { findOrders } from "./orders-sql.js";
import { classifyPostgresError } from "./postgres-errors.js";
import { inTransaction } from "./postgres-pool.js";
import { saveOrders } from "./save-orders-sql.js";
import { claimSubmissions, markFailed, markProcessed, suppressSubmissions } from "./submissions-sql.js";
import { findSuppressedCustomers } from "./suppressed-customers-sql.js";

function processingTransaction(client: pg.PoolClient): ProcessingTransaction {
  return {
    async claimPending(limit) {
      const claimed = await claimSubmissions(client, limit);
      // A second guard beside the claim: whatever happens upstream, one order is applied by one processor at a time.
      await lockOrdersForProcessing(client, claimed);
      return claimed;
    },
    findOrders: (named) => findOrders(client, named),
    findSuppressed: (customers) => findSuppressedCustomers(client, customers),
    suppressSubmissions: (suppressed) => suppressSubmissions(client, suppressed),
    saveOrders: (changed, now) => saveOrders(client, changed, now),
    markProcessed: (processed, now) => markProcessed(client, processed, now),
    markFailed: (failures, now) => markFailed(client, failures, now),
    writeEvents: (events, now) => writeEvents(client, events, now),
    ...invitationReadsAndWrites(client),
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
