import { createHash } from "node:crypto";
import { stringify } from "safe-stable-stringify";

/**
 * A hash that is equal for two requests exactly when they have the same method, path and JSON body, however
 * the body's keys were ordered or spaced: the "same request" test of an idempotent retry.
 */
export function fingerprintRequest(method: string, path: string, body: unknown): string {
  return createHash("sha256")
    .update(`${method} ${path}\n`)
    .update(stringify(body) ?? "")
    .digest("hex");
}
