import type Database from "better-sqlite3";
import { StoreUnavailableError } from "../store-errors.js";

/** A transaction the database ended on its own (after a full disk, say) fails what remains of the work. */
export function assertInTransaction(db: Database.Database): void {
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

/**
 * Runs asynchronous `work` in one write transaction (BEGIN IMMEDIATE: the write lock for the whole of it),
 * committed if it resolves and rolled back if it throws: the processing pipeline's and the erasures', whose
 * I/O is asynchronous as PostgreSQL's must be. The transaction spans several awaits, so the store runs its
 * calls one at a time (`serialise-calls.ts`): no other call on this connection runs inside it.
 */
export async function inAsyncWriteTransaction<T>(db: Database.Database, work: () => Promise<T>): Promise<T> {
  rollBackLeftover(db);
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = await work();
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
}
