import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  DISABLE_FAILING_AFTER_MS,
  decideAttempt,
  nextAttemptAt,
  RETRY_DELAYS_MS,
} from "../../src/processing/webhook-schedule.js";
import type { WebhookSendResult } from "../../src/processing/webhook-sender.js";
import { readRetryAfter } from "../../src/processing/webhook-sender.js";
import type { ClaimedDelivery } from "../../src/storage/webhook-store.js";

const HOUR = 3_600_000;
const at = new Date("2026-03-01T12:00:00.000Z");
const middle = () => 0.5;

function claimed(attempts: number, failingSince: string | null = null): ClaimedDelivery {
  return {
    id: 7,
    attempts,
    createdAt: "2026-03-01T11:00:00.000Z",
    endpoint: {
      id: "we_1",
      url: "https://example.com/hook",
      failingSince,
      secrets: { current: "whsec_a", previous: null },
    },
    event: {
      seq: 1,
      id: "evt-1",
      type: "order.created",
      trkref: "ACME",
      orderRef: "A-1",
      sequence: 1,
      createdAt: "2026-03-01T11:00:00.000Z",
      data: "{}",
    },
  };
}

function sent(
  result: WebhookSendResult["result"],
  statusCode: number | null,
  retryAfterMs: number | null = null,
) {
  return { result, statusCode, latencyMs: 120, responseExcerpt: "nope", error: null, retryAfterMs };
}

describe("the retry schedule", () => {
  it("is Standard Webhooks' example schedule extended by 14 h and 24 h: ten attempts over about 2.7 days", () => {
    assert.deepEqual(
      RETRY_DELAYS_MS.map((ms) => ms / 1000),
      [5, 300, 1800, 7200, 18_000, 36_000, 36_000, 50_400, 86_400],
    );
    const span = RETRY_DELAYS_MS.reduce((sum, ms) => sum + ms, 0);
    assert.equal(span, 65 * HOUR + 35 * 60_000 + 5000);
  });

  it("gives the delay after each attempt, and nothing after the last", () => {
    for (const [index, delay] of RETRY_DELAYS_MS.entries()) {
      assert.equal(nextAttemptAt(index + 1, at, null, middle)?.getTime(), at.getTime() + delay);
    }
    assert.equal(nextAttemptAt(RETRY_DELAYS_MS.length + 1, at, null, middle), undefined);
  });

  it("moves each delay by at most 20% either way", () => {
    assert.equal(nextAttemptAt(5, at, null, () => 0)?.getTime(), at.getTime() + 5 * HOUR * 0.8);
    assert.equal(nextAttemptAt(5, at, null, () => 1)?.getTime(), at.getTime() + 5 * HOUR * 1.2);
  });

  it("honours a Retry-After that asks for longer than the schedule, up to 24 h, and ignores a shorter one", () => {
    assert.equal(nextAttemptAt(1, at, 600_000, middle)?.getTime(), at.getTime() + 600_000);
    assert.equal(nextAttemptAt(1, at, 1000, middle)?.getTime(), at.getTime() + 5000);
    assert.equal(nextAttemptAt(1, at, 90 * HOUR, middle)?.getTime(), at.getTime() + 24 * HOUR);
  });
});

describe("Retry-After", () => {
  const nowMs = Date.parse("2026-03-01T12:00:00Z");
  it("reads seconds and HTTP dates as a delay, and nothing from anything else", () => {
    assert.equal(readRetryAfter("120", nowMs), 120_000);
    assert.equal(readRetryAfter("Sun, 01 Mar 2026 12:10:00 GMT", nowMs), 600_000);
    assert.equal(readRetryAfter("Sun, 01 Mar 2026 11:00:00 GMT", nowMs), 0);
    assert.equal(readRetryAfter("soon", nowMs), null);
    assert.equal(readRetryAfter("-5", nowMs), null);
    assert.equal(readRetryAfter(undefined, nowMs), null);
  });
});

describe("what an attempt changes", () => {
  const decide = (delivery: ClaimedDelivery, result: WebhookSendResult) =>
    decideAttempt({ claimed: delivery, sent: result, now: at, owner: "me", random: middle });

  it("logs the attempt as it went, from when it started", () => {
    const record = decide(claimed(0), sent("failed_status", 500));
    assert.deepEqual(record.attempt, {
      endpointId: "we_1",
      deliveryId: 7,
      eventId: "evt-1",
      attemptedAt: new Date(at.getTime() - 120).toISOString(),
      result: "failed_status",
      statusCode: 500,
      latencyMs: 120,
      responseExcerpt: "nope",
      error: null,
    });
    assert.equal(record.owner, "me");
  });

  it("a 2xx: the delivery succeeded and the endpoint is no longer failing", () => {
    const record = decide(claimed(3, "2026-02-28T00:00:00.000Z"), sent("succeeded", 204));
    assert.deepEqual(record.delivery, { status: "succeeded", completedAt: at.toISOString() });
    assert.equal(record.failingSince, null);
    assert.equal(record.disable, undefined);
  });

  it("410 Gone: the delivery failed and the endpoint is disabled as gone", () => {
    const record = decide(claimed(0), sent("gone", 410));
    assert.deepEqual(record.delivery, { status: "failed", completedAt: at.toISOString() });
    assert.deepEqual(record.disable, { reason: "gone", at: at.toISOString() });
  });

  it("any other failure: due again on the schedule, the endpoint failing since this attempt or before", () => {
    const first = decide(claimed(0), sent("timeout", null));
    assert.deepEqual(first.delivery, {
      status: "pending",
      nextAttemptAt: new Date(at.getTime() + 5000).toISOString(),
    });
    assert.equal(first.failingSince, first.attempt.attemptedAt);
    const later = decide(claimed(2, "2026-02-28T00:00:00.000Z"), sent("redirect", 302));
    assert.deepEqual(later.delivery, {
      status: "pending",
      nextAttemptAt: new Date(at.getTime() + 1_800_000).toISOString(),
    });
    assert.equal(later.failingSince, "2026-02-28T00:00:00.000Z");
    assert.equal(later.disable, undefined);
  });

  it("the schedule's last attempt failing: the delivery failed, the endpoint left enabled", () => {
    const record = decide(claimed(RETRY_DELAYS_MS.length), sent("failed_status", 503));
    assert.deepEqual(record.delivery, { status: "failed", completedAt: at.toISOString() });
    assert.equal(record.disable, undefined);
  });

  it("disables an endpoint whose attempts have all failed for 5 days, not one failing for less", () => {
    const fiveDaysAgo = new Date(at.getTime() - DISABLE_FAILING_AFTER_MS).toISOString();
    const record = decide(claimed(1, fiveDaysAgo), sent("connection_error", null));
    assert.deepEqual(record.disable, { reason: "failing", at: at.toISOString() });
    assert.equal(record.delivery.status, "pending");
    const almost = new Date(at.getTime() - DISABLE_FAILING_AFTER_MS + 60_000).toISOString();
    assert.equal(decide(claimed(1, almost), sent("connection_error", null)).disable, undefined);
    assert.equal(decide(claimed(1, fiveDaysAgo), sent("succeeded", 200)).disable, undefined);
  });
});
