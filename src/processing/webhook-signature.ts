import { createHmac } from "node:crypto";
import type { WebhookSecrets } from "../storage/webhook-store.js";

/** What Standard Webhooks' libraries expect before the key's base64. */
export const WEBHOOK_SECRET_PREFIX = "whsec_";

/** The signing key a `whsec_` secret holds: the base64 after the prefix, decoded. */
function signingKey(secret: string): Buffer {
  const encoded = secret.startsWith(WEBHOOK_SECRET_PREFIX)
    ? secret.slice(WEBHOOK_SECRET_PREFIX.length)
    : secret;
  const key = Buffer.from(encoded, "base64");
  // A key that decodes to nothing would sign every body the same for anyone: never sign with it.
  if (key.length === 0) throw new Error("webhook secret holds no key");
  return key;
}

/**
 * One secret's signature of one attempt, as Standard Webhooks defines it: `v1,` and the base64 of
 * HMAC-SHA256 over `id.timestamp.body`, the timestamp in whole seconds since the epoch.
 * https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
 */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac("sha256", signingKey(secret)).update(`${id}.${timestampSeconds}.${body}`);
  return `v1,${mac.digest("base64")}`;
}

/**
 * The `webhook-signature` header: one signature per secret, separated by spaces, the current secret's
 * first, so that a receiver that has the new secret or still the old one verifies the attempt.
 */
export function webhookSignatureHeader(
  secrets: readonly string[],
  id: string,
  timestampSeconds: number,
  body: string,
): string {
  return secrets.map((secret) => signWebhook(secret, id, timestampSeconds, body)).join(" ");
}

/** The secrets that sign at `now`: the current one, and the previous one until its grace ends. */
export function secretsSigningAt(secrets: WebhookSecrets, now: Date): string[] {
  const { current, previous } = secrets;
  if (previous && Date.parse(previous.validUntil) > now.getTime()) return [current, previous.secret];
  return [current];
}
