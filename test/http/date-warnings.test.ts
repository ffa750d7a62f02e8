import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { createAppPool, postOrder } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

/**
 * An app whose clock reads `clock.now`, which a test may move. The clocks are set in the past, so that a
 * warning the real clock would not give shows that the app's clock was used.
 */
async function openWithClock(start: string) {
  const clock = { now: new Date(start) };
  const t = await apps.open({}, { now: () => clock.now });
  return { t, clock };
}

/** The example order with only a fulfilment date. */
function orderFulfilledOn(orderRef: string, fulfilmentDate: string) {
  const { order_date: _order, ...order } = exampleOrder("ACME");
  return { ...order, order_ref: orderRef, fulfilment_date: fulfilmentDate };
}

const farAhead = {
  pointer: "/fulfilment_date",
  code: "implausible_date",
  message: "02-10-2021 is more than a year after today; check the date",
};

describe("warnings about implausible dates", () => {
  it("are in the 202 answer of a single order, judged by the app's clock", async () => {
    const { t, clock } = await openWithClock("2020-10-01T12:00:00Z");
    const early = await postOrder(t, orderFulfilledOn("D-1", "02-10-2021"));
    assert.equal(early.statusCode, 202, early.body);
    assert.deepEqual(early.json().warnings, [farAhead]);

    clock.now = new Date("2020-10-02T00:00:00Z");
    const later = await postOrder(t, orderFulfilledOn("D-2", "02-10-2021"));
    assert.equal(later.statusCode, 202, later.body);
    assert.equal(later.json().warnings, undefined);
  });

  it("are in a batch's result for each order, judged by the app's clock", async () => {
    const { t } = await openWithClock("2020-10-01T12:00:00Z");
    const old = { ...exampleOrder("ACME"), order_ref: "D-3", order_date: "12-05-1985" };
    const response = await t.app.inject({
      method: "POST",
      url: "/v4/customer_orders",
      headers: { authorization: t.acme.authorization, "content-type": "application/json" },
      payload: JSON.stringify([orderFulfilledOn("D-4", "02-10-2021"), old, exampleOrder("ACME")]),
    });
    assert.equal(response.statusCode, 202, response.body);
    const results = response.json().results as { status: string; warnings?: unknown }[];
    assert.deepEqual(
      results.map((result) => [result.status, result.warnings]),
      [
        ["accepted", [farAhead]],
        [
          "accepted",
          [
            {
              pointer: "/order_date",
              code: "implausible_date",
              message: "12-05-1985 is before 1990; check the date",
            },
          ],
        ],
        ["accepted", undefined],
      ],
    );
  });
});
