/** Raised when a row that must be unique already exists (an organisation's trkref, say). */
export class StoreConflictError extends Error {
  override name = "StoreConflictError";
}

/**
 * Raised when an operator's input is outside what the store keeps (a label too long, an expiry in the past,
 * a grace period too long); the message says what is allowed. See `operator-input.ts`.
 */
export class StoreInputError extends Error {
  override name = "StoreInputError";
}

/** Raised when an operation names a row that does not exist. */
export class StoreNotFoundError extends Error {
  override name = "StoreNotFoundError";
}

/** Raised when the database cannot do what was asked now (closed, locked, disk full, unreachable). */
export class StoreUnavailableError extends Error {
  override name = "StoreUnavailableError";
}

/**
 * Raised when the database refused a call for a reason that retrying will not cure: data it cannot keep, a
 * statement it cannot run (see `database-errors.ts`). Answered 500, logged whole.
 */
export class StoreDefectError extends Error {
  override name = "StoreDefectError";
}

/** Raised when more is waiting for a commit than the configured bound: refuse now rather than queue. */
export class StoreOverloadedError extends Error {
  override name = "StoreOverloadedError";
}
