import { setTimeout as sleep } from "node:timers/promises";
import { type AppOptions, buildApp } from "./app.js";
import type { Config } from "./config.js";
import { createEventRetention } from "./processing/event-retention.js";
import { createIdempotencyPurger } from "./processing/idempotency-purger.js";
import { createInvitationReleaser } from "./processing/invitation-releaser.js";
import { startPrivacyJobs } from "./processing/privacy-jobs.js";
import { createProcessor, type Processor } from "./processing/processor.js";
import {
  createWebhookDeliverer,
  type WebhookDeliverer,
  webhookSettings,
} from "./processing/webhook-deliverer.js";
import { openStore } from "./storage/open-store.js";

/** A running service: HTTP listening, processor (if enabled) started. */
export interface RunningServer {
  url: string;
  /** Stops taking requests, finishes those in flight and their commits, then closes the store. */
  stop(): Promise<void>;
}

/**
 * Opens the store, builds the app, listens, then starts the background work. If anything fails on the
 * way, what was opened is closed again, so that a server that cannot listen does not linger processing.
 */
export async function startServer(
  config: Config,
  options: Pick<AppOptions, "logStream"> = {},
): Promise<RunningServer> {
  const store = await openStore(config.databaseUrl, {
    poolSize: config.databasePoolSize,
    timeoutMs: config.storeTimeoutMs,
  });
  let processor: Processor | undefined;
  const intake = await buildApp({
    config,
    store,
    onSubmissionsCommitted: () => processor?.wake(),
    logStream: options.logStream,
  }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const { app } = intake;
  let url: string;
  try {
    url = await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close();
    await store.close();
    throw error;
  }
  let deliverer: WebhookDeliverer | undefined;
  let releaser: ReturnType<typeof createInvitationReleaser> | undefined;
  if (config.runProcessor) {
    // Webhooks are delivered where events are recorded, so that a processing report can wake the deliverer.
    deliverer = createWebhookDeliverer({
      store,
      log: app.log.child({ component: "webhook-deliverer" }),
      settings: webhookSettings(config),
      metrics: intake.metrics.webhooks,
    });
    processor = createProcessor({
      store,
      log: app.log.child({ component: "processor" }),
      batchSize: config.processorBatchSize,
      maxBatchSize: config.processorMaxBatchSize,
      pollMs: config.processorPollMs,
      invitations: config.invitations,
      onProcessed: (count) => intake.backlog.recordProcessed(count),
      onReport: (report) => {
        intake.metrics.countProcessing(report);
        if (report.events > 0) deliverer?.wake();
      },
    });
    releaser = createInvitationReleaser({
      store,
      settings: config.invitations,
      log: app.log.child({ component: "invitation-releaser" }),
      now: () => new Date(),
      pollMs: config.invitationPollMs,
      onReleased: (report) => {
        intake.metrics.countInvitationRelease(report);
        if (report.events > 0) deliverer?.wake();
      },
    });
    processor.start();
    deliverer.start();
    releaser.start();
  }
  const purger = createIdempotencyPurger({
    store,
    now: () => new Date(),
    intervalMs: config.idempotencyPurgeIntervalMs,
    log: app.log.child({ component: "idempotency-purger" }),
  });
  purger.start();
  const retention = createEventRetention({
    store,
    retentionDays: config.eventRetentionDays,
    now: () => new Date(),
    log: app.log.child({ component: "event-retention" }),
    onDeleted: (count) => intake.metrics.countEventsDeleted(count),
  });
  retention.start();
  const privacy = startPrivacyJobs({ store, config, log: app.log, metrics: intake.metrics });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      // Closing the listener at once would leave a load balancer's health check nothing to see but refused
      // connections. For SHUTDOWN_DELAY_MS `/readyz` answers 503 while orders are still taken, so that the
      // balancer takes the instance out of rotation before connections are refused.
      intake.startDraining();
      await sleep(config.shutdownDelayMs);
      // app.close() waits for in-flight requests, whose handlers wait for their commits.
      await app.close();
      await intake.committer.drain();
      purger.stop();
      retention.stop();
      await Promise.all([processor?.stop(), deliverer?.stop(), releaser?.stop(), privacy.stop()]);
      await store.close();
    })();
    return stopping;
  };
  return { url, stop };
}
