import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { exampleOrder } from "../../src/domain/order-example.js";
import { openStore } from "../../src/storage/open-store.js";
import { createOrgAndKey, createTempDir } from "./test-app.js";

const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
const STARTUP_TIMEOUT_MS = 15_000;
const EXIT_TIMEOUT_MS = 15_000;
const REQUEST_TIMEOUT_MS = 15_000;
const LISTENING = /^Server listening at (http:\/\/127\.0\.0\.1:\d+)$/;

/** Every server process still running, so that an `after` hook can kill what a failed test left behind. */
const running = new Set<ChildProcess>();

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A `serve` process of the built CLI, listening on a port of its own on 127.0.0.1. */
export interface ServerProcess {
  url: string;
  kill(signal: NodeJS.Signals): void;
  /** Resolves when the process has exited; rejects if it has not after `timeoutMs`. */
  waitForExit(timeoutMs?: number): Promise<ExitStatus>;
  /** What the process wrote to stderr so far, for failure messages. */
  stderr(): string;
}

/** A database in a fresh temp dir with an enabled organisation and a key for it; the store is closed again. */
export async function createSeededDatabase(trkref = "ACME") {
  const dir = createTempDir("order-intake-server-");
  const dbPath = join(dir.path, "orders.db");
  const store = await openStore(dbPath);
  try {
    const { authorization } = await createOrgAndKey(store, trkref, { enabled: true });
    return { dbPath, trkref, authorization, remove: dir.remove };
  } finally {
    await store.close();
  }
}

/**
 * Spawns `order-intake serve` on `dbPath` and waits for the log line that names its URL. `env` adds to, or
 * overrides, the settings the process gets.
 */
export async function startServer(dbPath: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [CLI, "serve"], {
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: dbPath,
      LOG_LEVEL: "info",
      // Load from tests goes far past a merchant's rate limit, which is tested on its own.
      RATE_LIMIT_PER_SECOND: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once("exit", (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  // Reading every line also keeps the pipe drained: a full pipe would block the server's logger.
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`server did not report listening in ${STARTUP_TIMEOUT_MS} ms: ${stderr}`)),
        STARTUP_TIMEOUT_MS,
      );
      lines.on("line", (line) => {
        const found = listeningUrl(line);
        if (!found) return;
        clearTimeout(timer);
        resolve(found);
      });
      void exited.then((status) => {
        clearTimeout(timer);
        reject(new Error(`server exited before listening (${JSON.stringify(status)}): ${stderr}`));
      });
    });
    return {
      url,
      kill: (signal) => {
        child.kill(signal);
      },
      waitForExit: (timeoutMs = EXIT_TIMEOUT_MS) => withTimeout(exited, timeoutMs, "server exit"),
      stderr: () => stderr,
    };
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
}

/** Kills every server process still running and waits (bounded) until they are gone; for `after` hooks. */
export async function killAllServers(): Promise<void> {
  const children = [...running];
  for (const child of children) child.kill("SIGKILL");
  for (let round = 0; round < 50 && running.size > 0; round++) await sleep(100);
}

