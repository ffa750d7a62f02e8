import type { BatchOrderResult, OrderDocument, OrderIntakeClient } from "@order-intake/client";
import type { CliError } from "../cli-error.js";
import { explainFailure, permissionRefusalError, permissionRefusalOf } from "./batch-failures.js";
import { batchIdempotencyKey } from "./batch-key.js";
import type { CheckedOrder, RowError } from "./checked-orders.js";
import type { ImportSettings } from "./import-options.js";
import type { FinishedBatch, ImportState } from "./import-state.js";
import type { ImportCounts } from "./import-summary.js";
import type { RejectsFile } from "./rejects-file.js";
import { checkSubmissionAccess } from "./submission-access.js";

/** What a pass over the file does with the valid orders it reads and, once reading stops, to finish. */
export interface OrderHandler {
  accept(order: CheckedOrder): Promise<void>;
  finish(): Promise<void>;
}

/** What the batches count into, and what stops the reading when one fails. */
export interface BatchRun {
  settings: ImportSettings;
  counts: ImportCounts;
  stop: AbortController;
  /** The first batch failure, which stopped the reading. */
  failure?: CliError;
}

/** Writes one rejected order to the rejects file, if there is one, and counts it. */
export function rejectOrder(
  counts: ImportCounts,
  rejects: RejectsFile | undefined,
  rows: CheckedOrder["rows"],
  errors: RowError[],
): void {
  counts.rejected += 1;
  rejects?.write(rows, errors);
}

/** Where batches go, and where their outcomes are written. */
export interface SenderParts {
  client: OrderIntakeClient;
  state: ImportState;
  rejects: RejectsFile | undefined;
  onBatchFinished: ((batch: FinishedBatch) => void | Promise<void>) | undefined;
}

/**
 * Gathers valid orders into batches of --batch-size and sends each, at most --concurrency at once: `accept`
 * waits while that many are in flight, so that reading holds at most `concurrency + 1` batches. A batch the
 * state file holds (with --resume) with every order accepted is counted as duplicates and not sent. Before
 * the first batch is sent, the key's organisations are checked. The first failure stops reading.
 */
export function createBatchSender(pass: BatchRun, parts: SenderParts): OrderHandler {
  const { settings } = pass;
  const inFlight = new Set<Promise<void>>();
  const stopped = new Promise<void>((resolve) => {
    if (pass.stop.signal.aborted) resolve();
    pass.stop.signal.addEventListener("abort", () => resolve(), { once: true });
  });
  let gathered: CheckedOrder[] = [];
  const fail = (error: unknown, what: string) => {
    pass.failure ??= explainFailure(error, what, settings);
    pass.stop.abort();
  };
  // Asked once, and only when a batch is to be sent: a resumed run with nothing left to send needs no service.
  let access: Promise<boolean> | undefined;
  const checkAccess = () => {
    access ??= checkSubmissionAccess(parts.client, settings.trkref).then(
      () => true,
      (error: unknown) => {
        fail(error, "the request for the key's organisations");
        return false;
      },
    );
    return access;
  };

  const dispatch = async (batch: CheckedOrder[]) => {
    const documents = batch.map((order) => order.document as OrderDocument);
    const key = batchIdempotencyKey(settings.trkref, documents);
    const finished = parts.state.finished(key);
    // A batch with rejected orders is sent again rather than skipped: the rejects file is written anew on
    // every run, and within the idempotency window the batch's replay, which stores nothing, brings back
    // the rows it needs.
    if (finished && finished.rejected === 0) return countSkippedBatch(pass.counts, finished);
    if (!(await checkAccess())) return;
    while (inFlight.size >= settings.concurrency && !pass.stop.signal.aborted) {
      await Promise.race([...inFlight, stopped]);
    }
    if (pass.stop.signal.aborted) return;
    pass.counts.batches += 1;
    const task = sendBatch(pass, parts, batch, documents, key)
      .catch((error: unknown) => fail(error, `the batch of ${linesOf(batch)}`))
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  };

  return {
    async accept(order) {
      gathered.push(order);
      if (gathered.length < settings.batchSize) return;
      const batch = gathered;
      gathered = [];
      await dispatch(batch);
    },
    async finish() {
      // A batch gathered when reading was stopped is left for --resume: sent now, it would be another batch
      // than the one a resumed run gathers from the same lines.
      if (gathered.length > 0 && !pass.stop.signal.aborted) await dispatch(gathered);
      gathered = [];
      // Nothing is added once reading has stopped; each batch ends with the client's last retry.
      await Promise.allSettled([...inFlight]);
    },
  };
}

function countSkippedBatch(counts: ImportCounts, batch: FinishedBatch): void {
  counts.batches += 1;
  counts.accepted += batch.accepted;
  counts.rejected += batch.rejected;
  counts.duplicates += batch.orders;
}

/** Sends one batch under its key, writes its rejected orders, counts it and appends its state line. */
async function sendBatch(
  pass: BatchRun,
  parts: SenderParts,
  batch: CheckedOrder[],
  documents: OrderDocument[],
  key: string,
): Promise<void> {
  const results = await parts.client.submitBatch(documents, {
    idempotencyKey: key,
    maxOrdersPerBatch: pass.settings.batchSize,
  });
  const refusal = permissionRefusalOf(results);
  if (refusal !== undefined) {
    throw permissionRefusalError(refusal, results[0]?.replayed === true, linesOf(batch), pass.settings);
  }
  let accepted = 0;
  for (const result of results) {
    const order = batch[result.index];
    if (result.replayed) pass.counts.duplicates += 1;
    if (result.status === "accepted") accepted += 1;
    else if (order) rejectOrder(pass.counts, parts.rejects, order.rows, serviceErrors(order, result));
  }
  pass.counts.accepted += accepted;
  const finished: FinishedBatch = {
    key,
    trkref: pass.settings.trkref,
    batch_size: pass.settings.batchSize,
    orders: batch.length,
    accepted,
    rejected: results.length - accepted,
    first_line: batch[0]?.rows[0]?.line ?? 0,
    last_line: batch.at(-1)?.rows.at(-1)?.line ?? 0,
  };
  parts.state.record(finished);
  await parts.onBatchFinished?.(finished);
}

const linesOf = (batch: CheckedOrder[]) =>
  `lines ${batch[0]?.rows[0]?.line}-${batch.at(-1)?.rows.at(-1)?.line}`;

/**
 * An order the service rejected, as rejects-file errors: each of the service's, the same on each of the
 * order's rows and with no column, since the service's pointer names a field of the document, which a row of
 * a checked order no longer maps to with certainty.
 */
function serviceErrors(order: CheckedOrder, result: BatchOrderResult): RowError[] {
  const fieldErrors = result.invalid_params ?? [];
  const errors =
    fieldErrors.length > 0
      ? fieldErrors.map((error) => ({ column: "", code: error.code, message: error.message }))
      : [{ column: "", code: "rejected", message: result.errors?.join("; ") || "Rejected by the service" }];
  return order.rows.flatMap((row) => errors.map((error) => ({ line: row.line, ...error })));
}
