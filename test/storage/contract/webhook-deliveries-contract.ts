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

/** Deliverers' claims under leases, per order in order, and what an attempt writes. */
export function webhookDeliveriesContract(open: OpenFixture): void {
  describe("webhooks: claiming deliveries and recording attempts", () => {
    const fixture = useFreshFixture(open);

    /** An endpoint of ACME, and the given orders of ACME processed into events queued for it. */
    async function endpointWithOrders(...orderRefs: string[]) {
      const { store } = fixture();
      const endpoint = newEndpoint();
      await store.createWebhookEndpoint(endpoint);
      await store.commitIntake([{ submissions: orderRefs.map((ref) => submission(order(ref))) }]);
      await processAll(store);
      return endpoint;
    }

    async function claimOne(owner: string, minutes: number): Promise<ClaimedDelivery> {
      const claimed = await fixture().store.claimWebhookDeliveries(claimAt(owner, minutes));
      assert.equal(claimed.length, 1, `one delivery claimed at minute ${minutes}`);
      return claimed[0] as ClaimedDelivery;
    }

    it("claims a due delivery with its endpoint and event, and leases it to its owner", async () => {
      const { store } = fixture();
      const endpoint = await endpointWithOrders("C-1");
      const claimed = await claimOne("a", 0);
      const [event] = await store.listEvents({ trkref: "ACME", limit: 1 });
      const [delivery] = await store.listWebhookDeliveries({ endpointId: endpoint.id, limit: 1 });
      assert.deepEqual(claimed, {
        id: delivery?.id,
        attempts: 0,
        createdAt: delivery?.createdAt,
        endpoint: {
          id: endpoint.id,
          url: endpoint.url,
          failingSince: null,
          secrets: { current: endpoint.secret, previous: null },
        },
        event,
      });
      // Under its lease no one else takes it; once the lease ran out, anyone may.
      assert.deepEqual(await store.claimWebhookDeliveries(claimAt("b", 5)), []);
      assert.equal((await claimOne("b", 11)).id, claimed.id);
    });

    it("claims only what is due, earliest first, up to the limit", async () => {
      const { store } = fixture();
      await endpointWithOrders("D-1", "D-2", "D-3");
      const first = await store.claimWebhookDeliveries(claimAt("a", 0));
      assert.equal(first.length, 3);
      const [d1, d2, d3] = first as [ClaimedDelivery, ClaimedDelivery, ClaimedDelivery];
      const retryAt = async (claimed: ClaimedDelivery, minutes: number) =>
        store.recordWebhookAttempts([
          {
            attempt: attemptAt(claimed, 0, "failed_status", 500),
            owner: "a",
            delivery: { status: "pending", nextAttemptAt: at(minutes) },
            failingSince: at(0),
          },
        ]);
      await retryAt(d1, 30);
      await retryAt(d2, 20);
      await retryAt(d3, 40);
      assert.deepEqual(await store.claimWebhookDeliveries(claimAt("a", 19)), []);
      const second = await store.claimWebhookDeliveries(claimAt("a", 35, { limit: 5 }));
      assert.deepEqual(
        second.map((c) => [c.id, c.attempts]),
        [
          [d2.id, 1],
          [d1.id, 1],
        ],
      );
      for (const claimed of second) {
        await store.recordWebhookAttempts([succeededAt(claimed, 36)]);
      }
      const third = await store.claimWebhookDeliveries(claimAt("b", 50, { limit: 1 }));
      assert.deepEqual(
        third.map((c) => c.id),
        [d3.id],
      );
    });

    it("leaves the excluded endpoints' deliveries, and a disabled endpoint's", async () => {
      const { store, exec } = fixture();
      const busy = newEndpoint();
      const other = newEndpoint();
      const disabled = newEndpoint();
      for (const endpoint of [busy, other, disabled]) await store.createWebhookEndpoint(endpoint);
      await store.commitIntake([{ submissions: [submission(order("X-1"))] }]);
      await processAll(store);
      await exec(`UPDATE webhook_endpoints SET status = 'disabled' WHERE id = '${disabled.id}'`);
      const claimed = await store.claimWebhookDeliveries(claimAt("a", 0, { excludeEndpoints: [busy.id] }));
      assert.deepEqual(
        claimed.map((c) => c.endpoint.id),
        [other.id],
      );
      assert.deepEqual(
        (await store.claimWebhookDeliveries(claimAt("a", 1))).map((c) => c.endpoint.id),
        [busy.id],
      );
      // The others are leased still; the disabled endpoint's is due and free, but not claimed.
      assert.deepEqual(await store.claimWebhookDeliveries(claimAt("a", 5)), []);
    });

    it("holds an order's later event back until its earlier one succeeded or failed, and no other order's", async () => {
      const { store } = fixture();
      const endpoint = newEndpoint();
      await store.createWebhookEndpoint(endpoint);
      await store.commitIntake([
        {
          submissions: [
            submission(order("O-1")),
            submission(order("O-2")),
            submission(order("O-1", { fulfilment_date: "2021-10-01" })),
            submission(order("O-2", { fulfilment_date: "2021-10-01" })),
            submission(order("O-3")),
          ],
        },
      ]);
      await processAll(store);
      const first = await store.claimWebhookDeliveries(claimAt("a", 0));
      assert.deepEqual(claimedOrders(first), ["O-1 order.created", "O-2 order.created", "O-3 order.created"]);
      const byOrder = new Map(first.map((c) => [c.event.orderRef, c]));
      const o1 = byOrder.get("O-1") as ClaimedDelivery;
      const o2 = byOrder.get("O-2") as ClaimedDelivery;
      // O-1's first event is to be tried again later: its second waits behind it, leased or not.
      await store.recordWebhookAttempts([
        {
          attempt: attemptAt(o1, 1, "timeout", null),
          owner: "a",
          delivery: { status: "pending", nextAttemptAt: at(60) },
          failingSince: at(1),
        },
      ]);
      const succeed = async (claimed: ClaimedDelivery, minutes: number) =>
        store.recordWebhookAttempts([succeededAt(claimed, minutes)]);
      await succeed(o2, 1);
      await succeed(byOrder.get("O-3") as ClaimedDelivery, 1);
      const next = await store.claimWebhookDeliveries(claimAt("a", 2));
      assert.deepEqual(claimedOrders(next), ["O-2 order.updated"]);
      await succeed(next[0] as ClaimedDelivery, 3);
      // Due and free, O-1's second event still waits for its first.
      assert.deepEqual(await store.claimWebhookDeliveries(claimAt("a", 30)), []);
      const retried = await claimOne("a", 61);
      assert.equal(retried.id, o1.id);
      await store.recordWebhookAttempts([
        {
          attempt: attemptAt(retried, 61, "failed_status", 500),
          owner: "a",
          delivery: { status: "failed", completedAt: at(61) },
          failingSince: at(1),
        },
      ]);
      // Failed for good: the order's next event goes on.
      assert.deepEqual(claimedOrders(await store.claimWebhookDeliveries(claimAt("a", 62))), [
        "O-1 order.updated",
      ]);
    });

    it("records a success, a retry and a failure: the attempt logged, the delivery moved on, the endpoint's health", async () => {
      const { store } = fixture();
      const endpoint = await endpointWithOrders("R-1", "R-2", "R-3");
      const [c1, c2, c3] = (await store.claimWebhookDeliveries(claimAt("a", 0))) as ClaimedDelivery[];
      assert.ok(c1 && c2 && c3);
      await store.recordWebhookAttempts([
        {
          attempt: attemptAt(c1, 1, "failed_status", 503),
          owner: "a",
          delivery: { status: "pending", nextAttemptAt: at(100) },
          failingSince: at(1),
        },
      ]);
      assert.equal((await store.findWebhookEndpoint(endpoint.id))?.failingSince, at(1));
      await store.recordWebhookAttempts([
        {
          attempt: attemptAt(c2, 2, "connection_error", null),
          owner: "a",
          delivery: { status: "failed", completedAt: at(2) },
          failingSince: at(1),
        },
      ]);
      await store.recordWebhookAttempts([succeededAt(c3, 3)]);
      assert.equal((await store.findWebhookEndpoint(endpoint.id))?.failingSince, null);

      const deliveries = await store.listWebhookDeliveries({ endpointId: endpoint.id, limit: 10 });
      const state = (id: number) => {
        const d = deliveries.find((delivery) => delivery.id === id);
        return d && [d.status, d.attempts, d.nextAttemptAt, d.completedAt];
      };
      assert.deepEqual(state(c1.id), ["pending", 1, at(100), null]);
      assert.deepEqual(state(c2.id)?.slice(0, 2), ["failed", 1]);
      assert.equal(state(c2.id)?.[3], at(2));
      assert.deepEqual(state(c3.id)?.slice(0, 2), ["succeeded", 1]);
      assert.equal(state(c3.id)?.[3], at(3));

      const attempts = await store.listWebhookAttempts({ endpointId: endpoint.id, limit: 10 });
      assert.deepEqual(
        attempts.map(({ id: _, ...attempt }) => attempt),
        [
          attemptAt(c3, 3),
          attemptAt(c2, 2, "connection_error", null),
          attemptAt(c1, 1, "failed_status", 503),
        ],
      );
      // A failed or succeeded delivery is not claimed again; the retried one is, when due.
      assert.deepEqual(await store.claimWebhookDeliveries(claimAt("a", 99)), []);
      assert.equal((await claimOne("a", 100)).id, c1.id);
    });

    it("keeps the start of a failing run, and starts a new one at a failure recorded after a success", async () => {
      const { store } = fixture();
      const endpoint = await endpointWithOrders("S-1", "S-2", "S-3");
      const [c1, c2, c3] = (await store.claimWebhookDeliveries(claimAt("a", 0))) as ClaimedDelivery[];
      assert.ok(c1 && c2 && c3);
      await store.recordWebhookAttempts([
        {
          attempt: attemptAt(c1, 1, "failed_status", 500),
          owner: "a",
          delivery: { status: "pending", nextAttemptAt: at(100) },
          failingSince: at(1),
        },
      ]);
      // In flight together: one succeeds, then one that was claimed while the endpoint failed fails.
      await store.recordWebhookAttempts([succeededAt(c2, 2)]);
      await store.recordWebhookAttempts([
        {
          attempt: attemptAt(c3, 3, "failed_status", 500),
          owner: "a",
          delivery: { status: "pending", nextAttemptAt: at(100) },
          failingSince: at(1),
        },
      ]);
      assert.equal(
        (await store.findWebhookEndpoint(endpoint.id))?.failingSince,
        at(3),
        "the run starts anew",
      );
      await store.recordWebhookAttempts([
        {
          attempt: attemptAt(
            (await store.claimWebhookDeliveries(claimAt("a", 100)))[0] as ClaimedDelivery,
            101,
            "failed_status",
            500,
          ),
          owner: "a",
          delivery: { status: "pending", nextAttemptAt: at(200) },
          failingSince: at(3),
        },
      ]);
      assert.equal(
        (await store.findWebhookEndpoint(endpoint.id))?.failingSince,
        at(3),
        "and keeps its start",
      );
    });

    it("writes attempts recorded together as one after another: the last success decides the failing run", async () => {
      const { store } = fixture();
      const endpoint = await endpointWithOrders("G-1", "G-2", "G-3", "G-4");
      const [c1, c2, c3, c4] = (await store.claimWebhookDeliveries(claimAt("a", 0))) as ClaimedDelivery[];
      assert.ok(c1 && c2 && c3 && c4);
      const failed = (claimed: ClaimedDelivery, minutes: number) => ({
        attempt: attemptAt(claimed, minutes, "failed_status", 500),
        owner: "a",
        delivery: { status: "pending" as const, nextAttemptAt: at(100) },
        failingSince: at(1),
      });
      await store.recordWebhookAttempts([failed(c1, 1), failed(c2, 2)]);
      assert.equal(
        (await store.findWebhookEndpoint(endpoint.id))?.failingSince,
        at(1),
        "the first failure's",
      );
      await store.recordWebhookAttempts([
        failed(c3, 3),
        {
          attempt: attemptAt(c4, 4),
          owner: "a",
          delivery: { status: "succeeded", completedAt: at(4) },
          failingSince: null,
        },
      ]);
      assert.equal(
        (await store.findWebhookEndpoint(endpoint.id))?.failingSince,
        null,
        "a success last clears it",
      );
      const [r1, r2] = (await store.claimWebhookDeliveries(claimAt("a", 100))) as ClaimedDelivery[];
      assert.ok(r1 && r2);
      await store.recordWebhookAttempts([
        {
          attempt: attemptAt(r1, 101),
          owner: "a",
          delivery: { status: "succeeded", completedAt: at(101) },
          failingSince: null,
        },
        { ...failed(r2, 102), disable: { reason: "gone", at: at(102) } },
      ]);
      const after = await store.findWebhookEndpoint(endpoint.id);
      assert.deepEqual(
        [after?.failingSince, after?.status, after?.disabledReason],
        [at(102), "disabled", "gone"],
        "a failure after the success starts a new run; the disabling is written",
      );
      const attempts = await store.listWebhookAttempts({ endpointId: endpoint.id, limit: 10 });
      assert.equal(attempts.length, 6, "every attempt of every group is logged");
    });

    it("logs a stale owner's attempt but lets only the lease's holder move the delivery on", async () => {
      const { store } = fixture();
      const endpoint = await endpointWithOrders("S-1");
      const mine = await claimOne("a", 0);
      const theirs = await claimOne("b", 11);
      await store.recordWebhookAttempts([
        {
          attempt: attemptAt(mine, 12, "gone", 410),
          owner: "a",
          delivery: { status: "failed", completedAt: at(12) },
          failingSince: at(12),
          disable: { reason: "gone", at: at(12) },
        },
      ]);
      const [delivery] = await store.listWebhookDeliveries({ endpointId: endpoint.id, limit: 1 });
      assert.deepEqual([delivery?.status, delivery?.attempts], ["pending", 0]);
      const stillEnabled = await store.findWebhookEndpoint(endpoint.id);
      assert.deepEqual([stillEnabled?.status, stillEnabled?.failingSince], ["enabled", null]);
      assert.equal((await store.listWebhookAttempts({ endpointId: endpoint.id, limit: 10 })).length, 1);
      // Still b's: nobody takes it under b's lease, and b's own record counts.
      assert.deepEqual(await store.claimWebhookDeliveries(claimAt("c", 15)), []);
      await store.recordWebhookAttempts([succeededAt(theirs, 13, "b")]);
      const [done] = await store.listWebhookDeliveries({ endpointId: endpoint.id, limit: 1 });
      assert.deepEqual([done?.status, done?.attempts, done?.completedAt], ["succeeded", 1, at(13)]);
    });

    it("records an attempt at an endpoint removed meanwhile as nothing, without an error", async () => {
      const { store } = fixture();
      const endpoint = await endpointWithOrders("RMV-1");
      const claimed = await claimOne("a", 0);
      assert.equal(await store.removeWebhookEndpoint(endpoint.id), true);
      await store.recordWebhookAttempts([succeededAt(claimed, 1)]);
      await store.recordWebhookPing({ ...attemptAt(claimed, 1), deliveryId: null });
      await store.createWebhookEndpoint(endpoint);
      assert.deepEqual(await store.listWebhookAttempts({ endpointId: endpoint.id, limit: 10 }), []);
    });

    it("disables an endpoint as an attempt says: its deliveries then wait", async () => {
      const { store } = fixture();
      const endpoint = await endpointWithOrders("G-1", "G-2");
      const [gone] = await store.claimWebhookDeliveries(claimAt("a", 0, { limit: 1 }));
      assert.ok(gone);
      await store.recordWebhookAttempts([
        {
          attempt: attemptAt(gone, 1, "gone", 410),
          owner: "a",
          delivery: { status: "failed", completedAt: at(1) },
          failingSince: at(1),
          disable: { reason: "gone", at: at(1) },
        },
      ]);
      const disabled = await store.findWebhookEndpoint(endpoint.id);
      assert.deepEqual(
        [disabled?.status, disabled?.disabledReason, disabled?.disabledAt, disabled?.failingSince],
        ["disabled", "gone", at(1), at(1)],
      );
      assert.deepEqual(await store.claimWebhookDeliveries(claimAt("a", 30)), []);
      const pending = await store.listWebhookDeliveries({
        endpointId: endpoint.id,
        status: "pending",
        limit: 10,
      });
      assert.equal(pending.length, 1);
      // Events go on being stored, and are not queued for it while it is disabled.
      await store.commitIntake([{ submissions: [submission(order("G-3"))] }]);
      await processAll(store);
      assert.equal((await store.listEvents({ trkref: "ACME", limit: 10 })).length, 3);
      assert.equal((await store.listWebhookDeliveries({ endpointId: endpoint.id, limit: 10 })).length, 2);
    });

    it("lists deliveries and attempts newest first, a page at a time, and logs a test ping", async () => {
      const { store } = fixture();
      const endpoint = await endpointWithOrders("L-1", "L-2", "L-3");
      const all = await store.listWebhookDeliveries({ endpointId: endpoint.id, limit: 10 });
      assert.equal(all.length, 3);
      assert.ok(all.every((d, i) => i === 0 || d.id < (all[i - 1]?.id ?? 0)));
      assert.deepEqual(
        all.map((d) => d.orderRef),
        ["L-3", "L-2", "L-1"],
      );
      const page = await store.listWebhookDeliveries({
        endpointId: endpoint.id,
        before: all[0]?.id,
        limit: 1,
      });
      assert.deepEqual(
        page.map((d) => d.orderRef),
        ["L-2"],
      );
      const [c1, c2] = (await store.claimWebhookDeliveries(
        claimAt("a", 0, { limit: 2 }),
      )) as ClaimedDelivery[];
      assert.ok(c1 && c2);
      for (const [claimed, minutes] of [
        [c1, 1],
        [c2, 2],
      ] as const) {
        await store.recordWebhookAttempts([succeededAt(claimed, minutes)]);
      }
      await store.recordWebhookPing({ ...attemptAt(c1, 3), deliveryId: null, eventId: "ping-event" });
      assert.deepEqual(
        (await store.listWebhookDeliveries({ endpointId: endpoint.id, status: "succeeded", limit: 10 }))
          .map((d) => d.orderRef)
          .sort(),
        [c1.event.orderRef, c2.event.orderRef].sort(),
      );
      const attempts = await store.listWebhookAttempts({ endpointId: endpoint.id, limit: 10 });
      assert.deepEqual(
        attempts.map((a) => [a.deliveryId, a.eventId]),
        [
          [null, "ping-event"],
          [c2.id, c2.event.id],
          [c1.id, c1.event.id],
        ],
      );
      const older = await store.listWebhookAttempts({
        endpointId: endpoint.id,
        before: attempts[0]?.id,
        limit: 1,
      });
      assert.deepEqual(
        older.map((a) => a.deliveryId),
        [c2.id],
      );
      const ofOne = await store.listWebhookAttempts({
        endpointId: endpoint.id,
        deliveryId: c1.id,
        limit: 10,
      });
      assert.deepEqual(
        ofOne.map((a) => a.eventId),
        [c1.event.id],
      );
      assert.deepEqual(await store.listWebhookAttempts({ endpointId: "we_nobody", limit: 10 }), []);
    });

    it("never gives one delivery to two concurrent claims, nor an order's later event meanwhile", async () => {
      const { store, openAnother } = fixture();
      const another = await openAnother();
      try {
        const endpoint = newEndpoint();
        await store.createWebhookEndpoint(endpoint);
        const refs = Array.from({ length: 12 }, (_, i) => `K-${i}`);
        await store.commitIntake([
          {
            submissions: [
              ...refs.map((ref) => submission(order(ref))),
              ...refs.map((ref) => submission(order(ref, { fulfilment_date: "2021-10-02" }))),
            ],
          },
        ]);
        await processAll(store);
        // Each round, several claims at once of a few each, until nothing is left to claim.
        const seen: ClaimedDelivery[] = [];
        for (let round = 0; round < 3; round += 1) {
          const claims = await Promise.all(
            [store, another, store, another].map((s, i) =>
              s.claimWebhookDeliveries(claimAt(`owner-${i}`, round, { limit: 4 })),
            ),
          );
          seen.push(...claims.flat());
        }
        const ids = seen.map((c) => c.id);
        assert.equal(new Set(ids).size, ids.length, "no delivery claimed twice");
        // Only each order's first event, every one of them, however the claims interleaved.
        assert.deepEqual(claimedOrders(seen), refs.map((ref) => `${ref} order.created`).sort());
      } finally {
        await another.close();
      }
    });
  });
}