function listeningUrl(line: string): string | undefined {
  try {
    const { msg } = JSON.parse(line) as { msg?: unknown };
    return typeof msg === "string" ? LISTENING.exec(msg)?.[1] : undefined;
  } catch {
    return undefined;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * What one POST came to: an HTTP status and, for a 202, the submission id (otherwise the content type and
 * the problem code); or a connection error.
 */
export type PostOutcome =
  | { status: number; id?: string; contentType?: string | null; code?: string; retryAfter?: string }
  | { error: string };

/** A distinct, valid order: the example with an order_ref of its own. */
export const distinctOrder = (trkref: string, n: number) => ({
  ...exampleOrder(trkref),
  order_ref: `ORD-${String(n).padStart(6, "0")}`,
});

/** Submits one order; a 202 counts only once its body, with the id, has been read. */
export async function postOrder(
  url: string,
  authorization: string,
  order: { trkref: string },
): Promise<PostOutcome> {
  try {
    const response = await fetch(`${url}/v4/organisations/${order.trkref}/customer_order`, {
      method: "POST",
      headers: { authorization, "content-type": "application/json" },
      body: JSON.stringify(order),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = (await response.json()) as { id?: unknown; code?: unknown };
    if (response.status === 202 && typeof body.id === "string") return { status: 202, id: body.id };
    return refusalOf(response, body);
  } catch (error) {
    return { error: String((error as Error)?.cause ?? error) };
  }
}

/** An accepted order of a batch: its position in the request and its submission id. */
export interface AcceptedInBatch {
  index: number;
  id: string;
}

/** What one batch POST came to: the status and its accepted and rejected orders; or a connection error. */
export type BatchOutcome =
  | {
      status: number;
      accepted: AcceptedInBatch[];
      rejected: number;
      contentType?: string | null;
      code?: string;
    }
  | { error: string };

/** Submits orders as one batch; ids count only once the whole answer, with its results, has been read. */
export async function postBatch(
  url: string,
  authorization: string,
  orders: { trkref: string }[],
): Promise<BatchOutcome> {
  try {
    const response = await fetch(`${url}/v4/customer_orders`, {
      method: "POST",
      headers: { authorization, "content-type": "application/json" },
      body: JSON.stringify(orders),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = (await response.json()) as {
      code?: unknown;
      results?: { index: number; status: string; id?: string }[];
    };
    if (response.status !== 202 && response.status !== 206) {
      return { ...refusalOf(response, body), accepted: [], rejected: 0 };
    }
    const results = body.results ?? [];
    const accepted = results.flatMap(({ index, status, id }) =>
      status === "accepted" && id ? [{ index, id }] : [],
    );
    return { status: response.status, accepted, rejected: results.length - accepted.length };
  } catch (error) {
    return { error: String((error as Error)?.cause ?? error) };
  }
}

function refusalOf(response: Response, body: { code?: unknown }) {
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    ...(typeof body.code === "string" && { code: body.code }),
    ...(response.headers.has("retry-after") && { retryAfter: response.headers.get("retry-after") ?? "" }),
  };
}

/** Options of `submitOrders`. */
export interface SubmitOrdersOptions {
  url: string;
  authorization: string;
  trkref: string;
  count: number;
  /** Requests in flight at once; each client sends its next order as soon as its last one is answered. */
  concurrency: number;
  /** Called after each 202, with the number of 202s so far. */
  onAccepted?: (acceptedSoFar: number) => void;
}

/** A POST's outcome and when it was sent (`performance.now()`), to tell requests sent before a signal. */
export type SentOutcome = PostOutcome & { sentAt: number };

/**
 * Submits `count` distinct orders from `concurrency` clients at once. Returns every outcome and the ledger:
 * the ids answered 202, which is exactly what clients were promised.
 */
export async function submitOrders(options: SubmitOrdersOptions) {
  const outcomes: SentOutcome[] = [];
  const ledger: string[] = [];
  let next = 0;
  const client = async () => {
    for (let n = next++; n < options.count; n = next++) {
      const sentAt = performance.now();
      const outcome = await postOrder(options.url, options.authorization, distinctOrder(options.trkref, n));
      outcomes.push({ ...outcome, sentAt });
      if ("id" in outcome && outcome.id) {
        ledger.push(outcome.id);
        options.onAccepted?.(ledger.length);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  return { outcomes, ledger };
}

/** `GET /v4/customer_orders/{id}`: the HTTP status and, for a 200, the submission's status. */
export async function getSubmission(url: string, authorization: string, id: string) {
  const response = await fetch(`${url}/v4/customer_orders/${id}`, {
    headers: { authorization },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const body = (await response.json()) as { id?: unknown; status?: unknown };
  return { httpStatus: response.status, id: body.id, status: body.status };
}

/**
 * Asks for each id until its submission is processed, for at most `timeoutMs`; returns the ids that were
 * still not processed by then (none when all were).
 */
export async function waitUntilProcessed(
  url: string,
  authorization: string,
  ids: string[],
  timeoutMs = 15_000,
): Promise<string[]> {
  let pending = [...ids];
  const deadline = Date.now() + timeoutMs;
  for (let round = 0; round < 1_000 && pending.length > 0 && Date.now() < deadline; round++) {
    const answers = await Promise.all(pending.map((id) => getSubmission(url, authorization, id)));
    pending = pending.filter((_, index) => answers[index]?.status !== "processed");
    if (pending.length > 0) await sleep(100);
  }
  return pending;
}
