import { type CustomerHasher, customerHasherOfKey } from "../../domain/customer-privacy.js";
import {
  cancelInvitation,
  cancelOrder,
  recordInvitationDelivery,
} from "../../processing/cancel-invitations.js";
import { eraseOrders, runErasureRequest } from "../../processing/erase-customers.js";
import { processPendingSubmissions } from "../../processing/process-submissions.js";
import { releaseDueInvitations } from "../../processing/release-invitations.js";
import { createOperatorActions } from "../operator-actions.js";
import type { OrganisationStore, Store, SubmissionStore } from "../store.js";
import { createAccessChangeListener } from "./access-changes.js";
import { changeApiKey, findApiKey, insertApiKey, listApiKeys, recordApiKeyUse } from "./api-keys-sql.js";
import { listAuditEntries } from "./audit-sql.js";
import { findBatch } from "./batches-sql.js";
import { commitIntake } from "./commit-intake.js";
import { deleteEventsBefore, findEvent, listEvents } from "./events-sql.js";
import { findIdempotencyRecord, purgeExpiredIdempotencyRecords } from "./idempotency-sql.js";
import { findInvitation, findOrderInvitation, listInvitations } from "./invitation-listing-sql.js";
import { listOrders } from "./list-orders-sql.js";
import { listSubmissionsByStatus } from "./list-submissions-sql.js";
import { migratePostgres } from "./migrate.js";
import { listSubmissionsForOrders } from "./order-submissions-sql.js";
import { findOrder } from "./orders-sql.js";
import {
  changeOrganisation,
  findOrganisation,
  findOrganisationSummary,
  insertOrganisation,
  listOrganisations,
} from "./organisations-sql.js";
import { createPostgresErasure } from "./postgres-erasure.js";
import { createPostgresInvitations } from "./postgres-invitations.js";
import { createPostgresPool, inTransaction, type PostgresPoolOptions } from "./postgres-pool.js";
import { createPostgresPrivacyStore } from "./postgres-privacy-store.js";
import { createPostgresProcessing } from "./postgres-processing.js";
import { createPostgresWebhookStore } from "./postgres-webhook-store.js";
import { ensureCustomerHashKey } from "./privacy-keys-sql.js";
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
  let hasher: CustomerHasher;
  try {
    await migratePostgres(connection, schema);
    hasher = customerHasherOfKey(await ensureCustomerHashKey(pool));
  } catch (error) {
    await pool.end();
    throw error;
  }
  const processing = createPostgresProcessing(pool);
  const erasure = createPostgresErasure(pool);
  const invitations = createPostgresInvitations(pool);
  const organisationStore: OrganisationStore = {
    ...createOperatorActions({
      insertOrganisation: (organisation, entry) =>
        inTransaction(pool, (client) => insertOrganisation(client, organisation, entry)),
      changeOrganisation: (trkref, plan) =>
        inTransaction(pool, (client) => changeOrganisation(client, trkref, plan, schema)),
      insertApiKey: (key, entry) => inTransaction(pool, (client) => insertApiKey(client, key, entry)),
      changeApiKey: (id, plan) => inTransaction(pool, (client) => changeApiKey(client, id, plan, schema)),
    }),
    findOrganisation: (trkref) => findOrganisation(pool, trkref),
    findOrganisationSummary: (trkref) => findOrganisationSummary(pool, trkref),
    listOrganisations: () => listOrganisations(pool),
    findApiKey: (id) => findApiKey(pool, id),
    listApiKeys: (filter) => listApiKeys(pool, filter),
    recordApiKeyUse: (uses) => recordApiKeyUse(pool, uses),
    watchAccessChanges: (listener) => accessChanges.watch(listener),
  };
  const submissionStore: SubmissionStore = {
    findSubmission: (id) => findSubmission(pool, id),
    listSubmissionsForOrder: (trkref, orderRef) => listSubmissionsForOrder(pool, trkref, orderRef),
    listSubmissionsForOrders: (trkref, orderRefs) => listSubmissionsForOrders(pool, trkref, orderRefs),
    listSubmissionsByStatus: (query) => listSubmissionsByStatus(pool, query),
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
    processPendingSubmissions: (limit, options) =>
      processPendingSubmissions(processing, limit, hasher, options),
    findOrder: (trkref, orderRef) => findOrder(pool, trkref, orderRef),
    listOrders: (query) => listOrders(pool, query),
    listAuditEntries: (query) => listAuditEntries(pool, query),
    listEvents: (query) => listEvents(pool, query),
    findEvent: (id) => findEvent(pool, id),
    deleteEventsBefore: (cutoff, limit) =>
      inTransaction(pool, (client) => deleteEventsBefore(client, cutoff, limit)),
    ...createPostgresWebhookStore(pool),
    ...createPostgresPrivacyStore(pool),
    runErasure: (id, now) => runErasureRequest(erasure, id, now),
    eraseOrders: (named, reason, now) => eraseOrders(erasure, named, reason, now),
    listInvitations: (query) => listInvitations(pool, query),
    findInvitation: (trkref, id) => findInvitation(pool, trkref, id),
    findOrderInvitation: (trkref, orderRef) => findOrderInvitation(pool, trkref, orderRef),
    releaseDueInvitations: (options) => releaseDueInvitations(invitations, options),
    cancelOrder: (request) => cancelOrder(invitations, request),
    cancelInvitation: (request) => cancelInvitation(invitations, request),
    recordInvitationDelivery: (report) => recordInvitationDelivery(invitations, report),
  };
}
