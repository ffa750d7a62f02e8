import { setTimeout as sleep } from "node:timers/promises";
import { newWebhookSecret } from "../../src/processing/webhook-endpoint-input.js";
import { killCluster, startServe } from "../helpers/cluster.js";
import { postOrder } from "../helpers/server-process.js";
import { startVerifyingReceiver } from "../helpers/verifying-webhook-receiver.js";
import type { CrashStore } from "./crash-database.js";
import { checkDeliveries, type WebhookKill } from "./webhook-kill-checks.js";
import {
  createWebhookKillDatabase,
  type DeliveryProgress,
  type WebhookKillDatabase,
} from "./webhook-kill-database.js";
import { createDeliveringFleet, type DeliveringFleet } from "./webhook-kill-fleet.js";

/** A kill at every this many arrivals: often enough that kills land among one order's events. */
const KILL_EVERY = 7;
const CLIENTS = 8;
const POLL_MS = 100;

const DELIVERER_ENV = {
  WEBHOOK_ALLOW_PRIVATE_URLS: "true",
  WEBHOOK_TIMEOUT_MS: "1000",
  WEBHOOK_POLL_MS: "50",
  PROCESSOR_POLL_MS: "50",
  SHUTDOWN_DELAY_MS: "0",
};
/**
 * How long a killed process's deliveries stay leased (longer than an attempt may take). PostgreSQL: short,
 * so that the other worker takes them over soon. SQLite: longer than `serve` takes to start again, so that
 * the restarted process meets them still leased, and the later events of their orders must wait.
 */
const LEASE_MS: Record<CrashStore, string> = { postgres: "1500", sqlite: "5000" };

/** A bound for a run of `kills` kills: each costs a restart and a lease's wait at most. */
export const webhookKillTimeoutMs = (kills: number) => 20_000 + 5_000 * kills;

export interface WebhookKillOptions {
  store: CrashStore;
  kills: number;
  /** Orders submitted per kill planned, each with 2 to 4 changes (so 2 to 4 events). */
  ordersPerKill: number;
  /** Bound of the whole run, after which what was not delivered counts as lost. */
  timeoutMs: number;
  log?: (line: string) => void;
}

export interface WebhookKillReport {
  store: CrashStore;
  killsPlanned: number;
  kills: WebhookKill[];
  orders: number;
  events: number;
  arrivals: number;
  durationMs: number;
  /** Every kind of problem, by name; a clean run has none. */
  problems: Map<string, string[]>;
}

interface PlannedOrder {
  ref: string;
  changes: number;
}

/**
 * An order's version `version` (0: the first): each one changes a field the one before held otherwise,
 * so that every version after the first is an update, and tells of it in an event.
 */
function orderVersion(trkref: string, ref: string, version: number) {
  return {
    trkref,
    order_ref: ref,
    order_date: "25-09-2021",
    ...(version >= 1 && { fulfilment_date: "27-09-2021" }),
    customer: { email: version >= 3 ? "buyer-two@example.com" : "buyer@example.com" },
    order_items: [{ sku: "MUG-001", price: version >= 2 ? "3,00" : "1,00", currency: "GBP" }],
  };
}

const eventsOf = (orders: readonly PlannedOrder[]) => orders.reduce((sum, order) => sum + order.changes, 0);

const planOrders = (first: number, count: number): PlannedOrder[] =>
  Array.from({ length: count }, (_, i) => ({
    ref: `HOOK-${String(first + i).padStart(5, "0")}`,
    changes: 2 + ((first + i) % 3),
  }));

/**
 * Submits every change of `orders` through the API: all first versions, then all second ones… so that
 * each order's versions are accepted in order. Every one must be answered 202.
 */
