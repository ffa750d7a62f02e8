import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { readOpenApi } from "../helpers/openapi.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";

const SUBMISSION_ID = "01a22080-a27e-7679-b758-8002e3896ee9";
const BATCH_ID = "01a2208e-6ce4-7489-9071-f2e5e6462e30";

type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";

/** Asserts a 405 problem naming the method and the path, with `allow` as its Allow header. */
function assertMethodNotAllowed(
  response: LightMyRequestResponse,
  method: string,
  path: string,
  allow: string,
) {
  const body = assertProblem(response, 405, "method_not_allowed");
  assert.equal(response.headers.allow, allow);
  assert.equal(body.detail, `${method} is not allowed on ${path}, which allows ${allow}`);
}

describe("a known path asked with a method it does not take", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const send = (method: Method, url: string, headers: Record<string, string> = {}, payload?: string) =>
    t.app.inject({ method, url, headers, ...(payload !== undefined && { payload }) });

  for (const [method, path, allow] of [
    ["DELETE", "/v4/organisations/ACME/customer_order", "POST, OPTIONS"],
    ["GET", "/v4/organisations/ACME/customer_order", "POST, OPTIONS"],
    ["DELETE", "/v4/customer_orders", "GET, HEAD, POST, OPTIONS"],
    ["PUT", "/v4/customer_orders", "GET, HEAD, POST, OPTIONS"],
    ["POST", `/v4/customer_orders/${SUBMISSION_ID}`, "GET, HEAD, OPTIONS"],
    ["DELETE", `/v4/customer_orders/batches/${BATCH_ID}`, "GET, HEAD, OPTIONS"],
    ["PATCH", "/v4/organisations/ACME/customer_orders/ORD-2021-000123", "GET, HEAD, OPTIONS"],
    ["POST", "/v4/organisations/ACME/customer_orders", "GET, HEAD, OPTIONS"],
    ["POST", "/v4/organisations", "GET, HEAD, OPTIONS"],
    ["DELETE", "/v4/organisations/ACME", "GET, HEAD, OPTIONS"],
    ["POST", "/healthz", "GET, HEAD, OPTIONS"],
  ] as const) {
    it(`answers ${method} ${path} 405 with Allow: ${allow}`, async () => {
      assertMethodNotAllowed(await send(method, path), method, path, allow);
    });
  }

  it("answers the same with credentials, and says nothing of the query", async () => {
    const path = "/v4/customer_orders";
    const response = await send("DELETE", `${path}?page=2`, { authorization: t.acme.authorization });
    assertMethodNotAllowed(response, "DELETE", path, "GET, HEAD, POST, OPTIONS");
  });

  it("answers before reading the body: neither its type nor its syntax changes the answer", async () => {
    const path = "/v4/customer_orders";
    for (const [contentType, payload] of [
      ["text/plain", "hello"],
      ["application/json", "{not json"],
    ] as const) {
      const response = await send("PUT", path, { "content-type": contentType }, payload);
      assertMethodNotAllowed(response, "PUT", path, "GET, HEAD, POST, OPTIONS");
    }
  });

  it("answers HEAD where only POST is 405 without a body, and HEAD where GET is as GET", async () => {
    const head = await send("HEAD", "/v4/organisations/ACME/customer_order");
    assert.equal(head.statusCode, 405);
    assert.equal(head.headers.allow, "POST, OPTIONS");
    assert.equal(head.body, "");
    const health = await send("HEAD", "/healthz");
    assert.equal(health.statusCode, 200);
  });

  it("answers OPTIONS on a known path 204 with Allow", async () => {
    for (const [path, allow] of [
      ["/v4/customer_orders", "GET, HEAD, POST, OPTIONS"],
      ["/v4/organisations/ACME", "GET, HEAD, OPTIONS"],
      ["/healthz", "GET, HEAD, OPTIONS"],
    ] as const) {
      const response = await send("OPTIONS", path);
      assert.equal(response.statusCode, 204, `OPTIONS ${path}`);
      assert.equal(response.headers.allow, allow);
      assert.equal(response.body, "");
    }
  });

  it("lists in Allow exactly the methods the API description gives the path, with HEAD and OPTIONS", async () => {
    const doc = await readOpenApi(t);
    const paths = Object.entries(doc.paths);
    assert.ok(paths.length >= 10, "the description lists the service's paths");
    for (const [template, item] of paths) {
      const path = template.replace(/\{\w+\}/g, "ACME");
      const described = Object.keys(item).map((method) => method.toUpperCase());
      const expected = new Set([...described, ...(described.includes("GET") ? ["HEAD"] : []), "OPTIONS"]);
      // No path of the service takes PATCH: DELETE is one the webhook endpoints take.
      assert.ok(!described.includes("PATCH"), `${template} takes PATCH: pick a method no path takes`);
      const response = await send("PATCH", path);
      assert.equal(response.statusCode, 405, `PATCH ${path}`);
      assert.deepEqual(new Set(String(response.headers.allow).split(", ")), expected, `Allow of ${path}`);
    }
  });
});

describe("a path the service does not know", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  for (const [method, url] of [
    ["GET", "/nope"],
    ["DELETE", "/v4/nothing-here"],
    ["OPTIONS", "/nope"],
    ["GET", "/v4/organisations/ACME/customer_order/extra"],
  ] as const) {
    it(`answers ${method} ${url} 404 without Allow`, async () => {
      const response = await t.app.inject({ method, url });
      assertProblem(response, 404, "not_found");
      assert.equal(response.headers.allow, undefined);
    });
  }

  it("answers a path with a malformed %-escape 400, whatever the method", async () => {
    for (const method of ["GET", "DELETE"] as const) {
      const response = await t.app.inject({ method, url: "/v4/customer_orders/%zz" });
      assertProblem(response, 400, "bad_request");
      assert.equal(response.headers.allow, undefined);
    }
  });
});
