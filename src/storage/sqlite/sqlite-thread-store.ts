import { Worker } from "node:worker_threads";
import {
  type AccessChange,
  type Store,
  StoreConflictError,
  StoreDefectError,
  StoreInputError,
  StoreNotFoundError,
  StoreUnavailableError,
} from "../store.js";
import type { ErrorDescription, StoreCall, StoreReply } from "./sqlite-thread-worker.js";

// Built, the worker is the .js file beside this one. Run from the TypeScript sources (tests, the benchmark),
// it is the .ts file, which needs the TypeScript loader registered in the worker first: a worker does not
// inherit this thread's loader.
const fromSources = import.meta.url.endsWith(".ts");
const workerUrl = new URL(
  fromSources ? "./sqlite-thread-worker.ts" : "./sqlite-thread-worker.js",
  import.meta.url,
);

function startWorker(path: string): Worker {
  if (!fromSources) return new Worker(workerUrl, { workerData: { path } });
  // Resolved here, where the package is known to be found, not from the worker's working directory.
  const tsx = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  const loader = `import(${tsx}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); });`;
  return new Worker(loader, { eval: true, workerData: { path } });
}

/** The store's own errors, raised again on this thread with their class. */
const storeErrors: Record<string, new (message: string, options?: ErrorOptions) => Error> = {
  StoreConflictError,
  StoreInputError,
  StoreNotFoundError,
  StoreUnavailableError,
  StoreDefectError,
};

/** The store's methods this thread forwards to the store's own; the rest it answers itself. */
type ForwardedMethod = Exclude<keyof Store, "kind" | "watchAccessChanges" | "close">;

/** JavaScript's own errors, raised again with their class: a defect must not pass for anything else. */
const builtinErrors: Record<string, new (message: string, options?: ErrorOptions) => Error> = {
  TypeError,
  RangeError,
  ReferenceError,
  SyntaxError,
};

/** An error with the class (when a built-in one), name, code and stack it had on the store's thread. */
const described = (error: ErrorDescription, options?: ErrorOptions): Error =>
  Object.assign(new (builtinErrors[error.name] ?? Error)(error.message, options), {
    name: error.name,
    ...(error.code !== undefined && { code: error.code }),
    ...(error.stack !== undefined && { stack: error.stack }),
  });

/**
 * Raises, on this thread, the error the store raised on its own: the store's errors with their class (the
 * guard on that thread already classified the driver's), anything else by name and code; each with the
 * store thread's stack and its cause, so that a defect logged here says where it happened there.
 */
function toError(error: ErrorDescription & { cause?: ErrorDescription }): Error {
  const cause = error.cause && described(error.cause);
  const StoreError = storeErrors[error.name];
  if (!StoreError) return described(error, cause && { cause });
  const raised = new StoreError(error.message, cause && { cause });
  if (error.stack !== undefined) raised.stack = error.stack;
  return raised;
}

/**
 * The SQLite store, run on a worker thread. better-sqlite3 is synchronous: on the event loop's thread a
 * commit would stop every request while the WAL is flushed, and processing would compete with requests.
 * Here each call is a message to the thread and back; the thread works through them one at a time, which
 * is all SQLite's single writer allows anyway.
 */
