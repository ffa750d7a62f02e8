import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { exampleOrder } from "../../src/domain/order-example.js";
import { createWebhookDeliverer } from "../../src/processing/webhook-deliverer.js";
import { openStore } from "../../src/storage/open-store.js";
import type { Store } from "../../src/storage/store.js";
import { createTestSchema, withPostgres } from "../helpers/postgres.js";
import { createTestApp } from "../helpers/test-app.js";
import { addWebhookEndpoint, startWebhookReceiver, verifyWebhook } from "../helpers/webhook-receiver.js";

const quietLog = { info() {}, warn() {}, error() {}, debug() {} };
const ORDERS = 150;

/** The store with the deliveries each claim took counted; the claims still reach the store. */
function countingClaims(store: Store) {
  const counter = { claimed: 0 };
  const counted: Store = {
    ...store,
    claimWebhookDeliveries: async (claim) => {
      const claimed = await store.claimWebhookDeliveries(claim);
      counter.claimed += claimed.length;
      return claimed;
    },
  };
  return { store: counted, counter };
}

await withPostgres(() =>
  describe("webhook delivery on PostgreSQL", () => {
    const schema = createTestSchema("webhooks");
    after(() => schema.drop());

    it("shares the deliveries between several deliverers, never sending one event twice at once", async (t) => {
      const app = await createTestApp({ WEBHOOK_ALLOW_PRIVATE_URLS: "true" }, { databasePath: schema.url });
      const others = [await openStore(schema.url), await openStore(schema.url)];
      // Each answer takes a moment, so that the deliverers' claims overlap.
      const receiver = await startWebhookReceiver(async () => {
        await sleep(5);
        return { status: 200 };
      });
      const deliverers = [app.store, ...others].map((store) => {
        const counted = countingClaims(store);
        const deliverer = createWebhookDeliverer({
          store: counted.store,
          log: quietLog,
          settings: {
            allowPrivateUrls: true,
            timeoutMs: 5000,
            leaseMs: 60_000,
            pollMs: 20,
            // One attempt at a time each: a claim holds at most 64 deliveries, so each deliverer's claims
            // leave deliveries for the others while its own are sent.
            concurrency: 1,
            endpointConcurrency: 1,
          },
        });
        return { deliverer, counter: counted.counter };
      });
      t.after(async () => {
        for (const { deliverer } of deliverers) await deliverer.stop();
        await receiver.close();
        for (const store of others) await store.close();
        await app.close();
      });
      const endpoint = await addWebhookEndpoint(app.store, receiver.url);
      for (let n = 0; n < ORDERS; n++) {
        const response = await app.app.inject({
          method: "POST",
          url: "/v4/organisations/ACME/customer_order",
          headers: { authorization: app.acme.authorization, "content-type": "application/json" },
          payload: { ...exampleOrder("ACME"), order_ref: `PG-${n}` },
        });
        assert.equal(response.statusCode, 202);
      }
      await app.processAll();

      for (const { deliverer } of deliverers) deliverer.start();
      let done = false;
      for (let turn = 0; turn < 500 && !done; turn++) {
        const listed = await app.store.listWebhookDeliveries({ endpointId: endpoint.id, limit: 1000 });
        done = listed.length === ORDERS && listed.every((d) => d.status === "succeeded");
        if (!done) await sleep(20);
      }
      assert.ok(done, "every delivery succeeded");

      const events = await app.store.listEvents({ trkref: "ACME", limit: 1000 });
      assert.deepEqual(
        receiver.received.map((r) => r.id).sort(),
        events.map((e) => e.id).sort(),
        "each event was sent once",
      );
      for (const got of receiver.received) assert.ok(verifyWebhook(endpoint.secret, got));
      assert.equal(receiver.concurrent.sameIdAtOnce, 0, "no event was being sent twice at once");
      const sharing = deliverers.filter(({ counter }) => counter.claimed > 0).length;
      assert.ok(sharing > 1, `the deliveries were shared (${sharing} deliverer took any)`);
    });
  }),
);
