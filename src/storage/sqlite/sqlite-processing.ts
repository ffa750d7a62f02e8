import type Database from "better-sqlite3";
import { orderKey } from "../../domain/apply-submissions-in-order.js";
import type { NormalisedOrder } from "../../domain/normalised-order.js";
import type { ProcessingDatabase, ProcessingTransaction } from "../processing-io.js";
import type { SubmissionOutcome } from "../store.js";
import { assertInTransaction, inAsyncWriteTransaction } from "./async-write-transaction.js";
import type { createEventQueries } from "./events-sql.js";
import type { createOrderQueries } from "./orders-sql.js";
import { classifySqliteError } from "./sqlite-errors.js";
import { createSqliteInvitationReadsAndWrites } from "./sqlite-invitations.js";
import type { createSubmissionQueries } from "./submissions-sql.js";
import { createSuppressedCustomersQuery } from "./suppressed-customers-sql.js";

/**
 * The processing pipeline's I/O on SQLite. BEGIN IMMEDIATE takes the write lock for the whole batch, so one
 * processor at a time holds it, and the batch is one commit (one fsync). The pipeline is asynchronous, as
 * PostgreSQL's I/O must be, so its transaction spans several awaits: the store runs its calls one at a time
 * (`serialise-calls.ts`), so that no other call on this connection runs inside it.
 */
export function createSqliteProcessing(
  db: Database.Database,
  submissions: ReturnType<typeof createSubmissionQueries>,
  orders: ReturnType<typeof createOrderQueries>,
  events: ReturnType<typeof createEventQueries>,
): ProcessingDatabase {
  const findSuppressed = createSuppressedCustomersQuery(db);
  const tx: ProcessingTransaction = {
    ...createSqliteInvitationReadsAndWrites(db),
    claimPending: async (limit) => submissions.selectPending(limit),
    findSuppressed: async (customers) => findSuppressed(customers),
    async suppressSubmissions(suppressed) {
      for (const submission of suppressed) submissions.suppress(submission);
    },
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
      for (const order of changed) orders.save(order, now);
    },
    async markProcessed(processed, now) {
      const seqsByOutcome = new Map<SubmissionOutcome, number[]>();
      for (const { seq, outcome } of processed) {
        const seqs = seqsByOutcome.get(outcome);
        if (seqs) seqs.push(seq);
        else seqsByOutcome.set(outcome, [seq]);
      }
      for (const [outcome, seqs] of seqsByOutcome) submissions.markProcessed(seqs, outcome, now);
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
    inTransaction: (work) => inAsyncWriteTransaction(db, () => work(tx)),
    classifyError: classifySqliteError,
  };
}
