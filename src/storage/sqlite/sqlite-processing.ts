import type Database from "better-sqlite3";
import { orderKey } from "../../domain/apply-submissions-in-order.js";
import type { NormalisedOrder } from "../../domain/normalised-order.js";
import type { ProcessingDatabase, ProcessingTransaction } from "../processing-io.js";
import { StoreUnavailableError } from "../store-errors.js";
import type { createEventQueries } from "./events-sql.js";
import type { createOrderQueries } from "./orders-sql.js";
import { classifySqliteError } from "./sqlite-errors.js";
import type { createSubmissionQueries } from "./submissions-sql.js";

/**
 * The processing pipeline's I/O on SQLite. BEGIN IMMEDIATE takes the write lock for the whole batch, so one
 * processor at a time holds it, and the batch is one commit (one fsync). The pipeline is asynchronous, as
 * PostgreSQL's I/O must be, so its transaction spans several awaits: the store runs its calls one at a time
 * (`serialise-calls.ts`), so that no other call on this connection runs inside it.
 */
/** A transaction the database ended on its own (after a full disk, say) fails what remains of the work. */
function assertInTransaction(db: Database.Database): void {
  if (!db.inTransaction) throw new StoreUnavailableError("SQLite ended the transaction after an error");
}

/**
 * Ends a transaction a failed rollback left open on this connection. Nothing in it was acknowledged (a
 * `202` follows a commit), and any later transaction would otherwise run inside it, its commit only a
 * savepoint's release.
 */
export function rollBackLeftover(db: Database.Database): void {
  if (db.inTransaction) db.exec("ROLLBACK");
}

export function createSqliteProcessing(
  db: Database.Database,
  submissions: ReturnType<typeof createSubmissionQueries>,
  orders: ReturnType<typeof createOrderQueries>,
  events: ReturnType<typeof createEventQueries>,
): ProcessingDatabase {
  const tx: ProcessingTransaction = {
    claimPending: async (limit) => submissions.selectPending(limit),
    async findOrders(named) {
      const found = new Map<string, NormalisedOrder>();
      for (const { trkref, order_ref } of named) {
        const key = orderKey({ trkref, order_ref });
        if (found.has(key)) continue;
        const stored = orders.find(trkref, order_ref);
        if (stored) found.set(key, stored.order);
      }
      return found;
    },
    async saveOrders(changed, now) {
      for (const { order, lastSubmissionId } of changed) orders.save(order, lastSubmissionId, now);
    },
    async markProcessed(processed, now) {
      for (const { seq, outcome } of processed) submissions.markProcessed(seq, outcome, now);
    },
    async markFailed(failures, now) {
      for (const failure of failures) submissions.markFailed(failure, now);
    },
    async writeEvents(written, now) {
      events.write(written, now);
    },
    async inSavepoint(work) {
      // Outside a transaction SAVEPOINT would open one of its own, and RELEASE commit it.
      assertInTransaction(db);
      db.exec("SAVEPOINT apply_one");
      try {
        const result = await work();
        db.exec("RELEASE apply_one");
        return result;
      } catch (error) {
        // SQLite ends the whole transaction itself on some errors (a full disk, I/O): then there is no
        // savepoint left to roll back to, and the error is what the caller must see.
        if (db.inTransaction) {
          try {
            db.exec("ROLLBACK TO apply_one; RELEASE apply_one");
          } catch {
            // The transaction is rolled back whole on the way out; the first error is the one to see.
          }
        }
        throw error;
      }
    },
  };
  return {
    async inTransaction(work) {
      rollBackLeftover(db);
      db.exec("BEGIN IMMEDIATE");
      try {
        const result = await work(tx);
        assertInTransaction(db);
        db.exec("COMMIT");
        return result;
      } catch (error) {
        if (db.inTransaction) {
          try {
            db.exec("ROLLBACK");
          } catch {
            // Left for rollBackLeftover to end before the next transaction; the first error is the one to see.
          }
        }
        throw error;
      }
    },
    classifyError: classifySqliteError,
  };
}
