import type { EventType } from "../domain/order-events.js";
import type { AuditAction, NewAuditEntry } from "./audit-store.js";
import { actionTime, checkActor } from "./operator-input.js";
import type { Attribution } from "./organisation-store.js";
import type {
  ClaimedDelivery,
  WebhookDisabledReason,
  WebhookEndpoint,
  WebhookEndpointStatus,
  WebhookSecrets,
} from "./webhook-store.js";

/**
 * An endpoint's event types as its column holds them: between commas (`,order.created,order.updated,`),
 * so that the queueing statement finds a type with one substring test; null: every type.
 */
export const eventTypesColumn = (types: readonly EventType[] | null): string | null =>
  types === null ? null : `,${types.join(",")},`;

/** The event types a column holds (see `eventTypesColumn`). */
export const eventTypesOf = (column: string | null): EventType[] | null =>
  column === null ? null : (column.split(",").filter((type) => type !== "") as EventType[]);

/**
 * The audit entry of a webhook action, its details left to fill in, or undefined when the caller named no
 * actor (a merchant's own change through the API, a deliverer's work): only people's actions are logged.
 * Its time is `by.at`, else `at` (the action's own clock), else now.
 */
export function webhookAuditEntry(
  by: Attribution | undefined,
  action: AuditAction,
  subject: string,
  at?: string,
): NewAuditEntry | undefined {
  if (by?.actor === undefined) return undefined;
  return { at: actionTime(by.at ?? at), actor: checkActor(by.actor), action, subject, details: {} };
}

/** An endpoint's row without its secrets; `Time` is how the driver reads a time column. */
export interface EndpointRow<Time> {
  id: string;
  trkref: string | null;
  url: string;
  event_types: string | null;
  description: string | null;
  status: WebhookEndpointStatus;
  disabled_reason: WebhookDisabledReason | null;
  disabled_at: Time | null;
  failing_since: Time | null;
  created_at: Time;
  previous_secret_valid_until: Time | null;
}

/**
 * The columns of `EndpointRow`: every one but the secrets, which only the secrets' own query and the claim
 * read.
 */
export const ENDPOINT_COLUMNS = `id, trkref, url, event_types, description, status, disabled_reason, disabled_at,
  failing_since, created_at, previous_secret_valid_until`;

/** An endpoint's secrets as a query reads them, the previous one already null once its grace is over. */
export interface SecretsRow<Time> {
  secret: string;
  previous_secret: string | null;
  previous_secret_valid_until: Time | null;
}

/** A claimed delivery with its endpoint and its event, as the claim reads it. */
export interface ClaimRow<Time> extends SecretsRow<Time> {
  id: number;
  attempts: number;
  created_at: Time;
  endpoint_id: string;
  url: string;
  failing_since: Time | null;
  event_seq: number;
  event_id: string;
  type: EventType;
  trkref: string;
  order_ref: string;
  sequence: number;
  event_created_at: Time;
  data: string;
}

/**
 * What the store answers for the rows above, from a driver whose time columns read as `Time` (better-sqlite3
 * gives the stored text, pg a Date): `iso` turns one into the ISO 8601 text every store answers.
 */
export function webhookRowReaders<Time>(iso: (time: Time) => string) {
  const isoOrNull = (time: Time | null) => (time === null ? null : iso(time));
  const toSecrets = (row: SecretsRow<Time>): WebhookSecrets => ({
    current: row.secret,
    previous:
      row.previous_secret === null || row.previous_secret_valid_until === null
        ? null
        : { secret: row.previous_secret, validUntil: iso(row.previous_secret_valid_until) },
  });
  const toEndpoint = (row: EndpointRow<Time>): WebhookEndpoint => ({
    id: row.id,
    trkref: row.trkref,
    url: row.url,
    eventTypes: eventTypesOf(row.event_types),
    description: row.description,
    status: row.status,
    disabledReason: row.disabled_reason,
    disabledAt: isoOrNull(row.disabled_at),
    failingSince: isoOrNull(row.failing_since),
    createdAt: iso(row.created_at),
    previousSecretValidUntil: isoOrNull(row.previous_secret_valid_until),
  });
  const toClaimed = (row: ClaimRow<Time>): ClaimedDelivery => ({
    id: row.id,
    attempts: row.attempts,
    createdAt: iso(row.created_at),
    endpoint: {
      id: row.endpoint_id,
      url: row.url,
      failingSince: isoOrNull(row.failing_since),
      secrets: toSecrets(row),
    },
    event: {
      seq: row.event_seq,
      id: row.event_id,
      type: row.type,
      trkref: row.trkref,
      orderRef: row.order_ref,
      sequence: row.sequence,
      createdAt: iso(row.event_created_at),
      data: row.data,
    },
  });
  return { toEndpoint, toSecrets, toClaimed };
}
