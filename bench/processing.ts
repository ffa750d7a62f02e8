import type { LoadResult } from "./load.js";
import type { RunningTarget } from "./targets.js";

/** What the processor of a durable target did during one load and after it, next to what intake took. */
export interface ProcessingFigures {
  /** Orders answered 202 per second while the load ran. */
  acceptedPerSecond: number;
  /** Orders applied per second while the load ran (accepted, less what the backlog grew by). */
  appliedPerSecond: number;
  /** Orders still waiting to be processed when the load ended. */
  backlogAtEnd: number;
  /** Orders applied per second once the load had stopped, until the backlog was empty (or the wait ran out). */
  drainPerSecond: number | undefined;
  /** Orders still waiting when the wait for the backlog gave up; 0 when it drained. */
  leftOver: number;
}

/** Longest the benchmark waits for a target's backlog, unless told, before it measures the next anyway. */
const DRAIN_LIMIT_S = 60;
/** Longest one read of a target's `/metrics` may take. */
const METRICS_TIMEOUT_MS = 10_000;

/** A value of the target's `/metrics` (a metric without labels); 0 when the target does not report it. */
export async function readMetric(target: RunningTarget, name: string): Promise<number> {
  const response = await fetch(`${target.url}/metrics`, { signal: AbortSignal.timeout(METRICS_TIMEOUT_MS) });
  const line = (await response.text()).split("\n").find((l) => l.startsWith(`${name} `));
  return Number(line?.split(" ")[1] ?? 0);
}

/** Submissions waiting to be processed, as the target's `/metrics` counts them (every process's). */
export const readBacklog = (target: RunningTarget): Promise<number> =>
  readMetric(target, "order_intake_submissions_pending");

/**
 * Waits (at most `limitSeconds`) until the target has processed its backlog, so that its processor does not
 * take CPU from the next target's measurement; says how long it waited and what was left.
 */
export async function waitForBacklog(
  target: RunningTarget,
  limitSeconds = DRAIN_LIMIT_S,
): Promise<{ seconds: number; leftOver: number }> {
  const started = performance.now();
  let pending = await readBacklog(target);
  while (pending > 0 && performance.now() - started < limitSeconds * 1000) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    pending = await readBacklog(target);
  }
  if (pending > 0) {
    process.stderr.write(`backlog of ${pending} not drained within ${limitSeconds} s; measuring anyway\n`);
  }
  return { seconds: (performance.now() - started) / 1000, leftOver: pending };
}

/**
 * Runs one load against a durable target and measures its processing alongside: the backlog before and
 * after the load gives what was applied while intake ran, and the wait for the backlog afterwards what the
 * processor applies on its own. `ordersPerRequest` turns answered requests into orders (a batch's size).
 */
export async function measureWithProcessing(
  target: RunningTarget,
  ordersPerRequest: number,
  load: () => Promise<LoadResult>,
): Promise<{ load: LoadResult; processing: ProcessingFigures }> {
  const backlogBefore = await readBacklog(target);
  const started = performance.now();
  const result = await load();
  const backlogAtEnd = await readBacklog(target);
  const seconds = (performance.now() - started) / 1000;
  const accepted = result.answered * ordersPerRequest;
  const drain = await waitForBacklog(target);
  return {
    load: result,
    processing: {
      acceptedPerSecond: accepted / seconds,
      appliedPerSecond: Math.max(0, accepted + backlogBefore - backlogAtEnd) / seconds,
      backlogAtEnd,
      // Nothing was left to drain: no figure rather than a rate of zero.
      drainPerSecond: backlogAtEnd > 0 ? (backlogAtEnd - drain.leftOver) / drain.seconds : undefined,
      leftOver: drain.leftOver,
    },
  };
}
