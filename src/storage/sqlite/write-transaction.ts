import type Database from "better-sqlite3";
import { rollBackLeftover } from "./async-write-transaction.js";

/**
 * `work` as one write transaction (BEGIN IMMEDIATE: the write lock first, so that its reads see what it
 * writes over), after ending any transaction that processing left open, which it would otherwise join.
 */
export function writeTransaction<Args extends unknown[], Result>(
  db: Database.Database,
  work: (...args: Args) => Result,
): (...args: Args) => Result {
  const transaction = db.transaction(work);
  return (...args) => {
    rollBackLeftover(db);
    return transaction.immediate(...args);
  };
}