async function submitChanges(url: string, database: WebhookKillDatabase, orders: PlannedOrder[]) {
  for (let version = 0; version < 4; version++) {
    const due = orders.filter((order) => order.changes > version);
    let next = 0;
    const client = async () => {
      for (let i = next++; i < due.length; i = next++) {
        const ref = due[i]?.ref as string;
        const document = orderVersion(database.trkref, ref, version);
        const outcome = await postOrder(url, database.authorization, document);
        if (!("status" in outcome) || outcome.status !== 202) {
          throw new Error(`${ref} version ${version + 1} was answered ${JSON.stringify(outcome)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
  }
}

const isDelivered = (progress: DeliveryProgress, events: number) =>
  progress.accepted === 0 &&
  progress.events === events &&
  progress.deliveries === events &&
  progress.succeeded === events;

/** Waits (bounded) until `events` events are stored and delivered, and no process is down; says the last progress. */
async function waitUntilDelivered(
  database: WebhookKillDatabase,
  fleet: DeliveringFleet,
  events: number,
  deadline: number,
) {
  let progress = await database.progress();
  for (let round = 0; round < 100_000 && Date.now() < deadline && !fleet.restartFailed; round++) {
    if (isDelivered(progress, events) && fleet.settled) return { delivered: true, progress };
    await sleep(POLL_MS);
    progress = await database.progress();
  }
  return { delivered: isDelivered(progress, events) && fleet.settled, progress };
}

/**
 * Delivers the webhooks of orders with several changes each while the delivering processes are killed
 * (SIGKILL) between sending a delivery and recording it, again and again, and restarted; then checks
 * what the receiver got against what the store holds. SQLite: the orders are submitted first (the API
 * without its processor), then one `serve` process processes and delivers. PostgreSQL: an API instance
 * without a processor takes the orders in waves, while two workers process and deliver them.
 */
export async function runWebhookKills(options: WebhookKillOptions): Promise<WebhookKillReport> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const log = (line: string) => options.log?.(`${((Date.now() - started) / 1000).toFixed(2)} s ${line}`);
  const problems = new Map<string, string[]>();
  const processProblems: string[] = [];
  const orders: PlannedOrder[] = [];
  const secret = newWebhookSecret();
  const database = await createWebhookKillDatabase(options.store);
  let fleet: DeliveringFleet | undefined;
  const receiver = await startVerifyingReceiver(secret, (arrival) =>
    fleet ? fleet.beforeAnswer(arrival) : Promise.resolve("answer"),
  );
  fleet = createDeliveringFleet({
    databaseUrl: database.databaseUrl,
    roles: options.store === "sqlite" ? ["serve"] : ["worker", "worker"],
    env: { ...DELIVERER_ENV, WEBHOOK_LEASE_MS: LEASE_MS[options.store] },
    receiverPort: receiver.port,
    killEvery: KILL_EVERY,
    kills: options.kills,
    log,
  });
  try {
    const endpointId = await database.addEndpoint(receiver.url, secret);
    const last =
      options.store === "sqlite"
        ? await deliverAfterSubmitting(database, fleet, orders, options, deadline)
        : await deliverWhileSubmitting(database, fleet, orders, options, deadline);
    if (!last.delivered) problems.set("still pending when the wait ended", [JSON.stringify(last.progress)]);
    await fleet.stop();
    const stored = await database.readOutcome(endpointId);
    const changesByOrder = new Map(orders.map((order) => [order.ref, order.changes]));
    const evidence = { arrivals: receiver.arrivals, kills: fleet.kills, changesByOrder, stored };
    for (const [kind, found] of checkDeliveries(evidence)) problems.set(kind, found);
  } catch (error) {
    processProblems.push(`the run stopped: ${(error as Error).stack ?? error}`);
  } finally {
    await receiver.close();
    await killCluster();
    await database.remove().catch(() => {});
  }
  const { kills } = fleet;
  const shortOfKills =
    kills.length < options.kills
      ? [`${kills.length} of ${options.kills} made (${fleet.sendersNotFound} senders not found)`]
      : [];
  problems.set("kills not made", shortOfKills);
  problems.set("processes that ended otherwise than expected", [...processProblems, ...fleet.problems]);
  return {
    store: options.store,
    killsPlanned: options.kills,
    kills,
    orders: orders.length,
    events: eventsOf(orders),
    arrivals: receiver.arrivals.length,
    durationMs: Date.now() - started,
    problems,
  };
}

/** SQLite: every change submitted to `serve` without its processor, then one `serve` delivering. */
async function deliverAfterSubmitting(
  database: WebhookKillDatabase,
  fleet: DeliveringFleet,
  orders: PlannedOrder[],
  options: WebhookKillOptions,
  deadline: number,
) {
  const api = await startServe(database.databaseUrl, { SHUTDOWN_DELAY_MS: "0" });
  try {
    orders.push(...planOrders(0, options.kills * options.ordersPerKill));
    await submitChanges(api.url, database, orders);
  } finally {
    api.kill("SIGTERM");
  }
  const status = await api.waitForExit();
  if (status.code !== 0) throw new Error(`the API stopped with ${JSON.stringify(status)}: ${api.stderr()}`);
  await fleet.start();
  return waitUntilDelivered(database, fleet, eventsOf(orders), deadline);
}

/**
 * PostgreSQL: waves of orders through an API instance, each delivered before the next, while two workers
 * deliver, until every kill planned is made. Waves keep the arrivals coming: a kill comes only while both
 * workers run, and one worker alone delivers a whole wave within moments. At most twice as many waves as
 * kills.
 */
async function deliverWhileSubmitting(
  database: WebhookKillDatabase,
  fleet: DeliveringFleet,
  orders: PlannedOrder[],
  options: WebhookKillOptions,
  deadline: number,
) {
  const api = await startServe(database.databaseUrl, { SHUTDOWN_DELAY_MS: "0" });
  try {
    await fleet.start();
    let last = { delivered: true, progress: await database.progress() };
    for (let wave = 0; wave < 2 * options.kills && fleet.kills.length < options.kills; wave++) {
      const planned = planOrders(orders.length, options.ordersPerKill);
      orders.push(...planned);
      await submitChanges(api.url, database, planned);
      last = await waitUntilDelivered(database, fleet, eventsOf(orders), deadline);
      if (!last.delivered) break;
    }
    return last;
  } finally {
    api.kill("SIGTERM");
    const status = await api.waitForExit().catch((error: Error) => ({ error: error.message }));
    if (!("code" in status) || status.code !== 0) {
      fleet.problems.push(`the API stopped with ${JSON.stringify(status)}: ${api.stderr()}`);
    }
  }
}

/** Whether the run proved something: every planned kill made, and nothing wrong. */
export function isWebhookKillClean(report: WebhookKillReport): boolean {
  return [...report.problems.values()].every((found) => found.length === 0);
}

/** The figures of a run, as lines to print, ending in PASS or FAIL. */
export function describeWebhookKillReport(report: WebhookKillReport): string[] {
  const seconds = (report.durationMs / 1000).toFixed(1);
  const lines = [
    `webhooks ${report.store}: ${report.kills.length} of ${report.killsPlanned} kills in ${seconds} s`,
    `  ${report.orders} orders, ${report.events} events, ${report.arrivals} arrivals (${report.arrivals - report.events} sent again)`,
  ];
  for (const [kind, found] of report.problems) {
    if (found.length === 0) continue;
    lines.push(`  ${kind}: ${found.length}`, ...found.slice(0, 10).map((problem) => `    ${problem}`));
    if (found.length > 10) lines.push(`    … and ${found.length - 10} more`);
  }
  lines.push(`  result: ${isWebhookKillClean(report) ? "PASS" : "FAIL"}`);
  return lines;
}
