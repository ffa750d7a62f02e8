import type { FastifyBaseLogger } from "fastify";
import type { InvitationSettings } from "../storage/invitation-store.js";
import type { ProcessingReport, ProcessingStore } from "../storage/processing-io.js";
import { createStoreOutageLog, PROCESSING_OUTAGE } from "../storage/store-outage-log.js";
import { createBatchSizer } from "./batch-sizer.js";
import { createWakeablePause } from "./wakeable-pause.js";

/** Options of the asynchronous processor. */
export interface ProcessorOptions {
  store: ProcessingStore;
  log: Pick<FastifyBaseLogger, "info" | "warn" | "error" | "debug">;
  /** Submissions applied per transaction while there is no backlog. */
  batchSize: number;
  /** Most submissions one transaction applies while a backlog lasts (batches grow to it); default `batchSize`. */
  maxBatchSize?: number;
  /** Sleep between polls when idle and not woken, in milliseconds. */
  pollMs: number;
  /** Schedules the orders' review invitations under these settings; absent: none are. */
  invitations?: InvitationSettings;
  /** Called with the number of submissions each batch applied (the backlog ceiling follows them). */
  onProcessed?: (count: number) => void;
  /** Called with what each batch did, after it is logged (the metrics count outcomes, failures and defects). */
  onReport?: (report: ProcessingReport) => void;
}

/**
 * Applies accepted submissions to the organisations' orders, oldest first. It runs until stopped: a batch
 * that found work is followed at once by the next, an empty one by a sleep that `wake()` (called after each
 * commit) cuts short, so new orders are processed within a moment without polling hard.
 */
export function createProcessor(options: ProcessorOptions) {
  let running = false;
  let loop: Promise<void> | undefined;
  // A store that cannot serve fails every batch, one a poll: one line when it starts, counts while it lasts.
  const outage = createStoreOutageLog(options.log, () => performance.now(), PROCESSING_OUTAGE);

  const runOptions = options.invitations ? { invitations: options.invitations } : {};
  const sizer = createBatchSizer(options.batchSize, options.maxBatchSize ?? options.batchSize);
  /** One batch, of the size the last one calls for; a batch that fails sets the size back (it may have been too large). */
  const processBatch = async (): Promise<ProcessingReport> => {
    try {
      const result = await options.store.processPendingSubmissions(sizer.next(), runOptions);
      sizer.record(result.taken);
      return result;
    } catch (error) {
      sizer.reset();
      throw error;
    }
  };

  /** The idle pause; `wake()` cuts it short unless it follows an error (no hot retry loop on commits). */
  const idle = createWakeablePause();

  /**
   * Logs each failed submission by its code and names (never its document, which holds customer data), and
   * each defect whole: a submission failed because of the service, not the merchant. Then reports the batch.
   */
  const report = (result: ProcessingReport): number => {
    for (const { submissionId, trkref, orderRef, code } of result.failures) {
      options.log.warn({ submissionId, trkref, orderRef, failureCode: code }, "submission failed");
    }
    for (const { submissionId, ...err } of result.defects) {
      options.log.error({ submissionId, err }, "processing defect: submission failed");
    }
    options.onReport?.(result);
    if (result.taken > 0) options.onProcessed?.(result.taken);
    return result.taken;
  };

  /** Reports outside the store's try: a callback that throws is neither the store failing nor fatal. */
  const reportSafely = (result: ProcessingReport): number => {
    try {
      return report(result);
    } catch (error) {
      options.log.error({ err: error }, "reporting processed submissions failed");
      return result.taken;
    }
  };

  async function runLoop(): Promise<void> {
    while (running) {
      let result: ProcessingReport | undefined;
      try {
        result = await processBatch();
        outage.succeeded();
      } catch (error) {
        outage.failed(error);
      }
      const failed = result === undefined;
      const taken = result ? reportSafely(result) : 0;
      if (taken > 0) options.log.debug({ taken }, "submissions processed");
      if (!running) break;
      // Any progress means there may be more: on PostgreSQL a batch takes one submission per order, so a
      // backlog of one busy order drains a submission per round and must not wait a poll between rounds.
      if (taken > 0) await new Promise((resolve) => setImmediate(resolve));
      else await idle.pause(options.pollMs, !failed);
    }
  }

  return {
    start(): void {
      if (running) return;
      running = true;
      loop = runLoop();
    },
    /**
     * Cuts the idle sleep short: there is new work. Deferred to the next turn, so that the answers to the
     * requests whose commit woke it are written before a processing transaction takes the event loop.
     */
    wake(): void {
      setImmediate(idle.wake);
    },
    /** Finishes the batch in progress, then stops. */
    async stop(): Promise<void> {
      running = false;
      idle.end();
      await loop;
    },
    /** Processes until nothing is pending; for tests and the CLI. */
    async drain(): Promise<void> {
      for (;;) {
        const taken = report(await processBatch());
        if (taken === 0) return;
      }
    },
  };
}

export type Processor = ReturnType<typeof createProcessor>;
