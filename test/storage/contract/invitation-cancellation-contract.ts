import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cancellationWire, invitationWire } from "../../../src/domain/invitation-events.js";
import type { Invitation, OrderCancellation } from "../../../src/domain/invitations.js";
import { newRecordId } from "../../../src/domain/record-id.js";
import type { CancelOrderRequest } from "../../../src/storage/store.js";
import { type OpenFixture, order, submission, useFreshFixture } from "./contract-fixture.js";
import { invitationEvents, invitationOf, item, placeAt, releaseAt, typesOf } from "./invitation-test-data.js";

const PLACED = "2026-06-01T10:00:00.000Z";
const CANCELLED = "2026-06-02T10:00:00.000Z";
const THREE_ITEMS = [item("A", "30.00"), item("B", "20.00"), item("C", "10.00")];

const cancel = (orderRef: string, changes: Partial<CancelOrderRequest> = {}): CancelOrderRequest => ({
  trkref: "ACME",
  orderRef,
  reason: "cancelled",
  skus: null,
  now: CANCELLED,
  ...changes,
});

/**
 * Cancellations: of an order, whole or some of its SKUs, and of one invitation by its id; what each makes of
 * the invitation, what it tells, and that asking again changes nothing.
 */
export function invitationCancellationContract(open: OpenFixture): void {
  describe("invitation cancellation: with the order, in part, or alone", () => {
    const fixture = useFreshFixture(open);

    it("cancels a scheduled invitation with its whole order once, and tells of both", async () => {
      const { store } = fixture();
      await placeAt(store, PLACED, order("C-1", { order_date: "2026-06-01" }));
      const scheduled = await invitationOf(store, "C-1");

      const outcome = await store.cancelOrder(cancel("C-1", { reason: "refunded" }));
      const cancellation: OrderCancellation = {
        trkref: "ACME",
        orderRef: "C-1",
        reason: "refunded",
        whole: true,
        skus: [],
        cancelledAt: CANCELLED,
      };
      const cancelled: Invitation = {
        ...scheduled,
        status: "cancelled",
        reason: "refunded",
        updatedAt: CANCELLED,
      };
      assert.deepEqual(outcome, { kind: "cancelled", cancellation, invitation: cancelled, changed: true });
      assert.deepEqual(await store.findOrderInvitation("ACME", "C-1"), {
        invitation: cancelled,
        cancellation,
      });
      const events = await invitationEvents(store);
      assert.deepEqual(typesOf(events).slice(1), [
        ["order.cancelled", "C-1"],
        ["invitation.cancelled", "C-1"],
      ]);
      assert.deepEqual(events[1]?.data, {
        order_ref: "C-1",
        cancellation: cancellationWire(cancellation),
      });
      assert.deepEqual(events[2]?.data, { invitation: invitationWire(cancelled) });

      const again = await store.cancelOrder(cancel("C-1", { now: "2026-06-03T10:00:00.000Z" }));
      assert.deepEqual(again, { kind: "cancelled", cancellation, invitation: cancelled, changed: false });
      assert.equal((await invitationEvents(store)).length, 3, "nothing new told");
    });

    it("records nothing for SKUs the order does not have", async () => {
      const { store } = fixture();
      await placeAt(store, PLACED, order("U-1", { order_date: "2026-06-01", order_items: THREE_ITEMS }));
      const scheduled = await invitationOf(store, "U-1");
      const outcome = await store.cancelOrder(cancel("U-1", { skus: ["NOT-SOLD"] }));
      assert.deepEqual(outcome, {
        kind: "cancelled",
        cancellation: null,
        invitation: scheduled,
        changed: false,
      });
      assert.deepEqual(await store.findOrderInvitation("ACME", "U-1"), {
        invitation: scheduled,
        cancellation: null,
      });
    });

    it("takes cancelled SKUs out of the invitation, and cancels it when none is left", async () => {
      const { store } = fixture();
      await placeAt(store, PLACED, order("P-1", { order_date: "2026-06-01", order_items: THREE_ITEMS }));
      const scheduled = await invitationOf(store, "P-1");

      const partly = await store.cancelOrder(cancel("P-1", { skus: ["B"], reason: "returned" }));
      const fewer = {
        ...scheduled,
        products: [item("A", "30.00"), item("C", "10.00")],
        updatedAt: CANCELLED,
      };
      assert.equal(partly.kind, "cancelled");
      assert.deepEqual(partly.kind === "cancelled" && [partly.invitation, partly.changed], [fewer, true]);
      assert.deepEqual(partly.kind === "cancelled" && partly.cancellation, {
        trkref: "ACME",
        orderRef: "P-1",
        reason: "returned",
        whole: false,
        skus: ["B"],
        cancelledAt: CANCELLED,
      });
      const same = await store.cancelOrder(cancel("P-1", { skus: ["B"], reason: "returned" }));
      assert.equal(same.kind === "cancelled" && same.changed, false, "the same SKUs again change nothing");

      const rest = "2026-06-03T10:00:00.000Z";
      const all = await store.cancelOrder(cancel("P-1", { skus: ["A", "C", "Z"], now: rest }));
      assert.equal(all.kind, "cancelled");
      if (all.kind !== "cancelled") return;
      // Z is no SKU of the order: left out, so that a cancellation holds no more than the order's items.
      assert.deepEqual(all.cancellation?.skus, ["B", "A", "C"]);
      assert.equal(all.cancellation?.whole, false);
      assert.deepEqual(all.invitation, {
        ...fewer,
        status: "cancelled",
        reason: "cancelled",
        updatedAt: rest,
      });

      const events = await invitationEvents(store);
      assert.deepEqual(typesOf(events).slice(1), [
        ["order.cancelled", "P-1"],
        ["invitation.updated", "P-1"],
        ["order.cancelled", "P-1"],
        ["invitation.cancelled", "P-1"],
      ]);
      assert.deepEqual(events[2]?.data, {
        invitation: invitationWire(fewer),
        previous_products: THREE_ITEMS,
      });
    });

    it("keeps a cancellation with its order: a later submission neither brings back nor reschedules it", async () => {
      const { store } = fixture();
      await placeAt(
        store,
        PLACED,
        order("K-1", { order_date: "2026-06-01" }),
        order("K-2", { order_date: "2026-06-01", order_items: THREE_ITEMS }),
      );
      await store.cancelOrder(cancel("K-1"));
      await store.cancelOrder(cancel("K-2", { skus: ["A"] }));
      const cancelled = await invitationOf(store, "K-1");
      const told = (await invitationEvents(store)).length;

      const later = "2026-06-04T10:00:00.000Z";
      await placeAt(
        store,
        later,
        order("K-1", { order_date: "2026-06-01", fulfilment_date: "2026-06-04" }),
        order("K-2", { order_date: "2026-06-01", order_items: [...THREE_ITEMS, item("D", "40.00")] }),
      );
      assert.deepEqual(await invitationOf(store, "K-1"), cancelled);
      const k2 = await invitationOf(store, "K-2");
      assert.deepEqual(
        k2.products,
        [item("D", "40.00"), item("B", "20.00"), item("C", "10.00")],
        "A stays out",
      );
      assert.deepEqual(typesOf(await invitationEvents(store)).slice(told), [["invitation.updated", "K-2"]]);
    });

    it("skips (cancelled) the invitation an order cancelled before it had one would have had", async () => {
      const { store } = fixture();
      await store.setOrganisationInvitationPolicy("ACME", { trigger: "fulfilment" });
      await placeAt(store, PLACED, order("E-1", { order_date: "2026-06-01" }));
      const outcome = await store.cancelOrder(cancel("E-1"));
      assert.deepEqual(outcome.kind === "cancelled" && [outcome.invitation, outcome.changed], [null, true]);
      await placeAt(store, "2026-06-03T10:00:00.000Z", order("E-1", { fulfilment_date: "2026-06-03" }));
      const skipped = await invitationOf(store, "E-1");
      assert.deepEqual([skipped.status, skipped.reason, skipped.products], ["skipped", "cancelled", []]);
      assert.deepEqual(typesOf(await invitationEvents(store)), [["order.cancelled", "E-1"]]);
    });

    it("records a cancellation of an order whose invitation is due, leaving the invitation as it was", async () => {
      const { store } = fixture();
      await placeAt(store, PLACED, order("LATE-1", { order_date: "2026-06-01" }));
      await releaseAt(store, "2026-06-08T09:00:00.000Z");
      const due = await invitationOf(store, "LATE-1");
      assert.equal(due.status, "due");
      const outcome = await store.cancelOrder(cancel("LATE-1", { now: "2026-06-09T10:00:00.000Z" }));
      assert.deepEqual(outcome.kind === "cancelled" && [outcome.invitation, outcome.changed], [due, true]);
      assert.deepEqual(typesOf(await invitationEvents(store)).slice(-1), [["order.cancelled", "LATE-1"]]);
    });

    it("refuses an unknown order, and an order whose only submission is still pending", async () => {
      const { store } = fixture();
      assert.deepEqual(await store.cancelOrder(cancel("NOPE")), { kind: "not_found" });
      await store.commitIntake([{ submissions: [submission(order("WAITING"))] }]);
      assert.deepEqual(await store.cancelOrder(cancel("WAITING")), { kind: "not_processed" });
      assert.deepEqual(await store.findOrderInvitation("ACME", "WAITING"), {
        invitation: null,
        cancellation: null,
      });
      await store.createOrganisation({ trkref: "BETA", name: "Beta", enabled: true });
      await placeAt(store, PLACED, order("B-1", { trkref: "BETA", order_date: "2026-06-01" }));
      assert.deepEqual(
        await store.cancelOrder(cancel("B-1")),
        { kind: "not_found" },
        "another organisation's",
      );
      assert.deepEqual(await invitationEvents(store), []);
    });

    it("cancels one scheduled invitation by its id (requested); a due one is final", async () => {
      const { store } = fixture();
      await placeAt(
        store,
        PLACED,
        order("I-1", { order_date: "2026-06-01" }),
        order("I-2", { order_date: "2026-05-30", customer: { email: "bob@example.com" } }),
      );
      const scheduled = await invitationOf(store, "I-1");
      const request = { trkref: "ACME", id: scheduled.id, now: CANCELLED };
      const cancelled: Invitation = {
        ...scheduled,
        status: "cancelled",
        reason: "requested",
        updatedAt: CANCELLED,
      };
      assert.deepEqual(await store.cancelInvitation(request), {
        kind: "cancelled",
        invitation: cancelled,
        changed: true,
      });
      assert.deepEqual(await store.cancelInvitation({ ...request, now: "2026-06-03T10:00:00.000Z" }), {
        kind: "cancelled",
        invitation: cancelled,
        changed: false,
      });
      assert.deepEqual(await invitationOf(store, "I-1"), cancelled);
      assert.equal((await store.findOrderInvitation("ACME", "I-1")).cancellation, null, "the order is not");

      await releaseAt(store, "2026-06-06T09:00:00.000Z");
      const due = await invitationOf(store, "I-2");
      assert.equal(due.status, "due");
      assert.deepEqual(await store.cancelInvitation({ trkref: "ACME", id: due.id, now: CANCELLED }), {
        kind: "final",
        invitation: due,
      });

      for (const id of [newRecordId(), "not-an-invitation-id", ""]) {
        assert.deepEqual(await store.cancelInvitation({ trkref: "ACME", id }), { kind: "not_found" }, id);
      }
      assert.deepEqual(await store.cancelInvitation({ ...request, trkref: "BETA" }), { kind: "not_found" });
      const events = await invitationEvents(store);
      assert.deepEqual(
        typesOf(events).filter(([type]) => type === "invitation.cancelled"),
        [["invitation.cancelled", "I-1"]],
      );
    });
  });
}
