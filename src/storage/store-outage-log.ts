/** What an outage log writes to: pino's logger, or Fastify's. */
type EpisodeLogger = Record<"error" | "warn" | "info", (fields: object, message: string) => void>;

/** How often a store that keeps failing is reported again, with the count since the last report. */
export const STORE_OUTAGE_SUMMARY_MS = 10_000;

/** What the service saw of the store: a request it could not serve, a commit that worked. */
export interface StoreOutageLog {
  failed(error: unknown): void;
  succeeded(): void;
}

/** What the log says when an episode of refusals starts, while it lasts, and when it ends. */
export interface EpisodeMessages {
  /** An outage is an error; overload is the service protecting itself, a warning. */
  startLevel: "error" | "warn";
  started: string;
  ongoing: string;
  ended: string;
}

const STORE_OUTAGE: EpisodeMessages = {
  startLevel: "error",
  started: "store failing: answering 503 until it works again",
  ongoing: "store still failing",
  ended: "store working again",
};

/** The processor's batches failing on a store that cannot do the work now. */
export const PROCESSING_OUTAGE: EpisodeMessages = {
  startLevel: "error",
  started: "processing failing: retrying after each pause until it works again",
  ongoing: "processing still failing",
  ended: "processing working again",
};

/** Refusals with `503 overloaded` (too much waiting for a commit, too many bodies, a backlog at its ceiling). */
export const OVERLOAD: EpisodeMessages = {
  startLevel: "warn",
  started: "overloaded: answering 503 overloaded until commits go through again",
  ongoing: "still overloaded",
  ended: "no longer overloaded",
};

/**
 * Logs a store outage as an operator wants to read it: once, with the error, when it starts; a count of
 * failures every STORE_OUTAGE_SUMMARY_MS while it lasts; once when a commit works again. A log line (with a
 * stack) for every refused request filled the disk that was already full within a minute. Overload is
 * logged the same way (`OVERLOAD`), for the same reason: it comes with many requests at once.
 */
export function createStoreOutageLog(
  log: EpisodeLogger,
  clock: () => number,
  messages: EpisodeMessages = STORE_OUTAGE,
): StoreOutageLog {
  let outage: { since: number; failures: number; unreported: number; reportedAt: number } | undefined;
  return {
    failed(error) {
      const now = clock();
      if (!outage) {
        outage = { since: now, failures: 1, unreported: 0, reportedAt: now };
        log[messages.startLevel]({ err: error }, messages.started);
        return;
      }
      outage.failures++;
      outage.unreported++;
      if (now - outage.reportedAt < STORE_OUTAGE_SUMMARY_MS) return;
      log.warn({ failures: outage.unreported, sinceMs: now - outage.since }, messages.ongoing);
      outage.unreported = 0;
      outage.reportedAt = now;
    },
    succeeded() {
      if (!outage) return;
      log.info({ failures: outage.failures, durationMs: clock() - outage.since }, messages.ended);
      outage = undefined;
    },
  };
}
