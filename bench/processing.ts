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

/** Longest the benchmark waits for a target's backlog before it measures the next target anyway. */
const DRAIN_LIMIT_MS = 60_000;

/** Submissions waiting to be processed, as the target's `/metrics` counts them (every process's). */
export async function readBacklog(target: RunningTarget): Promise<number> {
  const text = await (await fetch(`${target.url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith("order_intake_submissions_pending "));
  return Number(line?.split(" ")[1] ?? 0);
}

/**
 * Waits (at most 60 s) until the target has processed its backlog, so that its processor does not take
 * CPU from the next target's measurement; says how long it waited and what was left.
 */
export async function waitForBacklog(target: RunningTarget): Promise<{ seconds: number; leftOver: number }> {
  const started = performance.now();
  let pending = await readBacklog(target);
  while (pending > 0 && performance.now() - started < DRAIN_LIMIT_MS) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    pending = await readBacklog(target);
  }
  if (pending > 0) process.stderr.write(`backlog of ${pending} not drained within 60 s; measuring anyway\n`);
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
