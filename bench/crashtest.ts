/**
 * `npm run crashtest`: crash cycles against a `serve` process. Sends single orders and small batches, kills
 * the server with SIGKILL at a random moment, restarts it on the same database, again and again; then checks
 * that every order answered 202 is stored and processed, once. Then plays each database fault (connections
 * ended, reset, a partition, a database closed to connections, a full disk) under load, longer and more
 * often than `npm test` does. Then kills the webhook deliverers between sending and recording a delivery,
 * WEBHOOK_KILL_CYCLES times per store (default 20). See bench/README.md. Loopback only; bounded in cycles
 * and in time. Needs a build (`npm run build`): it runs dist/cli/main.js.
 */

import { runCrashCycles } from "../test/durability/crash-cycles.js";
import { type CrashStore, createCrashDatabase } from "../test/durability/crash-database.js";
import { describeCrashReport, isClean } from "../test/durability/crash-report.js";
import { describeFault, faultProblems, runFault } from "../test/durability/database-faults.js";
import { type DatabaseFault, POSTGRES_FAULTS, SQLITE_FAULTS } from "../test/durability/fault-scenarios.js";
import {
  describeWebhookKillReport,
  isWebhookKillClean,
  runWebhookKills,
  webhookKillTimeoutMs,
} from "../test/durability/webhook-kill-cycles.js";
import { killCluster } from "../test/helpers/cluster.js";
import { probePostgres } from "../test/helpers/postgres.js";
import { killAllServers } from "../test/helpers/server-process.js";
import { canMountFilesystem } from "../test/helpers/small-filesystem.js";

/** A positive integer setting from the environment; anything else is refused with its name. */
function setting(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

function readSettings() {
  return {
    cycles: setting("CRASHTEST_CYCLES", 20),
    maxSeconds: setting("CRASHTEST_MAX_SECONDS", 600),
    clients: setting("CRASHTEST_CLIENTS", 16),
    maxAcknowledgedBeforeKill: setting("CRASHTEST_MAX_ACKNOWLEDGED", 400),
    maxKillDelayMs: setting("CRASHTEST_MAX_KILL_DELAY_MS", 2_000),
    seed: setting("CRASHTEST_SEED", Math.floor(Math.random() * 2 ** 31) + 1),
    faultMs: setting("CRASHTEST_FAULT_MS", 10_000),
    faultRounds: setting("CRASHTEST_FAULT_ROUNDS", 2),
    webhookKills: setting("WEBHOOK_KILL_CYCLES", 20),
  };
}
type Settings = ReturnType<typeof readSettings>;

const STORES: Record<string, CrashStore[]> = {
  sqlite: ["sqlite"],
  postgres: ["postgres"],
  both: ["sqlite", "postgres"],
};
/** The last restart's processing is bounded too, whatever the time bound left. */
const PROCESSING_TIMEOUT_MS = 120_000;

async function runOn(store: CrashStore, settings: Settings, deadline: number): Promise<boolean> {
  if (store === "postgres") {
    const probe = await probePostgres();
    if (!probe.available) {
      process.stderr.write(`${probe.reason}\n`);
      return false;
    }
  }
  const database = await createCrashDatabase(store);
  try {
    const report = await runCrashCycles({
      databaseUrl: database.databaseUrl,
      authorization: database.authorization,
      trkref: database.trkref,
      cycles: settings.cycles,
      seed: settings.seed,
      clients: settings.clients,
      maxAcknowledgedBeforeKill: settings.maxAcknowledgedBeforeKill,
      maxKillDelayMs: settings.maxKillDelayMs,
      maxDurationMs: Math.max(0, deadline - Date.now()),
      processingTimeoutMs: PROCESSING_TIMEOUT_MS,
      log: (line) => process.stderr.write(`${store} ${line}\n`),
    });
    process.stdout.write(`${describeCrashReport(store, report).join("\n")}\n`);
    return isClean(report);
  } catch (error) {
    // A server that cannot start again on the database it was killed on is a finding, not a crash of this run.
    process.stdout.write(`${store}: FAIL: ${(error as Error).message}\n`);
    return false;
  } finally {
    await database.remove();
  }
}

const FAULTS: Record<CrashStore, DatabaseFault[]> = { sqlite: SQLITE_FAULTS, postgres: POSTGRES_FAULTS };

/** Each fault of the store, `faultRounds` times, under the crash test's clients; true when every run is clean. */
async function playFaults(store: CrashStore, settings: Settings, deadline: number): Promise<boolean> {
  if (store === "sqlite" && !canMountFilesystem()) {
    process.stdout.write("sqlite faults: not run, a tmpfs cannot be mounted here (it needs root)\n");
    return false;
  }
  if (store === "postgres" && !(await probePostgres()).available) return false;
  let clean = true;
  for (const fault of FAULTS[store]) {
    for (let round = 1; round <= settings.faultRounds; round++) {
      if (Date.now() >= deadline) {
        process.stdout.write(`${fault.name}: not run, the time bound (CRASHTEST_MAX_SECONDS) was reached\n`);
        return false;
      }
      const report = await runFault(fault, {
        faultMs: settings.faultMs,
        clients: settings.clients,
        storeTimeoutMs: 2_000,
        maxRequests: 200_000,
        recoveryBoundMs: 1_000,
      });
      const problems = faultProblems(report, fault.readinessMustDrop);
      process.stdout.write(`${describeFault(report)}\n  result: ${problems.length ? "FAIL" : "PASS"}\n`);
      for (const problem of problems) process.stdout.write(`  ${problem}\n`);
      clean &&= problems.length === 0;
    }
  }
  return clean;
}

/** Webhook deliveries through `webhookKills` kills of the delivering processes; true when clean. */
async function runWebhookKillsOn(store: CrashStore, settings: Settings, deadline: number): Promise<boolean> {
  if (store === "postgres" && !(await probePostgres()).available) return false;
  if (Date.now() >= deadline) {
    process.stdout.write(`webhooks ${store}: not run, the time bound (CRASHTEST_MAX_SECONDS) was reached\n`);
    return false;
  }
  const report = await runWebhookKills({
    store,
    kills: settings.webhookKills,
    ordersPerKill: 5,
    timeoutMs: Math.min(deadline - Date.now(), webhookKillTimeoutMs(settings.webhookKills)),
    log: (line) => process.stderr.write(`webhooks ${store} ${line}\n`),
  });
  process.stdout.write(`${describeWebhookKillReport(report).join("\n")}\n`);
  return isWebhookKillClean(report);
}

async function main(): Promise<number> {
  let settings: Settings;
  try {
    settings = readSettings();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const stores = STORES[process.env.CRASHTEST_STORE ?? "both"];
  if (!stores) {
    process.stderr.write("CRASHTEST_STORE must be sqlite, postgres or both\n");
    return 2;
  }
  // One time bound for the whole run: each store gets what the ones before it left.
  const deadline = Date.now() + settings.maxSeconds * 1000;
  let clean = true;
  for (const store of stores) {
    if (Date.now() >= deadline) {
      process.stdout.write(`${store}: not run, the time bound (CRASHTEST_MAX_SECONDS) was reached\n`);
      clean = false;
      continue;
    }
    clean = (await runOn(store, settings, deadline)) && clean;
  }
  for (const store of stores) clean = (await playFaults(store, settings, deadline)) && clean;
  for (const store of stores) clean = (await runWebhookKillsOn(store, settings, deadline)) && clean;
  return clean ? 0 : 1;
}

try {
  process.exitCode = await main();
} finally {
  await killAllServers();
  await killCluster();
}
