import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { MAX_DOCUMENT_DEPTH } from "../../src/domain/order-limits.js";
import { MAX_JSON_DEPTH } from "../../src/http/json-body-parser.js";
import { assertProblem, assertValidationProblem } from "../helpers/problem-assertions.js";
import type { TestApp } from "../helpers/test-app.js";
import { countSubmissionRows, createAppPool, orderUrl } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

function post(t: TestApp, url: string, payload: string | Buffer, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: "POST",
    url,
    headers: { "content-type": "application/json", authorization: t.acme.authorization, ...headers },
    payload,
  });
}

/** The example order as JSON with `value` (JSON text) under an extra, unknown field. */
const withExtraField = (value: string) =>
  JSON.stringify(exampleOrder("ACME")).replace(/^\{/, `{"extra":${value},`);

describe("JSON bodies: bytes that are not UTF-8", () => {
  it("refuses a body with malformed UTF-8 inside a string with 400 invalid_json, and stores nothing", async () => {
    const t = await apps.open();
    const [before = "", after = ""] = JSON.stringify(exampleOrder("ACME")).split("Jane");
    const payload = Buffer.concat([Buffer.from(before), Buffer.from([0x4a, 0xff, 0xc0]), Buffer.from(after)]);

    const response = await post(t, orderUrl("ACME"), payload);
    const body = assertProblem(response, 400, "invalid_json");
    assert.match(body.detail, /UTF-8/);
    assert.equal(countSubmissionRows(t), 0);
  });

  it("refuses a surrogate encoded as UTF-8 bytes (CESU-8) in a batch", async () => {
    const t = await apps.open();
    const [before = "", after = ""] = JSON.stringify([exampleOrder("ACME")]).split("Jane");
    const payload = Buffer.concat([Buffer.from(before), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(after)]);

    assertProblem(await post(t, "/v4/customer_orders", payload), 400, "invalid_json");
    assert.equal(countSubmissionRows(t), 0);
  });

  it("still takes characters of every plane sent as UTF-8", async () => {
    const t = await apps.open();
    const order = exampleOrder("ACME");
    const payload = JSON.stringify({ ...order, customer: { ...order.customer, first_name: "Zoë 李 😀" } });
    const response = await post(t, orderUrl("ACME"), Buffer.from(payload, "utf8"));
    assert.equal(response.statusCode, 202, response.body);
  });
});

describe("JSON bodies: nesting", () => {
  const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

  it("refuses an unknown field nested thousands of levels deep with 400, with or without Idempotency-Key", async () => {
    const t = await apps.open();
    const payload = withExtraField(nested(100_000));
    for (const headers of [{}, { "idempotency-key": "deep-1" }] as Record<string, string>[]) {
      const response = await post(t, orderUrl("ACME"), payload, headers);
      const body = assertProblem(response, 400, "bad_request");
      assert.match(body.detail, /nested/);
    }
    assert.equal(countSubmissionRows(t), 0);
    assert.equal((await t.app.inject({ method: "GET", url: "/healthz" })).statusCode, 200);
  });

  it("refuses a batch whose order carries a deeply nested unknown field with 400", async () => {
    const t = await apps.open();
    const payload = `[${withExtraField(`${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`)}]`;
    assertProblem(await post(t, "/v4/customer_orders", payload), 400, "bad_request");
    assert.equal(countSubmissionRows(t), 0);
  });

  it(`accepts an order nested ${MAX_DOCUMENT_DEPTH} levels deep, and counts no brackets inside strings`, async () => {
    const t = await apps.open();
    // The document itself is the first level, so the extra field may nest one level less.
    const deepest = withExtraField(nested(MAX_DOCUMENT_DEPTH - 1));
    assert.equal((await post(t, orderUrl("ACME"), deepest)).statusCode, 202);
    const order = exampleOrder("ACME");
    const bracketsInText = {
      ...order,
      order_ref: "B-1",
      customer: { ...order.customer, title: "[{".repeat(100) },
    };
    assert.equal((await post(t, orderUrl("ACME"), JSON.stringify(bracketsInText))).statusCode, 202);
    const quoted = withExtraField(JSON.stringify({ s: `\\"${"[".repeat(300)}` }));
    assert.equal((await post(t, orderUrl("ACME"), quoted.replace("ORD-2021-000123", "B-2"))).statusCode, 202);
    assert.equal(countSubmissionRows(t), 3);
  });

  it("refuses an order nested one level deeper with 422 too_deep at the first level too deep", async () => {
    const t = await apps.open();
    const response = await post(t, orderUrl("ACME"), withExtraField(nested(MAX_DOCUMENT_DEPTH)));
    const { fields } = assertValidationProblem(response);
    assert.equal(fields.length, 1);
    assert.equal(fields[0]?.[1], "too_deep");
    assert.equal(countSubmissionRows(t), 0);
  });

  it(`refuses a body nested more than ${MAX_JSON_DEPTH} levels whole, with 400`, async () => {
    const t = await apps.open();
    assert.equal(
      (await post(t, orderUrl("ACME"), withExtraField(nested(MAX_JSON_DEPTH - 1)))).statusCode,
      422,
    );
    assertProblem(
      await post(t, orderUrl("ACME"), withExtraField(nested(MAX_JSON_DEPTH))),
      400,
      "bad_request",
    );
    assert.equal(countSubmissionRows(t), 0);
  });
});
