import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * API credentials as the store keeps them (a secret's hash, never the secret) and as they are issued and
 * checked. Below the HTTP layer, so that the store (a rotation issues its new secret) and the CLI issue
 * credentials without loading any HTTP code.
 */

/** A newly issued credential; the secret exists only here and in the one answer that shows it. */
export interface IssuedCredential {
  keyId: string;
  secret: string;
  secretHash: string;
}

// Prefixes let secret scanners and people tell a key id from a secret at a glance.
const KEY_ID_PREFIX = "oik_";
const SECRET_PREFIX = "ois_";

/** A 256-bit random secret, with the hash that is all the store keeps. */
export function issueSecret(): { secret: string; secretHash: string } {
  const secret = `${SECRET_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { secret, secretHash: hashSecret(secret) };
}

/** A random key id and a 256-bit random secret, with the hash that is all the store keeps. */
export function issueCredential(): IssuedCredential {
  return { keyId: `${KEY_ID_PREFIX}${randomBytes(12).toString("base64url")}`, ...issueSecret() };
}

/**
 * SHA-256 of the secret. A slow password hash would add nothing here: the secret is 256 random bits, so a
 * stolen hash cannot be reversed by guessing, and a fast hash keeps authentication cheap on every request.
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Compares in constant time, so that timing does not reveal how much of a guessed secret was right. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/**
 * `text` with every secret in it (in any case) cut to its prefix, for messages that quote what someone typed
 * or pasted.
 */
export const redactSecrets = (text: string) =>
  text.replace(new RegExp(`${SECRET_PREFIX}[A-Za-z0-9_-]+`, "gi"), `${SECRET_PREFIX}…`);

/** A hash no secret matches, compared against when the key id is unknown so that both paths cost the same. */
export const UNKNOWN_KEY_HASH = hashSecret(randomBytes(32).toString("hex"));
