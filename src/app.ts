import { readFileSync } from "node:fs";
import Fastify, { type FastifyInstance, type RouteOptions } from "fastify";
import type { Config } from "./config.js";
import { MAX_REF_LENGTH } from "./domain/order-limits.js";
import { registerApiReferencePage } from "./http/api-reference-page.js";
import { createAuthenticator } from "./http/authenticate.js";
import {
  BACKLOG_COUNT_INTERVAL_MS,
  type BacklogCeiling,
  createBacklogCeiling,
} from "./http/backlog-ceiling.js";
import { registerBodyBudget } from "./http/body-budget.js";
import { createCachedLookups } from "./http/cached-lookups.js";
import { answerClientError } from "./http/client-errors.js";
import { registerDraining } from "./http/draining.js";
import { registerGuidePages } from "./http/guides/guide-pages.js";
import { createIntakeRunner } from "./http/intake-runner.js";
import { registerJsonBodyParser } from "./http/json-body-parser.js";
import { createKeyUseRecorder } from "./http/key-use-recorder.js";
import { registerMediaTypeGuard } from "./http/media-type-guard.js";
import { registerNotFoundHandler } from "./http/method-not-allowed.js";
import { createMetrics, type Metrics, registerMetricsRoute } from "./http/metrics.js";
import { registerOpenApi } from "./http/openapi.js";
import { registerProblemHandlers, sendProblem, toProblem } from "./http/problem-details.js";
import { createMemoryRateLimiter } from "./http/rate-limiting/rate-limiter.js";
import { createRedisRateLimiter } from "./http/rate-limiting/redis-rate-limiter.js";
import { registerBatchRoutes } from "./http/routes/batch-routes.js";
import { registerCustomerOrderRoutes } from "./http/routes/customer-order-routes.js";
import { registerErasureRequestRoutes } from "./http/routes/erasure-request-routes.js";
import { registerEventRoutes } from "./http/routes/event-routes.js";
import { registerHealthRoutes } from "./http/routes/health-routes.js";
import { registerInvitationDeliveryRoutes } from "./http/routes/invitation-delivery-routes.js";
import { registerInvitationRoutes } from "./http/routes/invitation-routes.js";
import { registerOrderCancellationRoutes } from "./http/routes/order-cancellation-routes.js";
import { registerOrderListRoutes } from "./http/routes/order-list-routes.js";
import { registerOrderRoutes } from "./http/routes/order-routes.js";
import { registerOrganisationRoutes } from "./http/routes/organisation-routes.js";
import { registerProblemTypeRoutes } from "./http/routes/problem-type-routes.js";
import { registerSubmissionListRoutes } from "./http/routes/submission-list-routes.js";
import { registerSubmissionRoutes } from "./http/routes/submission-routes.js";
import { registerSuppressionRoutes } from "./http/routes/suppression-routes.js";
import { registerWebhookEndpointRoutes } from "./http/routes/webhook-endpoint-routes.js";
import { createSuppressionList } from "./http/suppression-list.js";
import { createLoggerOptions } from "./logger.js";
import { createGroupCommitter, type GroupCommitter } from "./storage/group-commit.js";
import type { IntakeCommitOutcome, IntakeWrite, Store } from "./storage/store.js";
import { boundStoreCalls } from "./storage/store-deadline.js";
import { createStoreOutageLog, OVERLOAD } from "./storage/store-outage-log.js";

/** What the app needs from outside: settings, a store, and a way to hear of new submissions. */
export interface AppOptions {
  config: Config;
  store: Store;
  /** Called after each commit of new submissions, so that a processor in this process starts at once. */
  onSubmissionsCommitted?: () => void;
  /** Where logs go; a test passes its own stream to read them. */
  logStream?: NodeJS.WritableStream;
  /** The clock for timestamps and idempotency expiry; tests pass their own. */
  now?: () => Date;
  /** Called for every route as it is registered; tests list them to check that the API description has each. */
  onRoute?: (route: RouteOptions) => void;
  /** How often the backlog is counted for its ceiling (default 1 s); tests choose their own. */
  backlogCountIntervalMs?: number;
  /** How often keys' last uses are written (default once a minute); tests choose their own. */
  keyUseWriteIntervalMs?: number;
}

