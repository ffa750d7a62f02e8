import type { FastifyReply, FastifyRequest } from "fastify";
import type { ApiKeyRecord, Organisation } from "../../storage/store.js";
import { ProblemError } from "../problem-catalogue.js";
import type { RateLimiter } from "./rate-limiter.js";
import type { BucketPolicy, BucketVerdict } from "./token-bucket.js";

/**
 * Each key draws from two buckets of the same size: reads (`GET`, `HEAD`: status polling, listing, read-back)
 * and submissions (every other method), so that a client polling hard never leaves itself unable to submit.
 */
export type KeyBucket = "reads" | "submissions";

export const bucketOf = (method: string): KeyBucket =>
  method === "GET" || method === "HEAD" ? "reads" : "submissions";

/**
 * The policy of a key's buckets: for each organisation it acts for, the organisation's own limit, or the
 * default (undefined: none) when it has none; the most generous of them, so that a key serving an
 * organisation whose limit was raised gets the raised limit. An organisation that no longer exists counts
 * as having the default.
 */
export function keyPolicy(
  organisations: readonly (Organisation | undefined)[],
  fallback: BucketPolicy | undefined,
): BucketPolicy | undefined {
  const policies = organisations.map((organisation) => organisation?.rateLimit ?? fallback);
  if (policies.length === 0) return fallback;
  let most: BucketPolicy | undefined;
  for (const policy of policies) {
    if (!policy) return undefined;
    most = most
      ? {
          ratePerSecond: Math.max(most.ratePerSecond, policy.ratePerSecond),
          burst: Math.max(most.burst, policy.burst),
        }
      : policy;
  }
  return most;
}

/** What a key's rate limit needs: the buckets, the default policy, and the organisations' own limits. */
export interface KeyRateLimitOptions {
  limiter: RateLimiter;
  /** The default for every key (RATE_LIMIT_PER_SECOND, RATE_LIMIT_BURST); undefined: no default limit. */
  fallback: BucketPolicy | undefined;
  findOrganisation(trkref: string): Promise<Organisation | undefined>;
}

/**
 * Draws one token for the request from the key's bucket for its method, sets the `RateLimit` headers that
 * name the bucket, and throws `429 rate_limited` when the bucket is empty. A key none of whose organisations
 * is limited, with no default, passes without headers.
 */
export function createKeyRateLimit(options: KeyRateLimitOptions) {
  const { limiter, fallback } = options;
  return async (request: FastifyRequest, reply: FastifyReply, key: ApiKeyRecord): Promise<void> => {
    // The organisations come from the cached look-ups: one that is switched or limited is forgotten at once.
    const organisations = await Promise.all(key.trkrefs.map((trkref) => options.findOrganisation(trkref)));
    const policy = keyPolicy(organisations, fallback);
    if (!policy) return;
    const bucket = bucketOf(request.method);
    const drawn = limiter.draw(`key:${key.id}:${bucket}`, policy, { cost: 1, need: 1 });
    const verdict = drawn instanceof Promise ? await drawn : drawn;
    if (!verdict) return;
    reply.header("ratelimit-policy", rateLimitPolicyHeader(bucket, policy));
    reply.header("ratelimit", rateLimitHeader(bucket, verdict));
    if (!verdict.allowed) {
      throw new ProblemError("rate_limited", {
        detail:
          `This API key may make ${policy.ratePerSecond} ${bucket === "reads" ? "reads" : "submissions"} ` +
          `per second (bursts of ${policy.burst})`,
        headers: retryAfter(verdict),
      });
    }
  };
}

export type KeyRateLimit = ReturnType<typeof createKeyRateLimit>;

export const retryAfter = (verdict: BucketVerdict) => ({
  "retry-after": String(Math.max(1, Math.ceil(verdict.retryAfterMs / 1000))),
});

/**
 * The `RateLimit-Policy` and `RateLimit` fields of the IETF httpapi draft, named after the bucket: its size
 * as the quota, the time it takes to refill as its window; what is left, and the seconds until it is full.
 */
export function rateLimitPolicyHeader(bucket: KeyBucket, policy: BucketPolicy): string {
  const window = Math.max(1, Math.ceil(policy.burst / policy.ratePerSecond));
  return `"${bucket}";q=${policy.burst};w=${window}`;
}

export function rateLimitHeader(bucket: KeyBucket, verdict: BucketVerdict): string {
  return `"${bucket}";r=${verdict.remaining};t=${Math.ceil(verdict.fullInMs / 1000)}`;
}
