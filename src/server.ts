import { setTimeout as sleep } from "node:timers/promises";
import { buildApp } from "./app.js";
import type { Config } from "./config.js";
import { createIdempotencyPurger } from "./processing/idempotency-purger.js";
import { createProcessor, type Processor } from "./processing/processor.js";
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
export async function startServer(config: Config): Promise<RunningServer> {
  const store = await openStore(config.databaseUrl, {
    poolSize: config.databasePoolSize,
    timeoutMs: config.storeTimeoutMs,
  });
  let processor: Processor | undefined;
  const intake = await buildApp({ config, store, onSubmissionsCommitted: () => processor?.wake() }).catch(
    async (error: unknown) => {
      await store.close();
      throw error;
    },
  );
  const { app } = intake;
  let url: string;
  try {
    url = await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close();
    await store.close();
    throw error;
  }
  if (config.runProcessor) {
    processor = createProcessor({
      store,
      log: app.log.child({ component: "processor" }),
      batchSize: config.processorBatchSize,
      pollMs: config.processorPollMs,
      onProcessed: (count) => intake.backlog.recordProcessed(count),
    });
    processor.start();
  }
  const purger = createIdempotencyPurger({
    store,
    now: () => new Date(),
    intervalMs: config.idempotencyPurgeIntervalMs,
    log: app.log.child({ component: "idempotency-purger" }),
  });
  purger.start();

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
      await processor?.stop();
      await store.close();
    })();
    return stopping;
  };
  return { url, stop };
}

/**
 * SIGTERM and SIGINT stop a server or a worker gracefully, bounded by the grace period; `finishing` says
 * what it finishes first (a worker serves no requests). Installed before the process starts, so that a
 * signal sent as soon as it says it has started (or while it starts) is never met by the default action,
 * which ends the process at once: `running()` is what has started so far, undefined before.
 */
export function stopOnSignals(
  running: () => { stop(): Promise<void> } | undefined,
  graceMs: number,
  log: (message: string) => void,
  finishing = "in-flight requests",
): void {
  const onSignal = (signal: NodeJS.Signals) => {
    const started = running();
    if (!started) {
      // Nothing is served or applied yet, and migrations commit whole or not at all.
      log(`${signal} received while starting: exiting`);
      process.exit(0);
    }
    log(`${signal} received: finishing ${finishing}`);
    const timer = setTimeout(() => {
      log(`shutdown took longer than ${graceMs} ms: exiting`);
      process.exit(1);
    }, graceMs);
    timer.unref();
    started.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
