import { processPendingSubmissions } from "../../processing/process-submissions.js";
import type { OrganisationStore, Store, SubmissionStore } from "../store.js";
import { createAccessChangeListener } from "./access-changes.js";
import { findApiKey, insertApiKey, listApiKeys, revokeApiKey } from "./api-keys-sql.js";
import { findBatch } from "./batches-sql.js";
import { commitIntake } from "./commit-intake.js";
import { findIdempotencyRecord, purgeExpiredIdempotencyRecords } from "./idempotency-sql.js";
import { migratePostgres } from "./migrate.js";
import { findOrder } from "./orders-sql.js";
import {
  findOrganisation,
  insertOrganisation,
  listOrganisations,
  setOrganisationEnabled,
} from "./organisations-sql.js";
import { createPostgresPool, inTransaction, type PostgresPoolOptions } from "./postgres-pool.js";
import { createPostgresProcessing } from "./postgres-processing.js";
import {
  countPendingSubmissions,
  findSubmission,
  listSubmissionsForBatch,
  listSubmissionsForOrder,
  oldestPendingAcceptedAt,
} from "./submissions-sql.js";

/**
 * The scale-out store: many API instances and processors on one PostgreSQL database. Applies its
 * migrations before it is returned.
 */
export async function createPostgresStore(url: string, options: PostgresPoolOptions): Promise<Store> {
  const { pool, schema, connection } = createPostgresPool(url, options);
  const accessChanges = createAccessChangeListener(connection, schema);
  try {
    await migratePostgres(connection, schema);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const processing = createPostgresProcessing(pool);
  const organisationStore: OrganisationStore = {
    createOrganisation: (input) => insertOrganisation(pool, input),
    setOrganisationEnabled: (trkref, enabled) => setOrganisationEnabled(pool, trkref, enabled, schema),
    findOrganisation: (trkref) => findOrganisation(pool, trkref),
    listOrganisations: () => listOrganisations(pool),
    createApiKey: (input) => inTransaction(pool, (client) => insertApiKey(client, input)),
    findApiKey: (id) => findApiKey(pool, id),
    listApiKeys: () => listApiKeys(pool),
    revokeApiKey: (id) => revokeApiKey(pool, id, schema),
    watchAccessChanges: (listener) => accessChanges.watch(listener),
  };
  const submissionStore: SubmissionStore = {
    findSubmission: (id) => findSubmission(pool, id),
    listSubmissionsForOrder: (trkref, orderRef) => listSubmissionsForOrder(pool, trkref, orderRef),
    findBatch: async (id) => {
      const batch = await findBatch(pool, id);
      return batch && { ...batch, submissions: await listSubmissionsForBatch(pool, id) };
    },
    countPendingSubmissions: () => countPendingSubmissions(pool),
    oldestPendingAcceptedAt: () => oldestPendingAcceptedAt(pool),
  };
  return {
    kind: "postgres",
    migrate: () => migratePostgres(connection, schema),
    ping: async () => {
      await pool.query("SELECT 1");
    },
    probeWrite: async () => {
      await pool.query(
        `INSERT INTO heartbeat (id, beat_at) VALUES (1, clock_timestamp())
         ON CONFLICT (id) DO UPDATE SET beat_at = excluded.beat_at`,
      );
    },
    close: async () => {
      await accessChanges.close();
      await pool.end();
    },
    ...organisationStore,
    commitIntake: (writes) => inTransaction(pool, (client) => commitIntake(client, writes)),
    ...submissionStore,
    findIdempotencyRecord: (keyId, key, now) => findIdempotencyRecord(pool, keyId, key, now),
    purgeExpiredIdempotencyRecords: (now) => purgeExpiredIdempotencyRecords(pool, now),
    processPendingSubmissions: (limit) => processPendingSubmissions(processing, limit),
    findOrder: (trkref, orderRef) => findOrder(pool, trkref, orderRef),
  };
}
