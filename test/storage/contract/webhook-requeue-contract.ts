import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ClaimedDelivery } from "../../../src/storage/store.js";
import { type OpenFixture, order, submission, useFreshFixture } from "./contract-fixture.js";
import {
  at,
  attemptAt,
  claimAt,
  claimedOrders,
  newEndpoint,
  processAll,
  succeededAt,
} from "./webhook-test-data.js";

/** Deliveries queued again: an event replayed, an endpoint recovered with the events it missed. */
export function webhookRequeueContract(open: OpenFixture): void {
  describe("webhooks: replay and recovery", () => {
    const fixture = useFreshFixture(open);

    /** Claims everything due at `minutes` and records each one delivered. */
    async function deliverAll(minutes: number) {
      const { store } = fixture();
      for (const c of await store.claimWebhookDeliveries(claimAt("a", minutes))) {
        await store.recordWebhookAttempts([succeededAt(c, minutes)]);
      }
    }

    it("replays an event to every enabled endpoint it is for, or to one, its retry schedule started afresh", async () => {
      const { store, exec } = fixture();
      await store.createOrganisation({ trkref: "BETA", name: "Beta", enabled: true });
      const acme = newEndpoint();
      const everyOrg = newEndpoint({ trkref: null });
      const beta = newEndpoint({ trkref: "BETA" });
      const disabled = newEndpoint();
      for (const endpoint of [acme, everyOrg, beta, disabled]) await store.createWebhookEndpoint(endpoint);
      await store.commitIntake([{ submissions: [submission(order("RP-1"))] }]);
      await processAll(store);
      const [event] = await store.listEvents({ trkref: "ACME", limit: 1 });
      assert.ok(event);
      await exec(`UPDATE webhook_endpoints SET status = 'disabled' WHERE id = '${disabled.id}'`);
      await deliverAll(0);
      // A pending delivery (the disabled endpoint's) is on its way already: not counted.
      assert.equal(await store.replayWebhookEvent({ eventId: event.id, now: at(5) }), 2);
      assert.equal(await store.replayWebhookEvent({ eventId: event.id, now: at(5) }), 0);
      const again = await store.claimWebhookDeliveries(claimAt("a", 5));
      assert.deepEqual(again.map((c) => c.endpoint.id).sort(), [acme.id, everyOrg.id].sort());
      assert.deepEqual(
        again.map((c) => [c.event.id, c.attempts]),
        [
          [event.id, 0],
          [event.id, 0],
        ],
      );
      for (const c of again) {
        await store.recordWebhookAttempts([
          {
            attempt: attemptAt(c, 6, "failed_status", 500),
            owner: "a",
            delivery: { status: "failed", completedAt: at(6) },
            failingSince: at(6),
          },
        ]);
      }
      assert.equal(await store.replayWebhookEvent({ eventId: event.id, endpointId: acme.id, now: at(7) }), 1);
      const [revived] = await store.listWebhookDeliveries({ endpointId: acme.id, limit: 10 });
      assert.deepEqual(
        [revived?.status, revived?.attempts, revived?.nextAttemptAt, revived?.completedAt],
        ["pending", 0, at(7), null],
      );
      assert.equal(
        (await store.listWebhookDeliveries({ endpointId: everyOrg.id, limit: 10 }))[0]?.status,
        "failed",
      );
      // Never to an endpoint the event is not for, nor an event that does not exist.
      assert.equal(await store.replayWebhookEvent({ eventId: event.id, endpointId: beta.id, now: at(8) }), 0);
      assert.deepEqual(await store.listWebhookDeliveries({ endpointId: beta.id, limit: 10 }), []);
      assert.equal(
        await store.replayWebhookEvent({ eventId: "0190a000-0000-7000-8000-000000000000", now: at(8) }),
        0,
      );
      assert.equal(await store.replayWebhookEvent({ eventId: "not-an-event", now: at(8) }), 0);
    });

    it("recovers an endpoint: enabled again, sent what it missed and what failed since a time, not what it received", async () => {
      const { store, exec } = fixture();
      const endpoint = newEndpoint({ eventTypes: ["order.created"] });
      await store.createWebhookEndpoint(endpoint);
      await store.commitIntake([
        { submissions: [submission(order("V-OLD")), submission(order("V-OK")), submission(order("V-FAIL"))] },
      ]);
      await processAll(store);
      await exec("UPDATE events SET created_at = '2020-01-01T00:00:00.000Z' WHERE order_ref = 'V-OLD'");
      const claimed = await store.claimWebhookDeliveries(claimAt("a", 0));
      const byOrder = new Map(claimed.map((c) => [c.event.orderRef, c]));
      const outcome = { "V-OLD": "failed", "V-OK": "succeeded", "V-FAIL": "failed" } as const;
      for (const [ref, status] of Object.entries(outcome)) {
        const c = byOrder.get(ref) as ClaimedDelivery;
        await store.recordWebhookAttempts([
          {
            attempt: attemptAt(c, 1, status === "succeeded" ? "succeeded" : "failed_status", 500),
            owner: "a",
            delivery: { status, completedAt: at(1) },
            failingSince: status === "failed" ? at(1) : null,
            ...(ref === "V-FAIL" && { disable: { reason: "failing" as const, at: at(1) } }),
          },
        ]);
      }
      assert.equal((await store.findWebhookEndpoint(endpoint.id))?.status, "disabled");
      // Stored while it was disabled: never queued for it, until the recovery.
      await store.commitIntake([
        {
          submissions: [
            submission(order("V-NEW")),
            submission(order("V-OK", { fulfilment_date: "2021-10-03" })),
          ],
        },
      ]);
      await processAll(store);
      assert.equal((await store.listWebhookDeliveries({ endpointId: endpoint.id, limit: 10 })).length, 3);

      const queued = await store.recoverWebhookEndpoint({
        id: endpoint.id,
        since: "2021-01-01T00:00:00.000Z",
        now: at(10),
      });
      assert.equal(queued, 2);
      const recovered = await store.findWebhookEndpoint(endpoint.id);
      assert.deepEqual(
        [recovered?.status, recovered?.disabledReason, recovered?.disabledAt, recovered?.failingSince],
        ["enabled", null, null, null],
      );
      // The failed one since the time, and the one stored meanwhile of a type it is for; none twice.
      const due = await store.claimWebhookDeliveries(claimAt("a", 10));
      assert.deepEqual(claimedOrders(due), ["V-FAIL order.created", "V-NEW order.created"]);
      assert.equal(due.find((c) => c.event.orderRef === "V-FAIL")?.attempts, 0);
      assert.equal(
        await store.recoverWebhookEndpoint({
          id: endpoint.id,
          since: "2021-01-01T00:00:00.000Z",
          now: at(11),
        }),
        0,
      );
      assert.equal(
        await store.recoverWebhookEndpoint({
          id: "we_nobody",
          since: "2021-01-01T00:00:00.000Z",
          now: at(11),
        }),
        undefined,
      );
      // An event from before the time stays as it was.
      const [old] = await store.listWebhookDeliveries({
        endpointId: endpoint.id,
        status: "failed",
        limit: 10,
      });
      assert.equal(old?.orderRef, "V-OLD");
    });

    it("queues events of every organisation for an installation's endpoint it recovers", async () => {
      const { store } = fixture();
      await store.createOrganisation({ trkref: "BETA", name: "Beta", enabled: true });
      const everyOrg = newEndpoint({ trkref: null });
      const acme = newEndpoint();
      await store.createWebhookEndpoint(everyOrg);
      await store.createWebhookEndpoint(acme);
      await store.removeWebhookEndpoint(everyOrg.id);
      await store.commitIntake([
        { submissions: [submission(order("W-1")), submission(order("WB-1", { trkref: "BETA" }))] },
      ]);
      await processAll(store);
      await store.createWebhookEndpoint(everyOrg);
      assert.equal(
        await store.recoverWebhookEndpoint({
          id: everyOrg.id,
          since: "2021-01-01T00:00:00.000Z",
          now: at(0),
        }),
        2,
      );
      const due = await store.claimWebhookDeliveries(claimAt("a", 0, { excludeEndpoints: [acme.id] }));
      assert.deepEqual(due.map((c) => `${c.event.trkref} ${c.event.orderRef}`).sort(), [
        "ACME W-1",
        "BETA WB-1",
      ]);
    });
  });
}
