import { isIP } from "node:net";
import { type Static, Type } from "@sinclair/typebox";
import { Value, type ValueError } from "@sinclair/typebox/value";
import {
  BUILT_IN_INVITATION_POLICY,
  INVITATION_TRIGGERS,
  type InvitationTrigger,
  isTimeZone,
  POLICY_BOUNDS,
  parseSendWindow,
} from "./domain/invitation-policy.js";
import { DEFAULT_ORDER_LIMITS, type OrderLimits } from "./domain/order-limits.js";
import { databaseUrlProblem, isPostgresUrl } from "./storage/database-url.js";
import type { InvitationSettings } from "./storage/invitation-store.js";

/** Every setting, read once from the environment at start. */
export interface Config {
  host: string;
  port: number;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** A SQLite file path (the default), a `file:` URL, or a `postgres://` URL (`?schema=name` picks a schema). */
  databaseUrl: string;
  /** Most PostgreSQL connections one process opens. */
  databasePoolSize: number;
  /** Longest a request waits for the store before it is answered 503; on PostgreSQL, each query's bound. */
  storeTimeoutMs: number;
  /** Most group commits in flight at once on PostgreSQL (SQLite always commits one at a time). */
  commitConcurrency: number;
  /** Largest request body accepted on the single-order endpoint, in bytes. */
  maxBodyBytes: number;
  /** Largest batch request body accepted, in bytes. */
  maxBatchBodyBytes: number;
  /** Most orders in one batch. */
  maxOrdersPerBatch: number;
  /** How long an idempotency key is remembered, in hours (at least 24 by default). */
  idempotencyTtlHours: number;
  /** How often expired idempotency keys are deleted, in milliseconds. */
  idempotencyPurgeIntervalMs: number;
  /** How long events (and webhook delivery logs) are kept, in days; the feed promises at least 30. */
  eventRetentionDays: number;
  /** Days a raw document is kept after processing. */
  rawDocumentRetentionDays: number;
  /** Days an order is kept after its last update; null: no limit. */
  orderRetentionDays: number | null;
  privacySweepIntervalMs: number;
  erasurePollMs: number;
  /** The installation's invitation policy and review links: what scheduling and the due-time check use. */
  invitations: InvitationSettings;
  /** How often `serve` and `worker` look for invitations whose due time has come. */
  invitationPollMs: number;
  orderLimits: OrderLimits;
  /** Most submissions waiting for a commit; past it a request is refused with 503 instead of queueing. */
  maxPendingCommits: number;
  /** Most submissions waiting to be processed (all instances); past it submissions get 503. 0: no ceiling. */
  maxBacklog: number;
  /** Most bytes of request bodies being read or held at once, across all requests; beyond it 503. */
  maxBodyBytesInFlight: number;
  /** Run the processor inside the server process (the default for a single machine). */
  runProcessor: boolean;
  /** How long the processor sleeps when it finds no work and nothing wakes it, in milliseconds. */
  processorPollMs: number;
  /** Submissions the processor applies in one transaction (unset: 200 on SQLite, 1000 on PostgreSQL). */
  processorBatchSize: number;
  /** Most submissions one batch applies while a backlog lasts (batches double up to it). */
  processorMaxBatchSize: number;
  /** How long a client has to send its request headers and body, in milliseconds. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open, in milliseconds. */
  keepAliveTimeoutMs: number;
  /** How long a found API key or organisation is trusted without a database read; 0 turns caching off. */
  lookupCacheTtlMs: number;
  /** How long SIGTERM waits for in-flight requests before the process exits anyway, in milliseconds. */
  shutdownGraceMs: number;
  /** On shutdown, how long `/readyz` answers 503 while requests are still served, in milliseconds. */
  shutdownDelayMs: number;
  /** How long a client has to send its request headers, in milliseconds. */
  headersTimeoutMs: number;
  /** Requests per second one API key may make on average; 0 turns the limit off. */
  rateLimitPerSecond: number;
  /** Requests one API key may make at once after a quiet period (the token bucket's size). */
  rateLimitBurst: number;
  /** Failed authentications one client address may make per minute before it is answered 429; 0 is no limit. */
  authFailuresPerMinute: number;
  /** A `redis://` URL: rate limits are then shared by every instance; unset keeps them in each process. */
  redisUrl: string | undefined;
  /** Prefix of every key this service writes to Redis, so that deployments can share one server. */
  redisKeyPrefix: string;
  /** Which proxies' `X-Forwarded-For` names the client: none, any, or these addresses and CIDR ranges. */
  trustProxy: boolean | string[];
  /** Webhook endpoints may use http and private, loopback or link-local addresses (development, tests). */
  webhookAllowPrivateUrls: boolean;
  /** Longest one webhook attempt may take, from connecting to the end of the answer, in milliseconds. */
  webhookTimeoutMs: number;
  /** How long a claimed webhook delivery is one deliverer's before another may take it, in milliseconds. */
  webhookLeaseMs: number;
  /** How long an idle deliverer sleeps before it looks for due deliveries again, in milliseconds. */
  webhookPollMs: number;
  /** Most webhook attempts in flight at once in one process. */
  webhookConcurrency: number;
  /** Most webhook attempts in flight at once to one endpoint, in one process. */
  webhookEndpointConcurrency: number;
}

