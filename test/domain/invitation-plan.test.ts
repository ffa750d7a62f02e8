import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { invitationChangeEvent } from "../../src/domain/invitation-events.js";
import {
  type InvitationChange,
  planInvitation,
  type ScheduleInput,
} from "../../src/domain/invitation-plan.js";
import { BUILT_IN_INVITATION_POLICY, type InvitationPolicy } from "../../src/domain/invitation-policy.js";
import type { InvitationRow, InvitationStatus, OrderCancellation } from "../../src/domain/invitations.js";
import type { NormalisedOrder } from "../../src/domain/normalised-order.js";
import { scheduledInvitation } from "./invitation-fixtures.js";

// The built-in policy: UTC, seven days after the trigger date, 09:00-18:00, at most 180 days old.
const POLICY: InvitationPolicy = BUILT_IN_INVITATION_POLICY;
const NOW = new Date("2026-05-02T12:00:00.000Z");
const LATER = new Date("2026-05-03T12:00:00.000Z");

const order = (changes: Partial<NormalisedOrder> = {}): NormalisedOrder => ({
  trkref: "ACME",
  order_ref: "O-1",
  order_date: "2026-05-01",
  customer: { email: "jane@example.com", first_name: "Jane", country: "GB" },
  order_items: [
    { sku: "B", price: "20.00", currency: "GBP" },
    { sku: "A", price: "30.00", currency: "GBP" },
  ],
  ...changes,
});

const input = (changes: Partial<ScheduleInput> = {}): ScheduleInput => ({
  order: order(),
  suppressed: false,
  customerHash: "hash-1",
  policy: POLICY,
  existing: undefined,
  cancellation: undefined,
  recentSkus: new Set(),
  now: NOW,
  newId: () => "0190a1b2-0000-7000-8000-000000000001",
  ...changes,
});

const cancellation = (changes: Partial<OrderCancellation> = {}): OrderCancellation => ({
  trkref: "ACME",
  orderRef: "O-1",
  reason: "cancelled",
  whole: true,
  skus: [],
  cancelledAt: "2026-05-02T10:00:00.000Z",
  ...changes,
});

const SCHEDULED = scheduledInvitation({ createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() });

const planned = (changes: Partial<ScheduleInput>): InvitationChange => {
  const change = planInvitation(input(changes));
  assert.ok(change, "expected a change of the invitation");
  return change;
};

describe("planInvitation for an order without an invitation", () => {
  it("schedules one at the trigger date plus the delay, naming the products by price", () => {
    assert.deepEqual(planInvitation(input()), { row: SCHEDULED, events: [{ type: "invitation.scheduled" }] });
  });

  it("tells of it in an invitation.scheduled event, without the customer's hash", () => {
    const { row, events } = planned({});
    const [change] = events;
    assert.ok(change);
    const event = invitationChangeEvent(change, row, "event-1", NOW.toISOString());
    assert.deepEqual(event, {
      id: "event-1",
      type: "invitation.scheduled",
      trkref: "ACME",
      orderRef: "O-1",
      createdAt: NOW.toISOString(),
      data: {
        invitation: {
          id: SCHEDULED.id,
          order_ref: "O-1",
          status: "scheduled",
          reason: null,
          trigger_date: "2026-05-01",
          due_at: "2026-05-08T09:00:00.000Z",
          products: SCHEDULED.products,
          created_at: NOW.toISOString(),
          updated_at: NOW.toISOString(),
          released_at: null,
          delivery: null,
        },
      },
    });
  });

  it("starts from the fulfilment date, and takes the customer's country's delay", () => {
    const policy = { ...POLICY, country_delay_days: { GB: 3 } };
    const { row } = planned({ order: order({ fulfilment_date: "2026-05-04" }), policy });
    assert.equal(row.triggerDate, "2026-05-04");
    assert.equal(row.dueAt, "2026-05-07T09:00:00.000Z");
  });

  it("plans nothing while the organisation's policy is off", () => {
    assert.equal(planInvitation(input({ policy: { ...POLICY, enabled: false } })), undefined);
  });

  it("plans nothing for an order without a trigger date yet", () => {
    assert.equal(planInvitation(input({ policy: { ...POLICY, trigger: "fulfilment" } })), undefined);
    assert.equal(planInvitation(input({ order: order({ order_date: undefined }) })), undefined);
  });

  it("records one skipped for a suppressed customer, with no time and no products, telling no event", () => {
    assert.deepEqual(planInvitation(input({ suppressed: true })), {
      row: { ...SCHEDULED, status: "skipped", reason: "suppressed", dueAt: null, products: [] },
      events: [],
    });
  });

  it("skips one for an order cancelled as a whole", () => {
    const { row, events } = planned({ cancellation: cancellation() });
    assert.deepEqual([row.status, row.reason, row.dueAt], ["skipped", "cancelled", null]);
    assert.deepEqual(events, []);
  });

  it("leaves out the SKUs of a partial cancellation", () => {
    const { row } = planned({ cancellation: cancellation({ whole: false, skus: ["A"] }) });
    assert.equal(row.status, "scheduled");
    assert.deepEqual(row.products, [{ sku: "B", price: "20.00", currency: "GBP" }]);
  });

  it("skips one whose trigger date is older than the maximum age", () => {
    const { row, events } = planned({ order: order({ order_date: "2025-11-01" }) });
    assert.deepEqual([row.status, row.reason, row.triggerDate], ["skipped", "too_old", "2025-11-01"]);
    assert.deepEqual(events, []);
  });

  it("leaves out the products the customer was recently invited to review", () => {
    assert.deepEqual(planned({ recentSkus: new Set(["A"]) }).row.products, [
      { sku: "B", price: "20.00", currency: "GBP" },
    ]);
    const { row, events } = planned({ recentSkus: new Set(["A", "B"]) });
    assert.deepEqual([row.status, row.reason, row.products], ["skipped", "no_products", []]);
    assert.deepEqual(events, []);
  });
});

