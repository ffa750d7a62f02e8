import type { FastifyBaseLogger } from "fastify";

/** How often a store that keeps failing is reported again, with the count since the last report. */
export const STORE_OUTAGE_SUMMARY_MS = 10_000;

/** What the service saw of the store: a request it could not serve, a commit that worked. */
export interface StoreOutageLog {
  failed(error: unknown): void;
  succeeded(): void;
}

/**
 * Logs a store outage as an operator wants to read it: once, with the error, when it starts; a count of
 * failures every STORE_OUTAGE_SUMMARY_MS while it lasts; once when a commit works again. A log line (with a
 * stack) for every refused request filled the disk that was already full within a minute.
 */
export function createStoreOutageLog(log: FastifyBaseLogger, clock: () => number): StoreOutageLog {
  let outage: { since: number; failures: number; unreported: number; reportedAt: number } | undefined;
  return {
    failed(error) {
      const now = clock();
      if (!outage) {
        outage = { since: now, failures: 1, unreported: 0, reportedAt: now };
        log.error({ err: error }, "store failing: answering 503 until it works again");
        return;
      }
      outage.failures++;
      outage.unreported++;
      if (now - outage.reportedAt < STORE_OUTAGE_SUMMARY_MS) return;
      log.warn({ failures: outage.unreported, sinceMs: now - outage.since }, "store still failing");
      outage.unreported = 0;
      outage.reportedAt = now;
    },
    succeeded() {
      if (!outage) return;
      log.info({ failures: outage.failures, durationMs: clock() - outage.since }, "store working again");
      outage = undefined;
    },
  };
}
