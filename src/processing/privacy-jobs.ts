import type { FastifyBaseLogger } from "fastify";
import type { Config } from "../config.js";
import type { ErasureCounts, PrivacyStore } from "../storage/privacy-store.js";
import { createErasureRunner } from "./erasure-runner.js";
import { createPrivacyRetention, type RetentionSweep } from "./privacy-retention.js";

/**
 * The periodic work on customers' personal data that `serve` and `worker` both run: pending erasure
 * requests, and the retention sweep.
 */
export function startPrivacyJobs(options: {
  store: PrivacyStore;
  config: Pick<
    Config,
    "rawDocumentRetentionDays" | "orderRetentionDays" | "privacySweepIntervalMs" | "erasurePollMs"
  >;
  log: FastifyBaseLogger;
  metrics?: { countErasure(counts: ErasureCounts): void; countRetention(sweep: RetentionSweep): void };
}) {
  const { store, config, log, metrics } = options;
  const erasures = createErasureRunner({
    store,
    log: log.child({ component: "erasure-runner" }),
    now: () => new Date(),
    pollMs: config.erasurePollMs,
    onErased: (counts) => metrics?.countErasure(counts),
  });
  const retention = createPrivacyRetention({
    store,
    settings: {
      rawDocumentRetentionDays: config.rawDocumentRetentionDays,
      orderRetentionDays: config.orderRetentionDays,
    },
    now: () => new Date(),
    intervalMs: config.privacySweepIntervalMs,
    log: log.child({ component: "retention" }),
    onSwept: (sweep) => metrics?.countRetention(sweep),
  });
  erasures.start();
  retention.start();
  return {
    /** Looks for erasure requests now: one was just recorded. */
    wakeErasures: () => erasures.wake(),
    stop: () => Promise.all([erasures.stop(), retention.stop()]).then(() => {}),
  };
}
