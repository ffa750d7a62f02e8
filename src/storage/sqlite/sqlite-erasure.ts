import type Database from "better-sqlite3";
import type { ErasureDatabase, ErasureTransaction } from "../erasure-io.js";
import { inAsyncWriteTransaction } from "./async-write-transaction.js";
import { createErasureQueries } from "./erasure-sql.js";
import type { createEventQueries } from "./events-sql.js";
import { createSuppressionQueries } from "./suppressions-sql.js";

// `PRAGMA secure_delete` reads 0, 1 or 2 (FAST); only the names set the third back.
const SECURE_DELETE_SETTINGS = ["OFF", "ON", "FAST"] as const;

/**
 * Runs `work` with `secure_delete` on, so that SQLite overwrites the erased rows' bytes with zeros in the
 * pages it writes instead of leaving them in free space; the connection's own setting is restored after.
 * The WAL still holds older copies of those pages until it is checkpointed (`compact`).
 */
async function withSecureDelete<T>(db: Database.Database, work: () => Promise<T>): Promise<T> {
  const previous = db.pragma("secure_delete", { simple: true }) as number;
  db.pragma("secure_delete = ON");
  try {
    return await work();
  } finally {
    db.pragma(`secure_delete = ${SECURE_DELETE_SETTINGS[previous] ?? "OFF"}`);
  }
}

/**
 * The erasure algorithm's I/O on SQLite. BEGIN IMMEDIATE takes the write lock for the whole erasure, so no
 * processor (of this process or another) applies a submission meanwhile, and the erasure is one commit. Its
 * transaction spans several awaits, as processing's does: the store runs its calls one at a time
 * (`serialise-calls.ts`), so no other call on this connection runs inside it.
 */
export function createSqliteErasure(
  db: Database.Database,
  events: ReturnType<typeof createEventQueries>,
): ErasureDatabase {
  const queries = createErasureQueries(db);
  const suppressions = createSuppressionQueries(db);
  const tx: ErasureTransaction = {
    claimErasureRequest: async (id) => queries.claimRequest(id),
    completeErasureRequest: async (id, counts, now) => queries.completeRequest(id, counts, now),
    findOrders: async (trkref, by) => queries.findOrders(trkref, by),
    findSubmissions: async (trkref, by) => queries.findSubmissions(trkref, by),
    deleteOrders: async (trkref, orderRefs) => queries.deleteOrders(trkref, orderRefs),
    eraseSubmissions: async (erased, now) => queries.eraseSubmissions(erased, now),
    redactEvents: async (trkref, orderRefs, data) => queries.redactEvents(trkref, orderRefs, data),
    eraseInvitations: async (trkref, orderRefs, now) => queries.eraseInvitations(trkref, orderRefs, now),
    writeEvents: async (written, now) => events.write(written, now),
    addSuppressions: async (entries) => suppressions.insert(entries),
    deleteIdempotencyRecords: async (trkref, hashes) => queries.deleteIdempotencyRecords(trkref, hashes),
  };
  return {
    inTransaction: (work) => withSecureDelete(db, () => inAsyncWriteTransaction(db, () => work(tx))),
  };
}
