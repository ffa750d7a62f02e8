import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { assertProblem, assertValidationProblem } from "../helpers/problem-assertions.js";
import { countSubmissionRows, createAppPool, postOrder, UUID_V7 } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

describe("POST /v4/organisations/{trkref}/customer_order: accepted", () => {
  it("answers 202 with a UUIDv7 id and a Location, and the submission is stored", async () => {
    const t = await apps.open();
    const response = await postOrder(t, exampleOrder("ACME"));

    assert.equal(response.statusCode, 202);
    assert.match(String(response.headers["content-type"]), /^application\/json/);
    const body = response.json();
    assert.deepEqual(Object.keys(body).sort(), ["id", "message", "status"]);
    assert.equal(body.status, 202);
    assert.equal(body.message, "Customer order accepted");
    assert.match(body.id, UUID_V7);
    assert.equal(response.headers.location, `/v4/customer_orders/${body.id}`);

    const stored = await t.store.findSubmission(body.id);
    assert.equal(stored?.status, "accepted");
    assert.equal(stored?.trkref, "ACME");
    assert.equal(stored?.orderRef, exampleOrder("ACME").order_ref);
    assert.equal(countSubmissionRows(t), 1);
  });

  it("lists unknown fields as warnings, with the field probably meant", async () => {
    const t = await apps.open();
    const { fulfilment_date, ...rest } = exampleOrder("ACME");
    const response = await postOrder(t, { ...rest, fulfillment_date: fulfilment_date });

    assert.equal(response.statusCode, 202);
    const body = response.json();
    assert.deepEqual(body.warnings, [
      {
        pointer: "/fulfillment_date",
        code: "unknown_field",
        message: 'Unknown field "fulfillment_date" was ignored',
        hint: "fulfilment_date",
      },
    ]);
    assert.equal((await t.store.findSubmission(body.id))?.status, "accepted");
  });

  for (const contentType of ["application/vnd.api+json", "application/vnd.api+json; charset=utf-8"]) {
    it(`accepts a +json content type (${contentType})`, async () => {
      const t = await apps.open();
      const response = await postOrder(t, exampleOrder("ACME"), { contentType });
      assert.equal(response.statusCode, 202, response.body);
      assert.equal(countSubmissionRows(t), 1);
    });
  }

  it("accepts application/json with a charset parameter", async () => {
    const t = await apps.open();
    const response = await postOrder(t, exampleOrder("ACME"), {
      contentType: "application/json; charset=utf-8",
    });
    assert.equal(response.statusCode, 202, response.body);
  });
});

describe("POST /v4/organisations/{trkref}/customer_order: malformed requests", () => {
  it("answers 400 for a truncated JSON body and stores nothing", async () => {
    const t = await apps.open();
    const text = JSON.stringify(exampleOrder("ACME"));
    const response = await postOrder(t, text.slice(0, text.length / 2));
    assertProblem(response, 400, "invalid_json");
    assert.equal(countSubmissionRows(t), 0);
  });

  for (const trkref of ["acme", "Acme", "AC--ME", "-ACME", "ACME-", "AC__ME", "AC-_ME", "A".repeat(65)]) {
    it(`answers 400 "Invalid TRKREF supplied" for the path trkref ${trkref.slice(0, 12)}`, async () => {
      const t = await apps.open();
      const response = await postOrder(t, exampleOrder("ACME"), { trkref });
      const body = assertProblem(response, 400, "invalid_trkref");
      assert.equal(body.message, "Invalid TRKREF supplied");
      assert.equal(countSubmissionRows(t), 0);
    });
  }

  it("answers 422 prototype_key for a body with a __proto__ key, pollutes nothing and stores nothing", async () => {
    const t = await apps.open();
    const text = JSON.stringify(exampleOrder("ACME")).replace(/^\{/, '{"__proto__":{"polluted":true},');
    const response = await postOrder(t, text);
    const { body, fields } = assertValidationProblem(response);
    assert.deepEqual(fields, [["/__proto__", "prototype_key"]]);
    assert.deepEqual(body.errors, ["invalid __proto__"]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(countSubmissionRows(t), 0);
  });

  it("answers 413 for a body over the configured limit, and 202 just under it", async () => {
    const t = await apps.open({ MAX_BODY_BYTES: "2000" });
    const order = exampleOrder("ACME");
    const fits = await postOrder(t, { ...order, padding: "x".repeat(1000) });
    assert.equal(fits.statusCode, 202, fits.body);

    const response = await postOrder(t, { ...order, padding: "x".repeat(2000) });
    assertProblem(response, 413, "payload_too_large");
    assert.equal(countSubmissionRows(t), 1);
  });

  for (const [contentType, payload] of [
    ["text/plain", JSON.stringify(exampleOrder("ACME"))],
    ["application/x-www-form-urlencoded", "trkref=ACME&order_ref=1"],
  ] as const) {
    it(`answers 415 for ${contentType} and stores nothing`, async () => {
      const t = await apps.open();
      const response = await postOrder(t, payload, { contentType });
      assertProblem(response, 415, "unsupported_media_type");
      assert.equal(countSubmissionRows(t), 0);
    });
  }
});

describe("POST /v4/organisations/{trkref}/customer_order: validation", () => {
  for (const [label, payload] of [
    ["an empty body", ""],
    ["{}", "{}"],
    ["null", "null"],
  ]) {
    it(`answers 422 "No data provided" for ${label}`, async () => {
      const t = await apps.open();
      const response = await postOrder(t, payload);
      const { body } = assertValidationProblem(response, "no_data");
      assert.equal(body.message, "No data provided");
      assert.equal(countSubmissionRows(t), 0);
    });
  }

  it("answers 422 with every wrong field at once, each with its pointer and code", async () => {
    const t = await apps.open();
    const response = await postOrder(t, {
      trkref: "ACME",
      order_date: "31-02-2021",
      language: "zz",
      customer: { email: "not-an-address", country: "ZZ" },
      order_items: [{ sku: "A-1" }, { sku: "", price: "abc", currency: "XYZ" }],
    });

    const { body, fields } = assertValidationProblem(response);
    assert.equal(body.message, "Validation failed");
    assert.deepEqual(fields, [
      ["/order_ref", "required"],
      ["/order_date", "invalid_date"],
      ["/language", "invalid_language"],
      ["/customer/email", "invalid_email"],
      ["/customer/country", "invalid_country"],
      ["/order_items/1/sku", "blank"],
      ["/order_items/1/price", "invalid_price"],
      ["/order_items/1/currency", "invalid_currency"],
    ]);
    assert.equal(body.detail, "The order has 8 invalid fields");
    assert.equal(countSubmissionRows(t), 0);
  });

  it("answers 422 trkref_mismatch when the body names another organisation than the path", async () => {
    const t = await apps.open();
    const response = await postOrder(t, exampleOrder("OTHER"));
    const { fields } = assertValidationProblem(response);
    assert.deepEqual(fields, [["/trkref", "trkref_mismatch"]]);
    assert.equal(countSubmissionRows(t), 0);
  });

  it("answers 422 for a JSON array sent to the single-order endpoint", async () => {
    const t = await apps.open();
    const response = await postOrder(t, [exampleOrder("ACME")]);
    const { fields } = assertValidationProblem(response);
    assert.deepEqual(fields, [["", "wrong_type"]]);
    assert.equal(countSubmissionRows(t), 0);
  });
});
