import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { invitationWire } from "../../../src/domain/invitation-events.js";
import { type OpenFixture, order, submission, useFreshFixture } from "./contract-fixture.js";
import { invitationEvents, invitationOf, item, placeAt, releaseAt, typesOf } from "./invitation-test-data.js";

const US_CUSTOMER = { email: "sam@example.com", country: "US" };

/**
 * Scheduling review invitations as processing applies orders: the due time (delay, per-country delay,
 * trigger, send window across daylight saving), the products, the maximum age, the changes later
 * submissions make, and the 12-month rule.
 */
export function invitationSchedulingContract(open: OpenFixture): void {
  describe("invitation scheduling: due times, products, changes", () => {
    const fixture = useFreshFixture(open);

    it("schedules an invitation due the delay after the order date, at the window's opening, naming the top products", async () => {
      const { store } = fixture();
      const now = "2026-06-01T10:00:00.000Z";
      const items = [
        item("A", "10.00"),
        item("B", "99.50"),
        item("C"),
        { ...item("A", "120.00"), metadata: { name: "Kettle" } },
        item("D", "99.50"),
        item("E", "5"),
        item("F", "1"),
      ];
      await placeAt(store, now, order("D-1", { order_date: "2026-06-01", order_items: items }));

      const invitation = await invitationOf(store, "D-1");
      assert.deepEqual(
        { ...invitation, id: "" },
        {
          id: "",
          trkref: "ACME",
          orderRef: "D-1",
          status: "scheduled",
          reason: null,
          triggerDate: "2026-06-01",
          dueAt: "2026-06-08T09:00:00.000Z",
          // One per SKU at its highest price, highest first, equal prices in the order's order, five at most.
          products: [
            item("A", "120.00"),
            item("B", "99.50"),
            item("D", "99.50"),
            item("E", "5"),
            item("F", "1"),
          ],
          createdAt: now,
          updatedAt: now,
          releasedAt: null,
          delivery: null,
        },
      );
      assert.deepEqual(await store.findInvitation("ACME", invitation.id), invitation);
      assert.deepEqual(await store.listInvitations({ trkref: "ACME", limit: 10 }), [invitation]);
      const events = await invitationEvents(store);
      assert.deepEqual(typesOf(events), [["invitation.scheduled", "D-1"]]);
      assert.deepEqual(events[0]?.data, { invitation: invitationWire(invitation) });
    });

    it("waits the organisation's delay for the customer's country, and starts from the fulfilment date", async () => {
      const { store } = fixture();
      await store.setOrganisationInvitationPolicy("ACME", { country_delay_days: { US: 10 } });
      const now = "2026-06-01T10:00:00.000Z";
      await placeAt(
        store,
        now,
        order("US-1", { order_date: "2026-06-01", customer: US_CUSTOMER }),
        // Each of Jane's orders its own SKU, so that the 12-month rule leaves every one a product.
        order("GB-1", { order_date: "2026-06-01", order_items: [item("GB")] }),
        order("F-1", { order_date: "2026-06-01", fulfilment_date: "2026-06-03", order_items: [item("F")] }),
      );
      assert.equal((await invitationOf(store, "US-1")).dueAt, "2026-06-11T09:00:00.000Z");
      assert.equal((await invitationOf(store, "GB-1")).dueAt, "2026-06-08T09:00:00.000Z");
      const fulfilled = await invitationOf(store, "F-1");
      assert.equal(fulfilled.triggerDate, "2026-06-03");
      assert.equal(fulfilled.dueAt, "2026-06-10T09:00:00.000Z");
    });

    it("with the fulfilment trigger, makes no invitation until a submission gives the order a fulfilment date", async () => {
      const { store } = fixture();
      await store.setOrganisationInvitationPolicy("ACME", { trigger: "fulfilment" });
      await placeAt(store, "2026-06-01T10:00:00.000Z", order("W-1", { order_date: "2026-06-01" }));
      assert.deepEqual(await store.findOrderInvitation("ACME", "W-1"), {
        invitation: null,
        cancellation: null,
      });
      assert.deepEqual(await invitationEvents(store), []);

      const later = "2026-06-05T12:00:00.000Z";
      await placeAt(store, later, order("W-1", { order_date: "2026-06-01", fulfilment_date: "2026-06-05" }));
      const invitation = await invitationOf(store, "W-1");
      assert.equal(invitation.status, "scheduled");
      assert.equal(invitation.triggerDate, "2026-06-05");
      assert.equal(invitation.dueAt, "2026-06-12T09:00:00.000Z");
      assert.equal(invitation.createdAt, later);
      assert.deepEqual(typesOf(await invitationEvents(store)), [["invitation.scheduled", "W-1"]]);
    });

    it("keeps the send window at the same local hours across both daylight-saving changes of Europe/London", async () => {
      const { store } = fixture();
      await store.setOrganisationInvitationPolicy("ACME", { timezone: "Europe/London" });
      const cases: [string, string, string, string][] = [
        // order ref, fulfilment date, processed at, due at
        ["SUMMER", "2026-06-01", "2026-06-01T14:00:00.000Z", "2026-06-08T08:00:00.000Z"],
        ["WINTER", "2026-12-01", "2026-12-01T14:00:00.000Z", "2026-12-08T09:00:00.000Z"],
        ["MAR-SAT", "2026-03-21", "2026-03-21T10:00:00.000Z", "2026-03-28T09:00:00.000Z"],
        ["MAR-SUN", "2026-03-22", "2026-03-22T10:00:00.000Z", "2026-03-29T08:00:00.000Z"],
        ["OCT-SAT", "2026-10-17", "2026-10-17T10:00:00.000Z", "2026-10-24T08:00:00.000Z"],
        ["OCT-SUN", "2026-10-18", "2026-10-18T10:00:00.000Z", "2026-10-25T09:00:00.000Z"],
        // Already 7 days past when processed at 20:30 BST, after the window: the next day's opening.
        ["LATE", "2026-05-01", "2026-05-20T19:30:00.000Z", "2026-05-21T08:00:00.000Z"],
        // Already past when processed at 06:00 GMT, before the window: that day's opening.
        ["EARLY", "2026-11-20", "2026-12-10T06:00:00.000Z", "2026-12-10T09:00:00.000Z"],
        // Already past when processed inside the window: due at once.
        ["INSIDE", "2026-11-20", "2026-12-10T12:34:56.789Z", "2026-12-10T12:34:56.789Z"],
      ];
      for (const [orderRef, fulfilled, processedAt] of cases) {
        const own = { fulfilment_date: fulfilled, order_items: [item(orderRef)] };
        await placeAt(store, processedAt, order(orderRef, own));
      }
      for (const [orderRef, , , dueAt] of cases) {
        assert.equal((await invitationOf(store, orderRef)).dueAt, dueAt, orderRef);
      }
    });

    it("records an order older than the maximum age as skipped (too_old) without telling of it", async () => {
      const { store } = fixture();
      const now = "2026-07-01T10:00:00.000Z";
      await placeAt(
        store,
        now,
        order("OLD", { order_date: "2026-01-01" }), // 181 days before
        order("OLDEST-KEPT", { order_date: "2026-01-02" }), // 180 days before
      );
      const old = await invitationOf(store, "OLD");
      assert.deepEqual(
        [old.status, old.reason, old.triggerDate, old.dueAt, old.products, old.releasedAt],
        ["skipped", "too_old", "2026-01-01", null, [], null],
      );
      const kept = await invitationOf(store, "OLDEST-KEPT");
      assert.deepEqual([kept.status, kept.dueAt], ["scheduled", now]);
      assert.deepEqual(typesOf(await invitationEvents(store)), [["invitation.scheduled", "OLDEST-KEPT"]]);
    });

    it("skips (too_old) at its due time an invitation whose order aged past the maximum meanwhile", async () => {
      const { store } = fixture();
      await placeAt(store, "2026-07-01T10:00:00.000Z", order("AGING", { order_date: "2026-01-02" }));
      const releasedAt = "2026-07-02T09:00:00.000Z";
      assert.deepEqual(await releaseAt(store, releasedAt), {
        taken: 1,
        due: 0,
        skipped: { too_old: 1 },
        events: 1,
      });
      const skipped = await invitationOf(store, "AGING");
      assert.deepEqual(
        [skipped.status, skipped.reason, skipped.releasedAt, skipped.updatedAt],
        ["skipped", "too_old", releasedAt, releasedAt],
      );
      const events = await invitationEvents(store);
      assert.deepEqual(typesOf(events), [
        ["invitation.scheduled", "AGING"],
        ["invitation.skipped", "AGING"],
      ]);
      assert.deepEqual(events[1]?.data, { invitation: invitationWire(skipped) });
    });

    it("reschedules on a new fulfilment date and updates the products on new items, keeping the due time told", async () => {
      const { store } = fixture();
      const placed = "2026-06-01T10:00:00.000Z";
      const items = [item("A", "20.00"), item("B", "10.00")];
      await placeAt(store, placed, order("R-1", { order_date: "2026-06-01", order_items: items }));
      const first = await invitationOf(store, "R-1");

      const fulfilled = "2026-06-04T10:00:00.000Z";
      await placeAt(
        store,
        fulfilled,
        order("R-1", { order_date: "2026-06-01", fulfilment_date: "2026-06-04", order_items: items }),
      );
      const rescheduled = await invitationOf(store, "R-1");
      assert.deepEqual(rescheduled, {
        ...first,
        triggerDate: "2026-06-04",
        dueAt: "2026-06-11T09:00:00.000Z",
        updatedAt: fulfilled,
      });

      const changed = "2026-06-05T10:00:00.000Z";
      const newItems = [item("B", "10.00"), item("C", "30.00")];
      await placeAt(
        store,
        changed,
        order("R-1", { order_date: "2026-06-01", fulfilment_date: "2026-06-04", order_items: newItems }),
      );
      const updated = await invitationOf(store, "R-1");
      assert.deepEqual(updated, {
        ...rescheduled,
        products: [item("C", "30.00"), item("B", "10.00")],
        updatedAt: changed,
      });

      const events = await invitationEvents(store);
      assert.deepEqual(typesOf(events), [
        ["invitation.scheduled", "R-1"],
        ["invitation.rescheduled", "R-1"],
        ["invitation.updated", "R-1"],
      ]);
      assert.deepEqual(events[1]?.data, {
        invitation: invitationWire(rescheduled),
        previous_due_at: "2026-06-08T09:00:00.000Z",
      });
      assert.deepEqual(events[2]?.data, {
        invitation: invitationWire(updated),
        previous_products: first.products,
      });

      // The same order again changes nothing and tells nothing.
      await placeAt(
        store,
        "2026-06-06T10:00:00.000Z",
        order("R-1", { order_date: "2026-06-01", fulfilment_date: "2026-06-04", order_items: newItems }),
      );
      assert.deepEqual(await invitationOf(store, "R-1"), updated);
      assert.equal((await invitationEvents(store)).length, 3);
    });

    it("leaves out of a customer's invitation the SKUs of their other invitations of the last 12 months", async () => {
      const { store } = fixture();
      const other = { email: "bob@example.com", country: "GB" };
      await placeAt(
        store,
        "2026-06-01T10:00:00.000Z",
        order("M-1", { order_date: "2026-06-01", order_items: [item("A", "9"), item("B", "8")] }),
      );
      await placeAt(
        store,
        "2026-06-02T10:00:00.000Z",
        order("M-2", { order_date: "2026-06-02", order_items: [item("B", "8"), item("C", "7")] }),
        order("BOB-1", { order_date: "2026-06-02", customer: other, order_items: [item("A", "9")] }),
      );
      assert.deepEqual((await invitationOf(store, "M-2")).products, [item("C", "7")]);
      assert.deepEqual((await invitationOf(store, "BOB-1")).products, [item("A", "9")], "another customer's");

      // Every SKU already in one of her invitations: recorded as skipped, not told.
      await placeAt(
        store,
        "2026-06-03T10:00:00.000Z",
        order("M-3", { order_date: "2026-06-03", order_items: [item("A", "9"), item("C", "7")] }),
      );
      const none = await invitationOf(store, "M-3");
      assert.deepEqual([none.status, none.reason, none.products], ["skipped", "no_products", []]);
      assert.deepEqual(
        typesOf(await invitationEvents(store)).map(([, orderRef]) => orderRef),
        ["M-1", "M-2", "BOB-1"],
      );
    });

    it("makes no invitation while the organisation's policy is off", async () => {
      const { store } = fixture();
      await store.setOrganisationInvitationPolicy("ACME", { enabled: false });
      await placeAt(store, "2026-06-01T10:00:00.000Z", order("OFF-1", { order_date: "2026-06-01" }));
      assert.equal((await store.findOrderInvitation("ACME", "OFF-1")).invitation, null);
      assert.deepEqual(await invitationEvents(store), []);
    });

    it("lists an organisation's invitations in creation order, filtered and a page at a time", async () => {
      const { store } = fixture();
      await store.createOrganisation({ trkref: "BETA", name: "Beta", enabled: true });
      const second = { order_date: "2026-06-02", order_items: [item("L2")] };
      await placeAt(store, "2026-06-01T10:00:00.000Z", order("L-1", { order_date: "2026-06-01" }));
      await placeAt(store, "2026-06-02T10:00:00.000Z", order("L-2", second));
      await placeAt(store, "2026-06-03T10:00:00.000Z", order("L-3", { order_date: "2025-06-03" }));
      await placeAt(store, "2026-06-03T10:00:00.000Z", order("L-1", { trkref: "BETA" }));
      const [l1, l2, l3] = await Promise.all(["L-1", "L-2", "L-3"].map((ref) => invitationOf(store, ref)));
      assert.ok(l1 && l2 && l3);

      const list = (query: Partial<Parameters<typeof store.listInvitations>[0]>) =>
        store.listInvitations({ trkref: "ACME", limit: 10, ...query });
      assert.deepEqual(await list({}), [l1, l2, l3]);
      assert.deepEqual(await list({ limit: 2 }), [l1, l2]);
      assert.deepEqual(await list({ afterId: l2.id }), [l3]);
      assert.deepEqual(await list({ status: "scheduled" }), [l1, l2]);
      assert.deepEqual(await list({ status: "skipped" }), [l3]);
      assert.deepEqual(await list({ orderRef: "L-2" }), [l2]);
      assert.deepEqual(await list({ dueBefore: "2026-06-09T09:00:00.000Z" }), [l1], "strictly before");
      assert.deepEqual(await list({ status: "due" }), []);
      assert.equal(await store.findInvitation("BETA", l1.id), undefined, "another organisation's");
      assert.equal((await store.listInvitations({ trkref: "BETA", limit: 10 })).length, 1);
    });

    it("schedules nothing when processing is given no invitation settings", async () => {
      const { store } = fixture();
      await store.commitIntake([
        { submissions: [submission(order("NONE-1", { order_date: "2026-06-01" }))] },
      ]);
      await store.processPendingSubmissions(10, { now: "2026-06-01T10:00:00.000Z" });
      assert.equal((await store.findOrder("ACME", "NONE-1"))?.order.order_ref, "NONE-1");
      assert.equal((await store.findOrderInvitation("ACME", "NONE-1")).invitation, null);
    });
  });
}
