import { MAX_DOCUMENT_DEPTH } from "./order-limits.js";
import { TRKREF_RULE } from "./trkref.js";

/**
 * The one catalogue of errors this service answers with. Each problem has a stable machine code (never
 * renamed once released), the HTTP status it maps to, a short title, and the `message` that clients of the
 * original v4 API read. `docs/errors.md` documents every entry; a test keeps the two in step.
 */
export const problemCatalogue = {
  invalid_json: { status: 400, title: "Malformed JSON", message: "Request body is not valid JSON" },
  invalid_trkref: { status: 400, title: "Invalid TRKREF", message: "Invalid TRKREF supplied" },
  invalid_idempotency_key: {
    status: 400,
    title: "Invalid Idempotency-Key",
    message: "The Idempotency-Key header must be 1 to 255 visible ASCII characters",
  },
  bad_request: { status: 400, title: "Bad Request", message: "The request is malformed" },
  unauthorized: { status: 401, title: "Unauthorized", message: "Unauthorized" },
  key_not_allowed: {
    status: 403,
    title: "Forbidden",
    message: "This API key may not submit orders for this organisation",
  },
  feature_disabled: {
    status: 403,
    title: "Forbidden",
    message: "Customer order submission is not enabled for this organisation",
  },
  not_found: { status: 404, title: "Not Found", message: "Not found" },
  method_not_allowed: {
    status: 405,
    title: "Method Not Allowed",
    message: "This path does not take this method; the Allow header lists those it takes",
  },
  request_timeout: {
    status: 408,
    title: "Request Timeout",
    message: "The request did not arrive in time",
  },
  idempotency_key_in_flight: {
    status: 409,
    title: "Conflict",
    message: "A request with this Idempotency-Key is still being processed",
    retryAfterSeconds: 1,
  },
  rate_limited: {
    status: 429,
    title: "Too Many Requests",
    message: "This API key has made too many requests; slow down and retry after the time given",
  },
  authentication_throttled: {
    status: 429,
    title: "Too Many Requests",
    message: "Too many failed authentications from this client; retry after the time given",
  },
  payload_too_large: {
    status: 413,
    title: "Payload Too Large",
    message: "Request body is larger than the endpoint's limit in bytes",
  },
  too_many_orders: { status: 413, title: "Payload Too Large", message: "The batch has too many orders" },
  headers_too_large: {
    status: 431,
    title: "Request Header Fields Too Large",
    message: "The request's headers are too large",
  },
  unsupported_media_type: {
    status: 415,
    title: "Unsupported Media Type",
    message: "Send JSON with Content-Type: application/json",
  },
  no_data: { status: 422, title: "No data provided", message: "No data provided" },
  validation_failed: { status: 422, title: "Validation failed", message: "Validation failed" },
  batch_invalid: { status: 422, title: "Batch is invalid", message: "Batch is invalid" },
  idempotency_key_reused: {
    status: 422,
    title: "Idempotency-Key reused",
    message: "This Idempotency-Key was used with a different request",
  },
  store_unavailable: {
    status: 503,
    title: "Service Unavailable",
    message: "The order could not be stored now; retry later",
    retryAfterSeconds: 1,
  },
  not_ready: {
    status: 503,
    title: "Service Unavailable",
    message: "The service is not ready to take orders",
    retryAfterSeconds: 1,
  },
  overloaded: {
    status: 503,
    title: "Service Unavailable",
    message: "Too many orders are waiting to be stored; retry later",
    retryAfterSeconds: 1,
  },
  internal_error: { status: 500, title: "Internal Server Error", message: "Internal server error" },
} as const satisfies Record<string, ProblemEntry>;

/** One catalogue entry; `retryAfterSeconds` makes every answer with this code carry `Retry-After`. */
export interface ProblemEntry {
  status: number;
  title: string;
  message: string;
  retryAfterSeconds?: number;
}

export type ProblemCode = keyof typeof problemCatalogue;

