import type { FastifyReply, FastifyRequest } from "fastify";
import type { ApiKeyRecord } from "../storage/store.js";
import { secretMatches, UNKNOWN_KEY_HASH } from "./api-credentials.js";
import type { Lookups } from "./cached-lookups.js";
import { ProblemError } from "./problem-catalogue.js";
import type { RateLimiter } from "./rate-limiting/rate-limiter.js";
import type { BucketPolicy, BucketVerdict } from "./rate-limiting/token-bucket.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The API key that authenticated this request, once the auth hook has run. */
    apiKey: ApiKeyRecord | undefined;
  }
}

export const WWW_AUTHENTICATE = 'Basic realm="order-intake", charset="UTF-8"';

const unauthorized = (detail: string) =>
  new ProblemError("unauthorized", { detail, headers: { "www-authenticate": WWW_AUTHENTICATE } });

export interface BasicCredentials {
  keyId: string;
  secret: string;
}

/** Splits an `Authorization: Basic …` header into key id and secret, or undefined when malformed. */
export function parseBasicCredentials(header: string | undefined): BasicCredentials | undefined {
  if (!header) return undefined;
  const match = /^Basic[ ]+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  // No key id or secret holds a NUL; refusing it here keeps it away from the store's text columns.
  if (colon <= 0 || decoded.includes("\u0000")) return undefined;
  return { keyId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** The limits every authenticated request passes; a policy left out is not enforced. */
export interface AccessLimits {
  limiter: RateLimiter;
  /** Requests per API key. */
  perKey?: BucketPolicy;
  /** Failed authentications per client address. */
  authFailures?: BucketPolicy;
}

/**
 * Checks HTTP Basic credentials against the stored keys, within the access limits. Every credential failure
 * is the same `401` to the client (which of them it was is only in the detail), so that key ids cannot be
 * probed; an address that keeps failing with one key id is answered `429` without its credentials being
 * checked at all, and a key over its rate gets `429` with the `RateLimit` headers that every answer to it
 * carries. This runs on every request: a limiter that answers at once is not awaited.
 */
export function createAuthenticator(lookups: Pick<Lookups, "findApiKey">, limits?: AccessLimits) {
  const checkCredentials = async (credentials: BasicCredentials | undefined): Promise<ApiKeyRecord> => {
    if (!credentials) throw unauthorized("Send an API key id and secret with HTTP Basic authentication");
    const key = await lookups.findApiKey(credentials.keyId);
    const matches = secretMatches(credentials.secret, key?.secretHash ?? UNKNOWN_KEY_HASH);
    if (!key || !matches || key.revokedAt !== null)
      throw unauthorized("Unknown, revoked or wrong credentials");
    return key;
  };
  const perKey = limits?.perKey;
  const policyHeader = perKey && rateLimitPolicyHeader(perKey);

  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<ApiKeyRecord> {
    const header = request.headers.authorization;
    const credentials = parseBasicCredentials(header);
    if (!limits) return checkCredentials(credentials);
    const { limiter, authFailures } = limits;
    // A request without credentials is not counted: clients that negotiate Basic authentication send one.
    const failures = authFailures && header ? failureBucket(request.ip, credentials) : undefined;
    if (authFailures && failures) {
      const drawn = limiter.draw(failures, authFailures, { cost: 0, need: 1 });
      const verdict = drawn instanceof Promise ? await drawn : drawn;
      if (verdict && !verdict.allowed) {
        throw new ProblemError("authentication_throttled", {
          detail: "Too many failed authentications from this address with this key id",
          headers: retryAfter(verdict),
        });
      }
    }
    let key: ApiKeyRecord;
    try {
      key = await checkCredentials(credentials);
    } catch (error) {
      // Only wrong credentials count: a store that cannot look the key up (503) says nothing of the client,
      // and counting it would lock valid keys out for minutes after an outage.
      const refused = error instanceof ProblemError && error.code === "unauthorized";
      if (refused && authFailures && failures)
        await limiter.draw(failures, authFailures, { cost: 1, need: 0 });
      throw error;
    }
    if (perKey && policyHeader) {
      const drawn = limiter.draw(`key:${key.id}`, perKey, { cost: 1, need: 1 });
      const verdict = drawn instanceof Promise ? await drawn : drawn;
      if (verdict) {
        reply.header("ratelimit-policy", policyHeader);
        reply.header("ratelimit", rateLimitHeader(verdict));
      }
      if (verdict && !verdict.allowed) {
        throw new ProblemError("rate_limited", {
          detail: `This API key may make ${perKey.ratePerSecond} requests per second (bursts of ${perKey.burst})`,
          headers: retryAfter(verdict),
        });
      }
    }
    return key;
  };
}

export type Authenticate = ReturnType<typeof createAuthenticator>;

/**
 * Failures are counted per client address and key id: a broken integration (a cron job with a revoked key)
 * holds back only itself, not every merchant behind the same address.
 */
function failureBucket(address: string, credentials: BasicCredentials | undefined): string {
  return `auth-failures:${address}:${credentials?.keyId.slice(0, 64) ?? ""}`;
}

const retryAfter = (verdict: BucketVerdict) => ({
  "retry-after": String(Math.max(1, Math.ceil(verdict.retryAfterMs / 1000))),
});

/**
 * The `RateLimit-Policy` and `RateLimit` fields of the IETF httpapi draft: the bucket's size as the quota,
 * the time it takes to refill as its window; what is left, and the seconds until the bucket is full again.
 */
export function rateLimitPolicyHeader(policy: BucketPolicy): string {
  const window = Math.max(1, Math.ceil(policy.burst / policy.ratePerSecond));
  return `"per-key";q=${policy.burst};w=${window}`;
}

export function rateLimitHeader(verdict: BucketVerdict): string {
  return `"per-key";r=${verdict.remaining};t=${Math.ceil(verdict.fullInMs / 1000)}`;
}

/** An onRequest hook: authenticates before the body is read, and keeps the key on the request. */
export function requireApiKey(authenticate: Authenticate) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    request.apiKey = await authenticate(request, reply);
  };
}

/** The key the auth hook stored; routes that use the hook may rely on it. */
export function apiKeyOf(request: FastifyRequest): ApiKeyRecord {
  if (!request.apiKey) throw new Error("route used without the requireApiKey hook");
  return request.apiKey;
}
