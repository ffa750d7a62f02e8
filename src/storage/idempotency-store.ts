/**
 * The answer given to a request that carried an `Idempotency-Key`, kept so that a retry with the same key
 * and body gets the same answer. Scoped by API key: two keys' idempotency keys never collide.
 */
export interface IdempotencyRecord {
  keyId: string;
  idempotencyKey: string;
  /** Hash of the request (method, path, canonical body): a retry must match it. */
  fingerprint: string;
  statusCode: number;
  /** Headers to replay (Location, Content-Type). */
  headers: Record<string, string>;
  body: string;
  createdAt: string;
  expiresAt: string;
  /**
   * The customers whose data `body` holds, by the keyed hash of their email in their organisation (a batch's
   * answer echoes each rejected order as sent): what an erasure finds the record by.
   */
  customers?: { trkref: string; customerHash: string }[];
}

/** The one string naming an idempotency record's scope: its API key and its idempotency key. */
export const idempotencyScope = (record: { keyId: string; idempotencyKey: string }) =>
  // A NUL occurs in neither part, so each pair maps to one scope only.
  `${record.keyId}\u0000${record.idempotencyKey}`;

/** The recorded answers that retries replay; they are written with the intake (`IntakeStore`). */
export interface IdempotencyStore {
  /** The record for this API key and idempotency key, unless it expired before `now`. */
  findIdempotencyRecord(
    keyId: string,
    idempotencyKey: string,
    now: string,
  ): Promise<IdempotencyRecord | undefined>;
  /** Deletes records that expired before `now`; returns how many. */
  purgeExpiredIdempotencyRecords(now: string): Promise<number>;
}
