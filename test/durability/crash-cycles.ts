import { startServer } from "../helpers/server-process.js";
import { checkLedger, type LedgerCheck, waitForNoPending } from "./crash-verify.js";
import {
  createLedger,
  createRandom,
  type Ledger,
  type Random,
  randomInt,
  runWorkload,
} from "./crash-workload.js";

/** The earliest a kill by delay comes: a cycle should give clients a moment to be answered at all. */
const MIN_KILL_DELAY_MS = 100;
/** Past the kill, how long clients may still be waiting: a request's own timeout, and a margin. */
const CLIENT_GRACE_MS = 20_000;
const MAX_REQUESTS_PER_CLIENT = 2_000;

/** Options of `runCrashCycles`. */
export interface CrashCycleOptions {
  databaseUrl: string;
  authorization: string;
  trkref: string;
  cycles: number;
  /** No cycle starts once this much time has passed since the run began. */
  maxDurationMs: number;
  seed: number;
  /** Clients sending at once. */
  clients: number;
  /** A cycle ends after a random number of acknowledged orders, from 1 to this, or after a random delay. */
  maxAcknowledgedBeforeKill: number;
  /** The longest a cycle lasts before its kill, in milliseconds. */
  maxKillDelayMs: number;
  /** How long the last restart may take to process everything. */
  processingTimeoutMs: number;
  /** Progress, a line per cycle. */
  log?: (line: string) => void;
}

/** What a run came to: its figures, and every problem it found. */
export interface CrashReport extends LedgerCheck {
  seed: number;
  cyclesPlanned: number;
  cyclesRun: number;
  /** Set when the time bound ended the run before its cycles were done. */
  stoppedByTimeBound: boolean;
  acknowledged: number;
  acknowledgedInBatches: number;
  repeatedIds: string[];
  answers: Map<string, number>;
  unexpected: string[];
  /** Accepted submissions still waiting when the wait for processing ended. */
  pendingAtEnd: number;
  /** Servers that ended otherwise than by the kill or, at the end, by SIGTERM with exit code 0. */
  serverProblems: string[];
  durationMs: number;
}

/**
 * Serves on one database, sends orders, kills the server with SIGKILL at a random moment, and again, for
 * `cycles` cycles; then restarts once more, waits for the processing, and checks every acknowledged id.
 */
export async function runCrashCycles(options: CrashCycleOptions): Promise<CrashReport> {
  const startedAt = Date.now();
  const random = createRandom(options.seed);
  const ledger = createLedger();
  const serverProblems: string[] = [];
  let cyclesRun = 0;
  while (cyclesRun < options.cycles && Date.now() - startedAt < options.maxDurationMs) {
    cyclesRun++;
    const line = await runCycle(options, random, ledger, serverProblems, cyclesRun);
    options.log?.(line);
  }

  const server = await startServer(options.databaseUrl);
  const pendingAtEnd = await waitForNoPending(server.url, options.processingTimeoutMs);
  const check = await checkLedger(server.url, options.authorization, options.trkref, ledger);
  server.kill("SIGTERM");
  const exit = await server.waitForExit();
  if (exit.code !== 0)
    serverProblems.push(`the last server exited with ${JSON.stringify(exit)}: ${server.stderr()}`);
  return {
    ...check,
    seed: options.seed,
    cyclesPlanned: options.cycles,
    cyclesRun,
    stoppedByTimeBound: cyclesRun < options.cycles,
    acknowledged: ledger.acknowledged.size,
    acknowledgedInBatches: ledger.acknowledgedInBatches,
    repeatedIds: ledger.repeatedIds,
    answers: ledger.answers,
    unexpected: ledger.unexpected,
    pendingAtEnd,
    serverProblems,
    durationMs: Date.now() - startedAt,
  };
}

/** One cycle: start, send, kill. Returns its progress line. */
async function runCycle(
  options: CrashCycleOptions,
  random: Random,
  ledger: Ledger,
  serverProblems: string[],
  cycle: number,
): Promise<string> {
  const server = await startServer(options.databaseUrl);
  const killAt = pickKillMoment(options, random);
  const started = Date.now();
  let acknowledged = 0;
  let killed = false;
  const kill = () => {
    if (killed) return;
    killed = true;
    server.kill("SIGKILL");
  };
  const timer = setTimeout(kill, killAt.afterMs);
  await runWorkload({
    url: server.url,
    authorization: options.authorization,
    trkref: options.trkref,
    ledger,
    random,
    clients: options.clients,
    maxRequestsPerClient: MAX_REQUESTS_PER_CLIENT,
    deadline: started + killAt.afterMs + CLIENT_GRACE_MS,
    stopped: () => killed,
    onAcknowledged: (orders) => {
      acknowledged += orders;
      if (acknowledged >= killAt.afterAcknowledged) kill();
    },
  });
  clearTimeout(timer);
  kill();
  const exit = await server.waitForExit();
  // Only the kill ends a server with SIGKILL: any other end means it died of something else first.
  if (exit.signal !== "SIGKILL") {
    serverProblems.push(`cycle ${cycle}: the server ended with ${JSON.stringify(exit)}: ${server.stderr()}`);
  }
  return `cycle ${cycle}/${options.cycles}: killed after ${acknowledged} acknowledged in ${Date.now() - started} ms (${killAt.label})`;
}

/** Half the cycles end after a number of acknowledged orders, the others after a delay; the delay bounds all. */
function pickKillMoment(options: CrashCycleOptions, random: Random) {
  if (random() < 0.5) {
    const afterAcknowledged = randomInt(random, 1, options.maxAcknowledgedBeforeKill);
    return {
      afterAcknowledged,
      afterMs: options.maxKillDelayMs,
      label: `at ${afterAcknowledged} acknowledged`,
    };
  }
  const afterMs = randomInt(
    random,
    Math.min(MIN_KILL_DELAY_MS, options.maxKillDelayMs),
    options.maxKillDelayMs,
  );
  return { afterAcknowledged: Number.POSITIVE_INFINITY, afterMs, label: `at ${afterMs} ms` };
}
