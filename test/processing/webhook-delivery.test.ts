import assert from "node:assert/strict";
import { describe, it, type TestContext } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { loadConfig } from "../../src/config.js";
import { exampleOrder } from "../../src/domain/order-example.js";
import { toEventPayload } from "../../src/processing/event-payload.js";
import { createProcessor } from "../../src/processing/processor.js";
import {
  createWebhookDeliverer,
  type WebhookDelivererSettings,
  webhookSettings,
} from "../../src/processing/webhook-deliverer.js";
import { newWebhookSecret } from "../../src/processing/webhook-endpoint-input.js";
import { sendWebhookPing } from "../../src/processing/webhook-ping.js";
import { DISABLE_FAILING_AFTER_MS, RETRY_DELAYS_MS } from "../../src/processing/webhook-schedule.js";
import { manualClock } from "../helpers/manual-clock.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";
import {
  addWebhookEndpoint,
  type ReceivedWebhook,
  type ReceiverAnswer,
  startWebhookReceiver,
  verifyWebhook,
} from "../helpers/webhook-receiver.js";

const SETTINGS: WebhookDelivererSettings = {
  allowPrivateUrls: true,
  timeoutMs: 5000,
  leaseMs: 60_000,
  pollMs: 20,
  concurrency: 16,
  endpointConcurrency: 4,
};

function recordingLog() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const record = (level: string) => (fields: object, message?: string) =>
    lines.push({ level, fields: fields as Record<string, unknown>, message: message ?? "" });
  return { lines, log: { info: record("info"), warn: record("warn"), error: record("error"), debug() {} } };
}

/**
 * The app on SQLite with private URLs allowed, a deliverer on its store whose clock the test moves (starting
 * a minute after the wall clock, so that what processing queues now is due), no jitter, and the app's
 * metrics. Everything is closed after the test, receivers first.
 */
async function setUp(t: TestContext, settings: Partial<WebhookDelivererSettings> = {}) {
  const app = await createTestApp({ WEBHOOK_ALLOW_PRIVATE_URLS: "true" });
  const clock = manualClock(Date.now() + 60_000);
  const { lines, log } = recordingLog();
  const deliverer = createWebhookDeliverer({
    store: app.store,
    log,
    settings: { ...SETTINGS, ...settings },
    now: clock.now,
    random: () => 0.5,
    metrics: app.metrics.webhooks,
  });
  const receivers: { close(): Promise<void> }[] = [];
  t.after(async () => {
    await deliverer.stop();
    for (const receiver of receivers) await receiver.close();
    await app.close();
  });
  const receive = async (
    answer: (request: ReceivedWebhook, index: number) => ReceiverAnswer | Promise<ReceiverAnswer>,
  ) => {
    const receiver = await startWebhookReceiver(answer);
    receivers.unshift(receiver);
    return receiver;
  };
  return { app, clock, deliverer, lines, receive };
}

async function submit(app: TestApp, orderRef: string, changes: Record<string, unknown> = {}) {
  const response = await app.app.inject({
    method: "POST",
    url: "/v4/organisations/ACME/customer_order",
    headers: { authorization: app.acme.authorization, "content-type": "application/json" },
    payload: { ...exampleOrder("ACME"), order_ref: orderRef, ...changes },
  });
  assert.equal(response.statusCode, 202);
}

const events = (app: TestApp) => app.store.listEvents({ trkref: "ACME", limit: 100 });
const deliveries = (app: TestApp, endpointId: string) =>
  app.store.listWebhookDeliveries({ endpointId, limit: 100 });
/** The endpoint's attempts, oldest first. */
const attempts = async (app: TestApp, endpointId: string) =>
  (await app.store.listWebhookAttempts({ endpointId, limit: 100 })).reverse();
const metrics = async (app: TestApp) => (await app.app.inject({ url: "/metrics" })).body;

/** Looks every 20 ms, for at most 10 s, until `check` holds; says whether it did. */
async function until(check: () => Promise<boolean>): Promise<boolean> {
  for (let turn = 0; turn < 500; turn++) {
    if (await check()) return true;
    await sleep(20);
  }
  return false;
}

