import assert from "node:assert/strict";
import { createServer } from "node:http";
import { afterEach, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { createWebhookDeliverer, webhookSettings } from "../../src/processing/webhook-deliverer.js";
import { submitOrder } from "./list-requests.js";
import { createAppPool } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

describe("webhook secrets and the log", () => {
  it("never writes an endpoint's secret, nor the events it signs, to the log", async (t) => {
    const app = await apps.open({ WEBHOOK_ALLOW_PRIVATE_URLS: "true", LOG_LEVEL: "debug" });
    // A receiver that fails, then is gone: every line the deliverer logs about an endpoint is written.
    let answered = 0;
    const receiver = createServer((request, response) => {
      request.resume();
      answered += 1;
      response.statusCode = answered === 1 ? 500 : 410;
      response.end("nope");
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    t.after(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
    const address = receiver.address();
    const port = typeof address === "object" && address ? address.port : 0;

    const created = await app.app.inject({
      method: "POST",
      url: "/v4/organisations/ACME/webhook_endpoints",
      headers: { authorization: app.acme.authorization, "content-type": "application/json" },
      payload: { url: `http://127.0.0.1:${port}/hook` },
    });
    assert.equal(created.statusCode, 201, created.body);
    const { secret } = created.json() as { secret: string };
    assert.match(secret, /^whsec_/);
    await submitOrder(app, { ...exampleOrder("ACME"), order_ref: "LOG-1" });
    await app.processAll();
    let clock = Date.now();
    const deliverer = createWebhookDeliverer({
      store: app.store,
      log: app.app.log,
      settings: { ...webhookSettings(app.config), timeoutMs: 2000, leaseMs: 5000 },
      now: () => new Date(clock),
    });
    await deliverer.deliverDue();
    clock += 3_600_000; // past the first retry's time
    await deliverer.deliverDue();
    await deliverer.stop();
    assert.equal(answered, 2, "one failure, then 410");
    assert.equal((await app.store.listWebhookEndpoints({ trkref: "ACME" }))[0]?.status, "disabled");

    const log = app.logLines().join("\n");
    assert.match(log, /webhook endpoint disabled/, "the deliverer did log about the endpoint");
    assert.ok(!log.includes(secret), "the secret is in no log line");
    assert.ok(!log.includes(secret.slice("whsec_".length)), "nor its key");
    assert.doesNotMatch(log, /whsec_/);
    assert.doesNotMatch(log, /jane\.doe@example\.com/, "nor the customer's email the events carry");
  });
});
