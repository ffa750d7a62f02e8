import pino from "pino";
import type { Config } from "../config.js";
import { createLoggerOptions } from "../logger.js";
import { openStore } from "../storage/open-store.js";
import { createIdempotencyPurger } from "./idempotency-purger.js";
import { createProcessor } from "./processor.js";

/** A running worker: the processor and the idempotency purger, without the HTTP server. */
export interface RunningWorker {
  /** Finishes the batch in progress, then closes the store. */
  stop(): Promise<void>;
}

/**
 * Starts a processor on its own, for deployments that scale processing apart from the API. Any number of
 * workers (and API instances' own processors) may share one PostgreSQL database: they claim different
 * submissions, and each order's submissions still apply in acceptance order.
 */
export async function startWorker(
  config: Config,
  options: { logStream?: pino.DestinationStream } = {},
): Promise<RunningWorker> {
  const log = pino(createLoggerOptions(config.logLevel) as pino.LoggerOptions, options.logStream).child({
    component: "worker",
  });
  const store = await openStore(config.databaseUrl, {
    poolSize: config.databasePoolSize,
    timeoutMs: config.storeTimeoutMs,
  });
  const processor = createProcessor({
    store,
    log,
    batchSize: config.processorBatchSize,
    pollMs: config.processorPollMs,
  });
  const purger = createIdempotencyPurger({
    store,
    now: () => new Date(),
    intervalMs: config.idempotencyPurgeIntervalMs,
    log,
  });
  processor.start();
  purger.start();
  log.info({ store: store.kind, batchSize: config.processorBatchSize }, "worker started");
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        purger.stop();
        await processor.stop();
        await store.close();
        log.info("worker stopped");
      })();
      return stopping;
    },
  };
}
