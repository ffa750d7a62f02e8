import type Database from "better-sqlite3";
import { type CustomerHasher, customerHasherOfKey } from "../../domain/customer-privacy.js";
import type { PrivacyStore } from "../privacy-store.js";
import { createCompaction } from "./compact-sql.js";
import { createCustomerHashBackfill } from "./customer-hash-backfill-sql.js";
import { createErasureRequestQueries } from "./erasure-requests-sql.js";
import { ensureCustomerHashKey } from "./privacy-keys-sql.js";
import { createRetentionQueries } from "./retention-sql.js";
import { createSuppressionQueries } from "./suppressions-sql.js";
import { writeTransaction } from "./write-transaction.js";

/** The privacy store's reads and writes on SQLite, but the erasures themselves (`sqlite-erasure.ts`). */
export function createSqlitePrivacyStore(
  db: Database.Database,
): Omit<PrivacyStore, "runErasure" | "eraseOrders"> {
  const suppressions = createSuppressionQueries(db);
  const ledger = createErasureRequestQueries(db);
  const retention = createRetentionQueries(db);
  const backfill = createCustomerHashBackfill(db);
  const compact = createCompaction(db);
  const addSuppressions = writeTransaction(db, suppressions.insert);
  const createErasureRequest = writeTransaction(db, ledger.insert);
  // The key never changes once made: read once per store.
  const readKey = writeTransaction(db, () => ensureCustomerHashKey(db));
  let key: string | undefined;
  let hasher: CustomerHasher | undefined;
  const customerHashKey = () => {
    key ??= readKey();
    return key;
  };
  const customerHasher = () => {
    hasher ??= customerHasherOfKey(customerHashKey());
    return hasher;
  };

  return {
    customerHashKey: async () => customerHashKey(),
    addSuppressions: async (entries) => addSuppressions(entries),
    listSuppressionsSince: async (trkref, afterSeq, limit) => suppressions.listSince(trkref, afterSeq, limit),
    findSuppressed: async (trkref, customerHashes) => suppressions.findAmong(trkref, customerHashes),
    createErasureRequest: async (request) => createErasureRequest(request),
    findErasureRequest: async (trkref, id) => ledger.find(trkref, id),
    listErasureRequests: async (query) => ledger.list(query),
    listPendingErasureIds: async (limit) => ledger.listPendingIds(limit),
    removeRawDocuments: async (processedBefore, limit) =>
      retention.removeRawDocuments(processedBefore, limit),
    listOrdersUpdatedBefore: async (before, limit) => retention.listOrdersUpdatedBefore(before, limit),
    backfillCustomerHashes: async (limit) => backfill(customerHasher(), limit),
    compact: async (options) => compact(options),
  };
}
