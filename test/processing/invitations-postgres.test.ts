import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { NormalisedOrder } from "../../src/domain/normalised-order.js";
import { openStore } from "../../src/storage/open-store.js";
import type { Store } from "../../src/storage/store.js";
import { createTestSchema, withPostgres } from "../helpers/postgres.js";
import { submission } from "../storage/contract/contract-fixture.js";
import { SETTINGS } from "../storage/contract/invitation-test-data.js";

const CUSTOMERS = 6;
const ORDERS_PER_CUSTOMER = 8;
const PLACED = "2026-06-01T10:00:00.000Z";
/** After every invitation's due time (2026-06-08T09:00Z), within one frequency cap of it. */
const RELEASED = "2026-06-08T12:00:00.000Z";
/** Small batches, so that the two stores' transactions overlap on the same customers. */
const BATCH = 4;
const MAX_RUNS = 200;

/** An order of `trkref` by customer `c`, its own SKU so that the 12-month rule leaves it a product. */
const orderOf = (trkref: string, c: number, n: number): NormalisedOrder => ({
  trkref,
  order_ref: `C${c}-${n}`,
  order_date: "2026-06-01",
  customer: { email: `customer-${c}@example.com` },
  order_items: [{ sku: `SKU-${c}-${n}`, price: "10.00", currency: "GBP" }],
});

/** Releases in small batches until a run finds nothing to take; says how many this store took. */
async function releaseUntilEmpty(store: Store): Promise<number> {
  let taken = 0;
  for (let run = 0; run < MAX_RUNS; run += 1) {
    const report = await store.releaseDueInvitations({ limit: BATCH, now: RELEASED, settings: SETTINGS });
    if (report.taken === 0) return taken;
    taken += report.taken;
  }
  throw new Error(`invitations still due after ${MAX_RUNS} runs`);
}

/** The organisation's invitation.due and invitation.skipped events, counted per invitation id. */
async function releaseEventsPerInvitation(store: Store, trkref: string): Promise<Map<string, number>> {
  const events = await store.listEvents({
    trkref,
    types: ["invitation.due", "invitation.skipped"],
    limit: 1000,
  });
  const counts = new Map<string, number>();
  for (const event of events) {
    const { id } = (JSON.parse(event.data) as { invitation: { id: string } }).invitation;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

await withPostgres(() =>
  describe("PostgreSQL: invitations released by several processes at once", () => {
    const schema = createTestSchema("invitations");
    const stores: Store[] = [];
    after(async () => {
      for (const store of stores) await store.close();
      await schema.drop();
    });

    it("releases every invitation exactly once, and never two to one customer within the cap", async () => {
      // Two stores, each with its own pool, as two workers would open them.
      stores.push(await openStore(schema.url, { poolSize: 3 }), await openStore(schema.url, { poolSize: 3 }));
      const [first, second] = stores as [Store, Store];
      await first.createOrganisation({ trkref: "ACME", name: "Acme", enabled: true });
      await first.createOrganisation({ trkref: "BETA", name: "Beta", enabled: true });
      const orders: NormalisedOrder[] = [];
      for (let n = 0; n < ORDERS_PER_CUSTOMER; n += 1) {
        for (let c = 0; c < CUSTOMERS; c += 1) orders.push(orderOf("ACME", c, n));
      }
      // The same customer at another organisation: the cap is each organisation's own.
      orders.push(orderOf("BETA", 0, 0), orderOf("BETA", 0, 1));
      await first.commitIntake([{ submissions: orders.map(submission) }]);
      const processed = await first.processPendingSubmissions(orders.length, {
        now: PLACED,
        invitations: SETTINGS,
      });
      assert.equal(processed.invitations, orders.length);

      const taken = await Promise.all([releaseUntilEmpty(first), releaseUntilEmpty(second)]);
      assert.equal(taken[0] + taken[1], orders.length, `taken by each store: ${taken.join(", ")}`);

      for (const trkref of ["ACME", "BETA"]) {
        const invitations = await first.listInvitations({ trkref, limit: 1000 });
        const expected = orders.filter((o) => o.trkref === trkref).length;
        assert.equal(invitations.length, expected, trkref);
        const perInvitation = await releaseEventsPerInvitation(first, trkref);
        for (const invitation of invitations) {
          assert.equal(perInvitation.get(invitation.id), 1, `${trkref} ${invitation.orderRef} told once`);
        }
        assert.equal(perInvitation.size, invitations.length, `${trkref}: no event of another invitation`);

        const dueByCustomer = new Map<string, number>();
        for (const invitation of invitations) {
          const customer = invitation.orderRef.split("-")[0] ?? "";
          if (invitation.status === "due")
            dueByCustomer.set(customer, (dueByCustomer.get(customer) ?? 0) + 1);
          else
            assert.deepEqual(
              [invitation.status, invitation.reason],
              ["skipped", "capped"],
              invitation.orderRef,
            );
        }
        const customers = new Set(invitations.map((invitation) => invitation.orderRef.split("-")[0]));
        assert.deepEqual(
          [...customers].map((customer) => [customer, dueByCustomer.get(customer ?? "")]),
          [...customers].map((customer) => [customer, 1]),
          `${trkref}: one due per customer`,
        );
      }
    });
  }),
);
