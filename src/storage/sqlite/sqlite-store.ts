import { customerHasherOfKey } from "../../domain/customer-privacy.js";
import {
  cancelInvitation,
  cancelOrder,
  recordInvitationDelivery,
} from "../../processing/cancel-invitations.js";
import { eraseOrders, runErasureRequest } from "../../processing/erase-customers.js";
import { processPendingSubmissions } from "../../processing/process-submissions.js";
import { releaseDueInvitations } from "../../processing/release-invitations.js";
import { createOperatorActions } from "../operator-actions.js";
import { planIntake } from "../plan-intake.js";
import {
  type AccessChange,
  type IntakeCommitOutcome,
  type IntakeWrite,
  idempotencyScope,
  type OrganisationStore,
  type Store,
  type SubmissionStore,
} from "../store.js";
import { createApiKeyQueries } from "./api-keys-sql.js";
import { rollBackLeftover } from "./async-write-transaction.js";
import { createAuditQueries } from "./audit-sql.js";
import { createBatchQueries } from "./batches-sql.js";
import { createEventQueries } from "./events-sql.js";
import { createIdempotencyQueries } from "./idempotency-sql.js";
import { createOrderListing } from "./list-orders-sql.js";
import { createSubmissionListing } from "./list-submissions-sql.js";
import { migrateSqlite } from "./migrate.js";
import { createOrderSubmissionsQuery } from "./order-submissions-sql.js";
import { createOrderQueries } from "./orders-sql.js";
import { createOrganisationQueries } from "./organisations-sql.js";
import { ensureCustomerHashKey } from "./privacy-keys-sql.js";
import { openSqliteDatabase } from "./sqlite-connection.js";
import { createSqliteErasure } from "./sqlite-erasure.js";
import { createSqliteInvitationReads, createSqliteInvitations } from "./sqlite-invitations.js";
import { createSqlitePrivacyStore } from "./sqlite-privacy-store.js";
import { createSqliteProcessing } from "./sqlite-processing.js";
import { createSqliteWebhookStore } from "./sqlite-webhook-store.js";
import { createSubmissionQueries } from "./submissions-sql.js";

/**
 * The embedded store: one SQLite file. better-sqlite3 is synchronous, so each method does its work at once
 * and returns a settled promise; the group committer above it is what makes writes share one fsync.
 */
