import type { FastifyBaseLogger } from "fastify";
import type { EventStore } from "../storage/event-store.js";
import { createPeriodicJob } from "./periodic-job.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Events deleted per transaction: short ones, so that the sweep never holds the write lock for long. */
export const EVENT_SWEEP_BATCH = 1000;
/** Transactions per run at most: a sweep that falls behind catches up over a few runs, never in one long one. */
const MAX_BATCHES_PER_RUN = 100;
export const EVENT_SWEEP_INTERVAL_MS = 10 * 60 * 1000;

/**
 * Deletes the events older than the retention period, with their deliveries and the attempt log of that
 * age, every `intervalMs`, a bounded number per transaction. Events carry customer data: keeping them
 * only as long as the feed promises is what limits the copies of it.
 */
export function createEventRetention(options: {
  store: Pick<EventStore, "deleteEventsBefore">;
  retentionDays: number;
  now: () => Date;
  intervalMs?: number;
  log: Pick<FastifyBaseLogger, "info" | "error">;
  onDeleted?: (count: number) => void;
}) {
  const sweepOnce = async (): Promise<number> => {
    const cutoff = new Date(options.now().getTime() - options.retentionDays * DAY_MS).toISOString();
    let deleted = 0;
    try {
      for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch += 1) {
        const count = await options.store.deleteEventsBefore(cutoff, EVENT_SWEEP_BATCH);
        deleted += count;
        if (count < EVENT_SWEEP_BATCH) break;
      }
    } catch (error) {
      options.log.error({ err: error }, "deleting expired events failed; retrying at the next interval");
    }
    if (deleted > 0) {
      options.onDeleted?.(deleted);
      options.log.info({ deleted, cutoff }, "expired events deleted");
    }
    return deleted;
  };
  const job = createPeriodicJob({
    intervalMs: options.intervalMs ?? EVENT_SWEEP_INTERVAL_MS,
    log: options.log,
    failure: "deleting expired events failed; retrying at the next interval",
    run: async () => {
      await sweepOnce();
    },
  });
  return { sweepOnce, start: job.start, stop: job.stop };
}
