import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { invitationDueEvent } from "../../src/domain/invitation-events.js";
import { BUILT_IN_INVITATION_POLICY, type InvitationPolicy } from "../../src/domain/invitation-policy.js";
import {
  decideRelease,
  type ReleasedInvitation,
  type ReleaseInput,
} from "../../src/domain/invitation-release.js";
import type { InvitationRow, OrderCancellation } from "../../src/domain/invitations.js";
import type { NormalisedOrder } from "../../src/domain/normalised-order.js";
import { scheduledInvitation } from "./invitation-fixtures.js";

// The built-in policy: UTC, a cap of 30 days, at most 180 days old.
const POLICY: InvitationPolicy = BUILT_IN_INVITATION_POLICY;
const NOW = new Date("2026-05-08T09:00:00.000Z");
const DAY_MS = 86_400_000;
const daysAgo = (days: number): string => new Date(NOW.getTime() - days * DAY_MS).toISOString();

const ORDER: NormalisedOrder = {
  trkref: "ACME",
  order_ref: "O-1",
  order_date: "2026-05-01",
  language: "en",
  locale: "en-GB",
  customer: { email: "jane@example.com", title: "Ms", first_name: "Jane", surname: "Doe", country: "GB" },
  order_items: [
    { sku: "B", price: "20.00", currency: "GBP", metadata: { name: "Bowl" } },
    { sku: "A", price: "30.00", currency: "GBP", metadata: { name: "Mug", colours: ["red", "blue"] } },
  ],
};

const INVITATION = scheduledInvitation({ dueAt: NOW.toISOString() });

const input = (changes: Partial<ReleaseInput> = {}): ReleaseInput => ({
  invitation: INVITATION,
  order: { order: ORDER, suppressed: false },
  cancellation: undefined,
  customerSuppressed: false,
  policy: POLICY,
  released: [],
  now: NOW,
  ...changes,
});

const released = (
  releasedAt: string,
  skus: string[],
  id = "0190a1b2-0000-7000-8000-00000000000f",
): ReleasedInvitation => ({
  id,
  releasedAt,
  products: skus.map((sku) => ({ sku })),
});

const cancellation = (changes: Partial<OrderCancellation> = {}): OrderCancellation => ({
  trkref: "ACME",
  orderRef: "O-1",
  reason: "refunded",
  whole: true,
  skus: [],
  cancelledAt: "2026-05-02T10:00:00.000Z",
  ...changes,
});

const reasonOf = (changes: Partial<ReleaseInput>): string | undefined => {
  const decision = decideRelease(input(changes));
  return decision.status === "skipped" ? decision.reason : undefined;
};

describe("decideRelease", () => {
  it("makes an invitation due with all its products when nothing stands in the way", () => {
    assert.deepEqual(decideRelease(input()), { status: "due", products: INVITATION.products });
  });

  it("skips it as erased when its order is gone or its customer's hash was erased", () => {
    assert.equal(reasonOf({ order: undefined }), "erased");
    assert.equal(reasonOf({ invitation: { ...INVITATION, customerHash: null } }), "erased");
  });

  it("skips it as cancelled when its order was cancelled as a whole", () => {
    assert.equal(reasonOf({ cancellation: cancellation() }), "cancelled");
  });

  it("makes it due without the SKUs of a partial cancellation", () => {
    assert.deepEqual(decideRelease(input({ cancellation: cancellation({ whole: false, skus: ["A"] }) })), {
      status: "due",
      products: [{ sku: "B", price: "20.00", currency: "GBP" }],
    });
    assert.equal(reasonOf({ cancellation: cancellation({ whole: false, skus: ["A", "B"] }) }), "no_products");
  });

  it("skips it as suppressed when the customer is on the suppression list or the order kept without them", () => {
    assert.equal(reasonOf({ customerSuppressed: true }), "suppressed");
    assert.equal(reasonOf({ order: { order: ORDER, suppressed: true } }), "suppressed");
  });

  it("skips it as too old once its trigger date is past the maximum age, not at it", () => {
    assert.equal(reasonOf({ policy: { ...POLICY, max_order_age_days: 7 } }), undefined);
    assert.equal(reasonOf({ policy: { ...POLICY, max_order_age_days: 6 } }), "too_old");
  });

  it("skips it as capped when another invitation reached the customer within the cap", () => {
    assert.equal(reasonOf({ released: [released(daysAgo(29), ["Z"])] }), "capped");
    assert.equal(reasonOf({ released: [released(NOW.toISOString(), ["Z"])] }), "capped");
    assert.equal(
      reasonOf({ policy: { ...POLICY, frequency_cap_days: 60 }, released: [released(daysAgo(45), ["Z"])] }),
      "capped",
    );
  });

  it("does not cap once the cap's days have passed", () => {
    assert.equal(reasonOf({ released: [released(daysAgo(30), ["Z"])] }), undefined);
    assert.equal(reasonOf({ released: [released(daysAgo(31), ["Z"])] }), undefined);
  });

  it("does not cap under a cap of 0 days", () => {
    const uncapped = { ...POLICY, frequency_cap_days: 0 };
    assert.equal(reasonOf({ policy: uncapped, released: [released(NOW.toISOString(), ["Z"])] }), undefined);
  });

  it("does not count the invitation itself towards the cap", () => {
    assert.equal(reasonOf({ released: [released(daysAgo(1), ["Z"], INVITATION.id)] }), undefined);
  });

  it("leaves out the SKUs of invitations released to the customer in the last 365 days", () => {
    const uncapped = { ...POLICY, frequency_cap_days: 0 };
    assert.deepEqual(decideRelease(input({ policy: uncapped, released: [released(daysAgo(100), ["A"])] })), {
      status: "due",
      products: [{ sku: "B", price: "20.00", currency: "GBP" }],
    });
    const both = [
      released(daysAgo(100), ["A"]),
      released(daysAgo(364), ["B"], "0190a1b2-0000-7000-8000-00000000000e"),
    ];
    assert.equal(reasonOf({ released: both }), "no_products");
    assert.equal(reasonOf({ policy: uncapped, released: [released(daysAgo(1), ["A", "B"])] }), "no_products");
    assert.equal(reasonOf({ released: [released(daysAgo(366), ["A", "B"])] }), undefined);
  });

  it("gives the first reason met, in the order of the checks", () => {
    const everything: Partial<ReleaseInput> = {
      cancellation: cancellation(),
      customerSuppressed: true,
      policy: { ...POLICY, max_order_age_days: 1 },
      released: [released(daysAgo(1), ["A", "B"])],
    };
    assert.equal(reasonOf({ ...everything, order: undefined }), "erased");
    assert.equal(reasonOf(everything), "cancelled");
    assert.equal(reasonOf({ ...everything, cancellation: undefined }), "suppressed");
    assert.equal(reasonOf({ ...everything, cancellation: undefined, customerSuppressed: false }), "too_old");
    assert.equal(
      reasonOf({ ...everything, cancellation: undefined, customerSuppressed: false, policy: POLICY }),
      "capped",
    );
  });
});

