import type { ClaimedDelivery, WebhookAttemptRecord } from "../storage/webhook-store.js";
import type { WebhookSendResult } from "./webhook-sender.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The wait before each retry, after attempt 1, 2, … of a delivery (the first attempt is made at once):
 * Standard Webhooks' example schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), extended by 14 h and
 * 24 h so that a receiver that is down for a weekend still gets its events. Ten attempts over 65 h 35 min
 * (about 2.7 days; with the jitter, between 2.2 and 3.3), then the delivery is failed.
 * https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md#deliverability-and-reliability
 */
export const RETRY_DELAYS_MS: readonly number[] = [
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
  14 * HOUR,
  24 * HOUR,
];

/** Every delay is moved by up to this share either way, so that retries after an outage do not come in a wave. */
export const RETRY_JITTER = 0.2;
/** The longest wait a receiver's `Retry-After` can impose. */
export const MAX_RETRY_AFTER_MS = DAY;
/** An endpoint whose attempts have all failed for this long is disabled. */
export const DISABLE_FAILING_AFTER_MS = 5 * DAY;

/** When the attempt after attempt `attempt` (1 for the first) is due; undefined when it was the last. */
export function nextAttemptAt(
  attempt: number,
  answeredAt: Date,
  retryAfterMs: number | null,
  random: () => number = Math.random,
): Date | undefined {
  const delay = RETRY_DELAYS_MS[attempt - 1];
  if (delay === undefined) return undefined;
  const scheduled = answeredAt.getTime() + delay * (1 - RETRY_JITTER + 2 * RETRY_JITTER * random());
  // The receiver's wish is honoured when it asks for longer than the schedule would wait, not for shorter.
  const asked = retryAfterMs === null ? 0 : answeredAt.getTime() + Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
  return new Date(Math.max(scheduled, asked));
}

/**
 * What one attempt changes: the attempt logged; the delivery succeeded (2xx), failed (410 Gone, or the
 * schedule's last attempt) or due again; the endpoint's failing-since, and its disabling when the receiver
 * is gone or has failed everything for DISABLE_FAILING_AFTER_MS. `now` is when the attempt ended.
 */
export function decideAttempt(input: {
  claimed: ClaimedDelivery;
  sent: WebhookSendResult;
  now: Date;
  owner: string;
  random?: () => number;
}): WebhookAttemptRecord {
  const { claimed, sent, now, owner } = input;
  const attemptedAt = new Date(now.getTime() - sent.latencyMs);
  const base = {
    attempt: {
      endpointId: claimed.endpoint.id,
      deliveryId: claimed.id,
      eventId: claimed.event.id,
      attemptedAt: attemptedAt.toISOString(),
      result: sent.result,
      statusCode: sent.statusCode,
      latencyMs: sent.latencyMs,
      responseExcerpt: sent.responseExcerpt,
      error: sent.error,
    },
    owner,
  };
  const at = now.toISOString();
  if (sent.result === "succeeded") {
    return { ...base, delivery: { status: "succeeded", completedAt: at }, failingSince: null };
  }
  const failingSince = claimed.endpoint.failingSince ?? attemptedAt.toISOString();
  if (sent.result === "gone") {
    return {
      ...base,
      delivery: { status: "failed", completedAt: at },
      failingSince,
      disable: { reason: "gone", at },
    };
  }
  const next = nextAttemptAt(claimed.attempts + 1, now, sent.retryAfterMs, input.random);
  const failingTooLong = now.getTime() - Date.parse(failingSince) >= DISABLE_FAILING_AFTER_MS;
  return {
    ...base,
    delivery: next
      ? { status: "pending", nextAttemptAt: next.toISOString() }
      : { status: "failed", completedAt: at },
    failingSince,
    ...(failingTooLong && { disable: { reason: "failing" as const, at } }),
  };
}
