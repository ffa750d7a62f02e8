import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, loadConfig } from "../src/config.js";

/** The message of the ConfigError that `env` raises; fails the test if it raises none. */
function configErrorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.message;
  }
  assert.fail(`no ConfigError for ${JSON.stringify(env)}`);
}

describe("configuration", () => {
  it("has working defaults: SQLite under ./data, port 3000, documented limits", () => {
    const config = loadConfig({});
    assert.equal(config.databaseUrl, "./data/order-intake.db");
    assert.equal(config.port, 3000);
    assert.equal(config.maxBodyBytes, 1_048_576);
    assert.deepEqual(config.orderLimits, {
      maxItemsPerOrder: 500,
      maxMetadataEntries: 1000,
      maxStringLength: 255,
      maxMetadataStringLength: 4096,
    });
    assert.equal(config.runProcessor, true);
  });

  it("reads and converts the environment", () => {
    const config = loadConfig({
      PORT: "8080",
      RUN_PROCESSOR: "false",
      MAX_ITEMS_PER_ORDER: "10",
      HOST: "0.0.0.0",
    });
    assert.equal(config.port, 8080);
    assert.equal(config.runProcessor, false);
    assert.equal(config.orderLimits.maxItemsPerOrder, 10);
    assert.equal(config.host, "0.0.0.0");
  });

  it("reads the metadata limits apart from the free-text limit", () => {
    const config = loadConfig({ MAX_METADATA_ENTRIES: "20", MAX_METADATA_STRING_LENGTH: "100000" });
    assert.equal(config.orderLimits.maxMetadataEntries, 20);
    assert.equal(config.orderLimits.maxMetadataStringLength, 100_000);
    assert.equal(config.orderLimits.maxStringLength, 255);
    for (const wrong of ["0", "-1", "4k"]) {
      assert.throws(
        () => loadConfig({ MAX_METADATA_STRING_LENGTH: wrong }),
        /MAX_METADATA_STRING_LENGTH/,
        wrong,
      );
    }
  });

  it("names every wrong variable at once", () => {
    assert.throws(
      () => loadConfig({ PORT: "http", LOG_LEVEL: "loud", MAX_BODY_BYTES: "0" }),
      (error: unknown) =>
        error instanceof ConfigError &&
        ["PORT", "LOG_LEVEL", "MAX_BODY_BYTES"].every((name) => error.message.includes(name)),
    );
  });

  it("reports each wrong variable once, with the first thing wrong with it", () => {
    const message = configErrorOf({ PORT: "abc", LOG_LEVEL: "loud" });
    assert.equal(message.match(/PORT/g)?.length, 1, message);
    assert.match(message, /PORT: Expected a whole number written in digits \(got "abc"\)/);
    assert.match(
      message,
      /LOG_LEVEL: Expected one of fatal, error, warn, info, debug, trace, silent \(got "loud"\)/,
    );
  });

  it("checks every rule between settings at once, beside the malformed values", () => {
    const message = configErrorOf({
      PORT: "abc",
      TRUST_PROXY: "flase",
      MAX_ORDERS_PER_BATCH: "2000",
      MAX_PENDING_COMMITS: "1000",
      SHUTDOWN_DELAY_MS: "20000",
      RATE_LIMIT_BURST: "10",
      HEADERS_TIMEOUT_MS: "5000",
      REQUEST_TIMEOUT_MS: "2000",
    });
    for (const expected of [
      "PORT: Expected a whole number",
      "TRUST_PROXY: Expected false, true",
      "MAX_ORDERS_PER_BATCH must not exceed MAX_PENDING_COMMITS",
      "SHUTDOWN_DELAY_MS must be shorter than SHUTDOWN_GRACE_MS",
      "RATE_LIMIT_BURST must be at least RATE_LIMIT_PER_SECOND",
      "HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS",
    ]) {
      assert.ok(message.includes(expected), `${expected} in ${message}`);
    }
  });

  it("checks a rule only against valid values: a malformed one is reported alone", () => {
    const message = configErrorOf({ MAX_ORDERS_PER_BATCH: "2000", MAX_PENDING_COMMITS: "lots" });
    assert.equal(
      message,
      'Invalid configuration: MAX_PENDING_COMMITS: Expected a whole number written in digits (got "lots")',
    );
  });

  it("takes a SQLite file path, a file: or sqlite: URL, or a PostgreSQL URL as DATABASE_URL", () => {
    for (const url of [
      "./data/orders.db",
      "/var/lib/order-intake/orders.db",
      "orders.db",
      "C:\\data\\orders.db",
      "file:./orders.db",
      "file:///var/lib/order-intake/orders.db",
      "sqlite:./orders.db",
      "postgres://db.internal/orders",
      "postgresql://user:pw@db.internal:5432/orders?schema=intake",
    ]) {
      assert.equal(loadConfig({ DATABASE_URL: url }).databaseUrl, url);
    }
  });

  it("refuses a DATABASE_URL of any other scheme, which used to be read as a file name, without quoting it", () => {
    for (const [url, reason] of [
      ["mysql://app:hunter2@db.internal/orders", /unsupported scheme "mysql:"/],
      ["redis://hunter2@cache:6379", /unsupported scheme "redis:"/],
      ["https://hunter2.example/orders", /unsupported scheme "https:"/],
      ["postgres:hunter2", /a PostgreSQL URL starts with postgres:\/\//],
      ["file://hunter2/orders.db", /not a file URL of this machine/],
      ["file:orders.db?hunter2=1", /takes no query string/],
    ] as const) {
      const message = configErrorOf({ DATABASE_URL: url });
      assert.match(message, /DATABASE_URL: /, url);
      assert.match(message, reason, url);
      assert.doesNotMatch(message, /hunter2/, url);
    }
  });

  it("refuses integers that are not plain digits instead of reading them as something else", () => {
    for (const value of ["1e6", "1048576.9", "0x10", "-5", "12abc"]) {
      assert.throws(
        () => loadConfig({ MAX_BODY_BYTES: value }),
        (error: unknown) => error instanceof ConfigError && error.message.includes("MAX_BODY_BYTES"),
        value,
      );
    }
    assert.equal(loadConfig({ MAX_BODY_BYTES: "2000000" }).maxBodyBytes, 2_000_000);
  });

  it("keeps idempotency keys at least 24 hours, as the contract promises", () => {
    assert.throws(() => loadConfig({ IDEMPOTENCY_TTL_HOURS: "23" }), /IDEMPOTENCY_TTL_HOURS/);
    assert.equal(loadConfig({ IDEMPOTENCY_TTL_HOURS: "48" }).idempotencyTtlHours, 48);
  });

  it("refuses a batch limit above the pending-commit bound, which would refuse such batches forever", () => {
    assert.throws(
      () => loadConfig({ MAX_ORDERS_PER_BATCH: "2000", MAX_PENDING_COMMITS: "1000" }),
      /MAX_ORDERS_PER_BATCH must not exceed MAX_PENDING_COMMITS/,
    );
  });

  it("bounds the backlog at 100,000 submissions by default, and not at all with 0", () => {
    assert.equal(loadConfig({}).maxBacklog, 100_000);
    assert.equal(loadConfig({ MAX_BACKLOG: "0" }).maxBacklog, 0);
    assert.equal(loadConfig({ MAX_BACKLOG: "500" }).maxBacklog, 500);
    assert.throws(() => loadConfig({ MAX_BACKLOG: "-1" }), /MAX_BACKLOG/);
  });

  it("processes in batches of 200 on SQLite and 1000 on PostgreSQL unless told otherwise", () => {
    assert.equal(loadConfig({}).processorBatchSize, 200);
    assert.equal(loadConfig({ DATABASE_URL: "postgres://db.internal/orders" }).processorBatchSize, 1000);
    assert.equal(
      loadConfig({ DATABASE_URL: "postgres://db.internal/orders", PROCESSOR_BATCH_SIZE: "50" })
        .processorBatchSize,
      50,
    );
    assert.throws(() => loadConfig({ PROCESSOR_BATCH_SIZE: "0" }), /PROCESSOR_BATCH_SIZE/);
  });

  it("grows processing batches to 2000 on SQLite and not at all on PostgreSQL unless told otherwise", () => {
    const postgres = "postgres://db.internal/orders";
    assert.equal(loadConfig({}).processorMaxBatchSize, 2000);
    assert.equal(loadConfig({ PROCESSOR_BATCH_SIZE: "5000" }).processorMaxBatchSize, 5000);
    assert.equal(loadConfig({ DATABASE_URL: postgres }).processorMaxBatchSize, 1000);
    assert.equal(
      loadConfig({ DATABASE_URL: postgres, PROCESSOR_BATCH_SIZE: "50" }).processorMaxBatchSize,
      50,
    );
    assert.equal(
      loadConfig({ DATABASE_URL: postgres, PROCESSOR_MAX_BATCH_SIZE: "4000" }).processorMaxBatchSize,
      4000,
    );
    assert.throws(
      () => loadConfig({ PROCESSOR_MAX_BATCH_SIZE: "100" }),
      /PROCESSOR_MAX_BATCH_SIZE must be at least PROCESSOR_BATCH_SIZE/,
    );
    assert.throws(() => loadConfig({ PROCESSOR_MAX_BATCH_SIZE: "0" }), /PROCESSOR_MAX_BATCH_SIZE/);
  });

  it("gives the headers 10 s, or the whole request's time when shorter, and never more than that", () => {
    assert.equal(loadConfig({}).headersTimeoutMs, 10_000);
    assert.equal(loadConfig({ REQUEST_TIMEOUT_MS: "2000" }).headersTimeoutMs, 2000);
    assert.equal(loadConfig({ HEADERS_TIMEOUT_MS: "5000" }).headersTimeoutMs, 5000);
    assert.throws(
      () => loadConfig({ HEADERS_TIMEOUT_MS: "5000", REQUEST_TIMEOUT_MS: "2000" }),
      /HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS/,
    );
  });

  it("reads rate limits, Redis and the trusted proxies", () => {
    const defaults = loadConfig({});
    assert.deepEqual(
      [
        defaults.rateLimitPerSecond,
        defaults.rateLimitBurst,
        defaults.authFailuresPerMinute,
        defaults.redisUrl,
      ],
      [100, 200, 30, undefined],
    );
    assert.equal(defaults.trustProxy, false);
    const set = loadConfig({
      RATE_LIMIT_PER_SECOND: "0",
      REDIS_URL: "redis://127.0.0.1:6379",
      TRUST_PROXY: "10.0.0.1, 10.1.0.0/16",
    });
    assert.equal(set.rateLimitPerSecond, 0);
    assert.equal(set.redisUrl, "redis://127.0.0.1:6379");
    assert.deepEqual(set.trustProxy, ["10.0.0.1", "10.1.0.0/16"]);
    assert.throws(() => loadConfig({ REDIS_URL: "localhost:6379" }), /REDIS_URL/);
    assert.deepEqual(loadConfig({ TRUST_PROXY: "::1,fd00::/8" }).trustProxy, ["::1", "fd00::/8"]);
    for (const wrong of ["flase", "2", "10.0.0.1/33", "10.0.0.300", "10.0.0.1/8/8"]) {
      assert.throws(() => loadConfig({ TRUST_PROXY: wrong }), /TRUST_PROXY/, wrong);
    }
    assert.throws(
      () => loadConfig({ RATE_LIMIT_PER_SECOND: "100", RATE_LIMIT_BURST: "10" }),
      /RATE_LIMIT_BURST must be at least RATE_LIMIT_PER_SECOND/,
    );
  });
});