/**
 * Codes of the entries in a `422` answer's `errors` array: one per wrong field, each with the field's JSON
 * Pointer. The messages here are the defaults; a validator may give a more specific one.
 */
export const fieldErrorCatalogue = {
  required: "This field is required",
  wrong_type: "This field has the wrong JSON type",
  blank: "This field must not be blank",
  too_long: "This value is too long",
  too_many: "This list has too many entries",
  empty_list: "This list must have at least one entry",
  invalid_trkref: `Must be ${TRKREF_RULE}`,
  trkref_mismatch: "Must equal the trkref in the request path",
  invalid_date: "Must be a real calendar date written dd-mm-yyyy",
  date_required: "At least one of order_date and fulfilment_date is required",
  fulfilment_before_order: "The fulfilment date must not be before the order date",
  invalid_language: "Must be an ISO 639-1 two-letter language code",
  invalid_locale:
    "Must be an ISO 639-1 language and an ISO 3166-1 alpha-2 country joined by a hyphen (en-GB)",
  invalid_country: "Must be an ISO 3166-1 alpha-2 country code",
  invalid_currency: "Must be an ISO 4217 alpha-3 currency code",
  invalid_email: "Must be a valid email address of at most 254 characters",
  invalid_price: 'Must be digits with an optional decimal comma ("55,99") or a non-negative number',
  invalid_metadata_name: "Metadata names are lower-case letters, digits and underscores",
  invalid_metadata_value: "Metadata values are JSON values, with finite numbers",
  not_an_integer: "Numbers are accepted here only as whole numbers",
  prototype_key: "Keys named __proto__, and a prototype key inside a constructor key, are refused",
  too_deep: `Arrays and objects may nest at most ${MAX_DOCUMENT_DEPTH} levels deep in one order document`,
  inexact_number: "This number cannot be held exactly as a 64-bit float; send it as a string",
  invalid_character: "Must not contain the NUL character (U+0000) or an unpaired surrogate (\\uD800-\\uDFFF)",
  key_not_allowed: "This API key may not submit orders for this organisation",
  feature_disabled: "Customer order submission is not enabled for this organisation",
} as const satisfies Record<string, string>;

export type FieldErrorCode = keyof typeof fieldErrorCatalogue;

/** One wrong field of a document. */
export interface FieldError {
  /** RFC 6901 JSON Pointer to the field, e.g. `/order_items/1/sku`; `""` is the whole document. */
  pointer: string;
  code: FieldErrorCode;
  message: string;
}

/**
 * Codes of the entries in a `warnings` array: something the service accepted but the client should look at.
 * The messages here are the defaults; the validator gives a more specific one.
 */
export const fieldWarningCatalogue = {
  unknown_field: "This field is unknown and was ignored",
  implausible_date: "This date is far from any plausible order date; check it",
} as const satisfies Record<string, string>;

export type FieldWarningCode = keyof typeof fieldWarningCatalogue;

/** One field the service ignored or doubts; `hint` (unknown fields only) names the field probably meant. */
export interface FieldWarning {
  pointer: string;
  code: FieldWarningCode;
  message: string;
  hint?: string;
}

/** An error the domain raises; the HTTP layer turns it into problem+json by its code. */
export class ProblemError extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly errors: FieldError[] | undefined;
  readonly warnings: FieldWarning[] | undefined;
  readonly headers: Record<string, string> | undefined;
  /** Members added to the problem document beside the standard ones (a batch's `results`, say). */
  readonly extensions: Record<string, unknown> | undefined;

  constructor(
    code: ProblemCode,
    options: {
      detail?: string;
      errors?: FieldError[];
      warnings?: FieldWarning[];
      headers?: Record<string, string>;
      extensions?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(options.detail ?? problemCatalogue[code].message, { cause: options.cause });
    this.name = "ProblemError";
    this.code = code;
    this.status = problemCatalogue[code].status;
    this.errors = options.errors;
    this.warnings = options.warnings;
    this.headers = options.headers;
    this.extensions = options.extensions;
  }
}