export async function createSqliteThreadStore(path: string): Promise<Store> {
  const worker = startWorker(path);
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let gone: Error | undefined;

  await new Promise<void>((resolve, reject) => {
    worker.once("message", (message: { ready: boolean; message?: string }) =>
      message.ready
        ? resolve()
        : reject(new Error(`Cannot open the SQLite store at ${path}: ${message.message}`)),
    );
    worker.once("error", reject);
  });
  const accessListeners: ((change: AccessChange) => void)[] = [];
  worker.on("message", (reply: StoreReply) => {
    if ("accessChange" in reply) {
      for (const listener of accessListeners) listener(reply.accessChange);
      return;
    }
    const call = pending.get(reply.id);
    if (!call) return;
    pending.delete(reply.id);
    if ("error" in reply) call.reject(toError(reply.error));
    else call.resolve(reply.value);
  });
  // A thread that dies takes its calls with it: they, and every later one, fail as the store being unavailable.
  let closing = false;
  let closed: Promise<void> | undefined;
  const fail = (reason: string) => {
    // The first reason stays: an error is followed by an exit, which must not hide it.
    gone ??= new StoreUnavailableError(reason);
    for (const call of pending.values()) call.reject(gone);
    pending.clear();
  };
  worker.on("error", (error) => fail(`The SQLite thread failed: ${error.message}`));
  worker.on("exit", (code) =>
    fail(
      closing ? "The SQLite store is closed" : `The SQLite thread stopped unexpectedly (exit code ${code})`,
    ),
  );

  const call = (method: keyof Store, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      if (gone) return reject(gone);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args } satisfies StoreCall);
    });
  // The value is what the store's method returned on the other thread, after a structured clone.
  const forward = <M extends ForwardedMethod>(method: M) =>
    ((...args: unknown[]) => call(method, args)) as unknown as Store[M];

  // Every method but those this thread answers itself is forwarded: a method added to `Store` and left out
  // here fails to compile rather than being missing at run time on SQLite only.
  const forwarded: { [M in ForwardedMethod]: Store[M] } = {
    migrate: forward("migrate"),
    ping: forward("ping"),
    probeWrite: forward("probeWrite"),
    createOrganisation: forward("createOrganisation"),
    setOrganisationEnabled: forward("setOrganisationEnabled"),
    renameOrganisation: forward("renameOrganisation"),
    setOrganisationRateLimit: forward("setOrganisationRateLimit"),
    setOrganisationInvitationPolicy: forward("setOrganisationInvitationPolicy"),
    findOrganisation: forward("findOrganisation"),
    findOrganisationSummary: forward("findOrganisationSummary"),
    listOrganisations: forward("listOrganisations"),
    createApiKey: forward("createApiKey"),
    findApiKey: forward("findApiKey"),
    listApiKeys: forward("listApiKeys"),
    revokeApiKey: forward("revokeApiKey"),
    rotateApiKey: forward("rotateApiKey"),
    recordApiKeyUse: forward("recordApiKeyUse"),
    listAuditEntries: forward("listAuditEntries"),
    commitIntake: forward("commitIntake"),
    findSubmission: forward("findSubmission"),
    listSubmissionsForOrder: forward("listSubmissionsForOrder"),
    listSubmissionsForOrders: forward("listSubmissionsForOrders"),
    listSubmissionsByStatus: forward("listSubmissionsByStatus"),
    findBatch: forward("findBatch"),
    findIdempotencyRecord: forward("findIdempotencyRecord"),
    purgeExpiredIdempotencyRecords: forward("purgeExpiredIdempotencyRecords"),
    countPendingSubmissions: forward("countPendingSubmissions"),
    oldestPendingAcceptedAt: forward("oldestPendingAcceptedAt"),
    processPendingSubmissions: forward("processPendingSubmissions"),
    findOrder: forward("findOrder"),
    listOrders: forward("listOrders"),
    listEvents: forward("listEvents"),
    findEvent: forward("findEvent"),
    deleteEventsBefore: forward("deleteEventsBefore"),
    createWebhookEndpoint: forward("createWebhookEndpoint"),
    findWebhookEndpoint: forward("findWebhookEndpoint"),
    listWebhookEndpoints: forward("listWebhookEndpoints"),
    removeWebhookEndpoint: forward("removeWebhookEndpoint"),
    rotateWebhookSecret: forward("rotateWebhookSecret"),
    findWebhookSecrets: forward("findWebhookSecrets"),
    claimWebhookDeliveries: forward("claimWebhookDeliveries"),
    recordWebhookAttempts: forward("recordWebhookAttempts"),
    recordWebhookPing: forward("recordWebhookPing"),
    listWebhookDeliveries: forward("listWebhookDeliveries"),
    listWebhookAttempts: forward("listWebhookAttempts"),
    replayWebhookEvent: forward("replayWebhookEvent"),
    recoverWebhookEndpoint: forward("recoverWebhookEndpoint"),
    customerHashKey: forward("customerHashKey"),
    addSuppressions: forward("addSuppressions"),
    listSuppressionsSince: forward("listSuppressionsSince"),
    findSuppressed: forward("findSuppressed"),
    createErasureRequest: forward("createErasureRequest"),
    findErasureRequest: forward("findErasureRequest"),
    listErasureRequests: forward("listErasureRequests"),
    listPendingErasureIds: forward("listPendingErasureIds"),
    runErasure: forward("runErasure"),
    removeRawDocuments: forward("removeRawDocuments"),
    listOrdersUpdatedBefore: forward("listOrdersUpdatedBefore"),
    eraseOrders: forward("eraseOrders"),
    backfillCustomerHashes: forward("backfillCustomerHashes"),
    compact: forward("compact"),
    listInvitations: forward("listInvitations"),
    findInvitation: forward("findInvitation"),
    findOrderInvitation: forward("findOrderInvitation"),
    releaseDueInvitations: forward("releaseDueInvitations"),
    cancelOrder: forward("cancelOrder"),
    cancelInvitation: forward("cancelInvitation"),
    recordInvitationDelivery: forward("recordInvitationDelivery"),
  };
  const store: Store = {
    ...forwarded,
    kind: "sqlite",
    watchAccessChanges: async (listener: (change: AccessChange) => void) => {
      accessListeners.push(listener);
    },
    close: () => {
      closed ??= (async () => {
        if (gone) return;
        closing = true;
        await call("close", []);
        await worker.terminate();
      })();
      return closed;
    },
  };
  return store;
}
