import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { type FieldError, type FieldErrorCode, fieldErrorCatalogue } from "../domain/field-errors.js";
import { EVENT_TYPES, type EventType, isEventType } from "../domain/order-events.js";
import type { Attribution } from "../storage/organisation-store.js";
import type { WebhookEndpoint, WebhookStore } from "../storage/webhook-store.js";
import { isPublicAddress } from "./webhook-address.js";

/**
 * What a merchant (through the API) or an operator (through the CLI) sends for a new webhook endpoint,
 * checked once for both, and the endpoint it becomes.
 */

export const MAX_WEBHOOK_URL_LENGTH = 2048;
export const MAX_WEBHOOK_DESCRIPTION_LENGTH = 200;
/**
 * Endpoints one organisation may have (and the installation, apart): each event is queued once per
 * endpoint, so the count bounds the work one change makes. Two creations at the same moment may both pass
 * the count; the bound is on fan-out, not a promise a client relies on.
 */
export const MAX_WEBHOOK_ENDPOINTS = 16;

/** The members a new endpoint's body takes, as the API names them. */
export const WEBHOOK_ENDPOINT_MEMBERS = ["url", "event_types", "description"] as const;

/** A checked request for an endpoint. */
export interface WebhookEndpointInput {
  /** The URL as the service will call it (normalised by the WHATWG URL parser). */
  url: string;
  /** null: every type, including those a later release adds. */
  eventTypes: EventType[] | null;
  description: string | null;
}

export type WebhookEndpointReading =
  | { ok: true; input: WebhookEndpointInput }
  | { ok: false; errors: FieldError[] };

/** Whether http and non-public IP literals are allowed (WEBHOOK_ALLOW_PRIVATE_URLS, for development). */
export interface WebhookUrlPolicy {
  allowPrivateUrls: boolean;
}

// More entries than there are types can only repeat or misspell them; the bound keeps the error list short.
const MAX_EVENT_TYPE_ENTRIES = 100;
const CONTROL_CHARACTER = /\p{Cc}/u;
const MAX_UNKNOWN_MEMBERS_SHOWN = 20;

const fieldError = (pointer: string, code: FieldErrorCode, message: string = fieldErrorCatalogue[code]) => ({
  pointer,
  code,
  message,
});

/**
 * Reads a new endpoint's members (`url`, `event_types`, `description`) from `body`, reporting every wrong
 * one at once. An unknown member is refused rather than ignored: a misspelt `event_type` would otherwise
 * subscribe the endpoint to every type.
 */
export function readWebhookEndpointInput(body: unknown, policy: WebhookUrlPolicy): WebhookEndpointReading {
  const value = body ?? {};
  if (typeof value !== "object" || Array.isArray(value)) {
    return {
      ok: false,
      errors: [fieldError("", "wrong_type", "Send a JSON object with url, event_types and description")],
    };
  }
  const members = value as Record<string, unknown>;
  const errors: FieldError[] = [];
  const unknown = Object.keys(members).filter(
    (name) => !(WEBHOOK_ENDPOINT_MEMBERS as readonly string[]).includes(name),
  );
  // Of many unknown members the first few are named, each name cut short: enough to fix the request.
  for (const name of unknown.slice(0, MAX_UNKNOWN_MEMBERS_SHOWN)) {
    errors.push(
      fieldError(
        `/${name.slice(0, 64).replaceAll("~", "~0").replaceAll("/", "~1")}`,
        "unknown_member",
        `Unknown member; an endpoint takes ${WEBHOOK_ENDPOINT_MEMBERS.join(", ")}`,
      ),
    );
  }
  const url = readUrl(members.url, policy, errors);
  const eventTypes = readEventTypes(members.event_types, errors);
  const description = readDescription(members.description, errors);
  if (errors.length > 0 || url === undefined) return { ok: false, errors };
  return { ok: true, input: { url, eventTypes, description } };
}

/**
 * The URL the service will call: absolute, https (http too when private URLs are allowed), no user name or
 * password (the service signs each request instead), no fragment (never sent), and, when its host is an IP
 * literal, a public address unless private URLs are allowed. A host name is resolved, and its addresses
 * checked, only when a request is sent: a check now would say nothing of the address it resolves to later.
 */
