/** How one call retries: how often, and how long it waits in between. */
export interface RetryOptions {
  /** Most requests one call makes, the first included (default 5). 1 means never retry. */
  maxAttempts: number;
  /** The first retry's delay before jitter (default 250 ms); doubled each retry. */
  baseDelayMs: number;
  /** Longest wait between two attempts, Retry-After aside (default 20 s). */
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the error is thrown at once (default 60 s). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: Readonly<RetryOptions> = Object.freeze({
  maxAttempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
});

/** What one attempt came to, as far as retrying is concerned. */
export type AttemptOutcome =
  | { kind: "no_answer" }
  | { kind: "answer"; status: number; code: string | undefined; retryAfterMs: number | undefined };

/** Retry after `delayMs`, or give up and throw what the attempt came to. */
export type RetryStep = { retry: true; delayMs: number } | { retry: false };

/** A number in [0, 1), as Math.random gives. */
export type RandomSource = () => number;

/** Statuses a later attempt may well not get: the service was busy, slow or behind a failing gateway. */
const TRANSIENT_STATUSES = new Set([408, 429, 502, 503, 504]);

/** The share of a Retry-After added at random, so that clients told the same time do not return together. */
const RETRY_AFTER_JITTER = 0.1;

/** The defaults with the caller's choices over them, each checked. */
export function resolveRetryOptions(overrides: Partial<RetryOptions> | undefined): RetryOptions {
  const options = { ...DEFAULT_RETRY, ...overrides };
  if (!Number.isInteger(options.maxAttempts) || options.maxAttempts < 1) {
    throw new RangeError(
      `retry.maxAttempts must be a whole number of at least 1, not ${options.maxAttempts}`,
    );
  }
  for (const name of ["baseDelayMs", "maxDelayMs", "maxRetryAfterMs"] as const) {
    if (!Number.isFinite(options[name]) || options[name] < 0) {
      throw new RangeError(`retry.${name} must be a number of milliseconds, 0 or more, not ${options[name]}`);
    }
  }
  return options;
}

/**
 * Whether waiting can change the outcome. A `409` only when it says when to come back (a request with the
 * same key in flight, an order not processed yet): the other conflicts stay as they are. A `429` for failed
 * authentications is wrong credentials, which no wait fixes.
 */
export function isRetryable(outcome: AttemptOutcome): boolean {
  if (outcome.kind === "no_answer") return true;
  if (outcome.status === 409) return outcome.retryAfterMs !== undefined;
  if (outcome.status === 429) return outcome.code !== "authentication_throttled";
  return TRANSIENT_STATUSES.has(outcome.status);
}

/** What to do after attempt number `attempt` (1 for the first) came to `outcome`. */
export function nextRetryStep(
  outcome: AttemptOutcome,
  attempt: number,
  options: RetryOptions,
  random: RandomSource = Math.random,
): RetryStep {
  if (attempt >= options.maxAttempts || !isRetryable(outcome)) return { retry: false };
  const retryAfterMs = outcome.kind === "answer" ? outcome.retryAfterMs : undefined;
  if (retryAfterMs === undefined) return { retry: true, delayMs: backoffDelayMs(attempt, options, random) };
  if (retryAfterMs > options.maxRetryAfterMs) return { retry: false };
  return { retry: true, delayMs: retryAfterMs + random() * RETRY_AFTER_JITTER * retryAfterMs };
}

/**
 * "Full jitter" (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/): a random wait up
 * to the exponential bound spreads the retries of many clients rather than synchronising them.
 */
export function backoffDelayMs(
  retry: number,
  options: RetryOptions,
  random: RandomSource = Math.random,
): number {
  const bound = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return random() * bound;
}

/**
 * A Retry-After header in milliseconds: delay-seconds, or an HTTP date (RFC 9110 section 10.2.3), a date in
 * the past being 0. Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Date.parse takes almost anything ("1" is a year): an HTTP date names a weekday or month and a time of day.
  if (!/[A-Za-z]{3}/.test(trimmed) || !/\d{2}:\d{2}:\d{2}/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
