import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { assertProblem, assertValidationProblem } from "../helpers/problem-assertions.js";
import { createKey, createOrgAndKey, type TestApp } from "../helpers/test-app.js";
import { createAppPool, postOrder } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

const postBatch = (t: TestApp, orders: unknown, authorization: string | null = t.acme.authorization) =>
  t.app.inject({
    method: "POST",
    url: "/v4/customer_orders",
    headers: { "content-type": "application/json", ...(authorization !== null && { authorization }) },
    payload: JSON.stringify(orders),
  });

const order = (ref: string) => ({ ...exampleOrder("ACME"), order_ref: ref });
// Two wrong fields: order_ref is missing, and the locale names no country.
const { order_ref: _dropped, ...withoutRef } = { ...order("X"), locale: "en-XX" };

interface WireResult {
  index: number;
  status: string;
  errors?: string[];
  invalid_params?: { pointer: string; code: string; message: string }[];
}

describe("v4 clients: a single order's 422", () => {
  it("lists each problem as a string in errors, in the original's style, and the entries in invalid_params", async () => {
    const t = await apps.open();
    const response = await postOrder(t, withoutRef);
    const { body, fields } = assertValidationProblem(response);
    assert.deepEqual(fields, [
      ["/order_ref", "required"],
      ["/locale", "invalid_locale"],
    ]);
    assert.deepEqual(body.errors, ["order_ref cannot be blank", "invalid locale"]);
    assert.equal(body.message, "Validation failed");
  });

  it("names nested fields by their path", async () => {
    const t = await apps.open();
    const response = await postOrder(t, {
      ...order("N-1"),
      customer: { email: "" },
      order_items: [{ sku: "A" }, { sku: " " }],
    });
    const { body } = assertValidationProblem(response);
    assert.deepEqual(body.errors, ["customer.email cannot be blank", "order_items[1].sku cannot be blank"]);
  });

  it("says a blank optional code cannot be blank, as the original's own example does", async () => {
    const t = await apps.open();
    const { body } = assertValidationProblem(await postOrder(t, { ...order("L-1"), locale: "" }));
    assert.deepEqual(body.errors, ["locale cannot be blank"]);
    assert.deepEqual(body.invalid_params?.[0]?.code, "blank");
  });

  it("says No data provided for an empty document", async () => {
    const t = await apps.open();
    const { body } = assertValidationProblem(await postOrder(t, {}), "no_data");
    assert.deepEqual(body.errors, ["No data provided"]);
  });
});

describe("v4 clients: a batch's answer", () => {
  it("says Batch Accepted and has an empty errors array when every order was accepted", async () => {
    const t = await apps.open();
    const response = await postBatch(t, [order("B-1")]);
    assert.equal(response.statusCode, 202, response.body);
    const body = response.json() as { message: string; errors: unknown[] };
    assert.equal(body.message, "Batch Accepted");
    assert.deepEqual(body.errors, []);
  });

  it("lists each rejected order as sent with its errors as strings; results carry invalid_params", async () => {
    const t = await apps.open();
    const response = await postBatch(t, [order("B-1"), withoutRef]);
    assert.equal(response.statusCode, 206, response.body);
    const body = response.json() as { errors: unknown[]; results: WireResult[] };
    assert.deepEqual(body.errors, [
      { customer_order: withoutRef, errors: ["order_ref cannot be blank", "invalid locale"] },
    ]);
    const rejected = body.results[1];
    assert.deepEqual(rejected?.errors, ["order_ref cannot be blank", "invalid locale"]);
    assert.deepEqual(
      rejected?.invalid_params?.map((error) => error.code),
      ["required", "invalid_locale"],
    );
  });

  it("carries the same members when no order was accepted, and in the batch's status", async () => {
    const t = await apps.open();
    const response = await postBatch(t, [withoutRef]);
    const problem = assertProblem(response, 422, "batch_invalid") as unknown as {
      errors: unknown[];
      results: WireResult[];
    };
    assert.deepEqual(problem.errors, [
      { customer_order: withoutRef, errors: ["order_ref cannot be blank", "invalid locale"] },
    ]);
    assert.equal(problem.results[0]?.invalid_params?.length, 2);
    const status = await t.app.inject({
      method: "GET",
      url: String(response.headers.location),
      headers: { authorization: t.acme.authorization },
    });
    const [result] = (status.json() as { results: WireResult[] }).results;
    assert.deepEqual(result?.errors, ["order_ref cannot be blank", "invalid locale"]);
    assert.equal(result?.invalid_params?.[0]?.pointer, "/order_ref");
  });

  it("gives a key's refusal in a batch as the order's error string", async () => {
    const t = await apps.open();
    await createOrgAndKey(t.store, "OTHER");
    const response = await postBatch(t, [order("B-1"), { ...exampleOrder("OTHER"), order_ref: "B-2" }]);
    const body = response.json() as { errors: { errors: string[] }[] };
    assert.deepEqual(body.errors[0]?.errors, ["This API key may not submit orders for OTHER"]);
  });
});

describe("v4 clients: refusals", () => {
  it("answers every 403 with error: Access denied", async () => {
    const t = await apps.open();
    await t.store.createOrganisation({ trkref: "OFF", name: "Off Ltd", enabled: false });
    const offKey = await createKey(t.store, ["OFF"]);
    const notAllowed = await postOrder(t, exampleOrder("OTHER"), { trkref: "OTHER" });
    const disabled = await postOrder(t, exampleOrder("OFF"), {
      trkref: "OFF",
      authorization: offKey.authorization,
    });
    for (const [response, code] of [
      [notAllowed, "key_not_allowed"],
      [disabled, "feature_disabled"],
    ] as const) {
      const body = assertProblem(response, 403, code);
      assert.equal(body.error, "Access denied");
    }
  });

  it("answers the batch endpoint's 401 with errors: Unauthorized, and the single one without", async () => {
    const t = await apps.open();
    const batch = assertProblem(await postBatch(t, [order("B-1")], null), 401, "unauthorized");
    assert.equal(batch.errors, "Unauthorized");
    assert.equal(batch.message, "Unauthorized");
    const single = assertProblem(
      await postOrder(t, order("S-1"), { authorization: null }),
      401,
      "unauthorized",
    );
    assert.equal("errors" in single, false);
    assert.match(String(single.detail), /./);
  });
});
