import type { CustomerKeyKind } from "../domain/customer-privacy.js";
import type { ErasureReason } from "../domain/order-events.js";

/** Why a customer is on their organisation's suppression list. */
export type SuppressionReason = "erased" | "requested" | "bounced" | "complained";

/** An entry of an organisation's suppression list: a keyed hash of the email, never the email. */
export interface NewSuppression {
  trkref: string;
  customerHash: string;
  reason: SuppressionReason;
  createdAt: string;
}

/** A suppression as the intake's cache reads them: in the order they were added (`seq`). */
export interface SuppressionEntry {
  seq: number;
  customerHash: string;
}

/** Whom an erasure request names: the keyed hash of an email or of a customer_ref, never the value. */
export interface ErasureSubject {
  kind: CustomerKeyKind;
  hash: string;
}

/** The kinds of record an erasure counts, in the order its answer lists them. */
export const ERASED_RECORD_KINDS = [
  "orders",
  "order_items",
  "submissions",
  "pending_submissions",
  "events",
  "webhook_attempts",
  "idempotency_records",
  "suppressions",
  "invitations",
] as const;
export type ErasedRecordKind = (typeof ERASED_RECORD_KINDS)[number];
export type ErasureCounts = Record<ErasedRecordKind, number>;

export const noErasureCounts = (): ErasureCounts =>
  Object.fromEntries(ERASED_RECORD_KINDS.map((kind) => [kind, 0])) as ErasureCounts;

/** A request to erase customers, as the ledger keeps it: it survives the erasure it records. */
export interface NewErasureRequest {
  id: string;
  trkref: string;
  subjects: ErasureSubject[];
  /** Who asked: `key:<key id>` for the merchant's API, `operator` for the CLI, `replay:<id>` for a replay. */
  requestedBy: string;
  requestedAt: string;
}

export interface ErasureRequestRecord extends NewErasureRequest {
  status: "pending" | "completed";
  completedAt: string | null;
  counts: ErasureCounts | null;
}

/** Which requests of the ledger `listErasureRequests` reads: oldest first, from a time, a page at a time. */
export interface ErasureLedgerQuery {
  /** Only requests made at or after this time. */
  since?: string;
  trkref?: string;
  /** Only requests after this id, in (requested_at, id) order: the next page. */
  after?: { requestedAt: string; id: string };
  limit: number;
}

/** What a run of the retention sweep removed. */
export interface RetentionOutcome {
  rawDocuments: number;
  ordersErased: number;
}

/** An order to erase, as retention names it. */
export interface OrderToErase {
  trkref: string;
  orderRef: string;
}

/**
 * Customers' personal data: the key their hashes are made with, the suppression lists, the erasure ledger,
 * and the erasures and retention sweeps themselves (`src/processing/erase-customers.ts`, run where the
 * store's connection is, as the processing pipeline is).
 */
export interface PrivacyStore {
  /** The installation's key for customer hashes (base64url of 32 random bytes), made on first use. */
  customerHashKey(): Promise<string>;
  /** Adds each entry not already on its organisation's list; says how many were new. */
  addSuppressions(entries: NewSuppression[]): Promise<number>;
  /** An organisation's suppressions added after `afterSeq`, oldest first, at most `limit`. */
  listSuppressionsSince(trkref: string, afterSeq: number, limit: number): Promise<SuppressionEntry[]>;
  /** Which of these hashes are on the organisation's list. */
  findSuppressed(trkref: string, customerHashes: string[]): Promise<string[]>;

  /** Records a pending request in the ledger. */
  createErasureRequest(request: NewErasureRequest): Promise<void>;
  findErasureRequest(trkref: string, id: string): Promise<ErasureRequestRecord | undefined>;
  /** The ledger: requests oldest first (by `requested_at`, then id). */
  listErasureRequests(query: ErasureLedgerQuery): Promise<ErasureRequestRecord[]>;
  /** Ids of pending requests, oldest first. */
  listPendingErasureIds(limit: number): Promise<string[]>;
  /**
   * Carries out one pending request in one transaction (`eraseCustomers`) and marks it completed with its
   * counts; `undefined` when it is not pending (another process took it, or it is done).
   */
  runErasure(id: string, now: string): Promise<ErasureRequestRecord | undefined>;

  /** Replaces the raw documents of submissions processed before `before` with nothing; says how many. */
  removeRawDocuments(processedBefore: string, limit: number): Promise<number>;
  /** Orders last updated before `before`, oldest first, at most `limit`. */
  listOrdersUpdatedBefore(before: string, limit: number): Promise<OrderToErase[]>;
  /** Erases these orders as an erasure request would, without suppressing their customers. */
  eraseOrders(orders: OrderToErase[], reason: ErasureReason, now: string): Promise<ErasureCounts>;
  /**
   * Gives hashes to orders and settled submissions written before hashes existed, at most `limit` of each;
   * says how many it gave. An erasure finds customers by their hashes, so it waits until this is done.
   */
  backfillCustomerHashes(limit: number): Promise<number>;
  /**
   * Rewrites the database so that erased data leaves its files: SQLite checkpoints the WAL (truncating it)
   * and VACUUMs; PostgreSQL VACUUMs (FULL when asked) the tables personal data lives in.
   */
  compact(options: { full: boolean }): Promise<void>;
}
