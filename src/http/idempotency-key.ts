import { Type } from "@sinclair/typebox";
import { ProblemError } from "./problem-catalogue.js";

// Visible ASCII and space; the IETF draft makes the value a structured-field string, which is quoted.
const KEY_PATTERN = /^[\x20-\x7E]{1,255}$/;

/**
 * The `Idempotency-Key` header's value, or undefined when the header is absent. Both the draft's quoted
 * form (`"abc"`) and the bare form most clients send (`abc`) name the same key.
 */
export function readIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header))
    throw new ProblemError("invalid_idempotency_key", { detail: "Send one Idempotency-Key" });
  const quoted = header.length >= 2 && header.startsWith('"') && header.endsWith('"');
  const key = quoted ? header.slice(1, -1) : header.trim();
  if (!KEY_PATTERN.test(key) || key.trim() === "") throw new ProblemError("invalid_idempotency_key");
  return key;
}

/**
 * The optional header, as the OpenAPI document describes it on both write endpoints. The example is in the
 * description only: an example value would be filled in by the reference page's "Try it out", and a retry
 * with an edited body would then be refused as a reused key.
 */
export const IdempotencyKeyHeader = Type.Object({
  "idempotency-key": Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      description:
        "Makes a retry safe. Send a new unique value (a UUID) with each new request and the same value when " +
        "you retry it: the same key with the same body replays the first answer (with Idempotent-Replayed: " +
        "true) instead of submitting again; with another body it is refused (422 idempotency_key_reused); " +
        "while the first request is still in flight, 409 idempotency_key_in_flight. 1 to 255 visible ASCII " +
        'characters, bare or quoted ("…"). Keys are remembered per API key for IDEMPOTENCY_TTL_HOURS ' +
        "(24 by default). Example: 8e03978e-40d5-43e8-bc93-6894a57f9324.",
    }),
  ),
});
