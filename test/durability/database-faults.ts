import { setTimeout as sleep } from "node:timers/promises";
import { type ClusterProcess, seedOrganisation, startWorker } from "../helpers/cluster.js";
import {
  distinctOrder,
  type PostOutcome,
  postOrder,
  type ServerProcess,
  startServer,
  waitUntilProcessed,
} from "../helpers/server-process.js";
import type { DatabaseFault, FaultTarget } from "./fault-scenarios.js";

/** How long a fault lasts and how hard the load is; the short form runs in `npm test`, the long one in crashtest. */
export interface FaultRunOptions {
  /** How long each fault lasts at least; one that takes the store away lasts longer than a request may wait. */
  faultMs: number;
  clients: number;
  /** The service's STORE_TIMEOUT_MS: a request waits at most this long for each store step. */
  storeTimeoutMs: number;
  /** Most requests sent in all, whatever the time: the load is bounded in count as well. */
  maxRequests: number;
  /** Longest the service may take to answer 202 again, and to be ready again, once the database is back. */
  recoveryBoundMs: number;
}

/** One request as the client saw it. */
type Sent = PostOutcome & { sentAt: number; waitedMs: number };

/** What a fault came to, from the client's side: the checks below decide whether it is clean. */
export interface FaultReport {
  fault: string;
  faultMs: number;
  requests: number;
  acknowledged: number;
  refused: number;
  /** Answers other than 202, and 503 with Retry-After: each a finding. */
  unexpected: string[];
  longestWaitMs: number;
  waitBoundMs: number;
  readinessDown: boolean;
  /** From the database's return to the first 202 of a request sent after it; undefined if none came. */
  orderRecoveryMs: number | undefined;
  /** From the database's return to the first 200 of /readyz asked after it; undefined if none came. */
  readinessRecoveryMs: number | undefined;
  recoveryBoundMs: number;
  /** Acknowledged orders not found processed afterwards: each a lost order. */
  unprocessed: string[];
  /** Processes that exited during the run, or wrote an unhandled error. */
  crashed: string[];
}

const READINESS_EVERY_MS = 100;
const WARM_UP_MS = 800;
const PROCESSING_TIMEOUT_MS = 60_000;
const ANSWER_TIMEOUT_MS = 15_000;

/**
 * Runs one fault against the service as an operator would meet it: a `serve` process (and on PostgreSQL a
 * `worker` too) under steady load, the fault for `faultMs`, the database back, until the service answers
 * 202 and ready again (bounded). Keeps the clients' ledger of every 202 and checks afterwards that each of
 * those orders was processed. Loopback only; bounded in requests and in time.
 */
export async function runFault(fault: DatabaseFault, options: FaultRunOptions): Promise<FaultReport> {
  const target = await fault.prepare();
  const processes: { name: string; process: ServerProcess | ClusterProcess }[] = [];
  try {
    const seeded = await seedOrganisation(target.databaseUrl);
    const env = { STORE_TIMEOUT_MS: String(options.storeTimeoutMs), PROCESSOR_POLL_MS: "100" };
    const server = await startServer(target.serviceUrl, env);
    processes.push({ name: "serve", process: server });
    if (target.withWorker) {
      processes.push({ name: "worker", process: await startWorker(target.serviceUrl, env) });
    }
    const load = startLoad(server.url, seeded.authorization, seeded.trkref, options);
    const readiness = pollReadiness(server.url);
    await sleep(WARM_UP_MS);

    const faultStarted = performance.now();
    const ongoing = await fault.begin(target);
    await sleep(faultDuration(fault, options));
    await ongoing.end();
    const healedAt = performance.now();

    const recovered = () =>
      load.sent.some((s) => s.sentAt >= healedAt && statusOf(s) === 202) &&
      readiness.seen.some((r) => r.sentAt >= healedAt && r.status === 200);
    for (
      let n = 0;
      n < 200 && !recovered() && performance.now() - healedAt < options.recoveryBoundMs * 2;
      n++
    ) {
      await sleep(50);
    }
    await sleep(300);
    await load.stop();
    await readiness.stop();

    const crashed: string[] = [];
    for (const { name, process } of processes) {
      const exit = await process.waitForExit(100).catch(() => undefined);
      if (exit) crashed.push(`${name} exited: ${JSON.stringify(exit)}`);
      else if (/Unhandled|uncaught/i.test(process.stderr())) crashed.push(`${name}: ${process.stderr()}`);
    }
    const ledger = load.sent.flatMap((s) => ("id" in s && s.id ? [s.id] : []));
    const unprocessed = crashed.length
      ? ledger
      : await waitUntilProcessed(server.url, seeded.authorization, ledger, PROCESSING_TIMEOUT_MS);
    const during = readiness.seen.filter((r) => r.sentAt >= faultStarted && r.sentAt < healedAt);
    return {
      fault: fault.name,
      faultMs: faultDuration(fault, options),
      requests: load.sent.length,
      acknowledged: ledger.length,
      refused: load.sent.filter((s) => statusOf(s) === 503).length,
      unexpected: load.sent.filter((s) => !isExpected(s)).map((s) => JSON.stringify(s)),
      longestWaitMs: Math.max(0, ...load.sent.map((s) => s.waitedMs)),
      waitBoundMs: waitBound(options.storeTimeoutMs),
      readinessDown: during.some((r) => r.status === 503),
      orderRecoveryMs: firstAfter(
        load.sent.filter((s) => statusOf(s) === 202),
        healedAt,
      ),
      readinessRecoveryMs: firstAfter(
        readiness.seen.filter((r) => r.status === 200),
        healedAt,
      ),
      recoveryBoundMs: options.recoveryBoundMs,
      unprocessed,
      crashed,
    };
  } finally {
    for (const { process } of processes) process.kill("SIGKILL");
    for (const { process } of processes) await process.waitForExit(5_000).catch(() => undefined);
    await target.dispose();
  }
}

