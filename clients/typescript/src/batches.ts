import { problemOf } from "./answer-body.js";
import type { BatchResult, OrderDocument } from "./api-types.js";
import { type OrderBatch, splitIntoBatches } from "./batch-split.js";
import { runWithConcurrency } from "./bounded-concurrency.js";
import type { BatchOrderResult, SubmitBatchOptions } from "./client-options.js";
import { OrderIntakeError } from "./errors.js";
import type { ApiAnswer, Transport } from "./transport.js";

/** The service's default MAX_ORDERS_PER_BATCH. */
const DEFAULT_MAX_ORDERS_PER_BATCH = 1000;
/** 1 MiB under the service's default MAX_BATCH_BODY_BYTES (16 MiB), for what a proxy may add. */
const DEFAULT_MAX_BATCH_BYTES = 15 * 1024 * 1024;

/** Submits `orders` in as many batches as the limits need; one result per order, in the caller's order. */
export async function submitBatches(
  send: Transport,
  orders: OrderDocument[],
  options: SubmitBatchOptions = {},
): Promise<BatchOrderResult[]> {
  const maxOrders = positiveInteger(
    "maxOrdersPerBatch",
    options.maxOrdersPerBatch,
    DEFAULT_MAX_ORDERS_PER_BATCH,
  );
  const maxBytes = positiveInteger("maxBatchBytes", options.maxBatchBytes, DEFAULT_MAX_BATCH_BYTES);
  const concurrency = positiveInteger("concurrency", options.concurrency, 1);
  const batches = splitIntoBatches(orders, maxOrders, maxBytes);
  const results: BatchOrderResult[] = [];
  await runWithConcurrency(batches.length, concurrency, async (batchIndex) => {
    const batch = batches[batchIndex] as OrderBatch;
    const answer = await send({
      method: "POST",
      path: "/v4/customer_orders",
      body: batch.orders,
      idempotencyKey: batchKey(options.idempotencyKey, batchIndex, batches.length, batch.orders),
      signal: options.signal,
      accept: isBatchRefusedWhole,
    });
    for (const result of batchResults(answer, batch)) results[result.index] = result;
  });
  return results;
}

function batchKey(
  key: SubmitBatchOptions["idempotencyKey"],
  batchIndex: number,
  batchCount: number,
  orders: OrderDocument[],
): string {
  if (typeof key === "function") return key(batchIndex, orders);
  if (key === undefined) return globalThis.crypto.randomUUID();
  return batchCount === 1 ? key : `${key}.${batchIndex}`;
}

/** A `422 batch_invalid` stored the batch (every order rejected): it is the batch's answer, not a failure. */
function isBatchRefusedWhole(status: number, body: unknown): boolean {
  const problem = problemOf(body);
  return status === 422 && problem?.code === "batch_invalid" && Array.isArray(problem.results);
}

function batchResults(answer: ApiAnswer, batch: OrderBatch): BatchOrderResult[] {
  const body = problemOf(answer.body);
  const results = body?.results as BatchResult[] | undefined;
  if (typeof body?.id !== "string" || !isResultPerOrder(results, batch.orders.length)) {
    throw new OrderIntakeError(
      `The service answered ${answer.status} to a batch of ${batch.orders.length} orders without a result for each`,
      answer.attempts,
    );
  }
  const batchId = body.id;
  const replayed = answer.headers.get("idempotent-replayed") === "true";
  return results.map((result) => {
    const own: BatchOrderResult = {
      index: batch.start + result.index,
      order_ref: result.order_ref,
      status: result.status,
      batchId,
      replayed,
    };
    if (result.id !== undefined) own.id = result.id;
    if (result.errors !== undefined) own.errors = result.errors;
    if (result.invalid_params !== undefined) own.invalid_params = result.invalid_params;
    if (result.warnings !== undefined) own.warnings = result.warnings;
    return own;
  });
}

/** One result per order of the batch, in its order (`results[i].index` is i). */
function isResultPerOrder(results: BatchResult[] | undefined, orders: number): results is BatchResult[] {
  return (
    Array.isArray(results) && results.length === orders && results.every((result, i) => result?.index === i)
  );
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a whole number of at least 1`);
  return value;
}
