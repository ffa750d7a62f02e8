import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { assertProblem, assertValidationProblem } from "../helpers/problem-assertions.js";
import { basicAuth, type TestApp } from "../helpers/test-app.js";
import { countSubmissionRows, createAppPool, postBatch, UUID_V7 } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

/** The members a 422 batch answer carries beside those of every problem document. */
interface BatchProblem {
  message: string;
  id: string;
  summary: { accepted: number; rejected: number };
  results: {
    index: number;
    order_ref: string | null;
    status: string;
    errors: string[];
    invalid_params: { pointer: string; code: string }[];
  }[];
}

const ordersOf = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ ...exampleOrder("ACME"), order_ref: `R-${i}` }));

describe("POST /v4/customer_orders: no order accepted", () => {
  it("answers 422 batch_invalid with the batch id, counts and results, and stores nothing", async () => {
    const t = await apps.open();
    const { customer: _customer, ...withoutCustomer } = exampleOrder("ACME");
    const response = await postBatch(t, [
      withoutCustomer,
      { ...exampleOrder("ACME"), order_ref: 12, order_items: [] },
    ]);

    const body = assertProblem(response, 422, "batch_invalid") as unknown as BatchProblem;
    assert.equal(body.message, "Batch is invalid");
    assert.match(body.id, UUID_V7);
    assert.deepEqual(body.summary, { accepted: 0, rejected: 2 });
    assert.deepEqual(
      body.results.map(({ invalid_params, errors: _strings, ...result }) => ({
        ...result,
        fields: invalid_params.map((error) => [error.pointer, error.code]),
      })),
      [
        { index: 0, order_ref: "ORD-2021-000123", status: "rejected", fields: [["/customer", "required"]] },
        { index: 1, order_ref: "12", status: "rejected", fields: [["/order_items", "empty_list"]] },
      ],
    );
    assert.equal(countSubmissionRows(t), 0);
  });
});

describe("POST /v4/customer_orders: refused as a whole", () => {
  for (const [label, payload] of [
    ["an object", JSON.stringify(exampleOrder("ACME"))],
    ["a string", '"orders"'],
    ["a number", "42"],
  ]) {
    it(`answers 422 wrong_type at "" for ${label}, and stores nothing`, async () => {
      const t = await apps.open();
      const { fields } = assertValidationProblem(await postBatch(t, payload));
      assert.deepEqual(fields, [["", "wrong_type"]]);
      assert.equal(countSubmissionRows(t), 0);
    });
  }

  for (const [label, payload] of [
    ["an empty array", "[]"],
    ["null", "null"],
    ["an empty body", ""],
  ]) {
    it(`answers 422 "No data provided" for ${label}`, async () => {
      const t = await apps.open();
      const { body } = assertValidationProblem(await postBatch(t, payload), "no_data");
      assert.equal(body.message, "No data provided");
      assert.equal(countSubmissionRows(t), 0);
    });
  }

  it("answers 413 too_many_orders past MAX_ORDERS_PER_BATCH, and 202 at it", async () => {
    const t = await apps.open({ MAX_ORDERS_PER_BATCH: "5" });
    const refused = await postBatch(t, ordersOf(6));
    const body = assertProblem(refused, 413, "too_many_orders");
    assert.match(body.detail, /6 orders; at most 5/);
    assert.equal(countSubmissionRows(t), 0);

    const accepted = await postBatch(t, ordersOf(5));
    assert.equal(accepted.statusCode, 202, accepted.body);
    assert.equal(countSubmissionRows(t), 5);
  });

  it("answers 413 payload_too_large past MAX_BATCH_BODY_BYTES, not the single-order limit", async () => {
    const t = await apps.open({ MAX_BODY_BYTES: "2000", MAX_BATCH_BODY_BYTES: "8000" });
    const fits = JSON.stringify(ordersOf(6));
    const tooLarge = JSON.stringify(ordersOf(20));
    assert.ok(Buffer.byteLength(fits) > 2000 && Buffer.byteLength(fits) < 8000);
    assert.ok(Buffer.byteLength(tooLarge) > 8000);

    const accepted = await postBatch(t, fits);
    assert.equal(accepted.statusCode, 202, accepted.body);
    assertProblem(await postBatch(t, tooLarge), 413, "payload_too_large");
    assert.equal(countSubmissionRows(t), 6);
  });

  it("answers 400 invalid_json for a truncated body, and stores nothing", async () => {
    const t = await apps.open();
    const text = JSON.stringify(ordersOf(2));
    assertProblem(await postBatch(t, text.slice(0, -10)), 400, "invalid_json");
    assert.equal(countSubmissionRows(t), 0);
  });

  it("answers 415 for text/plain, and stores nothing", async () => {
    const t = await apps.open();
    const response = await postBatch(t, ordersOf(2), { contentType: "text/plain" });
    assertProblem(response, 415, "unsupported_media_type");
    assert.equal(countSubmissionRows(t), 0);
  });

  for (const [label, authorization] of [
    ["without credentials", () => null],
    ["with a wrong secret", (t: TestApp) => basicAuth(t.acme.keyId, `${t.acme.secret}x`)],
  ] as const) {
    it(`answers 401 with a Basic challenge ${label}, and stores nothing`, async () => {
      const t = await apps.open();
      const response = await postBatch(t, ordersOf(2), { authorization: authorization(t) });
      const body = assertProblem(response, 401, "unauthorized");
      assert.equal(body.message, "Unauthorized");
      assert.match(String(response.headers["www-authenticate"]), /^Basic realm="[^"]+"/);
      assert.equal(countSubmissionRows(t), 0);
    });
  }
});
