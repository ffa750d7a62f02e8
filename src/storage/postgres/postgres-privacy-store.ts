import type pg from "pg";
import { type CustomerHasher, customerHasherOfKey } from "../../domain/customer-privacy.js";
import type { PrivacyStore } from "../privacy-store.js";
import { compactTables } from "./compact-sql.js";
import { backfillCustomerHashes } from "./customer-hash-backfill-sql.js";
import {
  findErasureRequest,
  insertErasureRequest,
  listErasureRequests,
  listPendingErasureIds,
} from "./erasure-requests-sql.js";
import { ensureCustomerHashKey } from "./privacy-keys-sql.js";
import { listOrdersUpdatedBefore, removeRawDocuments } from "./retention-sql.js";
import { findSuppressed, insertSuppressions, listSuppressionsSince } from "./suppressions-sql.js";

/** The privacy store's reads and writes on PostgreSQL, but the erasures themselves (`postgres-erasure.ts`). */
export function createPostgresPrivacyStore(pool: pg.Pool): Omit<PrivacyStore, "runErasure" | "eraseOrders"> {
  // The key never changes once made: read once per store (again after a failed read).
  let key: Promise<string> | undefined;
  let hasher: Promise<CustomerHasher> | undefined;
  const customerHashKey = () => {
    key ??= ensureCustomerHashKey(pool).catch((error: unknown) => {
      key = undefined;
      throw error;
    });
    return key;
  };
  const customerHasher = () => {
    hasher ??= customerHashKey().then(customerHasherOfKey, (error: unknown) => {
      hasher = undefined;
      throw error;
    });
    return hasher;
  };

  return {
    customerHashKey,
    addSuppressions: (entries) => insertSuppressions(pool, entries),
    listSuppressionsSince: (trkref, afterSeq, limit) => listSuppressionsSince(pool, trkref, afterSeq, limit),
    findSuppressed: (trkref, customerHashes) => findSuppressed(pool, trkref, customerHashes),
    createErasureRequest: (request) => insertErasureRequest(pool, request),
    findErasureRequest: (trkref, id) => findErasureRequest(pool, trkref, id),
    listErasureRequests: (query) => listErasureRequests(pool, query),
    listPendingErasureIds: (limit) => listPendingErasureIds(pool, limit),
    removeRawDocuments: (processedBefore, limit) => removeRawDocuments(pool, processedBefore, limit),
    listOrdersUpdatedBefore: (before, limit) => listOrdersUpdatedBefore(pool, before, limit),
    backfillCustomerHashes: async (limit) => backfillCustomerHashes(pool, await customerHasher(), limit),
    compact: ({ full }) => compactTables(pool, full),
  };
}