describe("webhook delivery", () => {
  it("delivers an event once, signed, with the event's id as webhook-id and the event as its body", async (t) => {
    const { app, deliverer, receive } = await setUp(t);
    const receiver = await receive(() => ({ status: 204 }));
    const endpoint = await addWebhookEndpoint(app.store, receiver.url);
    await submit(app, "A-1");
    await app.processAll();

    assert.equal(await deliverer.deliverDue(), 1);
    assert.equal(await deliverer.deliverDue(), 0, "a delivered event is not sent again");
    const [event] = await events(app);
    assert.ok(event);
    assert.equal(receiver.received.length, 1);
    const [got] = receiver.received;
    assert.ok(got);
    assert.equal(got.id, event.id);
    assert.deepEqual(verifyWebhook(endpoint.secret, got), toEventPayload(event));
    assert.equal(got.headers["content-type"], "application/json");
    assert.match(String(got.headers["user-agent"]), /^order-intake\//);
    assert.deepEqual(
      (await deliveries(app, endpoint.id)).map((d) => [d.eventId, d.status, d.attempts]),
      [[event.id, "succeeded", 1]],
    );
    assert.deepEqual(
      (await attempts(app, endpoint.id)).map((a) => [a.eventId, a.result, a.statusCode]),
      [[event.id, "succeeded", 204]],
    );
    const scraped = await metrics(app);
    assert.match(scraped, /^order_intake_webhook_attempts_total\{result="succeeded"\} 1$/m);
    assert.match(scraped, /^order_intake_webhook_delivery_lag_seconds_count 1$/m);
  });

  it("keeps the connection to an endpoint open between its attempts", async (t) => {
    const { app, deliverer, receive } = await setUp(t);
    const receiver = await receive(() => ({ status: 200 }));
    await addWebhookEndpoint(app.store, receiver.url);
    for (const ref of ["A-1", "A-2"]) {
      await submit(app, ref);
      await app.processAll();
      assert.equal(await deliverer.deliverDue(), 1);
    }
    const [first, second] = receiver.received;
    assert.ok(first?.remotePort && second?.remotePort);
    assert.equal(
      second.remotePort,
      first.remotePort,
      "the second attempt came on the first one's connection",
    );
  });

  it("retries a receiver answering 500 through the whole schedule, logging each attempt, then fails the delivery", async (t) => {
    const { app, clock, deliverer, receive } = await setUp(t);
    const receiver = await receive(() => ({ status: 500, body: "down for maintenance" }));
    const endpoint = await addWebhookEndpoint(app.store, receiver.url);
    await submit(app, "A-1");
    await app.processAll();

    assert.equal(await deliverer.deliverDue(), 1);
    for (const delay of RETRY_DELAYS_MS) {
      clock.advance(delay - 1000);
      assert.equal(await deliverer.deliverDue(), 0, `not retried before ${delay} ms`);
      clock.advance(1000);
      assert.equal(await deliverer.deliverDue(), 1, `retried after ${delay} ms`);
    }
    clock.advance(7 * 24 * 3_600_000);
    assert.equal(await deliverer.deliverDue(), 0, "nothing after the last attempt");

    const [event] = await events(app);
    assert.equal(receiver.received.length, RETRY_DELAYS_MS.length + 1);
    for (const got of receiver.received) {
      assert.equal(got.id, event?.id, "every attempt carries the event's id");
      assert.ok(verifyWebhook(endpoint.secret, got), "every attempt is signed afresh");
    }
    const log = await attempts(app, endpoint.id);
    assert.equal(log.length, RETRY_DELAYS_MS.length + 1);
    for (const attempt of log) {
      assert.deepEqual(
        [attempt.result, attempt.statusCode, attempt.responseExcerpt],
        ["failed_status", 500, "down for maintenance"],
      );
    }
    assert.deepEqual(
      (await deliveries(app, endpoint.id)).map((d) => [d.status, d.attempts]),
      [["failed", RETRY_DELAYS_MS.length + 1]],
    );
    assert.equal((await app.store.findWebhookEndpoint(endpoint.id))?.status, "enabled");
  });

  it("counts a receiver that never answers as a timeout, and retries it", async (t) => {
    const { app, deliverer, receive } = await setUp(t, { timeoutMs: 300 });
    const receiver = await receive(() => "hang");
    const endpoint = await addWebhookEndpoint(app.store, receiver.url);
    await submit(app, "A-1");
    await app.processAll();

    assert.equal(await deliverer.deliverDue(), 1);
    const [attempt] = await attempts(app, endpoint.id);
    assert.deepEqual([attempt?.result, attempt?.statusCode], ["timeout", null]);
    assert.match(String(attempt?.error), /300 ms/);
    assert.deepEqual(
      (await deliveries(app, endpoint.id)).map((d) => [d.status, d.attempts]),
      [["pending", 1]],
    );
  });

  it("disables an endpoint whose receiver answers 410 Gone; its later events are stored but not sent", async (t) => {
    const { app, deliverer, lines, receive } = await setUp(t);
    const receiver = await receive(() => ({ status: 410 }));
    const endpoint = await addWebhookEndpoint(app.store, receiver.url);
    await submit(app, "A-1");
    await app.processAll();

    assert.equal(await deliverer.deliverDue(), 1);
    const disabled = await app.store.findWebhookEndpoint(endpoint.id);
    assert.deepEqual([disabled?.status, disabled?.disabledReason], ["disabled", "gone"]);
    assert.deepEqual(
      (await deliveries(app, endpoint.id)).map((d) => d.status),
      ["failed"],
    );
    const told = lines.filter((line) => line.message.startsWith("webhook endpoint disabled"));
    assert.deepEqual(
      told.map((line) => [line.level, line.fields.endpointId, line.fields.reason]),
      [["warn", endpoint.id, "gone"]],
    );
    assert.doesNotMatch(JSON.stringify(lines), /whsec_|jane\.doe/);
    assert.match(await metrics(app), /^order_intake_webhook_endpoints_disabled_total\{reason="gone"\} 1$/m);

    await submit(app, "A-2");
    await app.processAll();
    assert.equal((await events(app)).length, 2, "the later event is stored");
    assert.equal(await deliverer.deliverDue(), 0);
    assert.equal(receiver.received.length, 1);
  });

  it("does not follow a redirect: the attempt fails as a redirect and is retried", async (t) => {
    const { app, deliverer, receive } = await setUp(t);
    const receiver = await receive((request) =>
      request.path === "/hooks" ? { status: 302, headers: { location: "/elsewhere" } } : { status: 200 },
    );
    const endpoint = await addWebhookEndpoint(app.store, receiver.url);
    await submit(app, "A-1");
    await app.processAll();

    assert.equal(await deliverer.deliverDue(), 1);
    assert.deepEqual(
      receiver.received.map((r) => r.path),
      ["/hooks"],
    );
    const [attempt] = await attempts(app, endpoint.id);
    assert.deepEqual([attempt?.result, attempt?.statusCode], ["redirect", 302]);
    assert.match(String(attempt?.error), /not followed.*\/elsewhere/);
    assert.deepEqual(
      (await deliveries(app, endpoint.id)).map((d) => d.status),
      ["pending"],
    );
  });

  it("waits as long as Retry-After asks when that is longer than the schedule", async (t) => {
    const { app, clock, deliverer, receive } = await setUp(t);
    const receiver = await receive((_, index) =>
      index === 0 ? { status: 503, headers: { "retry-after": "120" } } : { status: 200 },
    );
    const endpoint = await addWebhookEndpoint(app.store, receiver.url);
    await submit(app, "A-1");
    await app.processAll();

    assert.equal(await deliverer.deliverDue(), 1);
    const [waiting] = await deliveries(app, endpoint.id);
    assert.equal(waiting?.nextAttemptAt, new Date(clock.now().getTime() + 120_000).toISOString());
    clock.advance(RETRY_DELAYS_MS[0] ?? 0);
    assert.equal(await deliverer.deliverDue(), 0, "not at the schedule's time");
    clock.advance(120_000);
    assert.equal(await deliverer.deliverDue(), 1);
    assert.deepEqual(
      (await deliveries(app, endpoint.id)).map((d) => [d.status, d.attempts]),
      [["succeeded", 2]],
    );
  });

  it("disables an endpoint that has failed every attempt for 5 days, and says so in the log and /metrics", async (t) => {
    const { app, clock, deliverer, lines, receive } = await setUp(t);
    const receiver = await receive(() => ({ status: 500 }));
    const endpoint = await addWebhookEndpoint(app.store, receiver.url);
    await submit(app, "A-1");
    const processor = createProcessor({
      store: app.store,
      log: recordingLog().log,
      batchSize: 10,
      pollMs: 1000,
      onReport: (report) => app.metrics.countProcessing(report),
    });
    await processor.drain();

    assert.equal(await deliverer.deliverDue(), 1);
    const [first] = await attempts(app, endpoint.id);
    assert.equal((await app.store.findWebhookEndpoint(endpoint.id))?.failingSince, first?.attemptedAt);
    clock.advance(DISABLE_FAILING_AFTER_MS);
    assert.equal(await deliverer.deliverDue(), 1);

    const disabled = await app.store.findWebhookEndpoint(endpoint.id);
    assert.deepEqual([disabled?.status, disabled?.disabledReason], ["disabled", "failing"]);
    const told = lines.filter((line) => line.message.startsWith("webhook endpoint disabled"));
    assert.deepEqual(
      told.map((line) => [line.level, line.fields.endpointId, line.fields.reason]),
      [["warn", endpoint.id, "failing"]],
    );
    const scraped = await metrics(app);
    assert.match(scraped, /^order_intake_webhook_endpoints_disabled_total\{reason="failing"\} 1$/m);
    assert.match(scraped, /^order_intake_webhook_attempts_total\{result="failed_status"\} 2$/m);
    assert.match(scraped, /^order_intake_events_total 1$/m);
  });

  it("does not deliver an order's event before the order's earlier one, and other orders do not wait", async (t) => {
    const { app, clock, deliverer, receive } = await setUp(t);
    const name = new Map<string, string>();
    let refusals = 3;
    const receiver = await receive((request) =>
      name.get(request.id) === "X-1 order.created" && refusals-- > 0 ? { status: 500 } : { status: 200 },
    );
    const endpoint = await addWebhookEndpoint(app.store, receiver.url);
    await submit(app, "X-1");
    await submit(app, "X-1", { fulfilment_date: "28-09-2021" });
    await submit(app, "Y-1");
    await app.processAll();
    for (const event of await events(app)) name.set(event.id, `${event.orderRef} ${event.type}`);

    await deliverer.deliverDue();
    for (const delay of RETRY_DELAYS_MS.slice(0, 3)) {
      clock.advance(delay);
      await deliverer.deliverDue();
    }
    const heard = receiver.received.map((r) => name.get(r.id));
    assert.deepEqual(heard, [
      "X-1 order.created",
      "Y-1 order.created",
      "X-1 order.created",
      "X-1 order.created",
      "X-1 order.created",
      "X-1 order.updated",
    ]);
    assert.deepEqual(
      (await deliveries(app, endpoint.id)).map((d) => d.status),
      ["succeeded", "succeeded", "succeeded"],
    );
  });

  it("keeps delivering to other endpoints while one endpoint's receiver is slow, within its own bound", async (t) => {
    const { app, deliverer, receive } = await setUp(t, { endpointConcurrency: 2 });
    let answering = false;
    const waiting: (() => void)[] = [];
    const slow = await receive(() =>
      answering
        ? { status: 200 }
        : new Promise<ReceiverAnswer>((resolve) => waiting.push(() => resolve({ status: 200 }))),
    );
    const fast = await receive(() => ({ status: 200 }));
    const slowEndpoint = await addWebhookEndpoint(app.store, slow.url);
    const fastEndpoint = await addWebhookEndpoint(app.store, fast.url);
    for (const ref of ["A-1", "A-2", "A-3"]) await submit(app, ref);
    await app.processAll();

    deliverer.start();
    const allSucceeded = async (endpointId: string) =>
      (await deliveries(app, endpointId)).every((d) => d.status === "succeeded");
    assert.ok(
      await until(async () => slow.received.length === 2 && (await allSucceeded(fastEndpoint.id))),
      "the fast endpoint got all its events while the slow one holds two",
    );
    assert.equal(fast.received.length, 3);
    assert.deepEqual(
      (await deliveries(app, slowEndpoint.id)).map((d) => d.status),
      ["pending", "pending", "pending"],
    );
    assert.equal(slow.received.length, 2, "no more attempts at once to one endpoint than its bound");

    answering = true;
    for (const answer of waiting) answer();
    assert.ok(
      await until(() => allSucceeded(slowEndpoint.id)),
      "the slow endpoint's events follow once it answers",
    );
    assert.equal(slow.received.length, 3);
    assert.equal(slow.concurrent.most, 2);
  });

  it("signs with both secrets during a rotation's grace, each verifying, and with the new one only after", async (t) => {
    const { app, clock, deliverer, receive } = await setUp(t);
    const receiver = await receive(() => ({ status: 200 }));
    const endpoint = await addWebhookEndpoint(app.store, receiver.url);
    const rotated = newWebhookSecret();
    const graceEnds = new Date(clock.now().getTime() + 24 * 3_600_000);
    await app.store.rotateWebhookSecret({
      id: endpoint.id,
      secret: rotated,
      previousValidUntil: graceEnds.toISOString(),
    });
    await submit(app, "A-1");
    await app.processAll();

    assert.equal(await deliverer.deliverDue(), 1);
    const [during] = receiver.received;
    assert.ok(during);
    assert.equal(String(during.headers["webhook-signature"]).split(" ").length, 2);
    const [event] = await events(app);
    assert.ok(event);
    assert.deepEqual(verifyWebhook(rotated, during), toEventPayload(event));
    assert.deepEqual(verifyWebhook(endpoint.secret, during), toEventPayload(event));

    clock.advance(24 * 3_600_000);
    await submit(app, "A-2");
    await app.processAll();
    assert.equal(await deliverer.deliverDue(), 1);
    const after = receiver.received[1];
    assert.ok(after);
    assert.ok(verifyWebhook(rotated, after));
    assert.throws(() => verifyWebhook(endpoint.secret, after), /No matching signature/);
  });

  it("refuses loopback addresses and http when private URLs are not allowed, sending nothing", async (t) => {
    const { app, deliverer, receive } = await setUp(t, { allowPrivateUrls: false });
    const receiver = await receive(() => ({ status: 200 }));
    const literal = await addWebhookEndpoint(app.store, `https://127.0.0.1:${receiver.port}/hooks`);
    const named = await addWebhookEndpoint(app.store, `https://localhost:${receiver.port}/hooks`);
    const mapped = await addWebhookEndpoint(app.store, `https://[::ffff:127.0.0.1]:${receiver.port}/hooks`);
    const plain = await addWebhookEndpoint(app.store, receiver.url);
    await submit(app, "A-1");
    await app.processAll();

    assert.equal(await deliverer.deliverDue(), 4);
    assert.equal(receiver.received.length, 0);
    for (const [endpoint, reason] of [
      [literal, /127\.0\.0\.1 is not public/],
      [named, /localhost resolves to .*not public/],
      [mapped, /::ffff:7f00:1 is not public/],
      [plain, /https only/],
    ] as const) {
      const log = await attempts(app, endpoint.id);
      assert.deepEqual(
        log.map((a) => [a.result, a.statusCode]),
        [["address_refused", null]],
      );
      assert.match(String(log[0]?.error), reason);
    }
  });

  it("sends a signed test ping and logs it as no delivery's attempt", async (t) => {
    const { app, receive } = await setUp(t);
    const receiver = await receive(() => ({ status: 200, body: "pong" }));
    const endpoint = await addWebhookEndpoint(app.store, receiver.url);

    const attempt = await sendWebhookPing(app.store, endpoint.id, {
      allowPrivateUrls: true,
      timeoutMs: 5000,
    });
    assert.deepEqual(
      [attempt?.result, attempt?.statusCode, attempt?.responseExcerpt],
      ["succeeded", 200, "pong"],
    );
    const [got] = receiver.received;
    assert.ok(got);
    const body = verifyWebhook(endpoint.secret, got) as { id: string; type: string; data: unknown };
    assert.equal(body.id, got.id);
    assert.deepEqual([body.type, body.data], ["webhook.ping", { endpoint_id: endpoint.id }]);
    assert.deepEqual(
      (await attempts(app, endpoint.id)).map((a) => [a.eventId, a.deliveryId, a.result]),
      [[got.id, null, "succeeded"]],
    );
    assert.equal(
      await sendWebhookPing(app.store, "we_nobody", { allowPrivateUrls: true, timeoutMs: 5000 }),
      undefined,
    );
  });
});

describe("webhook delivery settings", () => {
  it("default to a 15 s timeout, 60 s leases, a 500 ms poll, 64 attempts at once and 16 per endpoint", () => {
    assert.deepEqual(webhookSettings(loadConfig({})), {
      allowPrivateUrls: false,
      timeoutMs: 15_000,
      leaseMs: 60_000,
      pollMs: 500,
      concurrency: 64,
      endpointConcurrency: 16,
    });
  });

  it("refuse a lease no longer than an attempt may take", () => {
    assert.throws(
      () => loadConfig({ WEBHOOK_TIMEOUT_MS: "20000", WEBHOOK_LEASE_MS: "20000" }),
      /WEBHOOK_LEASE_MS must be longer than WEBHOOK_TIMEOUT_MS/,
    );
    assert.equal(
      loadConfig({ WEBHOOK_TIMEOUT_MS: "20000", WEBHOOK_LEASE_MS: "20001" }).webhookLeaseMs,
      20_001,
    );
  });
});
