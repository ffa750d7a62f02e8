import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { assertProblem, assertValidationProblem } from "../helpers/problem-assertions.js";
import { createOrgAndKey, type TestApp } from "../helpers/test-app.js";
import {
  createInvitationApp,
  eventsOf,
  type InvitationBody,
  invitationOf,
  postJson,
  processWithInvitations,
  readBack,
  storeOrders,
  submit,
  todaysOrder,
} from "./invitation-requests.js";

interface CancellationAnswer {
  order_ref: string;
  cancellation: { reason: string; whole: boolean; skus: string[]; cancelled_at: string };
  invitation: InvitationBody | null;
}

const cancelUrl = (trkref: string, orderRef: string) =>
  `/v4/organisations/${trkref}/customer_orders/${orderRef}/cancellation`;
const isIsoTimestamp = (value: unknown) =>
  typeof value === "string" && new Date(value).toISOString() === value;

async function cancel(t: TestApp, orderRef: string, body: unknown): Promise<CancellationAnswer> {
  const response = await postJson(t, cancelUrl("ACME", orderRef), body);
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as CancellationAnswer;
}

describe("POST /v4/organisations/{trkref}/customer_orders/{order_ref}/cancellation", () => {
  let t: TestApp;
  before(async () => {
    t = await createInvitationApp();
  });
  after(() => t.close());

  it("cancels the whole order as cancelled without a body, and its scheduled invitation with it", async () => {
    await storeOrders(t, [todaysOrder("ACME", "WHOLE-1", "wanda.whole@example.com")]);
    const scheduled = await invitationOf(t, "ACME", "WHOLE-1");
    const answer = await cancel(t, "WHOLE-1", undefined);
    const { cancelled_at, ...cancellation } = answer.cancellation;
    assert.deepEqual(cancellation, { reason: "cancelled", whole: true, skus: [] });
    assert.ok(isIsoTimestamp(cancelled_at));
    assert.equal(answer.order_ref, "WHOLE-1");
    assert.deepEqual(
      { ...answer.invitation, updated_at: scheduled.updated_at },
      { ...scheduled, status: "cancelled", reason: "cancelled" },
    );
    const order = await readBack(t, "ACME", "WHOLE-1");
    assert.deepEqual([order.invitation, order.cancellation], [answer.invitation, answer.cancellation]);
    const events = (await eventsOf(t, "ACME", "order.cancelled")).filter((e) => e.order_ref === "WHOLE-1");
    assert.deepEqual(
      events.map((event) => event.data),
      [{ order_ref: "WHOLE-1", cancellation: answer.cancellation }],
    );
  });

  it("gives the invitation the cancellation's reason, and answers a repeat as it is, with no new event", async () => {
    await storeOrders(t, [todaysOrder("ACME", "REFUND-1", "rita.refund@example.com")]);
    const answer = await cancel(t, "REFUND-1", { reason: "refunded" });
    assert.deepEqual(
      [answer.cancellation.reason, answer.invitation?.status, answer.invitation?.reason],
      ["refunded", "cancelled", "refunded"],
    );
    assert.deepEqual(await cancel(t, "REFUND-1", { reason: "refunded" }), answer);
    const events = (await eventsOf(t, "ACME", "order.cancelled")).filter((e) => e.order_ref === "REFUND-1");
    assert.equal(events.length, 1);
  });

  it("leaves cancelled SKUs out of the invitation, adding up partial cancellations", async () => {
    await storeOrders(t, [todaysOrder("ACME", "PART-1", "pat.partial@example.com")]);
    const first = await cancel(t, "PART-1", { reason: "returned", skus: ["MUG-001", "MUG-001"] });
    assert.deepEqual(
      [first.cancellation.reason, first.cancellation.whole, first.cancellation.skus],
      ["returned", false, ["MUG-001"]],
    );
    assert.equal(first.invitation?.status, "scheduled");
    assert.deepEqual(first.invitation?.products, [{ sku: "TSHIRT-BLUE-M", price: "55.99", currency: "GBP" }]);
    assert.deepEqual((await invitationOf(t, "ACME", "PART-1")).products, first.invitation?.products);
    assert.deepEqual(await cancel(t, "PART-1", { reason: "returned", skus: ["MUG-001"] }), first);

    const second = await cancel(t, "PART-1", { reason: "returned", skus: ["TSHIRT-BLUE-M"] });
    assert.deepEqual([...second.cancellation.skus].sort(), ["MUG-001", "TSHIRT-BLUE-M"]);
    assert.equal(second.cancellation.whole, false);
    assert.deepEqual([second.invitation?.status, second.invitation?.reason], ["cancelled", "returned"]);
    assert.deepEqual((await readBack(t, "ACME", "PART-1")).cancellation, second.cancellation);
  });

  it("reads a SKU as the order document does: a whole number is its decimal string", async () => {
    const order = {
      ...todaysOrder("ACME", "NUMERIC-1", "nina.numeric@example.com"),
      order_items: [
        { sku: 1001, price: "20", currency: "GBP" },
        { sku: "MUG-001", price: 12.5, currency: "GBP" },
      ],
    };
    await storeOrders(t, [order]);
    const answer = await cancel(t, "NUMERIC-1", { skus: [1001] });
    assert.deepEqual(answer.cancellation.skus, ["1001"]);
    assert.deepEqual(
      answer.invitation?.products.map((product) => product.sku),
      ["MUG-001"],
    );
  });

  it("answers invitation null for an order of an organisation that schedules none", async () => {
    await t.store.createOrganisation({ trkref: "NOINVITE", name: "No Invite Ltd", enabled: true });
    await t.store.setOrganisationInvitationPolicy("NOINVITE", { enabled: false });
    const key = await createOrgAndKey(t.store, "NOINVITE");
    await storeOrders(t, [todaysOrder("NOINVITE", "QUIET-1", "quiet@example.com")], key.authorization);
    const before = await readBack(t, "NOINVITE", "QUIET-1", key.authorization);
    assert.deepEqual([before.invitation, before.cancellation], [null, null]);
    const response = await postJson(t, cancelUrl("NOINVITE", "QUIET-1"), {}, key.authorization);
    assert.equal(response.statusCode, 200, response.body);
    const answer = response.json() as CancellationAnswer;
    assert.deepEqual([answer.cancellation.whole, answer.invitation], [true, null]);
  });

  it("refuses with 409 order_not_processed and Retry-After while the order's first submission waits", async () => {
    await submit(t, todaysOrder("ACME", "FIRST-WAITING", "fay.first@example.com"));
    const response = await postJson(t, cancelUrl("ACME", "FIRST-WAITING"), {});
    const body = assertProblem(response, 409, "order_not_processed");
    assert.equal(response.headers["retry-after"], "1");
    assert.match(body.detail, /"FIRST-WAITING" of ACME is not processed yet/);
    await processWithInvitations(t);
    const answer = await cancel(t, "FIRST-WAITING", { reason: "returned" });
    assert.deepEqual([answer.invitation?.status, answer.invitation?.reason], ["cancelled", "returned"]);
  });

  it("cancels an order at once while a later submission waits, which does not bring the invitation back", async () => {
    const order = todaysOrder("ACME", "WAITING-1", "walt.waiting@example.com");
    await storeOrders(t, [order]);
    const update = { ...order, order_items: [{ sku: "MUG-001", price: 12.5, currency: "GBP" }] };
    await submit(t, update);
    const answer = await cancel(t, "WAITING-1", {});
    assert.equal(answer.invitation?.status, "cancelled");
    await processWithInvitations(t);
    const updated = await readBack(t, "ACME", "WAITING-1");
    assert.deepEqual(updated.cancellation, answer.cancellation);
    assert.equal(updated.invitation?.status, "cancelled");
  });

  it("answers 404 for an order not processed, and for a key of another organisation before the body", async () => {
    assertProblem(await postJson(t, cancelUrl("ACME", "NEVER-SENT"), {}), 404, "not_found");
    assertProblem(await postJson(t, cancelUrl("ACME", "NUL%00REF"), {}), 404, "not_found");
    await storeOrders(t, [todaysOrder("ACME", "HIDDEN-ORDER", "hidden.order@example.com")]);
    const stranger = await createOrgAndKey(t.store, "ORDERSTRANGER");
    const refused = await postJson(
      t,
      cancelUrl("ACME", "HIDDEN-ORDER"),
      { reason: "lost" },
      stranger.authorization,
    );
    assert.match(
      assertProblem(refused, 404, "not_found").detail,
      /No organisation ACME this API key may act for/,
    );
    assertProblem(await postJson(t, cancelUrl("ACME", "HIDDEN-ORDER"), {}, null), 401, "unauthorized");
    assertProblem(await postJson(t, cancelUrl("acme", "HIDDEN-ORDER"), {}), 400, "invalid_trkref");
    assert.equal((await readBack(t, "ACME", "HIDDEN-ORDER")).cancellation, null);
  });

  const tooMany = Array.from({ length: 501 }, (_, index) => `SKU-${index}`);
  const refusals: [string, unknown, [string, string][]][] = [
    ["an unknown reason", { reason: "lost" }, [["/reason", "invalid_choice"]]],
    ["a reason that is not a string", { reason: 3 }, [["/reason", "wrong_type"]]],
    ["null skus", { skus: null }, [["/skus", "wrong_type"]]],
    ["skus that are not a list", { skus: "MUG-001" }, [["/skus", "wrong_type"]]],
    ["an empty list of skus", { skus: [] }, [["/skus", "empty_list"]]],
    [`${tooMany.length} skus`, { skus: tooMany }, [["/skus", "too_many"]]],
    [
      "wrong SKUs among good ones",
      { skus: ["MUG-001", " ", null, "x".repeat(256), 1.5, "A\u0000B"] },
      [
        ["/skus/1", "blank"],
        ["/skus/2", "required"],
        ["/skus/3", "too_long"],
        ["/skus/4", "not_an_integer"],
        ["/skus/5", "invalid_character"],
      ],
    ],
    [
      "an unknown member beside wrong ones",
      { sku: "MUG-001", reason: "lost", skus: [] },
      [
        ["/sku", "unknown_member"],
        ["/reason", "invalid_choice"],
        ["/skus", "empty_list"],
      ],
    ],
    ["a body that is not an object", ["MUG-001"], [["", "wrong_type"]]],
    // A JSON null is a body: it must not be taken for none, which would cancel the whole order.
    ["a null body", null, [["", "wrong_type"]]],
  ];
  for (const [what, payload, expected] of refusals) {
    it(`refuses ${what} with 422 invalid_cancellation, cancelling nothing`, async () => {
      const orderRef = `REFUSED-${refusals.findIndex(([name]) => name === what)}`;
      await storeOrders(t, [todaysOrder("ACME", orderRef, `${orderRef.toLowerCase()}@example.com`)]);
      const { body, fields } = assertValidationProblem(
        await postJson(t, cancelUrl("ACME", orderRef), payload),
        "invalid_cancellation",
      );
      assert.deepEqual(fields, expected);
      assert.match(body.detail, /^The cancellation has \d+ errors?; nothing was cancelled$/);
      const order = await readBack(t, "ACME", orderRef);
      assert.deepEqual([order.cancellation, order.invitation?.status], [null, "scheduled"]);
    });
  }
});
