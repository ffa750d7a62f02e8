import { exampleOrder } from "../src/domain/order-example.js";
import { measure } from "./load.js";
import { readBacklog } from "./processing.js";
import { benchmarkTargets, type RunningTarget, startProcess } from "./targets.js";

/** The outbound side of one durable target: events delivered against orders accepted, and the lag. */
export interface OutboundFigures {
  acceptedPerSecond: number;
  /** Events that reached the receiver per second while the load ran. */
  deliveredPerSecond: number;
  /** Events accepted but not yet delivered when the load ended. */
  undeliveredAtEnd: number;
  /** Seconds after the load until every event had arrived (or the wait gave up). */
  catchUpSeconds: number;
  /** Events that never arrived within the wait. */
  leftOver: number;
  lagP50Ms: number;
  lagP99Ms: number;
}

const DRAIN_LIMIT_MS = 60_000;
// A new order per request, so that every submission records an event (a duplicate records none).
const body = JSON.stringify({ ...exampleOrder("BENCH"), order_ref: "[<id>]" });

interface ReceiverStats {
  deliveries: number;
  distinct: number;
  p50Ms: number;
  p99Ms: number;
}

const statsOf = async (receiver: RunningTarget): Promise<ReceiverStats> =>
  (await fetch(`${receiver.url}/stats`)).json() as Promise<ReceiverStats>;

/**
 * Runs the single-submission load, unpaced, on a fresh process of each durable target with one webhook
 * endpoint on a receiver of its own, and counts what arrives while the load runs and after it.
 */
export async function measureOutbound(
  postgresUrl: string | undefined,
  settings: { connections: number; durationSeconds: number; warmupSeconds: number },
): Promise<Map<string, OutboundFigures>> {
  const figures = new Map<string, OutboundFigures>();
  for (const name of (process.env.BENCH_OUTBOUND_STORES ?? "sqlite,postgres").split(",") as (
    | "sqlite"
    | "postgres"
  )[]) {
    const receiver = await startProcess("webhook-receiver.ts", {}, () => {});
    const env = { BENCH_WEBHOOK_URL: `${receiver.url}/hook`, WEBHOOK_ALLOW_PRIVATE_URLS: "true" };
    const target = benchmarkTargets(postgresUrl, env).find((t) => t.name === name);
    if (!target) {
      await receiver.stop();
      continue;
    }
    const running = await target.start();
    try {
      const load = (durationSeconds: number) =>
        measure({
          url: running.url,
          path: "/v4/organisations/BENCH/customer_order",
          authorization: running.authorization,
          body,
          connections: settings.connections,
          durationSeconds,
          expectedStatus: 202,
          distinctIds: true,
        });
      await load(settings.warmupSeconds);
      const start = await waitForDeliveries(running, receiver, 0);
      const started = performance.now();
      const result = await load(settings.durationSeconds);
      const seconds = (performance.now() - started) / 1000;
      const atEnd = await statsOf(receiver);
      const expected = start.distinct + result.answered;
      const drainStarted = performance.now();
      const drained = await waitForDeliveries(running, receiver, expected);
      figures.set(name, {
        acceptedPerSecond: result.answered / seconds,
        deliveredPerSecond: (atEnd.distinct - start.distinct) / seconds,
        undeliveredAtEnd: Math.max(0, expected - atEnd.distinct),
        catchUpSeconds: (performance.now() - drainStarted) / 1000,
        leftOver: Math.max(0, expected - drained.distinct),
        lagP50Ms: drained.p50Ms,
        lagP99Ms: drained.p99Ms,
      });
      process.stderr.write(
        `outbound ${name}: ${Math.round(result.answered / seconds)} accepted/s, ${Math.round((atEnd.distinct - start.distinct) / seconds)} delivered/s\n`,
      );
    } finally {
      await running.stop();
      await receiver.stop();
    }
  }
  return figures;
}

/**
 * Waits (at most 60 s) until the receiver has `expected` distinct events, or, with `expected` 0, until the
 * target's backlog is processed and the receiver has stopped counting up.
 */
async function waitForDeliveries(
  target: RunningTarget,
  receiver: RunningTarget,
  expected: number,
): Promise<ReceiverStats> {
  const started = performance.now();
  let stats = await statsOf(receiver);
  let previous = -1;
  while (performance.now() - started < DRAIN_LIMIT_MS) {
    const settled = expected > 0 ? stats.distinct >= expected : stats.distinct === previous;
    if (settled && (await readBacklog(target)) === 0) return stats;
    previous = stats.distinct;
    await new Promise((resolve) => setTimeout(resolve, expected > 0 ? 50 : 500));
    stats = await statsOf(receiver);
  }
  return stats;
}
