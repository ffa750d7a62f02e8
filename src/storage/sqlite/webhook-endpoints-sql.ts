import type Database from "better-sqlite3";
import type { Attribution } from "../organisation-store.js";
import { StoreConflictError, StoreNotFoundError } from "../store-errors.js";
import {
  ENDPOINT_COLUMNS,
  type EndpointRow,
  eventTypesColumn,
  type SecretsRow,
  webhookAuditEntry,
  webhookRowReaders,
} from "../webhook-columns.js";
import type {
  NewWebhookEndpoint,
  WebhookEndpoint,
  WebhookSecretRotation,
  WebhookSecrets,
} from "../webhook-store.js";
import type { createAuditQueries } from "./audit-sql.js";
import { writeTransaction } from "./write-transaction.js";

const COLUMNS = `${ENDPOINT_COLUMNS} FROM webhook_endpoints`;

// SQLite keeps times as the ISO text the store was given.
const { toEndpoint, toSecrets } = webhookRowReaders((time: string) => time);

/** Webhook endpoints on SQLite: each operator's change written with its audit entry. */
export function createWebhookEndpointQueries(
  db: Database.Database,
  audit: ReturnType<typeof createAuditQueries>,
) {
  const insertRow = db.prepare(
    `INSERT INTO webhook_endpoints (id, trkref, url, event_types, description, secret, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const orgExists = db.prepare("SELECT 1 FROM organisations WHERE trkref = ?");
  const findOne = db.prepare(`SELECT ${COLUMNS} WHERE id = ?`);
  const listAll = db.prepare(`SELECT ${COLUMNS} ORDER BY created_at, id`);
  const listOf = db.prepare(`SELECT ${COLUMNS} WHERE trkref = ? ORDER BY created_at, id`);
  const listInstallation = db.prepare(`SELECT ${COLUMNS} WHERE trkref IS NULL ORDER BY created_at, id`);
  const deleteRow = db.prepare("DELETE FROM webhook_endpoints WHERE id = ?");
  const rotateRow = db.prepare(
    `UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_valid_until = ?, secret = ?
     WHERE id = ?`,
  );
  // The previous secret only while its grace lasts: after that it signs nothing.
  const secrets = db.prepare(
    `SELECT secret, CASE WHEN previous_secret_valid_until > ? THEN previous_secret END AS previous_secret,
       previous_secret_valid_until FROM webhook_endpoints WHERE id = ?`,
  );
  const find = (id: string): WebhookEndpoint | undefined => {
    const row = findOne.get(id) as EndpointRow<string> | undefined;
    return row && toEndpoint(row);
  };

  const create = writeTransaction(db, (endpoint: NewWebhookEndpoint): WebhookEndpoint => {
    const entry = webhookAuditEntry(endpoint, "webhook.created", endpoint.id, endpoint.createdAt);
    const { id, trkref, url, eventTypes, description } = endpoint;
    if (trkref !== null && !orgExists.get(trkref)) {
      throw new StoreNotFoundError(`Organisation ${trkref} does not exist`);
    }
    if (findOne.get(id)) throw new StoreConflictError(`Webhook endpoint ${id} already exists`);
    insertRow.run(
      id,
      trkref,
      url,
      eventTypesColumn(eventTypes),
      description,
      endpoint.secret,
      endpoint.createdAt,
    );
    if (entry) {
      audit.insert({ ...entry, details: { url, trkref, event_types: eventTypes, description } });
    }
    return find(id) as WebhookEndpoint;
  });
  const remove = writeTransaction(db, (id: string, by: Attribution | undefined): boolean => {
    const entry = webhookAuditEntry(by, "webhook.removed", id);
    const endpoint = find(id);
    if (!endpoint) return false;
    // Its deliveries and their attempts go with it (ON DELETE CASCADE).
    deleteRow.run(id);
    if (entry) audit.insert({ ...entry, details: { url: endpoint.url, trkref: endpoint.trkref } });
    return true;
  });
  const rotate = writeTransaction(db, (rotation: WebhookSecretRotation) => {
    const entry = webhookAuditEntry(rotation, "webhook.secret_rotated", rotation.id);
    if (rotateRow.run(rotation.previousValidUntil, rotation.secret, rotation.id).changes === 0)
      return undefined;
    if (entry) {
      audit.insert({ ...entry, details: { previous_secret_valid_until: rotation.previousValidUntil } });
    }
    return find(rotation.id);
  });

  return {
    create,
    find,
    list(filter?: { trkref: string | null }): WebhookEndpoint[] {
      const rows =
        filter === undefined
          ? listAll.all()
          : filter.trkref === null
            ? listInstallation.all()
            : listOf.all(filter.trkref);
      return (rows as EndpointRow<string>[]).map(toEndpoint);
    },
    remove,
    rotate,
    findSecrets(id: string, now: string): WebhookSecrets | undefined {
      const row = secrets.get(now, id) as SecretsRow<string> | undefined;
      return row && toSecrets(row);
    },
  };
}
