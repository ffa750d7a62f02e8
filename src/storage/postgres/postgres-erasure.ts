import type pg from "pg";
import type { ErasureDatabase, ErasureTransaction } from "../erasure-io.js";
import {
  claimErasureRequest,
  completeErasureRequest,
  deleteIdempotencyRecords,
  deleteOrders,
  eraseInvitations,
  eraseSubmissions,
  findOrders,
  findSubmissions,
  redactEvents,
} from "./erasure-sql.js";
import { writeEvents } from "./events-sql.js";
import { inTransaction } from "./postgres-pool.js";
import { insertSuppressions } from "./suppressions-sql.js";

function erasureTransaction(client: pg.PoolClient): ErasureTransaction {
  return {
    claimErasureRequest: (id) => claimErasureRequest(client, id),
    completeErasureRequest: (id, counts, now) => completeErasureRequest(client, id, counts, now),
    findOrders: (trkref, by) => findOrders(client, trkref, by),
    findSubmissions: (trkref, by) => findSubmissions(client, trkref, by),
    deleteOrders: (trkref, orderRefs) => deleteOrders(client, trkref, orderRefs),
    eraseSubmissions: (erased, now) => eraseSubmissions(client, erased, now),
    redactEvents: (trkref, orderRefs, data) => redactEvents(client, trkref, orderRefs, data),
    eraseInvitations: (trkref, orderRefs, now) => eraseInvitations(client, trkref, orderRefs, now),
    writeEvents: (events, now) => writeEvents(client, events, now),
    addSuppressions: (entries) => insertSuppressions(client, entries),
    deleteIdempotencyRecords: (trkref, hashes) => deleteIdempotencyRecords(client, trkref, hashes),
  };
}

/**
 * The erasure algorithm's I/O on PostgreSQL: each transaction on one pooled client. The request's row lock
 * keeps two runners off one request; the pending submissions' row locks keep a processor off those it has
 * not taken yet, and make the erasure wait for one it has.
 */
export function createPostgresErasure(pool: pg.Pool): ErasureDatabase {
  return { inTransaction: (work) => inTransaction(pool, (client) => work(erasureTransaction(client))) };
}
