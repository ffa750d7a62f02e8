import type pg from "pg";
import type { WebhookStore } from "../webhook-store.js";
import { inTransaction } from "./postgres-pool.js";
import { writeWebhookAttempts } from "./webhook-attempt-records-sql.js";
import { claimWebhookDeliveries, insertWebhookPing } from "./webhook-deliveries-sql.js";
import {
  deleteWebhookEndpoint,
  findWebhookEndpoint,
  findWebhookSecrets,
  insertWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookSecret,
} from "./webhook-endpoints-sql.js";
import { listWebhookAttempts, listWebhookDeliveries } from "./webhook-listings-sql.js";
import { recoverWebhookEndpoint, requeueWebhookEvent } from "./webhook-requeue-sql.js";

/** Webhook endpoints, their delivery queue and attempt log on PostgreSQL. */
export function createPostgresWebhookStore(pool: pg.Pool): WebhookStore {
  return {
    createWebhookEndpoint: (endpoint) =>
      inTransaction(pool, (client) => insertWebhookEndpoint(client, endpoint)),
    findWebhookEndpoint: (id) => findWebhookEndpoint(pool, id),
    listWebhookEndpoints: (filter) => listWebhookEndpoints(pool, filter),
    removeWebhookEndpoint: (id, by) => inTransaction(pool, (client) => deleteWebhookEndpoint(client, id, by)),
    rotateWebhookSecret: (rotation) => inTransaction(pool, (client) => rotateWebhookSecret(client, rotation)),
    findWebhookSecrets: (id) => findWebhookSecrets(pool, id, new Date().toISOString()),
    claimWebhookDeliveries: (claim) => claimWebhookDeliveries(pool, claim),
    recordWebhookAttempts: (records) =>
      inTransaction(pool, (client) => writeWebhookAttempts(client, records)),
    recordWebhookPing: (attempt) => insertWebhookPing(pool, attempt),
    listWebhookDeliveries: (query) => listWebhookDeliveries(pool, query),
    listWebhookAttempts: (query) => listWebhookAttempts(pool, query),
    replayWebhookEvent: (input) => inTransaction(pool, (client) => requeueWebhookEvent(client, input)),
    recoverWebhookEndpoint: (input) => inTransaction(pool, (client) => recoverWebhookEndpoint(client, input)),
  };
}
