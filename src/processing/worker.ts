import pino from "pino";
import type { Config } from "../config.js";
import { createLoggerOptions } from "../logger.js";
import { openStore } from "../storage/open-store.js";
import { createEventRetention } from "./event-retention.js";
import { createIdempotencyPurger } from "./idempotency-purger.js";
import { createInvitationReleaser } from "./invitation-releaser.js";
import { startPrivacyJobs } from "./privacy-jobs.js";
import { createProcessor } from "./processor.js";
import { createWebhookDeliverer, webhookSettings } from "./webhook-deliverer.js";

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
  const deliverer = createWebhookDeliverer({
    store,
    log: log.child({ component: "webhook-deliverer" }),
    settings: webhookSettings(config),
  });
  const processor = createProcessor({
    store,
    log,
    batchSize: config.processorBatchSize,
    maxBatchSize: config.processorMaxBatchSize,
    pollMs: config.processorPollMs,
    invitations: config.invitations,
    onReport: (report) => {
      if (report.events > 0) deliverer.wake();
    },
  });
  const releaser = createInvitationReleaser({
    store,
    settings: config.invitations,
    log: log.child({ component: "invitation-releaser" }),
    now: () => new Date(),
    pollMs: config.invitationPollMs,
    onReleased: (report) => {
      if (report.events > 0) deliverer.wake();
    },
  });
  const purger = createIdempotencyPurger({
    store,
    now: () => new Date(),
    intervalMs: config.idempotencyPurgeIntervalMs,
    log,
  });
  const retention = createEventRetention({
    store,
    retentionDays: config.eventRetentionDays,
    now: () => new Date(),
    log,
  });
  processor.start();
  deliverer.start();
  releaser.start();
  purger.start();
  retention.start();
  const privacy = startPrivacyJobs({ store, config, log });
  log.info(
    { store: store.kind, batchSize: config.processorBatchSize, maxBatchSize: config.processorMaxBatchSize },
    "worker started",
  );
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        purger.stop();
        retention.stop();
        await Promise.all([processor.stop(), deliverer.stop(), releaser.stop(), privacy.stop()]);
        await store.close();
        log.info("worker stopped");
      })();
      return stopping;
    },
  };
}
