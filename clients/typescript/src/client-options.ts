import type { FieldError, FieldWarning, OrderDocument } from "./api-types.js";
import type { RetryOptions } from "./retry.js";

/** Where the service is, the API key to use, and how patiently to call it. */
export interface ClientOptions {
  /** The service's root, such as "http://localhost:3000"; a trailing slash is fine. */
  baseUrl: string;
  /** The API key id (`oik_…`). */
  keyId: string;
  /** The API key's secret (`ois_…`). */
  secret: string;
  /** Overrides of DEFAULT_RETRY. */
  retry?: Partial<RetryOptions>;
  /** Per attempt, default 30 000 ms; a timed-out attempt counts as a connection error. */
  timeoutMs?: number;
  /** Default globalThis.fetch. */
  fetch?: typeof globalThis.fetch;
}

/** What every call takes. */
export interface CallOptions {
  /** Aborting it ends the call at once (waits included), rejecting with the signal's reason. */
  signal?: AbortSignal;
}

/** How to submit one order. */
export interface SubmitOptions extends CallOptions {
  /** Reused on every retry of this call; generated (crypto.randomUUID()) before the first attempt when absent. */
  idempotencyKey?: string;
}

/** What the service said of one order it accepted. */
export interface SubmitOrderResult {
  /** The submission id. */
  id: string;
  /** The Location header: the submission's status resource. */
  location: string;
  /** Ignored unknown fields and doubtful dates; [] when none. */
  warnings: FieldWarning[];
  /** Idempotent-Replayed: true (an earlier attempt or call with the same key had been accepted). */
  replayed: boolean;
  /** The key the call sent. */
  idempotencyKey: string;
}

/** How to split, key and send a batch of orders. */
export interface SubmitBatchOptions extends CallOptions {
  /** A string: batch i (0-based) of this call uses `${key}` when there is one batch, `${key}.${i}` otherwise.
   *  A function: the key of each batch. Absent: a new UUID per batch. */
  idempotencyKey?: string | ((batchIndex: number, orders: OrderDocument[]) => string);
  /** Default 1000 (the service's default MAX_ORDERS_PER_BATCH). */
  maxOrdersPerBatch?: number;
  /** Default 15 MiB of JSON (the service's default limit is 16 MiB). */
  maxBatchBytes?: number;
  /** Batches in flight at once, default 1. */
  concurrency?: number;
}

/** One order's result in submitBatch. */
export interface BatchOrderResult {
  /** The order's position in the caller's array. */
  index: number;
  /** The order_ref it sent; null when missing. */
  order_ref: string | number | null;
  status: "accepted" | "rejected";
  /** Accepted: the submission id. */
  id?: string;
  /** Rejected: the v4 strings. */
  errors?: string[];
  /** Rejected: the structured errors. */
  invalid_params?: FieldError[];
  warnings?: FieldWarning[];
  /** The batch it went in. */
  batchId: string;
  /** The batch answer was a replay (Idempotent-Replayed). */
  replayed: boolean;
}

/** Which orders to list, and how. */
export interface ListOrdersOptions extends CallOptions {
  createdAfter?: string | Date;
  updatedAfter?: string | Date;
  /** The service's default is newest. */
  order?: "newest" | "oldest";
  /** `limit` per page, 1..100. */
  pageSize?: number;
}

/** How to list an organisation's submissions in one status. */
export interface ListSubmissionsOptions {
  order?: "newest" | "oldest";
  pageSize?: number;
  signal?: AbortSignal;
}

/** Which events to read, from where, and whether to wait for more. */
export interface EventsOptions extends CallOptions {
  types?: string[];
  /** The `next` of an earlier page. */
  cursor?: string;
  pageSize?: number;
  /** Keep polling after the last page (has_more false) every pollIntervalMs, until signal aborts. Default false. */
  follow?: boolean;
  /** Default 5000. */
  pollIntervalMs?: number;
}

/** Whom to erase: one email, several, or customers by the merchant's customer_ref. */
export type ErasureSubjects =
  | { email: string }
  | { emails: string[] }
  | { customerRefs: (string | number)[] };
