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
