import { type ClusterProcess, startServe, startWorker } from "../helpers/cluster.js";
import { findConnectionOwner } from "../helpers/connection-owner.js";
import type { WebhookArrival } from "../helpers/verifying-webhook-receiver.js";
import type { WebhookKill } from "./webhook-kill-checks.js";

export interface FleetOptions {
  databaseUrl: string;
  /** The delivering processes, one per entry; each one killed is restarted in the same role. */
  roles: readonly ClusterProcess["role"][];
  env: Record<string, string>;
  /** The receiver's port: with it, the connection a request came on names the process that sent it. */
  receiverPort: number;
  /** A kill at every this many arrivals counted while every process runs. */
  killEvery: number;
  kills: number;
  log: (line: string) => void;
}

/**
 * The processes that deliver, and the receiver's side of killing them: `beforeAnswer` kills the process
 * that sent a request (SIGKILL, before the request is answered) at every `killEvery`-th arrival, one
 * process at a time, and starts it again; arrivals while one is down are not counted.
 */
export function createDeliveringFleet(options: FleetOptions) {
  const live: ClusterProcess[] = [];
  const kills: WebhookKill[] = [];
  const problems: string[] = [];
  let sendersNotFound = 0;
  let arrivalsSinceWhole = 0;
  let busy = false;
  let restartFailed = false;
  let restarting: Promise<void> = Promise.resolve();
  // `serve` with its processor on: here it is one of the processes that deliver.
  const start = (role: ClusterProcess["role"]): Promise<ClusterProcess> =>
    role === "serve"
      ? startServe(options.databaseUrl, { ...options.env, RUN_PROCESSOR: "true" })
      : startWorker(options.databaseUrl, options.env);

  function senderOf(arrival: WebhookArrival): ClusterProcess | undefined {
    if (options.roles.length === 1) return live[0];
    const pids = live.map((child) => child.pid);
    const owner = findConnectionOwner(arrival.clientPort, options.receiverPort, pids);
    return live.find((child) => child.pid === owner);
  }

  async function restart(role: ClusterProcess["role"]): Promise<void> {
    try {
      const started = await start(role);
      live.push(started);
      options.log(`started ${role} ${started.pid} again`);
    } catch (error) {
      restartFailed = true;
      problems.push(`${role} did not start again: ${(error as Error).message}`);
    } finally {
      arrivalsSinceWhole = 0;
      busy = false;
    }
  }

  async function kill(sender: ClusterProcess, arrival: WebhookArrival): Promise<void> {
    // Decided before the first await: concurrent arrivals see it and are answered as usual.
    busy = true;
    live.splice(live.indexOf(sender), 1);
    sender.kill("SIGKILL");
    try {
      const status = await sender.waitForExit();
      if (status.signal !== "SIGKILL")
        problems.push(`${sender.role} ${sender.pid}: ${JSON.stringify(status)}`);
    } catch (error) {
      problems.push(`${sender.role} ${sender.pid} did not die: ${(error as Error).message}`);
    }
    const eventId = arrival.event?.id ?? arrival.webhookId;
    kills.push({ arrivalIndex: arrival.index, eventId, role: sender.role, pid: sender.pid });
    options.log(`killed ${sender.role} ${sender.pid} holding #${arrival.index} ${eventId}`);
    restarting = restart(sender.role);
  }

  return {
    kills,
    problems,
    get sendersNotFound() {
      return sendersNotFound;
    },
    /** Whether every process runs (none being killed or started again) and none failed to start again. */
    get settled() {
      return !busy && !restartFailed;
    },
    get restartFailed() {
      return restartFailed;
    },
    async start(): Promise<void> {
      for (const role of options.roles) live.push(await start(role));
    },
    async beforeAnswer(arrival: WebhookArrival): Promise<"answer" | "drop"> {
      if (busy || live.length < options.roles.length || kills.length >= options.kills) return "answer";
      arrivalsSinceWhole++;
      if (arrivalsSinceWhole < options.killEvery) return "answer";
      const sender = senderOf(arrival);
      if (!sender) {
        // Its connection was not found among the processes: the next arrival is tried instead.
        sendersNotFound++;
        return "answer";
      }
      await kill(sender, arrival);
      return "drop";
    },
    /** Waits for a restart in progress, then stops every process with SIGTERM; each must exit 0. */
    async stop(): Promise<void> {
      await restarting;
      const stopping = live.splice(0);
      for (const child of stopping) child.kill("SIGTERM");
      for (const child of stopping) {
        const status = await child.waitForExit().catch((error: Error) => ({ error: error.message }));
        if ("code" in status && status.code === 0) continue;
        problems.push(
          `${child.role} ${child.pid} stopped with ${JSON.stringify(status)}: ${child.stderr().slice(-2000)}`,
        );
      }
    },
  };
}

export type DeliveringFleet = ReturnType<typeof createDeliveringFleet>;