/**
 * A fault that takes the store away lasts longer than a request may wait, so that a request left waiting
 * without a bound is seen as one, rather than answered when the database comes back.
 */
const faultDuration = (fault: DatabaseFault, options: FaultRunOptions) =>
  fault.readinessMustDrop
    ? Math.max(options.faultMs, waitBound(options.storeTimeoutMs) + 1_000)
    : options.faultMs;

/**
 * A request waits for the store at most STORE_TIMEOUT_MS per step, and a submission takes three at most
 * (its key, its organisation, when not cached, and its commit), with a margin for a loaded machine.
 */
const waitBound = (storeTimeoutMs: number) => 3 * storeTimeoutMs + 1_500;

/** Whether a fault's report shows nothing lost, nothing but 202 and 503, no long wait and a quick recovery. */
export function faultProblems(report: FaultReport, readinessMustDrop: boolean): string[] {
  const problems = [...report.crashed];
  if (report.unexpected.length > 0)
    problems.push(`unexpected answers: ${report.unexpected.slice(0, 5).join("; ")}`);
  if (report.longestWaitMs > report.waitBoundMs) {
    problems.push(`a request waited ${Math.round(report.longestWaitMs)} ms (bound ${report.waitBoundMs} ms)`);
  }
  if (readinessMustDrop && !report.readinessDown)
    problems.push("/readyz never answered 503 during the fault");
  for (const [what, ms] of [
    ["orders", report.orderRecoveryMs],
    ["readiness", report.readinessRecoveryMs],
  ] as const) {
    if (ms === undefined || ms > report.recoveryBoundMs) {
      problems.push(`${what} did not recover within ${report.recoveryBoundMs} ms (${ms ?? "never"})`);
    }
  }
  if (report.acknowledged === 0) problems.push("no order was acknowledged at all");
  if (report.unprocessed.length > 0)
    problems.push(`${report.unprocessed.length} acknowledged orders not processed`);
  return problems;
}

/** One line per fault for a report: the figures an operator would ask for. */
export function describeFault(report: FaultReport): string {
  const ms = (value: number | undefined) => (value === undefined ? "never" : `${Math.round(value)} ms`);
  return (
    `${report.fault} (${Math.round(report.faultMs / 100) / 10} s): ${report.requests} requests, ${report.acknowledged} acknowledged, ${report.refused} ` +
    `refused 503, longest wait ${ms(report.longestWaitMs)}, readiness ${report.readinessDown ? "dropped" : "stayed up"}, ` +
    `recovered in ${ms(report.orderRecoveryMs)} (orders) and ${ms(report.readinessRecoveryMs)} (readiness), ` +
    `${report.unprocessed.length} unprocessed`
  );
}

/** Only a 202, or a 503 that says when to retry, may answer an order while the database has a fault. */
function isExpected(sent: Sent): boolean {
  if (!("status" in sent)) return false;
  if (sent.status === 202) return true;
  return sent.status === 503 && sent.retryAfter !== undefined;
}

/** The HTTP status of an answer; 0 for a request that got none (a connection error, a timeout). */
const statusOf = (sent: Sent) => ("status" in sent ? sent.status : 0);

function firstAfter(answers: { sentAt: number; waitedMs: number }[], healedAt: number): number | undefined {
  const after = answers.filter((a) => a.sentAt >= healedAt);
  if (after.length === 0) return undefined;
  return Math.min(...after.map((a) => a.sentAt + a.waitedMs)) - healedAt;
}

/** Clients that each send their next order as soon as the last is answered, until stopped or out of budget. */
function startLoad(url: string, authorization: string, trkref: string, options: FaultRunOptions) {
  const sent: Sent[] = [];
  let stopped = false;
  let next = 0;
  const client = async () => {
    while (!stopped && next < options.maxRequests) {
      const n = next++;
      const sentAt = performance.now();
      const outcome = await postOrder(url, authorization, distinctOrder(trkref, n));
      sent.push({ ...outcome, sentAt, waitedMs: performance.now() - sentAt });
    }
  };
  const clients = Promise.all(Array.from({ length: options.clients }, client));
  return {
    sent,
    async stop() {
      stopped = true;
      await clients;
    },
  };
}

/** Asks `/readyz` every READINESS_EVERY_MS, as a load balancer does, and keeps every answer. */
function pollReadiness(url: string) {
  const seen: { sentAt: number; waitedMs: number; status: number }[] = [];
  let stopped = false;
  const polling = (async () => {
    for (let n = 0; n < 10_000 && !stopped; n++) {
      const sentAt = performance.now();
      const status = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS) })
        .then(async (response) => {
          await response.arrayBuffer();
          return response.status;
        })
        .catch(() => 0);
      seen.push({ sentAt, waitedMs: performance.now() - sentAt, status });
      await sleep(READINESS_EVERY_MS);
    }
  })();
  return {
    seen,
    async stop() {
      stopped = true;
      await polling;
    },
  };
}

export type { DatabaseFault, FaultTarget };