describe("planInvitation for an order with a scheduled invitation", () => {
  it("reschedules it for a new fulfilment date, telling the previous due time", () => {
    const { row, events } = planned({
      order: order({ fulfilment_date: "2026-05-05" }),
      existing: SCHEDULED,
      now: LATER,
    });
    assert.deepEqual(row, {
      ...SCHEDULED,
      triggerDate: "2026-05-05",
      dueAt: "2026-05-12T09:00:00.000Z",
      updatedAt: LATER.toISOString(),
    });
    assert.deepEqual(events, [{ type: "invitation.rescheduled", previousDueAt: "2026-05-08T09:00:00.000Z" }]);
    const [change] = events;
    assert.ok(change);
    const event = invitationChangeEvent(change, row, "event-2", LATER.toISOString());
    assert.equal(event.type, "invitation.rescheduled");
    assert.equal(event.data.previous_due_at, "2026-05-08T09:00:00.000Z");
    assert.equal((event.data.invitation as { due_at: string }).due_at, "2026-05-12T09:00:00.000Z");
  });

  it("updates its products when the items changed, keeping its due time", () => {
    const items = [
      { sku: "B", price: "20.00", currency: "GBP" },
      { sku: "A", price: "30.00", currency: "GBP" },
      { sku: "C", price: "99.00", currency: "GBP" },
    ];
    const { row, events } = planned({
      order: order({ order_items: items }),
      existing: SCHEDULED,
      now: LATER,
    });
    assert.deepEqual(row, {
      ...SCHEDULED,
      products: [{ sku: "C", price: "99.00", currency: "GBP" }, ...SCHEDULED.products],
      updatedAt: LATER.toISOString(),
    });
    assert.deepEqual(events, [{ type: "invitation.updated", previousProducts: SCHEDULED.products }]);
    const [change] = events;
    assert.ok(change);
    assert.deepEqual(
      invitationChangeEvent(change, row, "event-3", LATER.toISOString()).data.previous_products,
      [
        { sku: "A", price: "30.00", currency: "GBP" },
        { sku: "B", price: "20.00", currency: "GBP" },
      ],
    );
  });

  it("tells both a new due time and new products when both changed", () => {
    const { events } = planned({
      order: order({
        fulfilment_date: "2026-05-05",
        order_items: [{ sku: "A", price: "30.00", currency: "GBP" }],
      }),
      existing: SCHEDULED,
      now: LATER,
    });
    assert.deepEqual(
      events.map((event) => event.type),
      ["invitation.rescheduled", "invitation.updated"],
    );
  });

  it("changes nothing when nothing that matters changed", () => {
    assert.equal(planInvitation(input({ existing: SCHEDULED, now: LATER })), undefined);
    const renamed = order({ customer: { email: "jane@example.com", first_name: "Janet", country: "GB" } });
    assert.equal(planInvitation(input({ order: renamed, existing: SCHEDULED, now: LATER })), undefined);
  });

  it("keeps the new customer hash of a changed email, telling no event", () => {
    assert.deepEqual(planInvitation(input({ customerHash: "hash-2", existing: SCHEDULED, now: LATER })), {
      row: { ...SCHEDULED, customerHash: "hash-2", updatedAt: LATER.toISOString() },
      events: [],
    });
  });

  it("skips it when the customer is now suppressed or the order cancelled", () => {
    const suppressed = planned({ suppressed: true, existing: SCHEDULED, now: LATER });
    assert.deepEqual(suppressed.row, {
      ...SCHEDULED,
      status: "skipped",
      reason: "suppressed",
      updatedAt: LATER.toISOString(),
    });
    assert.deepEqual(suppressed.events, [{ type: "invitation.skipped" }]);
    const cancelled = planned({ cancellation: cancellation(), existing: SCHEDULED, now: LATER });
    assert.deepEqual([cancelled.row.status, cancelled.row.reason], ["skipped", "cancelled"]);
  });

  for (const status of ["due", "skipped", "cancelled"] satisfies InvitationStatus[]) {
    it(`leaves a ${status} invitation as it is`, () => {
      const existing: InvitationRow = { ...SCHEDULED, status, reason: status === "due" ? null : "cancelled" };
      const changed = order({ fulfilment_date: "2026-05-05", order_items: [{ sku: "Z", price: "1.00" }] });
      assert.equal(planInvitation(input({ order: changed, existing, now: LATER })), undefined);
    });
  }
});