function readUrl(value: unknown, policy: WebhookUrlPolicy, errors: FieldError[]): string | undefined {
  const refuse = (code: FieldErrorCode, message?: string) => {
    errors.push(fieldError("/url", code, message));
    return undefined;
  };
  if (value === undefined || value === null)
    return refuse("required", "The URL to send events to is required");
  if (typeof value !== "string") return refuse("wrong_type", "Must be a string: the URL to send events to");
  if (value.trim() === "") return refuse("blank");
  if (value.length > MAX_WEBHOOK_URL_LENGTH) {
    return refuse("too_long", `Must be at most ${MAX_WEBHOOK_URL_LENGTH} characters (got ${value.length})`);
  }
  // The parser would drop surrounding spaces and line breaks silently: a URL holding them was not meant.
  if (/\s/u.test(value) || CONTROL_CHARACTER.test(value)) {
    return refuse("invalid_url", "Must not hold spaces, line breaks or control characters");
  }
  if (!URL.canParse(value))
    return refuse("invalid_url", "Must be an absolute URL, as https://shop.example.com/webhooks");
  const url = new URL(value);
  const schemes = policy.allowPrivateUrls ? ["https:", "http:"] : ["https:"];
  if (!schemes.includes(url.protocol)) {
    return refuse(
      "invalid_url",
      policy.allowPrivateUrls
        ? "Must be an https or http URL"
        : `Must be an https URL (got ${url.protocol.slice(0, 20)})`,
    );
  }
  if (url.username !== "" || url.password !== "") {
    return refuse("invalid_url", "Must not hold a user name or password: every request is signed instead");
  }
  // `#` alone leaves `hash` empty, but is still a fragment the client meant to send.
  if (value.includes("#")) return refuse("invalid_url", "Must not have a fragment (#…): it is never sent");
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(host) !== 0 && !policy.allowPrivateUrls && !isPublicAddress(host)) {
    return refuse("address_not_public", `${host} is a loopback, private or otherwise non-public address`);
  }
  if (url.href.length > MAX_WEBHOOK_URL_LENGTH) {
    return refuse(
      "too_long",
      `Must be at most ${MAX_WEBHOOK_URL_LENGTH} characters once normalised (got ${url.href.length})`,
    );
  }
  return url.href;
}

/** The types to send, each once; absent, null or empty: every type. */
function readEventTypes(value: unknown, errors: FieldError[]): EventType[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) {
    errors.push(
      fieldError("/event_types", "wrong_type", "Must be an array of event types, or null for every type"),
    );
    return null;
  }
  if (value.length > MAX_EVENT_TYPE_ENTRIES) {
    errors.push(
      fieldError("/event_types", "too_many", `Must have at most ${MAX_EVENT_TYPE_ENTRIES} entries`),
    );
    return null;
  }
  const types = new Set<EventType>();
  value.forEach((entry: unknown, index) => {
    const pointer = `/event_types/${index}`;
    if (typeof entry !== "string")
      errors.push(fieldError(pointer, "wrong_type", "Must be a string: an event type"));
    else if (isEventType(entry)) types.add(entry);
    else {
      const shown = JSON.stringify(entry.slice(0, 60));
      errors.push(
        fieldError(
          pointer,
          "invalid_choice",
          `Unknown event type ${shown}; the types are ${EVENT_TYPES.join(", ")}`,
        ),
      );
    }
  });
  return types.size === 0 ? null : EVENT_TYPES.filter((type) => types.has(type));
}

/** The operator's or merchant's words for the endpoint, trimmed; absent, null or blank: none. */
function readDescription(value: unknown, errors: FieldError[]): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") {
    errors.push(fieldError("/description", "wrong_type", "Must be a string"));
    return null;
  }
  const trimmed = value.trim();
  if (trimmed.length > MAX_WEBHOOK_DESCRIPTION_LENGTH) {
    errors.push(
      fieldError(
        "/description",
        "too_long",
        `Must be at most ${MAX_WEBHOOK_DESCRIPTION_LENGTH} characters (got ${trimmed.length})`,
      ),
    );
    return null;
  }
  // Listings print the description on one line; a lone surrogate cannot be stored as UTF-8.
  if (CONTROL_CHARACTER.test(trimmed) || !trimmed.isWellFormed()) {
    errors.push(
      fieldError(
        "/description",
        "invalid_character",
        "Must not hold control characters (line breaks, tabs) or unpaired surrogates",
      ),
    );
    return null;
  }
  return trimmed === "" ? null : trimmed;
}

// RFC 4648's base32 alphabet, in lower case: 32 symbols, so that the low 5 bits of a random byte pick one
// without bias.
const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

/** `we_` and 24 random characters (120 bits). */
export function newWebhookEndpointId(): string {
  return `we_${[...randomBytes(24)].map((byte) => ID_ALPHABET[byte & 31]).join("")}`;
}

/** `whsec_` and 32 random bytes in base64, the form Standard Webhooks' libraries take a secret in. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString("base64")}`;

/** An endpoint made, with its secret (shown once, in the answer that creates it), or the limit reached. */
export type WebhookEndpointAddition =
  | { created: true; endpoint: WebhookEndpoint; secret: string }
  | { created: false; limit: number };

/**
 * Creates an endpoint of `trkref` (null: the installation's) with a new id and secret, unless its owner
 * already has MAX_WEBHOOK_ENDPOINTS.
 */
export async function addWebhookEndpoint(
  store: Pick<WebhookStore, "listWebhookEndpoints" | "createWebhookEndpoint">,
  request: { trkref: string | null; input: WebhookEndpointInput; at: string } & Attribution,
): Promise<WebhookEndpointAddition> {
  const { trkref, input, ...by } = request;
  const existing = await store.listWebhookEndpoints({ trkref });
  if (existing.length >= MAX_WEBHOOK_ENDPOINTS) return { created: false, limit: MAX_WEBHOOK_ENDPOINTS };
  const secret = newWebhookSecret();
  const endpoint = await store.createWebhookEndpoint({
    id: newWebhookEndpointId(),
    trkref,
    ...input,
    secret,
    createdAt: request.at,
    ...by,
  });
  return { created: true, endpoint, secret };
}
