import type { FastifyBaseLogger } from "fastify";
import type { IdempotencyStore } from "../storage/idempotency-store.js";
import { createPeriodicJob } from "./periodic-job.js";

/**
 * Deletes expired idempotency records every `intervalMs`. Expired records are already ignored by lookups,
 * so the purge only keeps the table small; a missed run costs nothing but space.
 */
export function createIdempotencyPurger(options: {
  store: IdempotencyStore;
  now: () => Date;
  intervalMs: number;
  log: Pick<FastifyBaseLogger, "info" | "error">;
}) {
  const purgeOnce = async (): Promise<number> => {
    try {
      const purged = await options.store.purgeExpiredIdempotencyRecords(options.now().toISOString());
      if (purged > 0) options.log.info({ purged }, "expired idempotency keys purged");
      return purged;
    } catch (error) {
      options.log.error({ err: error }, "purging idempotency keys failed; retrying at the next interval");
      return 0;
    }
  };
  const job = createPeriodicJob({
    intervalMs: options.intervalMs,
    log: options.log,
    failure: "purging idempotency keys failed; retrying at the next interval",
    run: async () => {
      await purgeOnce();
    },
  });
  return { purgeOnce, start: job.start, stop: job.stop };
}
