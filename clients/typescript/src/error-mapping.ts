import type { Problem } from "./api-types.js";
import {
  ApiError,
  AuthenticationError,
  ConflictError,
  IdempotencyKeyReusedError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  ValidationError,
} from "./errors.js";

/** The typed error of an error answer, after `attempts` requests. */
export function errorForAnswer(
  status: number,
  problem: Problem | undefined,
  attempts: number,
  retryAfterMs: number | undefined,
): ApiError {
  const retryAfterSeconds = retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000);
  if (status === 422 && problem?.code === "idempotency_key_reused") {
    return new IdempotencyKeyReusedError(status, problem, attempts);
  }
  if (status === 400 || status === 413 || status === 422)
    return new ValidationError(status, problem, attempts);
  if (status === 401) return new AuthenticationError(status, problem, attempts);
  if (status === 403) return new PermissionError(status, problem, attempts);
  if (status === 404) return new NotFoundError(status, problem, attempts);
  if (status === 409) return new ConflictError(status, problem, attempts);
  if (status === 429) return new RateLimitError(status, problem, attempts, retryAfterSeconds);
  if (status >= 500 && status <= 599) return new ServerError(status, problem, attempts, retryAfterSeconds);
  return new ApiError(status, problem, attempts);
}