describe("invitationDueEvent", () => {
  const due: InvitationRow = {
    ...INVITATION,
    status: "due",
    releasedAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
  };
  const link = { url: "https://reviews.example.com/r/token", expires_at: "2026-06-07T09:00:00.000Z" };

  it("carries what a mailer needs: the customer, the products with their metadata, the merchant, the link", () => {
    const event = invitationDueEvent(
      { invitation: due, order: ORDER, merchantName: "Acme Ltd", reviewLink: link },
      "event-1",
      NOW.toISOString(),
    );
    assert.deepEqual(event, {
      id: "event-1",
      type: "invitation.due",
      trkref: "ACME",
      orderRef: "O-1",
      createdAt: NOW.toISOString(),
      data: {
        invitation: {
          id: INVITATION.id,
          order_ref: "O-1",
          status: "due",
          reason: null,
          trigger_date: "2026-05-01",
          due_at: NOW.toISOString(),
          products: INVITATION.products,
          created_at: "2026-05-01T12:00:00.000Z",
          updated_at: NOW.toISOString(),
          released_at: NOW.toISOString(),
          delivery: null,
        },
        customer: { email: "jane@example.com", title: "Ms", first_name: "Jane" },
        language: "en",
        locale: "en-GB",
        products: [
          { sku: "A", price: "30.00", currency: "GBP", metadata: { name: "Mug", colours: ["red", "blue"] } },
          { sku: "B", price: "20.00", currency: "GBP", metadata: { name: "Bowl" } },
        ],
        merchant: { trkref: "ACME", name: "Acme Ltd" },
        review_link: link,
      },
    });
  });

  it("gives null for what the order leaves out, and empty metadata for an item without any", () => {
    const bare: NormalisedOrder = {
      trkref: "ACME",
      order_ref: "O-1",
      customer: { email: "jane@example.com" },
      order_items: [{ sku: "A" }],
    };
    const event = invitationDueEvent(
      {
        invitation: { ...due, products: [{ sku: "A" }] },
        order: bare,
        merchantName: "ACME",
        reviewLink: null,
      },
      "event-2",
      NOW.toISOString(),
    );
    assert.deepEqual(event.data.customer, { email: "jane@example.com", title: null, first_name: null });
    assert.equal(event.data.language, null);
    assert.equal(event.data.locale, null);
    assert.deepEqual(event.data.products, [{ sku: "A", metadata: {} }]);
    assert.equal(event.data.review_link, null);
  });

  it("takes a product's metadata from the item whose price it names when its SKU is on several items", () => {
    const order: NormalisedOrder = {
      ...ORDER,
      order_items: [
        { sku: "A", price: "10.00", currency: "GBP", metadata: { size: "S" } },
        { sku: "A", price: "30.00", currency: "GBP", metadata: { size: "L" } },
        { sku: "A", price: "5.00", currency: "GBP", metadata: { size: "XS" } },
      ],
    };
    const invitation = { ...due, products: [{ sku: "A", price: "30.00", currency: "GBP" }] };
    const event = invitationDueEvent(
      { invitation, order, merchantName: "Acme Ltd", reviewLink: null },
      "e",
      "t",
    );
    assert.deepEqual(event.data.products, [
      { sku: "A", price: "30.00", currency: "GBP", metadata: { size: "L" } },
    ]);
  });
});
