import { toWebhookEndpointBody } from "../../http/routes/webhook-endpoint-schemas.js";
import type { NewWebhookAttempt, WebhookAttempt, WebhookEndpoint } from "../../storage/webhook-store.js";
import { formatTable } from "../output.js";

/**
 * An endpoint as `--json` prints it: the API's members, with the organisation (null: every organisation's
 * events, an installation endpoint) and the end of a rotation's grace, which only an operator sees.
 */
export const toWebhookEndpointJson = (endpoint: WebhookEndpoint) => {
  const { id, ...members } = toWebhookEndpointBody(endpoint);
  return {
    id,
    trkref: endpoint.trkref,
    ...members,
    previous_secret_valid_until: endpoint.previousSecretValidUntil,
  };
};

/** How an attempt went, as `webhook test` prints it, before the log has numbered it. */
export const toWebhookOutcomeJson = (attempt: NewWebhookAttempt) => ({
  event_id: attempt.eventId,
  attempted_at: attempt.attemptedAt,
  result: attempt.result,
  status_code: attempt.statusCode,
  latency_ms: attempt.latencyMs,
  response_excerpt: attempt.responseExcerpt,
  error: attempt.error,
});

/** One attempt as `--json` prints it (a test ping's `delivery_id` is null). */
export const toWebhookAttemptJson = (attempt: WebhookAttempt) => ({
  id: attempt.id,
  delivery_id: attempt.deliveryId,
  ...toWebhookOutcomeJson(attempt),
});

/** Who an endpoint is for, as a table cell. */
export const ownerCell = (endpoint: WebhookEndpoint) => endpoint.trkref ?? "(all orgs)";

const statusCell = (endpoint: WebhookEndpoint) =>
  endpoint.disabledReason ? `disabled (${endpoint.disabledReason})` : endpoint.status;

/** The endpoints as a table; the description comes last, as the one column that may hold spaces. */
export function formatWebhookEndpointTable(endpoints: WebhookEndpoint[]): string[] {
  const rows = endpoints.map((endpoint) => [
    endpoint.id,
    ownerCell(endpoint),
    statusCell(endpoint),
    endpoint.eventTypes ?? "all",
    endpoint.url,
    endpoint.failingSince,
    endpoint.createdAt,
    endpoint.description,
  ]);
  const headers = [
    "ID",
    "ORGANISATION",
    "STATUS",
    "EVENTS",
    "URL",
    "FAILING SINCE",
    "CREATED",
    "DESCRIPTION",
  ];
  return formatTable(headers, rows);
}

/**
 * A receiver's answer as one line of text: it may hold anything, terminal escape sequences included, which
 * must not reach the operator's terminal as they are.
 */
export const printable = (text: string | null) =>
  text === null ? null : text.replace(/\p{Cc}+/gu, " ").trim();

// One line of the answer, shortened, keeps the table a table.
const EXCERPT_CELL_LENGTH = 80;
const oneLine = (text: string | null) => {
  const line = printable(text);
  if (line === null) return null;
  return line.length > EXCERPT_CELL_LENGTH ? `${line.slice(0, EXCERPT_CELL_LENGTH - 1)}…` : line;
};

/** The attempt log as a table: the receiver's answer, or what went wrong before one. */
export function formatWebhookAttemptTable(attempts: WebhookAttempt[]): string[] {
  const rows = attempts.map((attempt) => [
    attempt.attemptedAt,
    attempt.eventId,
    attempt.result,
    attempt.statusCode,
    attempt.latencyMs,
    oneLine(attempt.responseExcerpt ?? attempt.error),
  ]);
  return formatTable(["TIME", "EVENT ID", "RESULT", "STATUS", "LATENCY MS", "RESPONSE"], rows);
}
