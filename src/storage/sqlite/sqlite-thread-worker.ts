import { parentPort, workerData } from "node:worker_threads";
import type { AccessChange, Store } from "../store.js";
import { createGuardedSqliteStore } from "./guarded-sqlite-store.js";

/** A call from the event loop's thread: which store method, with which arguments. */
export interface StoreCall {
  id: number;
  method: keyof Store;
  args: unknown[];
}

/** An error as it crosses the thread: what is needed to raise it again on the other side. */
export interface ErrorDescription {
  name: string;
  message: string;
  code?: string;
  stack?: string;
}

/** The answer to a call: its value, or the error, described well enough to be raised again. */
export type StoreReply =
  | { id: number; value: unknown }
  | { id?: undefined; accessChange: AccessChange }
  | {
      id: number;
      error: ErrorDescription & { cause?: ErrorDescription };
    };

// The whole SQLite store lives on this thread: commits wait for fsync here, and processing runs here, while
// the event loop's thread goes on reading and validating requests.
const port = parentPort;
if (!port) throw new Error("sqlite-thread-worker must run as a worker thread");
let store: Store;
try {
  // Guarded here, where the driver's errors are raised: they cross the thread already classified.
  store = createGuardedSqliteStore((workerData as { path: string }).path);
  port.postMessage({ ready: true });
  // Listeners live on the other thread: changes cross as messages without a call id.
  await store.watchAccessChanges((change) => port.postMessage({ accessChange: change }));
} catch (error) {
  port.postMessage({ ready: false, message: (error as Error).message });
  process.exit(1);
}

port.on("message", async (call: StoreCall) => {
  try {
    const method = store[call.method] as (...args: unknown[]) => Promise<unknown>;
    const value = await method(...call.args);
    port.postMessage({ id: call.id, value } satisfies StoreReply);
    if (call.method === "close") port.close();
  } catch (error) {
    const { cause } = error as { cause?: unknown };
    const reply: StoreReply = {
      id: call.id,
      error: { ...describeError(error), ...(cause !== undefined && { cause: describeError(cause) }) },
    };
    port.postMessage(reply);
  }
});

function describeError(error: unknown): ErrorDescription {
  const { name = "Error", message = String(error), code, stack } = (error ?? {}) as Partial<ErrorDescription>;
  return { name, message, ...(code !== undefined && { code }), ...(stack !== undefined && { stack }) };
}
