import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { issueCredential } from "../../src/storage/api-credentials.js";
import { openStore } from "../../src/storage/open-store.js";
import { CLI } from "./cli-process.js";
import { POSTGRES_TEST_URL } from "./postgres.js";
import { basicAuth } from "./test-app.js";

const STARTUP_TIMEOUT_MS = 20_000;
const EXIT_TIMEOUT_MS = 20_000;
const LISTENING = /^Server listening at (http:\/\/127\.0\.0\.1:\d+)$/;

/** Every child still running, so that `killCluster()` can end what a failed test left behind. */
const running = new Set<ChildProcess>();

/** How a child process ended. */
export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One `serve` or `worker` process of the built CLI. */
export interface ClusterProcess {
  role: "serve" | "worker";
  /** By which a peer finds which process holds a connection it was sent on. */
  pid: number;
  kill(signal: NodeJS.Signals): void;
  /** Resolves when the process has exited; rejects if it has not after `timeoutMs`. */
  waitForExit(timeoutMs?: number): Promise<ExitStatus>;
  /** What the process wrote to stderr so far, for failure messages. */
  stderr(): string;
  /**
   * Submissions its processor reported as taken, summed over its "submissions processed" debug lines. A
   * line follows its commit, so the sum is final only once the process has exited.
   */
  processedCount(): number;
}

/** A `serve` process, listening on a port of its own on 127.0.0.1. */
export interface ServeProcess extends ClusterProcess {
  url: string;
}

/** An enabled organisation and an `Authorization` header for a key allowed to act for it. */
export interface SeededOrganisation {
  trkref: string;
  keyId: string;
  authorization: string;
}

/** Creates an enabled organisation and a key for it in the database at `databaseUrl` (migrating it first). */
export async function seedOrganisation(databaseUrl: string, trkref = "ACME"): Promise<SeededOrganisation> {
  const store = await openStore(databaseUrl, { poolSize: 2 });
  try {
    await store.createOrganisation({ trkref, name: `${trkref} Ltd`, enabled: true });
    const credential = issueCredential();
    await store.createApiKey({ id: credential.keyId, secretHash: credential.secretHash, trkrefs: [trkref] });
    return { trkref, keyId: credential.keyId, authorization: basicAuth(credential.keyId, credential.secret) };
  } finally {
    await store.close();
  }
}

/** Options of `startCluster`. */
export interface ClusterOptions {
  databaseUrl: string;
  servers: number;
  workers: number;
  /** Extra environment for every process (PROCESSOR_BATCH_SIZE, PROCESSOR_POLL_MS…). */
  env?: Record<string, string>;
}

/**
 * Starts `servers` API instances without processors and `workers` workers on one database, all at once,
 * and resolves when every server listens and every worker has started.
 */
export async function startCluster(options: ClusterOptions) {
  const env = options.env ?? {};
  const [servers, workers] = await Promise.all([
    Promise.all(Array.from({ length: options.servers }, () => startServe(options.databaseUrl, env))),
    Promise.all(Array.from({ length: options.workers }, () => startWorker(options.databaseUrl, env))),
  ]);
  return { servers, workers };
}

/** Spawns `order-intake serve` on an ephemeral port, without its processor unless `env` sets RUN_PROCESSOR=true. */
export async function startServe(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<ServeProcess> {
  let url: string | undefined;
  const child = await spawnCli(
    "serve",
    databaseUrl,
    { LOG_LEVEL: "info", RUN_PROCESSOR: "false", ...env },
    (line) => {
      url ??= listeningUrl(line);
      return url !== undefined;
    },
  );
  return { ...child, url: url as string };
}

/** Spawns `order-intake worker`; its debug log lines are what `processedCount()` sums. */
export function startWorker(databaseUrl: string, env: Record<string, string> = {}): Promise<ClusterProcess> {
  return spawnCli("worker", databaseUrl, { LOG_LEVEL: "debug", ...env }, (line) => {
    return parseLogLine(line)?.msg === "worker started";
  });
}

/** Kills every child still running and waits (bounded) until they are gone; for `after` hooks. */
export async function killCluster(): Promise<void> {
  for (const child of running) child.kill("SIGKILL");
  for (let round = 0; round < 100 && running.size > 0; round++) await sleep(100);
}

/** Spawns the CLI and resolves once `isReady` accepts one of its stdout lines. */
async function spawnCli(
  role: ClusterProcess["role"],
  databaseUrl: string,
  env: Record<string, string>,
  isReady: (line: string) => boolean,
): Promise<ClusterProcess> {
  const child = spawn(process.execPath, [CLI, role], {
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: "0",
      DATABASE_POOL_SIZE: "4",
      // Load from tests goes far past a merchant's rate limit, which is tested on its own.
      RATE_LIMIT_PER_SECOND: "0",
      ...env,
      DATABASE_URL: databaseUrl,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  const exited = new Promise<ExitStatus>((resolve) => {
    // "close" rather than "exit": by then its output is read to the end, so its counts are final.
    child.once("close", (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  let processed = 0;
  // Reading every line also keeps the pipe drained: a full pipe would block the child's logger.
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  lines.on("line", (line) => {
    const entry = parseLogLine(line);
    if (entry?.msg === "submissions processed" && typeof entry.taken === "number") processed += entry.taken;
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${role} did not report ready in ${STARTUP_TIMEOUT_MS} ms: ${stderr}`)),
        STARTUP_TIMEOUT_MS,
      );
      lines.on("line", (line) => {
        if (!isReady(line)) return;
        clearTimeout(timer);
        resolve();
      });
      void exited.then((status) => {
        clearTimeout(timer);
        reject(new Error(`${role} exited before it was ready (${JSON.stringify(status)}): ${stderr}`));
      });
    });
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    role,
    pid: child.pid as number,
    kill: (signal) => {
      child.kill(signal);
    },
    waitForExit: (timeoutMs = EXIT_TIMEOUT_MS) => withTimeout(exited, timeoutMs, `${role} exit`),
    stderr: () => stderr,
    processedCount: () => processed,
  };
}

function parseLogLine(line: string): Record<string, unknown> | undefined {
  try {
    const entry: unknown = JSON.parse(line);
    return typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function listeningUrl(line: string): string | undefined {
  const msg = parseLogLine(line)?.msg;
  return typeof msg === "string" ? LISTENING.exec(msg)?.[1] : undefined;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A pool whose connections see the tables of `schema`, for tests that read or lock rows directly. */
export function createSchemaPool(schema: string, max = 4): pg.Pool {
  const pool = new pg.Pool({
    connectionString: POSTGRES_TEST_URL,
    max,
    options: `-c search_path=${schema}`,
    application_name: "order-intake-test",
  });
  pool.on("error", () => {});
  return pool;
}
