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
import { insertAuditEntry } from "./audit-sql.js";
import type { Queryable } from "./organisations-sql.js";

// pg reads a timestamptz as a Date.
const { toEndpoint, toSecrets } = webhookRowReaders((time: Date) => time.toISOString());

/** Inserts the endpoint and its audit entry; the caller holds the transaction. */
export async function insertWebhookEndpoint(
  db: Queryable,
  endpoint: NewWebhookEndpoint,
): Promise<WebhookEndpoint> {
  const entry = webhookAuditEntry(endpoint, "webhook.created", endpoint.id, endpoint.createdAt);
  const { id, trkref, url, eventTypes, description } = endpoint;
  if (trkref !== null) {
    const { rowCount } = await db.query("SELECT 1 FROM organisations WHERE trkref = $1", [trkref]);
    if (rowCount === 0) throw new StoreNotFoundError(`Organisation ${trkref} does not exist`);
  }
  const { rows } = await db.query<EndpointRow<Date>>(
    `INSERT INTO webhook_endpoints (id, trkref, url, event_types, description, secret, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING ${ENDPOINT_COLUMNS}`,
    [id, trkref, url, eventTypesColumn(eventTypes), description, endpoint.secret, endpoint.createdAt],
  );
  if (!rows[0]) throw new StoreConflictError(`Webhook endpoint ${id} already exists`);
  if (entry) {
    await insertAuditEntry(db, { ...entry, details: { url, trkref, event_types: eventTypes, description } });
  }
  return toEndpoint(rows[0]);
}

export async function findWebhookEndpoint(db: Queryable, id: string): Promise<WebhookEndpoint | undefined> {
  const { rows } = await db.query<EndpointRow<Date>>(
    `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = $1`,
    [id],
  );
  return rows[0] && toEndpoint(rows[0]);
}

/** Oldest first: every endpoint, or those of one organisation, or (trkref null) the installation's. */
export async function listWebhookEndpoints(
  db: Queryable,
  filter?: { trkref: string | null },
): Promise<WebhookEndpoint[]> {
  const { rows } = await db.query<EndpointRow<Date>>(
    `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints
     WHERE NOT $1::boolean OR trkref IS NOT DISTINCT FROM $2::text ORDER BY created_at, id`,
    [filter !== undefined, filter?.trkref ?? null],
  );
  return rows.map(toEndpoint);
}

/** Deletes the endpoint (its deliveries and attempts with it) and writes its audit entry. */
export async function deleteWebhookEndpoint(db: Queryable, id: string, by?: Attribution): Promise<boolean> {
  const entry = webhookAuditEntry(by, "webhook.removed", id);
  const { rows } = await db.query<{ url: string; trkref: string | null }>(
    "DELETE FROM webhook_endpoints WHERE id = $1 RETURNING url, trkref",
    [id],
  );
  if (!rows[0]) return false;
  if (entry) await insertAuditEntry(db, { ...entry, details: { url: rows[0].url, trkref: rows[0].trkref } });
  return true;
}

/** Makes the current secret the previous one, until the rotation's grace ends; writes its audit entry. */
export async function rotateWebhookSecret(
  db: Queryable,
  rotation: WebhookSecretRotation,
): Promise<WebhookEndpoint | undefined> {
  const entry = webhookAuditEntry(rotation, "webhook.secret_rotated", rotation.id);
  const { rows } = await db.query<EndpointRow<Date>>(
    `UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_valid_until = $1, secret = $2
     WHERE id = $3 RETURNING ${ENDPOINT_COLUMNS}`,
    [rotation.previousValidUntil, rotation.secret, rotation.id],
  );
  if (!rows[0]) return undefined;
  const endpoint = toEndpoint(rows[0]);
  if (entry) {
    await insertAuditEntry(db, {
      ...entry,
      details: { previous_secret_valid_until: endpoint.previousSecretValidUntil },
    });
  }
  return endpoint;
}

/** The columns of `SecretsRow`, of the endpoint `w`, at the time `$now`. */
export const secretColumns = (now: string) => `w.secret,
  CASE WHEN w.previous_secret_valid_until > ${now} THEN w.previous_secret END AS previous_secret,
  w.previous_secret_valid_until`;

export async function findWebhookSecrets(
  db: Queryable,
  id: string,
  now: string,
): Promise<WebhookSecrets | undefined> {
  const { rows } = await db.query<SecretsRow<Date>>(
    `SELECT ${secretColumns("$2::timestamptz")} FROM webhook_endpoints w WHERE w.id = $1`,
    [id, now],
  );
  return rows[0] && toSecrets(rows[0]);
}