export interface OrderIntakeApp {
  app: FastifyInstance;
  committer: GroupCommitter<IntakeWrite, IntakeCommitOutcome>;
  /** The backlog ceiling; a processor in the same process tells it what it applied. */
  backlog: Pick<BacklogCeiling, "recordProcessed">;
  /** The app's metrics; a processor in the same process counts what it did there. */
  metrics: Pick<
    Metrics,
    | "countProcessing"
    | "countEventsDeleted"
    | "countErasure"
    | "countRetention"
    | "countInvitationRelease"
    | "webhooks"
  >;
  /** Shutdown has begun: `/readyz` answers 503 `not_ready` from now on, other requests are still served. */
  startDraining(): void;
}

/** Longest `/readyz` waits for the store: a load balancer must hear quickly that this instance cannot serve. */
const READINESS_TIMEOUT_MS = 1000;

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

/** Builds the HTTP application without listening: tests call `inject()`, `server.ts` calls `listen()`. */
export async function buildApp(options: AppOptions): Promise<OrderIntakeApp> {
  const { config } = options;
  // Every store call of a request is bounded, so that no request waits on a database that does not answer.
  const store = boundStoreCalls(options.store, config.storeTimeoutMs);
  const app = Fastify({
    logger: createLoggerOptions(config.logLevel, options.logStream),
    bodyLimit: config.maxBodyBytes,
    requestTimeout: config.requestTimeoutMs,
    // Node checks request and headers timeouts every 30 s by default: a client that stops sending would
    // hold its connection up to that much longer than the timeout says.
    http: { connectionsCheckingInterval: Math.min(1000, config.requestTimeoutMs) },
    // Behind a load balancer, the client of the failed-authentication limit is the one it names.
    trustProxy: config.trustProxy,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    forceCloseConnections: "idle",
    // While closing, a request that still arrives on an open keep-alive connection is served as usual (and
    // its answer closes the connection), rather than refused with Fastify's plain 503.
    return503OnClosing: false,
    // An order_ref of up to MAX_REF_LENGTH characters must fit the order read-back path; the router
    // measures the decoded parameter in UTF-16 units (default 100), where one character may take two.
    routerOptions: { maxParamLength: MAX_REF_LENGTH * 2 },
    // The router's own refusals (a malformed %-escape, an over-long parameter) are problem documents too.
    frameworkErrors: (error, request, reply) => sendProblem(reply, toProblem(error, request)),
    // So are Node's, for what never became a request: malformed HTTP, oversized headers, a timeout.
    clientErrorHandler: answerClientError,
  });
  if (options.onRoute) app.addHook("onRoute", options.onRoute);
  // Route schemas describe the API in OpenAPI; validation is the domain's (all errors at once, with codes),
  // and responses are serialised exactly as the handlers build them.
  app.setValidatorCompiler(() => () => true);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  const committer = createGroupCommitter<IntakeWrite, IntakeCommitOutcome>({
    commit: (writes) => store.commitIntake(writes),
    maxPending: config.maxPendingCommits,
    weigh: (write) => Math.max(1, write.submissions.length),
    // SQLite commits synchronously, one at a time; PostgreSQL overlaps a few groups' round trips.
    maxConcurrentCommits: store.kind === "postgres" ? config.commitConcurrency : 1,
    onCommit: (size, durationMs) => {
      outageLog.succeeded();
      overloadLog.succeeded();
      metrics.observeCommit(size, durationMs);
      app.log.debug({ size, durationMs }, "submissions committed");
      options.onSubmissionsCommitted?.();
    },
    // Each request of the group is answered 503 and reported to the outage log by the error handler.
    onError: (error, size) => app.log.debug({ err: error, size }, "commit failed; answering 503"),
  });
  const now = options.now ?? (() => new Date());
  const lookups = createCachedLookups(store, {
    ttlMs: config.lookupCacheTtlMs,
    maxEntries: 10_000,
    // A test's injected clock drives the cache too; otherwise it runs on the monotonic clock.
    ...(options.now && { clock: () => now().getTime() }),
  });
  await store.watchAccessChanges((change) => lookups.forget(change));
  const suppressions = createSuppressionList(store, {
    maxOrganisations: 10_000,
    ...(options.now && { clock: () => now().getTime() }),
  });
  // Buckets in this process run on the monotonic clock, unless a test drives the clock.
  const localLimiter = createMemoryRateLimiter({
    clock: options.now ? () => now().getTime() : () => performance.now(),
  });
  const limiter = config.redisUrl
    ? await createRedisRateLimiter(config.redisUrl, app.log, config.redisKeyPrefix, localLimiter)
    : localLimiter;
  app.addHook("onClose", () => limiter.close());
  const keyUses = createKeyUseRecorder({
    store,
    log: app.log,
    ...(options.keyUseWriteIntervalMs && { intervalMs: options.keyUseWriteIntervalMs }),
  });
  // Closing the app writes the uses noted since the last write; the caller closes the store after the app.
  app.addHook("onClose", () => keyUses.stop());
  const authenticate = createAuthenticator(
    lookups,
    {
      limiter,
      ...(config.rateLimitPerSecond > 0 && {
        perKey: { ratePerSecond: config.rateLimitPerSecond, burst: config.rateLimitBurst },
      }),
      ...(config.authFailuresPerMinute > 0 && {
        authFailures: {
          ratePerSecond: config.authFailuresPerMinute / 60,
          burst: config.authFailuresPerMinute,
        },
      }),
    },
    { now, onAuthenticated: (key, at) => keyUses.note(key.id, at) },
  );
  const backlog = createBacklogCeiling({
    maxBacklog: config.maxBacklog,
    countPending: () => store.countPendingSubmissions(),
    countIntervalMs: options.backlogCountIntervalMs ?? BACKLOG_COUNT_INTERVAL_MS,
    onRefusal: () => metrics.countBacklogRefusal(),
    log: app.log,
  });
  const metrics = createMetrics({ store, now, pendingCommits: () => committer.pending, backlog });
  const runIntake = createIntakeRunner({
    store,
    committer,
    now,
    idempotencyTtlMs: config.idempotencyTtlHours * 3_600_000,
    commitTimeoutMs: config.storeTimeoutMs,
    backlog,
  });
  app.decorateRequest("apiKey", undefined);

  const outageLog = createStoreOutageLog(app.log, () => now().getTime());
  const overloadLog = createStoreOutageLog(app.log, () => now().getTime(), OVERLOAD);
  registerProblemHandlers(app, {
    onStoreFailure: (error) => {
      metrics.countStoreFailure();
      outageLog.failed(error);
    },
    onOverload: (error) => overloadLog.failed(error),
  });
  registerNotFoundHandler(app);
  const draining = registerDraining(app);
  registerMediaTypeGuard(app);
  registerBodyBudget(app, config.maxBodyBytesInFlight);
  registerJsonBodyParser(app);
  await registerOpenApi(app, { version, settings: config });
  await registerApiReferencePage(app);
  registerGuidePages(app);
  registerHealthRoutes(app, store, Math.min(READINESS_TIMEOUT_MS, config.storeTimeoutMs));
  registerMetricsRoute(app, metrics);
  registerProblemTypeRoutes(app);
  const limits = config.orderLimits;
  registerCustomerOrderRoutes(app, {
    lookups,
    authenticate,
    runIntake,
    suppressions,
    limits,
    maxBodyBytes: config.maxBodyBytes,
    now,
  });
  registerBatchRoutes(app, {
    store,
    lookups,
    authenticate,
    runIntake,
    suppressions,
    limits,
    now,
    maxOrdersPerBatch: config.maxOrdersPerBatch,
    maxBatchBodyBytes: config.maxBatchBodyBytes,
  });
  registerSubmissionRoutes(app, { store, authenticate });
  registerOrderRoutes(app, { store, authenticate });
  registerOrderListRoutes(app, { store, authenticate });
  registerEventRoutes(app, { store, authenticate });
  registerSubmissionListRoutes(app, { store, authenticate });
  registerOrganisationRoutes(app, { lookups, authenticate, invitationDefaults: config.invitations.defaults });
  registerWebhookEndpointRoutes(app, {
    store,
    authenticate,
    allowPrivateUrls: config.webhookAllowPrivateUrls,
    now,
  });
  registerErasureRequestRoutes(app, {
    store,
    authenticate,
    customerRefs: { maxRefLength: limits.maxStringLength },
    now,
  });
  registerSuppressionRoutes(app, { store, authenticate, now });
  registerOrderCancellationRoutes(app, { store, authenticate, now });
  registerInvitationRoutes(app, { store, authenticate, now });
  registerInvitationDeliveryRoutes(app, { store, authenticate, now });
  app.addHook("onClose", () => backlog.stop());
  await app.ready();
  // Counting starts last, once nothing else can fail: a build that fails leaves no count running.
  await backlog.start();
  keyUses.start();
  // Fastify has no option for it; Node's default (60 s) would let a slow client hold a socket that long.
  app.server.headersTimeout = config.headersTimeoutMs;
  return {
    app,
    committer,
    backlog,
    metrics,
    startDraining: draining.startDraining,
  };
}
