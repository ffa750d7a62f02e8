import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { TRKREF_PATTERN } from "../../src/domain/trkref.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import { createOrgAndKey, type TestApp } from "../helpers/test-app.js";
import { countSubmissionRows, createAppPool, orderUrl } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

/** A POST as a client of the original sends it: the body as text, and no Content-Type at all. */
function postWithoutType(t: TestApp, url: string, body: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: "POST",
    url,
    headers: { authorization: t.acme.authorization, ...headers },
    payload: JSON.stringify(body),
  });
}

describe("v4 clients: a body without Content-Type", () => {
  it("is read as JSON on the single endpoint and on the batch endpoint", async () => {
    const t = await apps.open();
    const single = await postWithoutType(t, orderUrl("ACME"), exampleOrder("ACME"));
    assert.equal(single.statusCode, 202, single.body);
    const batch = await postWithoutType(t, "/v4/customer_orders", [
      { ...exampleOrder("ACME"), order_ref: "B-1" },
    ]);
    assert.equal(batch.statusCode, 202, batch.body);
    assert.equal(countSubmissionRows(t), 2);
  });

  it("is read as JSON from a page of the same site", async () => {
    const t = await apps.open();
    const response = await postWithoutType(t, orderUrl("ACME"), exampleOrder("ACME"), {
      origin: "http://localhost:80",
      "sec-fetch-site": "same-origin",
    });
    assert.equal(response.statusCode, 202, response.body);
  });

  for (const [label, headers] of [
    ["an Origin of another site", { origin: "https://shop.example" }],
    ["the Origin null of a sandboxed page", { origin: "null" }],
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site: same-site (a sibling host's page)", { "sec-fetch-site": "same-site" }],
  ] as const) {
    it(`is refused with 415 when it carries ${label}, on both endpoints`, async () => {
      const t = await apps.open();
      for (const [url, body] of [
        [orderUrl("ACME"), exampleOrder("ACME")],
        ["/v4/customer_orders", [exampleOrder("ACME")]],
      ] as const) {
        const response = await postWithoutType(t, url, body, headers);
        const problem = assertProblem(response, 415, "unsupported_media_type");
        assert.match(problem.detail, /another site.*Content-Type: application\/json/);
      }
      assert.equal(countSubmissionRows(t), 0);
    });
  }
});

describe("v4 clients: a body of another type", () => {
  for (const contentType of [
    "text/plain",
    "text/plain; charset=utf-8",
    "application/x-www-form-urlencoded",
  ]) {
    it(`refuses ${contentType} with 415 saying what arrived and what to send`, async () => {
      const t = await apps.open();
      const response = await postWithoutType(t, orderUrl("ACME"), exampleOrder("ACME"), {
        "content-type": contentType,
      });
      const problem = assertProblem(response, 415, "unsupported_media_type");
      assert.ok(problem.detail.includes(`Content-Type ${contentType} is not accepted`), problem.detail);
      assert.ok(problem.detail.includes("-H 'Content-Type: application/json'"), problem.detail);
      assert.equal(countSubmissionRows(t), 0);
    });
  }
});

describe("v4 clients: trkrefs with underscores, as the original documented them", () => {
  it("accepts ACER_EN_GB in the path and the body, single and batch", async () => {
    const t = await apps.open();
    const key = await createOrgAndKey(t.store, "ACER_EN_GB");
    const headers = { authorization: key.authorization, "content-type": "application/json" };
    const single = await t.app.inject({
      method: "POST",
      url: orderUrl("ACER_EN_GB"),
      headers,
      payload: exampleOrder("ACER_EN_GB"),
    });
    assert.equal(single.statusCode, 202, single.body);
    const batch = await t.app.inject({
      method: "POST",
      url: "/v4/customer_orders",
      headers,
      payload: [{ ...exampleOrder("ACER_EN_GB"), order_ref: "B-1" }],
    });
    assert.equal(batch.statusCode, 202, batch.body);
    await t.processAll();
    const order = await t.app.inject({
      method: "GET",
      url: "/v4/organisations/ACER_EN_GB/customer_orders/B-1",
      headers: { authorization: key.authorization },
    });
    assert.equal(order.statusCode, 200, order.body);
  });

  it("still refuses doubled, leading and trailing separators", async () => {
    const t = await apps.open();
    for (const trkref of ["ACER__GB", "_ACER", "ACER_", "ACER-_GB"]) {
      const response = await postWithoutType(t, orderUrl(trkref), exampleOrder(trkref));
      assertProblem(response, 400, "invalid_trkref");
    }
  });

  it("describes the pattern with underscores in the OpenAPI document", async () => {
    const t = await apps.open();
    const text = (await t.app.inject({ method: "GET", url: "/openapi.json" })).body;
    assert.equal(TRKREF_PATTERN, "^[A-Z0-9]+([-_][A-Z0-9]+)*$");
    assert.ok(text.includes(JSON.stringify(TRKREF_PATTERN)), "the pattern is in the document");
    assert.ok(!text.includes(JSON.stringify("^[A-Z0-9]+(-[A-Z0-9]+)*$")), "the old pattern is gone");
  });
});

describe("v4 clients: messages that say what was wrong", () => {
  it("says a lower-case trkref in the path must be upper case, naming the form meant", async () => {
    const t = await apps.open();
    const response = await postWithoutType(t, orderUrl("acme"), exampleOrder("ACME"));
    const problem = assertProblem(response, 400, "invalid_trkref");
    assert.equal(problem.detail, "Invalid TRKREF supplied: acme; it must be upper case (ACME, not acme)");
  });

  it("gives the invalid_trkref field error its unit", async () => {
    const t = await apps.open();
    const response = await postWithoutType(t, "/v4/customer_orders", [
      { ...exampleOrder("ACME"), trkref: "A B" },
    ]);
    const result = (response.json() as { results: { invalid_params: { code: string; message: string }[] }[] })
      .results[0];
    const entry = result?.invalid_params.find((error) => error.code === "invalid_trkref");
    assert.match(String(entry?.message), /at most 64 characters$/);
  });

  it("gives the limit in bytes in a 413", async () => {
    const t = await apps.open({ MAX_BODY_BYTES: "2048" });
    const order = { ...exampleOrder("ACME"), padding: "x".repeat(4000) };
    const response = await postWithoutType(t, orderUrl("ACME"), order, {
      "content-type": "application/json",
    });
    const problem = assertProblem(response, 413, "payload_too_large");
    assert.equal(problem.detail, "The request body is larger than this endpoint's limit of 2048 bytes");
  });
});
