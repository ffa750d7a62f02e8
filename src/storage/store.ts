import type { SubmissionOutcome } from "../domain/apply-submission.js";
import type { BatchOrderResult } from "../domain/batch-result.js";
import type { NormalisedOrder } from "../domain/normalised-order.js";

/** An organisation: the merchant whose orders are submitted under its trkref. */
export interface Organisation {
  trkref: string;
  name: string;
  /** Order submission is off until an operator switches it on. */
  enabled: boolean;
  createdAt: string;
}

/** An API credential; the secret itself is never stored, only its hash. */
export interface ApiKeyRecord {
  id: string;
  secretHash: string;
  /** The organisations this key may act for. */
  trkrefs: string[];
  createdAt: string;
  revokedAt: string | null;
}

export type SubmissionStatus = "accepted" | "processed" | "failed";
/** What processing made of a submission; the domain decides it (`applySubmission`). */
export type { SubmissionOutcome } from "../domain/apply-submission.js";

/** One accepted order document, as it is committed before the client hears `202`. */
export interface NewSubmission {
  id: string;
  keyId: string;
  order: NormalisedOrder;
  /** The document exactly as the client sent it, kept for audit and reprocessing. */
  raw: string;
  acceptedAt: string;
  /** The batch this submission arrived in, if any. */
  batchId?: string;
}

/** A batch request as recorded: every order's result, accepted or rejected, in request order. */
export interface NewBatch {
  id: string;
  keyId: string;
  createdAt: string;
  results: BatchOrderResult[];
}

/** A recorded batch with the current state of each of its accepted submissions. */
export interface StoredBatch extends NewBatch {
  submissions: SubmissionRecord[];
}

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
}

/** The one string naming an idempotency record's scope: its API key and its idempotency key. */
export const idempotencyScope = (record: { keyId: string; idempotencyKey: string }) =>
  // A NUL occurs in neither part, so each pair maps to one scope only.
  `${record.keyId}\u0000${record.idempotencyKey}`;

/** What became of one write of a group commit. */
export type IntakeCommitOutcome = "committed" | "idempotency_conflict";

/** Everything one request commits, together: its submissions, its batch record, its idempotency record. */
export interface IntakeWrite {
  submissions: NewSubmission[];
  batch?: NewBatch;
  idempotency?: IdempotencyRecord;
}

/** What became of a submission. */
export interface SubmissionRecord {
  id: string;
  trkref: string;
  orderRef: string;
  status: SubmissionStatus;
  outcome: SubmissionOutcome | null;
  failureReason: string | null;
  acceptedAt: string;
  processedAt: string | null;
}

/** The organisation's order as it stands after every processed submission for it. */
export interface StoredOrder {
  order: NormalisedOrder;
  createdAt: string;
  updatedAt: string;
  lastSubmissionId: string;
}

/** Raised when a row that must be unique already exists (an organisation's trkref, say). */
export class StoreConflictError extends Error {
  override name = "StoreConflictError";
}

/** Raised when an operation names a row that does not exist. */
export class StoreNotFoundError extends Error {
  override name = "StoreNotFoundError";
}

/**
 * The one interface every database adapter implements. The contract tests in `test/storage/` run against
 * each adapter, so that the service behaves the same whichever database holds its data.
 */
export interface Store {
  readonly kind: "sqlite" | "postgres";
  /** Applies the numbered migrations not yet applied; safe when several processes start at once. */
  migrate(): Promise<void>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /**
   * Resolves when the database commits a write that no client sees (it rewrites the heartbeat row): a
   * database can answer queries and still refuse every write (a full disk, a standby after a failover).
   */
  probeWrite(): Promise<void>;
  close(): Promise<void>;

  createOrganisation(input: { trkref: string; name: string; enabled: boolean }): Promise<Organisation>;
  /** Returns false when no organisation has that trkref. */
  setOrganisationEnabled(trkref: string, enabled: boolean): Promise<boolean>;
  findOrganisation(trkref: string): Promise<Organisation | undefined>;
  listOrganisations(): Promise<Organisation[]>;

  /** Throws StoreNotFoundError when one of the trkrefs names no organisation. */
  createApiKey(input: { id: string; secretHash: string; trkrefs: string[] }): Promise<ApiKeyRecord>;
  findApiKey(id: string): Promise<ApiKeyRecord | undefined>;
  listApiKeys(): Promise<ApiKeyRecord[]>;
  /** Returns false when no key has that id; revoking twice keeps the first revocation time. */
  revokeApiKey(id: string): Promise<boolean>;
  /**
   * Calls `listener` when a key or an organisation may have changed in another process (the CLI, another
   * instance), so that caches of them can forget it at once instead of at their expiry. Stops at `close()`.
   */
  watchAccessChanges(listener: (change: AccessChange) => void): Promise<void>;

  /**
   * Commits the writes in one durable transaction, or none of them, and says for each whether it was
   * committed. A write whose idempotency record is already there (a live one, committed by a request on
   * another instance, say) is left out whole, submissions and all, as `idempotency_conflict`; the rest of
   * the group is committed.
   */
  commitIntake(writes: IntakeWrite[]): Promise<IntakeCommitOutcome[]>;
  findSubmission(id: string): Promise<SubmissionRecord | undefined>;
  /** The submissions of one order, oldest first. */
  listSubmissionsForOrder(trkref: string, orderRef: string): Promise<SubmissionRecord[]>;
  findBatch(id: string): Promise<StoredBatch | undefined>;
  /** The record for this API key and idempotency key, unless it expired before `now`. */
  findIdempotencyRecord(
    keyId: string,
    idempotencyKey: string,
    now: string,
  ): Promise<IdempotencyRecord | undefined>;
  /** Deletes records that expired before `now`; returns how many. */
  purgeExpiredIdempotencyRecords(now: string): Promise<number>;
  countPendingSubmissions(): Promise<number>;
  /** When the oldest submission still waiting to be processed was accepted, or null when none waits. */
  oldestPendingAcceptedAt(): Promise<string | null>;

  /**
   * Takes up to `limit` accepted submissions in acceptance order, applies each to its order (the domain's
   * `applySubmission`: created, updated or duplicate; failed with the database's reason when the row cannot be
   * written), and commits the orders and the submissions' outcomes together. Returns how many it took.
   */
  processPendingSubmissions(limit: number): Promise<number>;
  findOrder(trkref: string, orderRef: string): Promise<StoredOrder | undefined>;
}

/** What changed: one key, one organisation, or possibly anything (changes may have been missed). */
export type AccessChange = { apiKey: string } | { organisation: string } | { unknown: true };

/** Raised when the database cannot do what was asked now (closed, locked, disk full, unreachable). */
export class StoreUnavailableError extends Error {
  override name = "StoreUnavailableError";
}

/** Raised when more is waiting for a commit than the configured bound: refuse now rather than queue. */
export class StoreOverloadedError extends Error {
  override name = "StoreOverloadedError";
}
