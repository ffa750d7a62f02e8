import type Database from "better-sqlite3";
import type { WebhookStore } from "../webhook-store.js";
import type { createAuditQueries } from "./audit-sql.js";
import { createWebhookDeliveryQueries } from "./webhook-deliveries-sql.js";
import { createWebhookEndpointQueries } from "./webhook-endpoints-sql.js";
import { createWebhookListings } from "./webhook-listings-sql.js";
import { createWebhookRequeueQueries } from "./webhook-requeue-sql.js";

/** Webhook endpoints, their delivery queue and attempt log on SQLite. */
export function createSqliteWebhookStore(
  db: Database.Database,
  audit: ReturnType<typeof createAuditQueries>,
): WebhookStore {
  const endpoints = createWebhookEndpointQueries(db, audit);
  const deliveries = createWebhookDeliveryQueries(db);
  const listings = createWebhookListings(db);
  const requeue = createWebhookRequeueQueries(db, audit);
  return {
    createWebhookEndpoint: async (endpoint) => endpoints.create(endpoint),
    findWebhookEndpoint: async (id) => endpoints.find(id),
    listWebhookEndpoints: async (filter) => endpoints.list(filter),
    removeWebhookEndpoint: async (id, by) => endpoints.remove(id, by),
    rotateWebhookSecret: async (rotation) => endpoints.rotate(rotation),
    findWebhookSecrets: async (id) => endpoints.findSecrets(id, new Date().toISOString()),
    claimWebhookDeliveries: async (claim) => deliveries.claim(claim),
    recordWebhookAttempts: async (records) => deliveries.record(records),
    recordWebhookPing: async (attempt) => deliveries.recordPing(attempt),
    listWebhookDeliveries: async (query) => listings.deliveries(query),
    listWebhookAttempts: async (query) => listings.attempts(query),
    replayWebhookEvent: async (input) => requeue.replay(input),
    recoverWebhookEndpoint: async (input) => requeue.recover(input),
  };
}
