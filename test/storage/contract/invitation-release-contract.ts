import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { invitationWire } from "../../../src/domain/invitation-events.js";
import { newRecordId } from "../../../src/domain/record-id.js";
import { verifyReviewToken } from "../../../src/domain/review-token.js";
import type { Store } from "../../../src/storage/store.js";
import { type OpenFixture, order, useFreshFixture } from "./contract-fixture.js";
import {
  daysAfter,
  hasherOf,
  invitationEvents,
  invitationOf,
  item,
  placeAt,
  REVIEW_LINK_PREFIX,
  REVIEW_LINK_SECRET,
  releaseAt,
  typesOf,
} from "./invitation-test-data.js";

const PLACED = "2026-06-01T10:00:00.000Z";
/** When an order of 2026-06-01 placed at PLACED is due under the built-in policy. */
const DUE = "2026-06-08T09:00:00.000Z";
const JANE = { email: "jane@example.com", title: "Ms", first_name: "Jane", country: "GB" };
const BOB = { email: "bob@example.com", country: "GB" };

const nothingTaken = { taken: 0, due: 0, skipped: {}, events: 0 };

/** Runs ACME's erasure of the customer with this email at `now`, and returns its counts. */
async function eraseCustomer(store: Store, email: string, now: string) {
  const hasher = await hasherOf(store);
  const id = newRecordId();
  await store.createErasureRequest({
    id,
    trkref: "ACME",
    subjects: [{ kind: "email", hash: hasher.email("ACME", email) }],
    requestedBy: "operator",
    requestedAt: now,
  });
  return (await store.runErasure(id, now))?.counts;
}

/**
 * The due-time check: nothing before the due time; at it, each invitation once, made due with what a mailer
 * needs, or skipped with the first reason met.
 */
