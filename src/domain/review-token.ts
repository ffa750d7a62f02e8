import { createHmac, timingSafeEqual } from "node:crypto";

// A review link's token: `<invitation id>.<expiry in Unix seconds>.<signature>`, the signature an HMAC-SHA256
// of the first two parts under the installation's REVIEW_LINK_SECRET, base64url. The review site verifies it
// with the same secret (docs/invitations.md shows how); it holds no personal data.

const sign = (payload: string, secret: string): string =>
  createHmac("sha256", secret).update(payload).digest("base64url");

export function signReviewToken(invitationId: string, expiresAt: Date, secret: string): string {
  const payload = `${invitationId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${payload}.${sign(payload, secret)}`;
}

export type ReviewTokenCheck =
  | { valid: true; invitationId: string; expiresAt: string }
  | { valid: false; problem: "malformed" | "bad_signature" | "expired" };

/** Checks a token's signature (in constant time) and expiry at `now`. */
export function verifyReviewToken(token: string, secret: string, now: Date): ReviewTokenCheck {
  const match = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { valid: false, problem: "malformed" };
  const [, invitationId, seconds, signature] = match as unknown as [string, string, string, string];
  const expected = Buffer.from(sign(`${invitationId}.${seconds}`, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { valid: false, problem: "bad_signature" };
  const expiresAt = new Date(Number(seconds) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { valid: false, problem: "expired" };
  return { valid: true, invitationId, expiresAt: expiresAt.toISOString() };
}

/** The link a mailer puts in its email: the template with `{token}` replaced. */
export const reviewLink = (template: string, token: string): string =>
  template.replaceAll("{token}", encodeURIComponent(token));
