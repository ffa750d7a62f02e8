import { createHash } from "node:crypto";
import { stringify } from "safe-stable-stringify";
import { InexactNumber } from "./inexact-number.js";

/**
 * A hash that is equal for two requests exactly when they have the same method, path and JSON body, however
 * the body's keys were ordered or spaced: the "same request" test of an idempotent retry.
 */
export function fingerprintRequest(method: string, path: string, body: unknown): string {
  return createHash("sha256")
    .update(`${method} ${path}\n`)
    .update(stringify(body, keepInexactNumbersApart) ?? "")
    .digest("hex");
}

/**
 * An `InexactNumber` prints as a string of its digits; here it is wrapped, so that a retry sending those digits
 * as the string the refusal asked for is a different request, not a replay of the refused one. Every other
 * value passes unchanged, so fingerprints recorded before stay valid.
 */
function keepInexactNumbersApart(this: unknown, key: string, value: unknown): unknown {
  const original = (this as Record<string, unknown>)[key];
  return original instanceof InexactNumber ? { "\u0000inexact number": value } : value;
}
