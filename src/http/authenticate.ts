import type { FastifyReply, FastifyRequest } from "fastify";
import { secretMatches, UNKNOWN_KEY_HASH } from "../storage/api-credentials.js";
import type { ApiKeyRecord } from "../storage/store.js";
import type { Lookups } from "./cached-lookups.js";
import { ProblemError } from "./problem-catalogue.js";
import { createKeyRateLimit, retryAfter } from "./rate-limiting/key-rate-limit.js";
import type { RateLimiter } from "./rate-limiting/rate-limiter.js";
import type { BucketPolicy } from "./rate-limiting/token-bucket.js";

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
  /**
   * Requests per API key, in each of its two buckets (reads, submissions), for keys whose organisations set
   * no limit of their own; left out, only those organisations' keys are limited.
   */
  perKey?: BucketPolicy;
  /** Failed authentications per client address. */
  authFailures?: BucketPolicy;
}

/** The authenticator's clock, and who hears of each key that authenticated. */
export interface AuthenticatorOptions {
  /** What expiry and a rotation's grace period are judged by; tests pass their own clock. */
  now?: () => Date;
  /** Told of every key that authenticated a request, with the time (to record its last use). */
  onAuthenticated?: (key: ApiKeyRecord, at: Date) => void;
}

/**
 * Checks HTTP Basic credentials against the stored keys, within the access limits. A key's secret is
 * accepted, and so is its previous secret until a rotation's grace period ends; a revoked or expired key is
 * refused. Every credential failure is the same `401` to the client (which of them it was is only in the
 * detail), so that key ids cannot be probed; an address that keeps failing with one key id has its failures
 * answered `429` (its right secret still works: only failures are throttled), and a key over its rate (its
 * reads and its submissions are limited apart: `rate-limiting/key-rate-limit.ts`) gets `429` with the
 * `RateLimit` headers that every answer to it carries. This runs on every request: a limiter that answers at
 * once is not awaited.
 */
export function createAuthenticator(
  lookups: Pick<Lookups, "findApiKey" | "findOrganisation">,
  limits?: AccessLimits,
  options: AuthenticatorOptions = {},
) {
  const now = options.now ?? (() => new Date());
  const checkCredentials = async (credentials: BasicCredentials | undefined): Promise<ApiKeyRecord> => {
    if (!credentials) throw unauthorized("Send an API key id and secret with HTTP Basic authentication");
    const key = await lookups.findApiKey(credentials.keyId);
    const at = now();
    const accepted = acceptsSecret(key, credentials.secret, at.getTime());
    if (!key || !accepted || key.revokedAt !== null || hasExpired(key, at.getTime()))
      throw unauthorized("Unknown, revoked, expired or wrong credentials");
    options.onAuthenticated?.(key, at);
    return key;
  };
  const keyRateLimit =
    limits &&
    createKeyRateLimit({
      limiter: limits.limiter,
      fallback: limits.perKey,
      findOrganisation: (trkref) => lookups.findOrganisation(trkref),
    });

  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<ApiKeyRecord> {
    const header = request.headers.authorization;
    const credentials = parseBasicCredentials(header);
    if (!limits) return checkCredentials(credentials);
    const { limiter, authFailures } = limits;
    // The credentials are checked first (a hash and a constant-time compare: cheap), so that a merchant's
    // right secret is never refused because someone else, behind the same address, tried wrong ones.
    let key: ApiKeyRecord;
    try {
      key = await checkCredentials(credentials);
    } catch (error) {
      // Only wrong credentials count: a store that cannot look the key up (503) says nothing of the client,
      // and counting it would lock valid keys out for minutes after an outage. A request without
      // credentials is not counted either: clients that negotiate Basic authentication send one.
      const refused = error instanceof ProblemError && error.code === "unauthorized";
      if (refused && authFailures && header)
        await throttleFailure(limiter, authFailures, request.ip, credentials);
      throw error;
    }
    await keyRateLimit?.(request, reply, key);
    return key;
  };
}

/**
 * Whether `secret` is the key's, or its previous one within the grace period of a rotation. Both hashes are
 * compared in constant time whichever matches, so the time taken tells nothing of which one did.
 */
function acceptsSecret(key: ApiKeyRecord | undefined, secret: string, nowMs: number): boolean {
  const current = secretMatches(secret, key?.secretHash ?? UNKNOWN_KEY_HASH);
  const previous = secretMatches(secret, key?.previousSecretHash ?? UNKNOWN_KEY_HASH);
  const until = key?.previousSecretValidUntil;
  return current || (previous && until != null && nowMs < Date.parse(until));
}

const hasExpired = (key: ApiKeyRecord, nowMs: number) =>
  key.expiresAt !== null && nowMs >= Date.parse(key.expiresAt);

export type Authenticate = ReturnType<typeof createAuthenticator>;

/**
 * Counts one failed authentication of this address and key id; past the policy's burst the failure is
 * answered `429 authentication_throttled` instead of `401`, until the bucket refills.
 */
async function throttleFailure(
  limiter: RateLimiter,
  policy: BucketPolicy,
  address: string,
  credentials: BasicCredentials | undefined,
): Promise<void> {
  const bucket = failureBucket(address, credentials);
  const drawn = limiter.draw(bucket, policy, { cost: 0, need: 1 });
  const verdict = drawn instanceof Promise ? await drawn : drawn;
  // Every failure is recorded, into debt down to minus the bucket's size: an address that keeps failing
  // stays throttled while it keeps at it, and a wave of concurrent failures waits in proportion.
  await limiter.draw(bucket, policy, { cost: 1, need: 0 });
  if (verdict && !verdict.allowed) {
    throw new ProblemError("authentication_throttled", {
      detail: "Too many failed authentications from this address with this key id",
      headers: retryAfter(verdict),
    });
  }
}

/**
 * Failures are counted per client address and key id: a broken integration (a cron job with a revoked key)
 * holds back only itself, not every merchant behind the same address.
 */
function failureBucket(address: string, credentials: BasicCredentials | undefined): string {
  return `auth-failures:${address}:${credentials?.keyId.slice(0, 64) ?? ""}`;
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
