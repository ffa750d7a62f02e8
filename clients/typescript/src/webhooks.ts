import { Webhook } from "standardwebhooks";
import type { OrderEvent } from "./api-types.js";
import { WebhookVerificationError } from "./errors.js";

/** Request headers as Node's `IncomingMessage.headers` or a plain object holds them, or a fetch Headers. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

/** The three headers a Standard Webhooks signature is made of. */
const SIGNATURE_HEADERS = ["webhook-id", "webhook-timestamp", "webhook-signature"] as const;

/**
 * Verifies a webhook request (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature headers)
 * with the endpoint's secret (whsec_…) and returns the event; throws WebhookVerificationError otherwise.
 * `payload` is the raw body as received (string or Uint8Array), never re-serialised JSON.
 */
export function verifyWebhook(
  secret: string,
  payload: string | Uint8Array,
  headers: WebhookHeaders,
): OrderEvent {
  // Keep a byte order mark: the signature covers the body exactly as sent.
  const body =
    typeof payload === "string" ? payload : new TextDecoder("utf-8", { ignoreBOM: true }).decode(payload);
  let event: unknown;
  try {
    event = new Webhook(secret).verify(body, signatureHeaders(headers));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new WebhookVerificationError(`The webhook request does not verify: ${reason}`, { cause: error });
  }
  if (typeof event !== "object" || event === null || Array.isArray(event)) {
    throw new WebhookVerificationError("The webhook request is signed, but its body is not an event");
  }
  return event as OrderEvent;
}

function signatureHeaders(headers: WebhookHeaders): Record<string, string> {
  const found: Record<string, string> = {};
  for (const name of SIGNATURE_HEADERS) {
    const value = headerValue(headers, name);
    if (value !== undefined) found[name] = value;
  }
  return found;
}

function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  if (isHeaders(headers)) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  // Signatures are separated by spaces; a header repeated holds more of them.
  return Array.isArray(value) ? value.join(" ") : value;
}

/** A fetch Headers, or one of another realm's or a framework's (anything that can `get`). */
function isHeaders(headers: WebhookHeaders): headers is Headers {
  return typeof headers.get === "function";
}
