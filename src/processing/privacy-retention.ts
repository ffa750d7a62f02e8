import type { FastifyBaseLogger } from "fastify";
import type { PrivacyStore } from "../storage/privacy-store.js";
import { createPeriodicJob } from "./periodic-job.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Raw documents emptied per transaction, and orders erased per transaction: short ones, under load too. */
export const RAW_SWEEP_BATCH = 500;
export const ORDER_SWEEP_BATCH = 100;
/** Transactions per run at most: a sweep that falls behind catches up over a few runs, never in one long one. */
const MAX_BATCHES_PER_RUN = 100;
export const PRIVACY_SWEEP_INTERVAL_MS = 10 * 60 * 1000;

export interface RetentionSettings {
  /** Days a raw document is kept after its submission was processed. */
  rawDocumentRetentionDays: number;
  /** Days an order is kept after its last update; `null`: for as long as the organisation keeps it. */
  orderRetentionDays: number | null;
}

/** What one run of the sweep removed. */
export interface RetentionSweep {
  rawDocuments: number;
  orders: number;
}

/**
 * Enforces the retention periods of personal data every `intervalMs`: empties the raw documents of
 * submissions processed more than RAW_DOCUMENT_RETENTION_DAYS ago (the normalised document stays, as the
 * order's history), and, when ORDER_RETENTION_DAYS is set, erases orders not updated for that long as an
 * erasure request would (with an `order.erased` event), without putting their customers on the
 * suppression list. Each transaction is a small batch, so the sweep never holds a lock for long.
 */
export function createPrivacyRetention(options: {
  store: Pick<PrivacyStore, "removeRawDocuments" | "listOrdersUpdatedBefore" | "eraseOrders">;
  settings: RetentionSettings;
  now: () => Date;
  intervalMs?: number;
  log: Pick<FastifyBaseLogger, "info" | "error">;
  onSwept?: (sweep: RetentionSweep) => void;
}) {
  const { store, settings, log } = options;
  const cutoff = (days: number) => new Date(options.now().getTime() - days * DAY_MS).toISOString();

  async function sweepRawDocuments(): Promise<number> {
    const before = cutoff(settings.rawDocumentRetentionDays);
    let removed = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch += 1) {
      const count = await store.removeRawDocuments(before, RAW_SWEEP_BATCH);
      removed += count;
      if (count < RAW_SWEEP_BATCH) break;
    }
    return removed;
  }

  async function sweepOrders(days: number): Promise<number> {
    const before = cutoff(days);
    let erased = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch += 1) {
      const orders = await store.listOrdersUpdatedBefore(before, ORDER_SWEEP_BATCH);
      if (orders.length === 0) break;
      const counts = await store.eraseOrders(orders, "retention", options.now().toISOString());
      erased += counts.orders;
      if (orders.length < ORDER_SWEEP_BATCH) break;
    }
    return erased;
  }

  let last: RetentionSweep = { rawDocuments: 0, orders: 0 };
  const job = createPeriodicJob({
    intervalMs: options.intervalMs ?? PRIVACY_SWEEP_INTERVAL_MS,
    log,
    failure: "enforcing retention failed; retrying at the next interval",
    run: async () => {
      const rawDocuments = await sweepRawDocuments();
      const orders =
        settings.orderRetentionDays === null ? 0 : await sweepOrders(settings.orderRetentionDays);
      last = { rawDocuments, orders };
      if (rawDocuments + orders === 0) return;
      options.onSwept?.(last);
      log.info(last, "retention enforced: raw documents emptied, orders erased");
    },
  });
  return {
    ...job,
    /** Runs the sweep now and says what it removed. */
    async sweepOnce(): Promise<RetentionSweep> {
      last = { rawDocuments: 0, orders: 0 };
      await job.runOnce();
      return last;
    },
  };
}
