import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type AttemptOutcome,
  backoffDelayMs,
  DEFAULT_RETRY,
  isRetryable,
  nextRetryStep,
  parseRetryAfter,
  resolveRetryOptions,
} from "../src/retry.js";

const answer = (status: number, code?: string, retryAfterMs?: number): AttemptOutcome => ({
  kind: "answer",
  status,
  code,
  retryAfterMs,
});
const NO_ANSWER: AttemptOutcome = { kind: "no_answer" };
const highest = () => 0.999_999;
const lowest = () => 0;
const half = () => 0.5;

describe("which outcomes are retried", () => {
  it("retries no answer, 408, 429 rate_limited, 502, 503 and 504", () => {
    for (const outcome of [
      NO_ANSWER,
      answer(408),
      answer(429, "rate_limited", 1000),
      answer(502),
      answer(503, "overloaded", 1000),
      answer(503, "store_unavailable"),
      answer(504),
    ]) {
      assert.equal(isRetryable(outcome), true, JSON.stringify(outcome));
    }
  });

  it("retries a 409 only when it says when to come back", () => {
    assert.equal(isRetryable(answer(409, "idempotency_key_in_flight", 1000)), true);
    assert.equal(isRetryable(answer(409, "order_not_processed", 0)), true);
    assert.equal(isRetryable(answer(409, "too_many_webhook_endpoints")), false);
    assert.equal(isRetryable(answer(409, "invitation_not_cancellable")), false);
  });

  it("never retries a 429 for failed authentications: waiting does not fix credentials", () => {
    assert.equal(isRetryable(answer(429, "authentication_throttled", 1000)), false);
  });

  it("never retries what the request itself got wrong, nor a 500", () => {
    for (const status of [400, 401, 403, 404, 413, 415, 422, 500]) {
      assert.equal(isRetryable(answer(status, undefined, 1000)), false, `status ${status}`);
    }
  });
});

describe("the next step after an attempt", () => {
  const options = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };

  it("gives up once maxAttempts requests were made", () => {
    assert.equal(nextRetryStep(NO_ANSWER, 3, options, half).retry, true);
    assert.deepEqual(nextRetryStep(NO_ANSWER, 4, options, half), { retry: false });
    assert.deepEqual(nextRetryStep(NO_ANSWER, 1, { ...options, maxAttempts: 1 }, half), { retry: false });
  });

  it("gives up at once on an outcome that is not retried", () => {
    assert.deepEqual(nextRetryStep(answer(400), 1, options, half), { retry: false });
  });

  it("waits the Retry-After plus at most a tenth of it", () => {
    assert.deepEqual(nextRetryStep(answer(503, "overloaded", 2000), 1, options, lowest), {
      retry: true,
      delayMs: 2000,
    });
    const longest = nextRetryStep(answer(503, "overloaded", 2000), 1, options, highest);
    assert.ok(longest.retry && longest.delayMs > 2000 && longest.delayMs < 2200, JSON.stringify(longest));
  });

  it("waits a Retry-After longer than maxDelayMs, but not one longer than maxRetryAfterMs", () => {
    assert.deepEqual(nextRetryStep(answer(429, "rate_limited", 3000), 1, options, lowest), {
      retry: true,
      delayMs: 3000,
    });
    assert.deepEqual(nextRetryStep(answer(429, "rate_limited", 5001), 1, options, lowest), { retry: false });
  });

  it("backs off with full jitter when there is no Retry-After", () => {
    assert.deepEqual(nextRetryStep(answer(502), 2, options, half), { retry: true, delayMs: 100 });
  });
});

describe("the backoff delay", () => {
  const options = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };

  it("is random in [0, baseDelayMs * 2^(n-1)], capped at maxDelayMs", () => {
    assert.equal(backoffDelayMs(1, options, lowest), 0);
    assert.equal(backoffDelayMs(1, options, half), 50);
    assert.equal(backoffDelayMs(2, options, half), 100);
    assert.equal(backoffDelayMs(3, options, half), 200);
    assert.equal(backoffDelayMs(4, options, half), 400);
    assert.equal(backoffDelayMs(5, options, half), 500, "1600 capped at 1000");
    assert.ok(backoffDelayMs(30, options, highest) < 1000);
  });
});

describe("Retry-After", () => {
  const now = Date.parse("2026-11-28T04:00:00Z");

  it("reads delay-seconds", () => {
    assert.equal(parseRetryAfter("0", now), 0);
    assert.equal(parseRetryAfter("7", now), 7000);
    assert.equal(parseRetryAfter(" 12 ", now), 12_000);
  });

  it("reads an HTTP date, one in the past being no wait", () => {
    assert.equal(parseRetryAfter("Sat, 28 Nov 2026 04:00:30 GMT", now), 30_000);
    assert.equal(parseRetryAfter("Sat, 28 Nov 2026 03:59:00 GMT", now), 0);
  });

  it("is absent when missing or unreadable", () => {
    for (const value of [null, "", "soon", "-1", "1.5", "2026-11-28"]) {
      assert.equal(parseRetryAfter(value, now), undefined, String(value));
    }
  });
});

describe("retry options", () => {
  it("are the defaults, with the caller's choices over them", () => {
    assert.deepEqual(resolveRetryOptions(undefined), {
      maxAttempts: 5,
      baseDelayMs: 250,
      maxDelayMs: 20_000,
      maxRetryAfterMs: 60_000,
    });
    assert.deepEqual(resolveRetryOptions({ maxAttempts: 1 }), { ...DEFAULT_RETRY, maxAttempts: 1 });
  });

  it("refuse an attempt count that is not a whole number of at least 1, and negative delays", () => {
    for (const retry of [
      { maxAttempts: 0 },
      { maxAttempts: 2.5 },
      { baseDelayMs: -1 },
      { maxDelayMs: Number.NaN },
    ]) {
      assert.throws(() => resolveRetryOptions(retry), RangeError, JSON.stringify(retry));
    }
  });
});
