import { redactSecrets } from "./api-credentials.js";
import { DEFAULT_ACTOR } from "./audit-store.js";
import type { RateLimit } from "./organisation-store.js";
import { StoreInputError } from "./store-errors.js";

/**
 * What the store accepts from an operator (labels, names, expiries, grace periods, rate limits), checked once
 * above the adapters; the CLI may call the same checks and parsers before it opens the store.
 */

export const MAX_KEY_LABEL_LENGTH = 100;
export const MAX_ORGANISATION_NAME_LENGTH = 200;
export const MAX_ACTOR_LENGTH = 100;
/** How long a rotated key's old secret keeps working when the operator does not say. */
export const DEFAULT_ROTATION_GRACE_SECONDS = 24 * 60 * 60;
export const MAX_ROTATION_GRACE_SECONDS = 30 * 24 * 60 * 60;
export const MAX_RATE_PER_SECOND = 100_000;
export const MAX_BURST = 1_000_000;
// The default limit's bucket holds two seconds' worth (RATE_LIMIT_BURST 200 for 100 a second).
const BURST_SECONDS = 2;

// Control characters would break the CLI's tables and the log's lines.
const CONTROL_CHARACTER = /\p{Cc}/u;

/** `value` trimmed, or StoreInputError naming `what` when it is blank, too long, or holds a secret. */
function checkText(what: string, value: string, maxLength: number): string {
  const trimmed = value.trim();
  if (trimmed === "") throw new StoreInputError(`${what} must not be blank`);
  if (trimmed.length > maxLength) {
    throw new StoreInputError(`${what} may have at most ${maxLength} characters (got ${trimmed.length})`);
  }
  if (CONTROL_CHARACTER.test(trimmed)) throw new StoreInputError(`${what} must not hold control characters`);
  // The text is shown in listings and the audit log: a secret pasted into it would be shown to anyone.
  if (redactSecrets(trimmed) !== trimmed) throw new StoreInputError(`${what} must not hold a secret`);
  return trimmed;
}

/** A key's label, trimmed; null or blank is no label. */
export const checkKeyLabel = (label: string | null | undefined): string | null =>
  label == null || label.trim() === "" ? null : checkText("A key's label", label, MAX_KEY_LABEL_LENGTH);

export const checkOrganisationName = (name: string): string =>
  checkText("An organisation's name", name, MAX_ORGANISATION_NAME_LENGTH);

/** Who acts, for the audit log: DEFAULT_ACTOR when the caller names nobody. */
export const checkActor = (actor: string | undefined): string =>
  checkText("The actor", actor ?? DEFAULT_ACTOR, MAX_ACTOR_LENGTH);

/** An ISO 8601 time, in the one form the store keeps (SQLite compares its times as text). */
function checkTime(what: string, value: string | number): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime()) || time.getUTCFullYear() > 9999 || time.getUTCFullYear() < 1970) {
    throw new StoreInputError(`${what} must be a date and time between 1970 and 9999 (got ${String(value)})`);
  }
  return time.toISOString();
}

/** The time of an action: `at`, or now. */
export const actionTime = (at: string | undefined): string =>
  checkTime("The action's time", at ?? Date.now());

/** A key's expiry, which must be later than the time of its creation; null: it does not expire. */
export function checkExpiry(expiresAt: string | null | undefined, at: string): string | null {
  if (expiresAt == null) return null;
  const expiry = checkTime("A key's expiry", expiresAt);
  if (Date.parse(expiry) <= Date.parse(at)) throw new StoreInputError(`A key's expiry must be in the future`);
  return expiry;
}

/** A rotation's grace period in whole seconds, 0 (the old secret stops at once) up to 30 days. */
export function checkGraceSeconds(graceSeconds: number | undefined): number {
  const grace = graceSeconds ?? DEFAULT_ROTATION_GRACE_SECONDS;
  if (!Number.isInteger(grace) || grace < 0 || grace > MAX_ROTATION_GRACE_SECONDS) {
    throw new StoreInputError(
      `A grace period is a whole number of seconds from 0 to ${MAX_ROTATION_GRACE_SECONDS} (30 days)`,
    );
  }
  return grace;
}

/** An organisation's rate limit, or null for the service's default. */
export function checkRateLimit(limit: RateLimit | null): RateLimit | null {
  if (limit === null) return null;
  const { ratePerSecond, burst } = limit;
  if (!Number.isFinite(ratePerSecond) || ratePerSecond <= 0 || ratePerSecond > MAX_RATE_PER_SECOND) {
    throw new StoreInputError(`A rate limit is more than 0 and at most ${MAX_RATE_PER_SECOND} per second`);
  }
  // A bucket smaller than a second's worth would allow less than the rate says (as RATE_LIMIT_BURST).
  if (!Number.isInteger(burst) || burst < Math.max(1, ratePerSecond) || burst > MAX_BURST) {
    throw new StoreInputError(
      `A burst is a whole number of requests from the rate per second (at least 1) to ${MAX_BURST}`,
    );
  }
  return { ratePerSecond, burst };
}

/**
 * `500/s` as a rate limit, its burst two seconds' worth unless given; `default` is null (the service's
 * default). Throws StoreInputError for anything else.
 */
export function parseRateLimit(text: string, burst?: number): RateLimit | null {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === "default") return null;
  const match = /^(\d+(?:\.\d+)?)\s*\/\s*s$/.exec(trimmed);
  if (!match?.[1]) {
    throw new StoreInputError(`A rate limit is written as requests per second, such as 500/s, or default`);
  }
  const ratePerSecond = Number(match[1]);
  return checkRateLimit({
    ratePerSecond,
    burst: burst ?? Math.max(1, Math.ceil(ratePerSecond * BURST_SECONDS)),
  });
}

const SECONDS_PER_UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `90s`, `15m`, `24h` or `7d` in seconds (for a grace period, or an expiry from now). */
export function parseDuration(text: string): number {
  const match = /^(\d{1,9})\s*([smhd])$/.exec(text.trim().toLowerCase());
  const unit = match?.[2] && SECONDS_PER_UNIT[match[2]];
  if (!match?.[1] || !unit) {
    throw new StoreInputError(`A duration is a whole number with s, m, h or d, such as 24h (got ${text})`);
  }
  return Number(match[1]) * unit;
}