const positiveInt = (fallback: number, description: string) =>
  Type.Integer({ minimum: 1, default: fallback, description });

/** The environment variables, with names, defaults and bounds: `docs/configuration.md` mirrors this. */
export const EnvSchema = Type.Object({
  HOST: Type.String({ default: "127.0.0.1", minLength: 1 }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  LOG_LEVEL: Type.Union(
    ["fatal", "error", "warn", "info", "debug", "trace", "silent"].map((level) => Type.Literal(level)),
    { default: "info" },
  ),
  DATABASE_URL: Type.String({ default: "./data/order-intake.db", minLength: 1 }),
  DATABASE_POOL_SIZE: positiveInt(10, "most PostgreSQL connections per process"),
  STORE_TIMEOUT_MS: positiveInt(5000, "longest a request waits for the store"),
  COMMIT_CONCURRENCY: positiveInt(2, "most group commits in flight on PostgreSQL"),
  MAX_BODY_BYTES: positiveInt(1_048_576, "largest single-order request body in bytes"),
  MAX_BATCH_BODY_BYTES: positiveInt(16_777_216, "largest batch request body in bytes"),
  MAX_ORDERS_PER_BATCH: positiveInt(1000, "most orders in one batch"),
  // The contract promises at least 24 hours.
  IDEMPOTENCY_TTL_HOURS: Type.Integer({
    minimum: 24,
    default: 24,
    description: "how long idempotency keys are remembered",
  }),
  IDEMPOTENCY_PURGE_INTERVAL_MS: positiveInt(600_000, "how often expired idempotency keys are deleted"),
  // The feed promises at least 30 days.
  EVENT_RETENTION_DAYS: Type.Integer({
    minimum: 30,
    default: 30,
    description: "how long events and webhook delivery logs are kept",
  }),
  RAW_DOCUMENT_RETENTION_DAYS: positiveInt(30, "days a raw document is kept after processing"),
  ORDER_RETENTION_DAYS: Type.Integer({
    minimum: 0,
    default: 0,
    description: "days an order is kept after its last update; 0 keeps orders until erased",
  }),
  PRIVACY_SWEEP_INTERVAL_MS: positiveInt(600_000, "how often retention is enforced"),
  ERASURE_POLL_MS: positiveInt(1000, "how often pending erasure requests are looked for"),
  INVITATIONS_ENABLED: Type.Boolean({ default: true }),
  INVITATION_TRIGGER: Type.Union(
    INVITATION_TRIGGERS.map((trigger) => Type.Literal(trigger)),
    { default: BUILT_IN_INVITATION_POLICY.trigger },
  ),
  INVITATION_DELAY_DAYS: Type.Integer({
    minimum: POLICY_BOUNDS.delay_days.min,
    maximum: POLICY_BOUNDS.delay_days.max,
    default: BUILT_IN_INVITATION_POLICY.delay_days,
  }),
  INVITATION_SEND_WINDOW: Type.String({ default: BUILT_IN_INVITATION_POLICY.send_window, minLength: 1 }),
  INVITATION_TIMEZONE: Type.String({ default: BUILT_IN_INVITATION_POLICY.timezone, minLength: 1 }),
  INVITATION_MAX_ORDER_AGE_DAYS: Type.Integer({
    minimum: POLICY_BOUNDS.max_order_age_days.min,
    maximum: POLICY_BOUNDS.max_order_age_days.max,
    default: BUILT_IN_INVITATION_POLICY.max_order_age_days,
  }),
  INVITATION_FREQUENCY_CAP_DAYS: Type.Integer({
    minimum: POLICY_BOUNDS.frequency_cap_days.min,
    maximum: POLICY_BOUNDS.frequency_cap_days.max,
    default: BUILT_IN_INVITATION_POLICY.frequency_cap_days,
  }),
  INVITATION_POLL_MS: positiveInt(1000, "how often due invitations are looked for"),
  REVIEW_LINK_TEMPLATE: Type.String({ default: "", maxLength: 2000 }),
  REVIEW_LINK_SECRET: Type.String({ default: "", maxLength: 1000 }),
  REVIEW_LINK_TTL_DAYS: Type.Integer({ minimum: 1, maximum: 3650, default: 90 }),
  MAX_ITEMS_PER_ORDER: positiveInt(DEFAULT_ORDER_LIMITS.maxItemsPerOrder, "most order_items in one order"),
  MAX_METADATA_ENTRIES: positiveInt(
    DEFAULT_ORDER_LIMITS.maxMetadataEntries,
    "most metadata entries per item",
  ),
  MAX_STRING_LENGTH: positiveInt(DEFAULT_ORDER_LIMITS.maxStringLength, "longest free-text field"),
  MAX_METADATA_STRING_LENGTH: positiveInt(
    DEFAULT_ORDER_LIMITS.maxMetadataStringLength,
    "longest string inside a metadata value",
  ),
  MAX_PENDING_COMMITS: positiveInt(10_000, "most submissions waiting for a commit"),
  MAX_BACKLOG: Type.Integer({
    minimum: 0,
    default: 100_000,
    description: "most submissions waiting to be processed before intake answers 503; 0 turns it off",
  }),
  MAX_BODY_BYTES_IN_FLIGHT: positiveInt(134_217_728, "most request body bytes read or held at once"),
  RUN_PROCESSOR: Type.Boolean({ default: true }),
  WEBHOOK_ALLOW_PRIVATE_URLS: Type.Boolean({ default: false }),
  WEBHOOK_TIMEOUT_MS: positiveInt(15_000, "longest one webhook attempt may take"),
  WEBHOOK_LEASE_MS: positiveInt(60_000, "how long a claimed webhook delivery is one deliverer's"),
  WEBHOOK_POLL_MS: positiveInt(500, "webhook deliverer sleep when idle"),
  WEBHOOK_CONCURRENCY: positiveInt(64, "most webhook attempts in flight per process"),
  WEBHOOK_ENDPOINT_CONCURRENCY: positiveInt(16, "most webhook attempts in flight per endpoint"),
  PROCESSOR_POLL_MS: positiveInt(1000, "processor sleep when idle"),
  // Unset: 200 on SQLite, whose processing shares the one writer with intake; 1000 on PostgreSQL, where a
  // batch costs a few statements whatever its size.
  PROCESSOR_BATCH_SIZE: Type.Optional(
    Type.Integer({ minimum: 1, description: "submissions applied per transaction" }),
  ),
  // While a backlog lasts, batches double up to this, so that processing keeps pace with large intake
  // commits (see processing/batch-sizer.ts). Unset: 2000 on SQLite; on PostgreSQL PROCESSOR_BATCH_SIZE (no
  // growth), where a batch takes an advisory lock per order from the server's shared lock table.
  PROCESSOR_MAX_BATCH_SIZE: Type.Optional(
    Type.Integer({
      minimum: 1,
      description: "most submissions applied per transaction while a backlog lasts",
    }),
  ),
  REQUEST_TIMEOUT_MS: positiveInt(30_000, "time allowed to receive one request"),
  KEEP_ALIVE_TIMEOUT_MS: positiveInt(72_000, "idle keep-alive connection lifetime"),
  SHUTDOWN_GRACE_MS: positiveInt(10_000, "time SIGTERM waits for in-flight requests"),
  SHUTDOWN_DELAY_MS: Type.Integer({
    minimum: 0,
    default: 1000,
    description: "time /readyz answers 503 before the listener closes on shutdown",
  }),
  // Unset: 10 s, or REQUEST_TIMEOUT_MS when that is shorter.
  HEADERS_TIMEOUT_MS: Type.Optional(
    Type.Integer({ minimum: 1, description: "time allowed to receive the request headers" }),
  ),
  RATE_LIMIT_PER_SECOND: Type.Integer({
    minimum: 0,
    default: 100,
    description: "requests per second per API key on average; 0 turns the limit off",
  }),
  RATE_LIMIT_BURST: positiveInt(200, "requests one API key may make at once"),
  AUTH_FAILURES_PER_MINUTE: Type.Integer({
    minimum: 0,
    default: 30,
    description: "failed authentications per client address and minute; 0 turns the limit off",
  }),
  REDIS_URL: Type.Optional(Type.String({ pattern: "^rediss?://", description: "shared rate limits" })),
  REDIS_KEY_PREFIX: Type.String({ default: "order-intake:", maxLength: 100 }),
  TRUST_PROXY: Type.String({ default: "false", minLength: 1 }),
  LOOKUP_CACHE_TTL_MS: Type.Integer({
    minimum: 0,
    default: 1000,
    description: "key and organisation cache lifetime",
  }),
});

type Env = Static<typeof EnvSchema>;

/** Thrown when the environment holds a value the service cannot run with. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Reads, converts and checks the settings; throws ConfigError naming every wrong variable, each once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(EnvSchema.properties)
      .filter((name) => env[name] !== undefined && env[name] !== "")
      .map((name) => [name, env[name]]),
  );
  // Each variable is reported with the first thing wrong with it: `PORT=abc` is not also "not an integer".
  const problems = new Map<string, string>();
  const report = (name: string, message: string) => {
    if (!problems.has(name)) problems.set(name, `${name}: ${message}`);
  };
  // Checked before converting, as Value.Convert converts its argument in place.
  for (const [name, message] of notWholeNumbers(known)) report(name, message);
  const converted = Value.Default(EnvSchema, Value.Convert(EnvSchema, known));
  for (const error of Value.Errors(EnvSchema, converted)) {
    const name = error.path.slice(1);
    report(
      name,
      `${describeError(error)}${VALUE_HIDDEN.has(name) ? "" : ` (got ${JSON.stringify(error.value)})`}`,
    );
  }
  const settings = converted as Env;
  const databaseUrlWrong = databaseUrlProblem(settings.DATABASE_URL);
  if (databaseUrlWrong) report("DATABASE_URL", databaseUrlWrong);
  if (readTrustProxy(settings.TRUST_PROXY) === undefined) {
    report(
      "TRUST_PROXY",
      `Expected false, true, or addresses and CIDR ranges (got ${JSON.stringify(settings.TRUST_PROXY)})`,
    );
  }
  const rules = SETTING_RULES.filter(({ reads }) => reads.every((name) => !problems.has(name)));
  const broken = rules.filter(({ holds }) => !holds(settings)).map(({ message }) => message);
  if (problems.size > 0 || broken.length > 0) {
    throw new ConfigError(`Invalid configuration: ${[...problems.values(), ...broken].join("; ")}`);
  }
  return toConfig(settings);
}

/** Settings whose values may hold a password: their errors never quote them. */
const VALUE_HIDDEN = new Set(["DATABASE_URL", "REDIS_URL"]);

/** TypeBox's message, but a choice of literals is named by its choices rather than "Expected union value". */
function describeError(error: ValueError): string {
  const choices = (error.schema.anyOf as { const?: unknown }[] | undefined)?.map((choice) => choice.const);
  if (choices?.every((choice) => typeof choice === "string")) return `Expected one of ${choices.join(", ")}`;
  if (error.schema.pattern === "^rediss?://") return "Expected a redis:// or rediss:// URL";
  return error.message;
}

/** Submissions per processing batch without a backlog: unset, 200 on SQLite and 1000 on PostgreSQL. */
const processorBatchSizeOf = (env: Env) =>
  env.PROCESSOR_BATCH_SIZE ?? (isPostgresUrl(env.DATABASE_URL) ? 1000 : 200);

/** The most a processing batch grows to: unset, 2000 on SQLite and the batch size on PostgreSQL. */
const processorMaxBatchSizeOf = (env: Env) =>
  env.PROCESSOR_MAX_BATCH_SIZE ??
  (isPostgresUrl(env.DATABASE_URL) ? processorBatchSizeOf(env) : Math.max(2000, processorBatchSizeOf(env)));

/**
 * Rules between settings. Each is checked when the settings it reads are valid on their own, so that every
 * rule broken is reported together with every malformed value.
 */
const SETTING_RULES: { reads: (keyof Env)[]; holds: (env: Env) => boolean; message: string }[] = [
  // A batch is committed whole, so a bound on waiting submissions below the largest batch refuses it forever.
  {
    reads: ["MAX_ORDERS_PER_BATCH", "MAX_PENDING_COMMITS"],
    holds: (env) => env.MAX_ORDERS_PER_BATCH <= env.MAX_PENDING_COMMITS,
    message: "MAX_ORDERS_PER_BATCH must not exceed MAX_PENDING_COMMITS",
  },
  // Batches grow from PROCESSOR_BATCH_SIZE to the maximum: a maximum below it would be no maximum.
  {
    reads: ["PROCESSOR_BATCH_SIZE", "PROCESSOR_MAX_BATCH_SIZE", "DATABASE_URL"],
    holds: (env) => processorMaxBatchSizeOf(env) >= processorBatchSizeOf(env),
    message: "PROCESSOR_MAX_BATCH_SIZE must be at least PROCESSOR_BATCH_SIZE",
  },
  // The delay is part of the grace period, and the requests in flight need some of it too.
  {
    reads: ["SHUTDOWN_DELAY_MS", "SHUTDOWN_GRACE_MS"],
    holds: (env) => env.SHUTDOWN_DELAY_MS < env.SHUTDOWN_GRACE_MS,
    message: "SHUTDOWN_DELAY_MS must be shorter than SHUTDOWN_GRACE_MS",
  },
  // A bucket smaller than a second's worth would advertise (and allow) less than the rate says.
  {
    reads: ["RATE_LIMIT_PER_SECOND", "RATE_LIMIT_BURST"],
    holds: (env) => env.RATE_LIMIT_PER_SECOND === 0 || env.RATE_LIMIT_BURST >= env.RATE_LIMIT_PER_SECOND,
    message: "RATE_LIMIT_BURST must be at least RATE_LIMIT_PER_SECOND",
  },
  {
    reads: ["INVITATION_SEND_WINDOW"],
    holds: (env) => parseSendWindow(env.INVITATION_SEND_WINDOW) !== undefined,
    message: "INVITATION_SEND_WINDOW must be HH:MM-HH:MM, its end after its start (24:00 at most)",
  },
  {
    reads: ["INVITATION_TIMEZONE"],
    holds: (env) => isTimeZone(env.INVITATION_TIMEZONE),
    message: "INVITATION_TIMEZONE must be an IANA time zone name, as Europe/London",
  },
  // A link a mailer sends must open the review page, and its token must be one nobody else can make.
  {
    reads: ["REVIEW_LINK_TEMPLATE"],
    holds: (env) => env.REVIEW_LINK_TEMPLATE === "" || isLinkTemplate(env.REVIEW_LINK_TEMPLATE),
    message: "REVIEW_LINK_TEMPLATE must be an http(s) URL with {token} in it",
  },
  {
    reads: ["REVIEW_LINK_TEMPLATE", "REVIEW_LINK_SECRET"],
    holds: (env) => env.REVIEW_LINK_TEMPLATE === "" || env.REVIEW_LINK_SECRET.length >= 32,
    message: "REVIEW_LINK_SECRET must be at least 32 characters when REVIEW_LINK_TEMPLATE is set",
  },
  // Node refuses a headers timeout longer than the whole request's.
  {
    reads: ["HEADERS_TIMEOUT_MS", "REQUEST_TIMEOUT_MS"],
    holds: (env) => (env.HEADERS_TIMEOUT_MS ?? 0) <= env.REQUEST_TIMEOUT_MS,
    message: "HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS",
  },
  // A lease that ends while its attempt is still being sent lets another deliverer send the event at once too.
  {
    reads: ["WEBHOOK_LEASE_MS", "WEBHOOK_TIMEOUT_MS"],
    holds: (env) => env.WEBHOOK_LEASE_MS > env.WEBHOOK_TIMEOUT_MS,
    message: "WEBHOOK_LEASE_MS must be longer than WEBHOOK_TIMEOUT_MS",
  },
];

/**
 * Integer settings written as plain decimal digits only. Conversion alone would read `1e6` as 1 and
 * `1048576.9` as 1048576, silently running with a limit nobody meant.
 */
function notWholeNumbers(known: Record<string, string | undefined>): [string, string][] {
  return Object.entries(EnvSchema.properties)
    .filter(([name, schema]) => schema.type === "integer" && known[name] !== undefined)
    .filter(([name]) => !/^\d+$/.test(String(known[name]).trim()))
    .map(([name]) => [
      name,
      `Expected a whole number written in digits (got ${JSON.stringify(known[name])})`,
    ]);
}

function toConfig(env: Env): Config {
  return {
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL as Config["logLevel"],
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    storeTimeoutMs: env.STORE_TIMEOUT_MS,
    commitConcurrency: env.COMMIT_CONCURRENCY,
    maxBodyBytes: env.MAX_BODY_BYTES,
    maxBatchBodyBytes: env.MAX_BATCH_BODY_BYTES,
    maxOrdersPerBatch: env.MAX_ORDERS_PER_BATCH,
    idempotencyTtlHours: env.IDEMPOTENCY_TTL_HOURS,
    idempotencyPurgeIntervalMs: env.IDEMPOTENCY_PURGE_INTERVAL_MS,
    eventRetentionDays: env.EVENT_RETENTION_DAYS,
    rawDocumentRetentionDays: env.RAW_DOCUMENT_RETENTION_DAYS,
    orderRetentionDays: env.ORDER_RETENTION_DAYS === 0 ? null : env.ORDER_RETENTION_DAYS,
    privacySweepIntervalMs: env.PRIVACY_SWEEP_INTERVAL_MS,
    erasurePollMs: env.ERASURE_POLL_MS,
    invitations: {
      defaults: {
        ...BUILT_IN_INVITATION_POLICY,
        enabled: env.INVITATIONS_ENABLED,
        trigger: env.INVITATION_TRIGGER as InvitationTrigger,
        delay_days: env.INVITATION_DELAY_DAYS,
        send_window: env.INVITATION_SEND_WINDOW,
        timezone: env.INVITATION_TIMEZONE,
        max_order_age_days: env.INVITATION_MAX_ORDER_AGE_DAYS,
        frequency_cap_days: env.INVITATION_FREQUENCY_CAP_DAYS,
      },
      reviewLink:
        env.REVIEW_LINK_TEMPLATE === ""
          ? null
          : {
              template: env.REVIEW_LINK_TEMPLATE,
              secret: env.REVIEW_LINK_SECRET,
              ttlDays: env.REVIEW_LINK_TTL_DAYS,
            },
    },
    invitationPollMs: env.INVITATION_POLL_MS,
    orderLimits: {
      maxItemsPerOrder: env.MAX_ITEMS_PER_ORDER,
      maxMetadataEntries: env.MAX_METADATA_ENTRIES,
      maxStringLength: env.MAX_STRING_LENGTH,
      maxMetadataStringLength: env.MAX_METADATA_STRING_LENGTH,
    },
    maxPendingCommits: env.MAX_PENDING_COMMITS,
    maxBacklog: env.MAX_BACKLOG,
    maxBodyBytesInFlight: env.MAX_BODY_BYTES_IN_FLIGHT,
    runProcessor: env.RUN_PROCESSOR,
    processorPollMs: env.PROCESSOR_POLL_MS,
    processorBatchSize: processorBatchSizeOf(env),
    processorMaxBatchSize: processorMaxBatchSizeOf(env),
    requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: env.KEEP_ALIVE_TIMEOUT_MS,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    shutdownDelayMs: env.SHUTDOWN_DELAY_MS,
    lookupCacheTtlMs: env.LOOKUP_CACHE_TTL_MS,
    headersTimeoutMs: env.HEADERS_TIMEOUT_MS ?? Math.min(10_000, env.REQUEST_TIMEOUT_MS),
    rateLimitPerSecond: env.RATE_LIMIT_PER_SECOND,
    rateLimitBurst: env.RATE_LIMIT_BURST,
    authFailuresPerMinute: env.AUTH_FAILURES_PER_MINUTE,
    redisUrl: env.REDIS_URL,
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
    trustProxy: readTrustProxy(env.TRUST_PROXY) ?? false,
    webhookAllowPrivateUrls: env.WEBHOOK_ALLOW_PRIVATE_URLS,
    webhookTimeoutMs: env.WEBHOOK_TIMEOUT_MS,
    webhookLeaseMs: env.WEBHOOK_LEASE_MS,
    webhookPollMs: env.WEBHOOK_POLL_MS,
    webhookConcurrency: env.WEBHOOK_CONCURRENCY,
    webhookEndpointConcurrency: env.WEBHOOK_ENDPOINT_CONCURRENCY,
  };
}

/**
 * `false`, `true`, or a comma-separated list of proxy addresses and CIDR ranges; undefined when it is none
 * of these (Fastify would only fail on it when the server starts).
 */
function readTrustProxy(value: string): boolean | string[] | undefined {
  const trimmed = value.trim().toLowerCase();
  if (trimmed === "false") return false;
  if (trimmed === "true") return true;
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.length > 0 && entries.every(isAddressOrRange) ? entries : undefined;
}

function isAddressOrRange(entry: string): boolean {
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

function isLinkTemplate(template: string): boolean {
  if (!template.includes("{token}")) return false;
  try {
    const url = new URL(template.replaceAll("{token}", "token"));
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}
