import type { FieldError, FieldWarning } from "../domain/field-errors.js";

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
  invalid_query: {
    status: 400,
    title: "Invalid query parameters",
    message: "One or more query parameters are wrong; invalid_params names each",
  },
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
  invalid_webhook_endpoint: {
    status: 422,
    title: "Invalid webhook endpoint",
    message: "The webhook endpoint is invalid; invalid_params names each wrong member",
  },
  invalid_erasure_request: {
    status: 422,
    title: "Invalid erasure request",
    message: "The erasure request is invalid; invalid_params names each wrong member or entry",
  },
  invalid_suppression_request: {
    status: 422,
    title: "Invalid suppression request",
    message: "The suppression request is invalid; invalid_params names each wrong member or entry",
  },
  invalid_cancellation: {
    status: 422,
    title: "Invalid cancellation",
    message: "The cancellation is invalid; invalid_params names each wrong member",
  },
  invalid_delivery_report: {
    status: 422,
    title: "Invalid delivery report",
    message: "The delivery report is invalid; invalid_params names each wrong member",
  },
  too_many_webhook_endpoints: {
    status: 409,
    title: "Conflict",
    message: "The organisation has as many webhook endpoints as it may have",
  },
  order_not_processed: {
    status: 409,
    title: "Conflict",
    message: "The order's first submission is not processed yet; retry after the time given",
    retryAfterSeconds: 1,
  },
  invitation_not_cancellable: {
    status: 409,
    title: "Conflict",
    message: "The invitation is due or skipped already: too late to cancel it",
  },
  invitation_not_due: {
    status: 409,
    title: "Conflict",
    message: "The invitation is not due: nothing was sent to report on",
  },
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

/** The stable code of a problem answer: a key of `problemCatalogue`. */
export type ProblemCode = keyof typeof problemCatalogue;

/**
 * An error answered as problem+json by its code (`problem-details.ts`). Only the HTTP layer raises it: the
 * domain reports coded field errors and refusals, which the routes turn into a `ProblemError`.
 */
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
