import type { FastifyBaseLogger } from "fastify";
import type { IdempotencyStore } from "../storage/idempotency-store.js";

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
  let timer: NodeJS.Timeout | undefined;
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
  return {
    purgeOnce,
    start(): void {
      timer ??= setInterval(purgeOnce, options.intervalMs);
      timer.unref();
    },
    stop(): void {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