export function createSqliteStore(path: string): Store {
  const db = openSqliteDatabase(path);
  migrateSqlite(db);
  const hasher = customerHasherOfKey(ensureCustomerHashKey(db));
  const audit = createAuditQueries(db);
  const organisations = createOrganisationQueries(db, audit);
  const apiKeys = createApiKeyQueries(db, audit);
  const submissions = createSubmissionQueries(db);
  const orders = createOrderQueries(db);
  const batches = createBatchQueries(db);
  const idempotency = createIdempotencyQueries(db);
  const events = createEventQueries(db);
  const listOrders = createOrderListing(db);
  const listSubmissionsByStatus = createSubmissionListing(db);
  const listSubmissionsForOrders = createOrderSubmissionsQuery(db);
  const ping = db.prepare("SELECT 1");
  // The time changes at every beat, so that each one really writes.
  const beat = db.prepare(
    `INSERT INTO heartbeat (id, beat_at) VALUES (1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
     ON CONFLICT (id) DO UPDATE SET beat_at = excluded.beat_at`,
  );
  const externalChanges = watchExternalCommits(db);

  // One transaction, hence one WAL fsync, for every write of the group.
  const commitIntake = db.transaction((writes: IntakeWrite[]): IntakeCommitOutcome[] => {
    const inserted = new Set<string>();
    for (const write of writes) {
      if (write.idempotency && idempotency.insertIfAbsent(write.idempotency)) {
        inserted.add(idempotencyScope(write.idempotency));
      }
    }
    const plan = planIntake(writes, inserted);
    for (const batch of plan.batches) batches.insert(batch);
    for (const submission of plan.submissions) submissions.insert(submission);
    return plan.outcomes;
  });

  const processing = createSqliteProcessing(db, submissions, orders, events);
  const erasure = createSqliteErasure(db, events);
  const invitations = createSqliteInvitations(db, orders, events);

  const organisationStore: OrganisationStore = {
    ...createOperatorActions({
      insertOrganisation: async (organisation, entry) => organisations.insert(organisation, entry),
      changeOrganisation: async (trkref, plan) => organisations.change(trkref, plan),
      insertApiKey: async (key, entry) => apiKeys.insert(key, entry),
      changeApiKey: async (id, plan) => apiKeys.change(id, plan),
    }),
    findOrganisation: async (trkref) => organisations.find(trkref),
    findOrganisationSummary: async (trkref) => organisations.summarise(trkref),
    listOrganisations: async () => organisations.list(),
    findApiKey: async (id) => apiKeys.find(id),
    listApiKeys: async (filter) => apiKeys.list(filter),
    recordApiKeyUse: async (uses) => apiKeys.recordUses(uses),
    watchAccessChanges: async (listener) => externalChanges.listen(listener),
  };
  const submissionStore: SubmissionStore = {
    findSubmission: async (id) => submissions.find(id),
    listSubmissionsForOrder: async (trkref, orderRef) => submissions.listForOrder(trkref, orderRef),
    listSubmissionsForOrders: async (trkref, orderRefs) => listSubmissionsForOrders(trkref, orderRefs),
    listSubmissionsByStatus: async (query) => listSubmissionsByStatus(query),
    findBatch: async (id) => {
      const batch = batches.find(id);
      if (!batch) return undefined;
      const ids = batch.results.flatMap((result) => (result.status === "accepted" ? [result.id] : []));
      return { ...batch, submissions: submissions.findMany(ids) };
    },
    countPendingSubmissions: async () => submissions.countPending(),
    oldestPendingAcceptedAt: async () => submissions.oldestPendingAcceptedAt(),
  };

  return {
    kind: "sqlite",
    migrate: async () => migrateSqlite(db),
    ping: async () => {
      ping.get();
    },
    probeWrite: async () => {
      beat.run();
    },
    close: async () => {
      externalChanges.stop();
      db.close();
    },
    ...organisationStore,
    commitIntake: async (writes) => {
      rollBackLeftover(db);
      return commitIntake.immediate(writes);
    },
    ...submissionStore,
    findIdempotencyRecord: async (keyId, key, now) => idempotency.find(keyId, key, now),
    purgeExpiredIdempotencyRecords: async (now) => idempotency.purge(now),
    processPendingSubmissions: (limit, options) =>
      processPendingSubmissions(processing, limit, hasher, options),
    findOrder: async (trkref, orderRef) => orders.find(trkref, orderRef),
    listOrders: async (query) => listOrders(query),
    listAuditEntries: async (query) => audit.list(query),
    listEvents: async (query) => events.list(query),
    findEvent: async (id) => events.find(id),
    deleteEventsBefore: async (cutoff, limit) => events.deleteBefore(cutoff, limit),
    ...createSqliteWebhookStore(db, audit),
    ...createSqlitePrivacyStore(db),
    runErasure: (id, now) => runErasureRequest(erasure, id, now),
    eraseOrders: (named, reason, now) => eraseOrders(erasure, named, reason, now),
    ...createSqliteInvitationReads(db),
    releaseDueInvitations: (options) => releaseDueInvitations(invitations, options),
    cancelOrder: (request) => cancelOrder(invitations, request),
    cancelInvitation: (request) => cancelInvitation(invitations, request),
    recordInvitationDelivery: (report) => recordInvitationDelivery(invitations, report),
  };
}

// Often enough that a key revoked from the CLI stops working at once, for the price of a pragma read.
const EXTERNAL_COMMIT_POLL_MS = 50;

/**
 * Notices commits of other connections to the file (the CLI revoking a key, enabling an organisation):
 * SQLite's `data_version` changes only for those, never for this connection's own commits. Which rows
 * changed it cannot tell, so a change is reported as possibly anything; such commits are rare.
 */
function watchExternalCommits(db: ReturnType<typeof openSqliteDatabase>) {
  const dataVersion = db.prepare("PRAGMA data_version").pluck();
  const listeners: ((change: AccessChange) => void)[] = [];
  let seen = dataVersion.get();
  let timer: NodeJS.Timeout | undefined;
  const poll = () => {
    const current = dataVersion.get();
    if (current === seen) return;
    seen = current;
    for (const listener of listeners) listener({ unknown: true });
  };
  return {
    listen(listener: (change: AccessChange) => void) {
      listeners.push(listener);
      timer ??= setInterval(poll, EXTERNAL_COMMIT_POLL_MS).unref();
    },
    stop: () => clearInterval(timer),
  };
}
