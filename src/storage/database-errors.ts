/**
 * What a database error means, whichever database raised it. Each adapter maps its driver's codes to one
 * of these (`sqlite/sqlite-errors.ts`, `postgres/postgres-errors.ts`); what is done about each is decided
 * once, above the adapters: by the store guard for every call, and by the processing pipeline for a
 * submission.
 *
 * - `unavailable`: the database cannot do the work now (unreachable, shutting down, locked, out of disk or
 *   connections, read-only): answered 503 with Retry-After, and processing tries the batch again later.
 * - `refused`: the database refuses this data (a constraint, a value it cannot hold). At intake it is a
 *   defect (the service wrote what it should have refused); in processing it fails that one submission,
 *   with the database's reason.
 * - `defect`: a fault in the service (a syntax or type error, a missing table, a bug in its own code):
 *   answered 500 and logged with its stack; in processing it fails that one submission with a generic
 *   reason, and is logged and counted.
 */
export type DatabaseErrorKind = "unavailable" | "refused" | "defect";

/**
 * Maps an error its driver raised to its kind; `undefined` for an error that is not the driver's (the
 * service's own code threw it), which is a defect too but passes the store guard as it is.
 */
export type ClassifyDatabaseError = (error: unknown) => DatabaseErrorKind | undefined;
