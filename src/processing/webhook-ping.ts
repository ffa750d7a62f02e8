import { newRecordId } from "../domain/record-id.js";
import type { NewWebhookAttempt, WebhookStore } from "../storage/webhook-store.js";
import { createWebhookSender, type WebhookSenderOptions } from "./webhook-sender.js";
import { secretsSigningAt } from "./webhook-signature.js";

/** The type of the event a test sends: no order's, never stored in the event log. */
export const WEBHOOK_PING_TYPE = "webhook.ping";

export interface WebhookPingOptions extends WebhookSenderOptions {
  now?: () => Date;
}

/**
 * Sends an endpoint a `webhook.ping` event, signed like a delivery with the secrets that sign for it now,
 * whatever its status (a disabled endpoint's receiver can be checked before it is recovered), and logs
 * the attempt. Says what the attempt came to; undefined when there is no such endpoint.
 */
export async function sendWebhookPing(
  store: Pick<WebhookStore, "findWebhookEndpoint" | "findWebhookSecrets" | "recordWebhookPing">,
  endpointId: string,
  options: WebhookPingOptions,
): Promise<NewWebhookAttempt | undefined> {
  const now = options.now ?? (() => new Date());
  const [endpoint, secrets] = await Promise.all([
    store.findWebhookEndpoint(endpointId),
    store.findWebhookSecrets(endpointId),
  ]);
  if (!endpoint || !secrets) return undefined;
  const id = newRecordId();
  const createdAt = now().toISOString();
  const body = JSON.stringify({
    id,
    type: WEBHOOK_PING_TYPE,
    created_at: createdAt,
    data: { endpoint_id: endpointId },
  });
  const sender = createWebhookSender(options);
  try {
    const sent = await sender.send({
      endpointId,
      url: endpoint.url,
      eventId: id,
      body,
      secrets: secretsSigningAt(secrets, now()),
    });
    const attempt: NewWebhookAttempt = {
      endpointId,
      deliveryId: null,
      eventId: id,
      attemptedAt: createdAt,
      result: sent.result,
      statusCode: sent.statusCode,
      latencyMs: sent.latencyMs,
      responseExcerpt: sent.responseExcerpt,
      error: sent.error,
    };
    await store.recordWebhookPing(attempt);
    return attempt;
  } finally {
    sender.close();
  }
}
