import type { IntakeCommitOutcome, Store } from "../store.js";
import { findApiKey, insertApiKey, listApiKeys, revokeApiKey } from "./api-keys-sql.js";
import { findBatch, insertBatches } from "./batches-sql.js";
import {
  findIdempotencyRecord,
  idempotencyScope,
  insertIdempotencyRecords,
  purgeExpiredIdempotencyRecords,
} from "./idempotency-sql.js";
import { migratePostgres } from "./migrate.js";
import { findOrder } from "./orders-sql.js";
import {
  findOrganisation,
  insertOrganisation,
  listOrganisations,
  setOrganisationEnabled,
} from "./organisations-sql.js";
import { createPostgresPool, inTransaction, type PostgresPoolOptions } from "./postgres-pool.js";
import { processPendingSubmissions } from "./process-submissions.js";
import {
  countPendingSubmissions,
  findSubmission,
  insertSubmissions,
  listSubmissionsForBatch,
  listSubmissionsForOrder,
  oldestPendingAcceptedAt,
} from "./submissions-sql.js";

/**
 * The scale-out store: many API instances and processors on one PostgreSQL database. Applies its
 * migrations before it is returned.
 */
export async function createPostgresStore(url: string, options: PostgresPoolOptions): Promise<Store> {
  const { pool, schema } = createPostgresPool(url, options);
  try {
    await migratePostgres(pool, schema);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    kind: "postgres",
    migrate: () => migratePostgres(pool, schema),
    ping: async () => {
      await pool.query("SELECT 1");
    },
    close: () => pool.end(),
    createOrganisation: (input) => insertOrganisation(pool, input),
    setOrganisationEnabled: (trkref, enabled) => setOrganisationEnabled(pool, trkref, enabled),
    findOrganisation: (trkref) => findOrganisation(pool, trkref),
    listOrganisations: () => listOrganisations(pool),
    createApiKey: (input) => inTransaction(pool, (client) => insertApiKey(client, input)),
    findApiKey: (id) => findApiKey(pool, id),
    listApiKeys: () => listApiKeys(pool),
    revokeApiKey: (id) => revokeApiKey(pool, id),
    // One transaction, a few multi-row statements, whatever the size of the group.
    commitIntake: (writes) =>
      inTransaction(pool, async (client) => {
        const records = writes.flatMap((write) => (write.idempotency ? [write.idempotency] : []));
        const inserted = await insertIdempotencyRecords(client, records);
        const outcomes = writes.map(
          (write): IntakeCommitOutcome =>
            write.idempotency && !inserted.has(idempotencyScope(write.idempotency))
              ? "idempotency_conflict"
              : "committed",
        );
        const kept = writes.filter((_, index) => outcomes[index] === "committed");
        await insertBatches(
          client,
          kept.flatMap((write) => (write.batch ? [write.batch] : [])),
        );
        await insertSubmissions(
          client,
          kept.flatMap((write) => write.submissions),
        );
        return outcomes;
      }),
    findSubmission: (id) => findSubmission(pool, id),
    listSubmissionsForOrder: (trkref, orderRef) => listSubmissionsForOrder(pool, trkref, orderRef),
    findBatch: async (id) => {
      const batch = await findBatch(pool, id);
      return batch && { ...batch, submissions: await listSubmissionsForBatch(pool, id) };
    },
    findIdempotencyRecord: (keyId, key, now) => findIdempotencyRecord(pool, keyId, key, now),
    purgeExpiredIdempotencyRecords: (now) => purgeExpiredIdempotencyRecords(pool, now),
    countPendingSubmissions: () => countPendingSubmissions(pool),
    oldestPendingAcceptedAt: () => oldestPendingAcceptedAt(pool),
    processPendingSubmissions: (limit) => processPendingSubmissions(pool, limit),
    findOrder: (trkref, orderRef) => findOrder(pool, trkref, orderRef),
  };
}