export function invitationReleaseContract(open: OpenFixture): void {
  describe("invitation release at the due time", () => {
    const fixture = useFreshFixture(open);

    it("releases an invitation at its due time, not before, with the order as it stands then", async () => {
      const { store } = fixture();
      const items = [{ ...item("SKU-1", "55.99"), metadata: { name: "Kettle" } }, item("SKU-2", "5.00")];
      const placed = { order_date: "2026-06-01", customer: JANE, language: "en", locale: "en-GB" };
      await placeAt(store, PLACED, order("O-1", { ...placed, order_items: items }));
      // A later submission changes only the customer's name: the invitation keeps its time.
      const renamed = { ...placed, customer: { ...JANE, first_name: "Janet" }, order_items: items };
      await placeAt(store, "2026-06-02T10:00:00.000Z", order("O-1", renamed));
      const scheduled = await invitationOf(store, "O-1");
      assert.equal(scheduled.dueAt, DUE);

      assert.deepEqual(await releaseAt(store, "2026-06-08T08:59:59.999Z"), nothingTaken);
      assert.equal((await invitationOf(store, "O-1")).status, "scheduled");

      assert.deepEqual(await releaseAt(store, DUE), { taken: 1, due: 1, skipped: {}, events: 1 });
      const due = await invitationOf(store, "O-1");
      assert.deepEqual(due, { ...scheduled, status: "due", releasedAt: DUE, updatedAt: DUE });

      const events = await invitationEvents(store);
      assert.deepEqual(typesOf(events), [
        ["invitation.scheduled", "O-1"],
        ["invitation.due", "O-1"],
      ]);
      const { review_link: link, ...data } = (events[1]?.data ?? {}) as { review_link: { url: string } };
      assert.deepEqual(data, {
        invitation: invitationWire(due),
        customer: { email: "jane@example.com", title: "Ms", first_name: "Janet" },
        language: "en",
        locale: "en-GB",
        products: [
          { ...item("SKU-1", "55.99"), metadata: { name: "Kettle" } },
          { ...item("SKU-2", "5.00"), metadata: {} },
        ],
        merchant: { trkref: "ACME", name: "Acme" },
      });
      const expiresAt = daysAfter(DUE, 90);
      assert.equal(expiresAt, "2026-09-06T09:00:00.000Z");
      assert.deepEqual({ ...link, url: "" }, { url: "", expires_at: expiresAt });
      assert.ok(link.url.startsWith(REVIEW_LINK_PREFIX), link.url);
      const token = decodeURIComponent(link.url.slice(REVIEW_LINK_PREFIX.length));
      assert.deepEqual(verifyReviewToken(token, REVIEW_LINK_SECRET, new Date(DUE)), {
        valid: true,
        invitationId: due.id,
        expiresAt,
      });

      assert.deepEqual(await releaseAt(store, daysAfter(DUE, 1)), nothingTaken, "released once");
    });

    it("releases late, once, what came due while no process was running", async () => {
      const { store, openAnother } = fixture();
      await placeAt(store, PLACED, order("O-1", { order_date: "2026-06-01" }));
      const restarted = await openAnother();
      const late = daysAfter(DUE, 3);
      try {
        assert.deepEqual(await releaseAt(restarted, late), { taken: 1, due: 1, skipped: {}, events: 1 });
      } finally {
        await restarted.close();
      }
      const due = await invitationOf(store, "O-1");
      assert.deepEqual([due.status, due.dueAt, due.releasedAt], ["due", DUE, late]);
      assert.deepEqual(await releaseAt(store, daysAfter(late, 1)), nothingTaken);
      const told = (await invitationEvents(store)).filter((event) => event.type === "invitation.due");
      assert.equal(told.length, 1);
    });

    it("skips (suppressed) the invitation of a customer put on the list before its due time", async () => {
      const { store } = fixture();
      await placeAt(
        store,
        PLACED,
        order("S-1", { order_date: "2026-06-01" }),
        order("S-2", { order_date: "2026-06-01", customer: BOB }),
      );
      const hasher = await hasherOf(store);
      await store.addSuppressions([
        {
          trkref: "ACME",
          customerHash: hasher.email("ACME", "jane@example.com"),
          reason: "requested",
          createdAt: "2026-06-03T10:00:00.000Z",
        },
      ]);
      assert.deepEqual(await releaseAt(store, DUE), {
        taken: 2,
        due: 1,
        skipped: { suppressed: 1 },
        events: 2,
      });
      const skipped = await invitationOf(store, "S-1");
      assert.deepEqual([skipped.status, skipped.reason, skipped.releasedAt], ["skipped", "suppressed", DUE]);
      assert.equal((await invitationOf(store, "S-2")).status, "due");
      const events = await invitationEvents(store);
      const told = events.find((event) => event.type === "invitation.skipped");
      assert.deepEqual(told && [told.orderRef, told.data], ["S-1", { invitation: invitationWire(skipped) }]);
    });

    it("releases at most one invitation to a customer within the frequency cap", async () => {
      const { store } = fixture();
      await placeAt(
        store,
        PLACED,
        order("CAP-1", { order_date: "2026-06-01" }),
        order("BOB-1", { order_date: "2026-06-01", customer: BOB }),
      );
      // Already past its due time when processed: due at once, later the same day.
      await placeAt(
        store,
        "2026-06-08T11:00:00.000Z",
        order("CAP-2", { order_date: "2026-06-01", order_items: [item("S2", "1")] }),
      );
      assert.equal((await invitationOf(store, "CAP-2")).dueAt, "2026-06-08T11:00:00.000Z");
      const released = "2026-06-08T12:00:00.000Z";
      assert.deepEqual(await releaseAt(store, released), {
        taken: 3,
        due: 2,
        skipped: { capped: 1 },
        events: 3,
      });
      // By order ref: the ids of invitations made in one batch are in no particular order.
      const statuses = async () =>
        (await store.listInvitations({ trkref: "ACME", limit: 10 }))
          .map((i) => [i.orderRef, i.status, i.reason])
          .sort((x, y) => String(x[0]).localeCompare(String(y[0])));
      assert.deepEqual(await statuses(), [
        ["BOB-1", "due", null],
        ["CAP-1", "due", null],
        ["CAP-2", "skipped", "capped"],
      ]);

      // Within the 30 days of the first, in a later run: capped; after them, due.
      await placeAt(
        store,
        released,
        order("CAP-3", { order_date: "2026-06-13", order_items: [item("S3", "1")] }),
        order("CAP-4", { order_date: "2026-07-02", order_items: [item("S4", "1")] }),
      );
      assert.deepEqual((await releaseAt(store, "2026-06-20T09:00:00.000Z")).skipped, { capped: 1 });
      assert.deepEqual((await releaseAt(store, "2026-07-09T09:00:00.000Z")).due, 1);
      assert.deepEqual((await statuses()).slice(2), [
        ["CAP-2", "skipped", "capped"],
        ["CAP-3", "skipped", "capped"],
        ["CAP-4", "due", null],
      ]);
    });

    it("releases every invitation of a customer due together when the organisation has no cap", async () => {
      const { store } = fixture();
      await store.setOrganisationInvitationPolicy("ACME", { frequency_cap_days: 0 });
      await placeAt(store, PLACED, order("NC-1", { order_date: "2026-06-01" }));
      await placeAt(
        store,
        "2026-06-08T11:00:00.000Z",
        order("NC-2", { order_date: "2026-06-01", order_items: [item("S2", "1")] }),
      );
      assert.deepEqual(await releaseAt(store, "2026-06-08T12:00:00.000Z"), {
        taken: 2,
        due: 2,
        skipped: {},
        events: 2,
      });
    });

    it("takes an erased customer's invitations out of the queue: skipped (erased), without their hash or products", async () => {
      const { store, query } = fixture();
      await placeAt(
        store,
        PLACED,
        order("E-1", { order_date: "2026-06-01" }),
        order("E-2", { order_date: "2026-05-25", customer: { email: "kim@example.com" } }),
        order("B-1", { order_date: "2026-06-01", customer: BOB }),
      );
      assert.equal((await releaseAt(store, "2026-06-01T10:00:00.000Z")).due, 1, "Kim's is due already");
      const erasedAt = "2026-06-03T10:00:00.000Z";
      assert.equal((await eraseCustomer(store, "jane@example.com", erasedAt))?.invitations, 1);
      assert.equal((await eraseCustomer(store, "kim@example.com", erasedAt))?.invitations, 1);
      assert.equal((await eraseCustomer(store, "jane@example.com", erasedAt))?.invitations, 0, "not twice");

      const jane = await store.findOrderInvitation("ACME", "E-1");
      assert.equal(jane.cancellation, null);
      const { status, reason, products, updatedAt, releasedAt } = jane.invitation ?? {};
      assert.deepEqual(
        [status, reason, products, updatedAt, releasedAt],
        ["skipped", "erased", [], erasedAt, null],
      );
      const kim = await store.findOrderInvitation("ACME", "E-2");
      assert.deepEqual(
        [kim.invitation?.status, kim.invitation?.products],
        ["due", []],
        "a due one stays due",
      );
      const hashes = await query("SELECT order_ref, customer_hash FROM invitations ORDER BY order_ref");
      assert.deepEqual(
        hashes.map((row) => [row.order_ref, row.customer_hash === null]),
        [
          ["B-1", false],
          ["E-1", true],
          ["E-2", true],
        ],
      );

      assert.deepEqual(await releaseAt(store, DUE), { taken: 1, due: 1, skipped: {}, events: 1 });
      assert.equal((await invitationOf(store, "B-1")).status, "due");
      assert.doesNotMatch(JSON.stringify(await invitationEvents(store)), /jane|kim/i);
    });

    it("skips (no_products) at its due time an invitation whose every SKU the customer was invited to review in the last 12 months", async () => {
      const { store } = fixture();
      // A year's delay: the first invitation was made more than 12 months before the second, but released within them.
      await store.setOrganisationInvitationPolicy("ACME", {
        delay_days: 365,
        max_order_age_days: 400,
        frequency_cap_days: 0,
      });
      const items = [item("A", "9")];
      await placeAt(
        store,
        "2025-06-01T10:00:00.000Z",
        order("Y-1", { order_date: "2025-06-01", order_items: items }),
      );
      assert.equal((await invitationOf(store, "Y-1")).dueAt, "2026-06-01T09:00:00.000Z");
      assert.equal((await releaseAt(store, "2026-06-01T09:00:00.000Z")).due, 1);

      await placeAt(
        store,
        "2026-06-05T10:00:00.000Z",
        order("Y-2", { order_date: "2025-06-10", order_items: items }),
      );
      const scheduled = await invitationOf(store, "Y-2");
      assert.deepEqual([scheduled.status, scheduled.products], ["scheduled", items]);
      assert.deepEqual(await releaseAt(store, "2026-06-10T09:00:00.000Z"), {
        taken: 1,
        due: 0,
        skipped: { no_products: 1 },
        events: 1,
      });
      const skipped = await invitationOf(store, "Y-2");
      assert.deepEqual([skipped.status, skipped.reason], ["skipped", "no_products"]);
      assert.deepEqual(typesOf(await invitationEvents(store)).at(-1), ["invitation.skipped", "Y-2"]);
    });
  });
}
