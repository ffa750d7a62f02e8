import type { FieldError, Problem } from "./api-types.js";

/**
 * Every error the client throws. `attempts` is how many requests the call made, retries included; an error
 * answered by the service carries its `status`, its stable `code` and the whole problem document.
 */
export class OrderIntakeError extends Error {
  override name = "OrderIntakeError";
  constructor(
    message: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The service answered with a problem document (or an error status without one). */
export class ApiError extends OrderIntakeError {
  override name = "ApiError";
  readonly code: string;
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
    attempts: number,
  ) {
    super(problem?.detail ?? `The service answered ${status}`, attempts);
    this.code = problem?.code ?? `http_${status}`;
  }
}

/** `400`, `413` or `422`: the request is wrong and retrying it cannot help; `fieldErrors` says where. */
export class ValidationError extends ApiError {
  override name = "ValidationError";
  /** Every wrong field or parameter, with its pointer, code and message (`invalid_params`). */
  get fieldErrors(): FieldError[] {
    return this.problem?.invalid_params ?? [];
  }
}

/** `401`: no, wrong, revoked or expired credentials. */
export class AuthenticationError extends ApiError {
  override name = "AuthenticationError";
}

/** `403`: the key may not act for the organisation, or the organisation has order submission switched off. */
export class PermissionError extends ApiError {
  override name = "PermissionError";
}

/** `404`: no such resource, or one the key may not see. */
export class NotFoundError extends ApiError {
  override name = "NotFoundError";
}

/** `409`: the request conflicts with the resource's state (and, when it was retried, still did). */
export class ConflictError extends ApiError {
  override name = "ConflictError";
}

/** `422 idempotency_key_reused`: the key was first used with another request; use a new key for this one. */
export class IdempotencyKeyReusedError extends ApiError {
  override name = "IdempotencyKeyReusedError";
}

/** `429`: the key's rate limit (or failed authentications) after every retry; `retryAfterSeconds` says when. */
export class RateLimitError extends ApiError {
  override name = "RateLimitError";
  constructor(
    status: number,
    problem: Problem | undefined,
    attempts: number,
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(status, problem, attempts);
  }
}

/** `5xx`: the service failed or was overloaded (`503`) on every attempt. */
export class ServerError extends ApiError {
  override name = "ServerError";
  constructor(
    status: number,
    problem: Problem | undefined,
    attempts: number,
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(status, problem, attempts);
  }
}

/** No answer: the connection failed or timed out on every attempt (`attempts` of them). */
export class ConnectionError extends OrderIntakeError {
  override name = "ConnectionError";
}

/** A webhook request whose signature, timestamp or body does not verify. */
export class WebhookVerificationError extends Error {
  override name = "WebhookVerificationError";
}
