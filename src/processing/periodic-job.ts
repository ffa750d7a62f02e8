import type { FastifyBaseLogger } from "fastify";

/**
 * Runs `run` every `intervalMs`, one run at a time (the next is timed from the end of the last, so a slow
 * one never overlaps the next), and at once when woken. A run that throws is logged with `failure` and the
 * job goes on at the next interval: the periodic jobs of the service (purging, retention, erasures) all
 * catch up on a later run what an outage stopped.
 */
export function createPeriodicJob(options: {
  run: () => Promise<void>;
  intervalMs: number;
  log: Pick<FastifyBaseLogger, "error">;
  failure: string;
}) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let started = false;
  let wokenWhileRunning = false;

  const runOnce = (): Promise<void> => {
    running ??= (async () => {
      try {
        await options.run();
      } catch (error) {
        options.log.error({ err: error }, options.failure);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (!started) return;
    timer = setTimeout(async () => {
      await runOnce();
      const again = wokenWhileRunning;
      wokenWhileRunning = false;
      schedule(again ? 0 : options.intervalMs);
    }, ms);
    timer.unref();
  };
  return {
    runOnce,
    start(): void {
      if (started) return;
      started = true;
      schedule(options.intervalMs);
    },
    /** Runs soon rather than at the next interval: after the run in progress, if there is one. */
    wake(): void {
      if (!started) return;
      if (running) wokenWhileRunning = true;
      else schedule(0);
    },
    /** No run starts after this; resolves when the one in progress has ended. */
    async stop(): Promise<void> {
      started = false;
      clearTimeout(timer);
      await running;
    },
  };
}
