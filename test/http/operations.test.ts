import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import { canMountFilesystem } from "../helpers/small-filesystem.js";
import { basicAuth } from "../helpers/test-app.js";
import { createAppPool, postOrder } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

interface OpenApiOperation {
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
}

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { securitySchemes?: Record<string, { type: string; scheme?: string }> };
}

describe("health and readiness", () => {
  it("answers /healthz with 200", async () => {
    const t = await apps.open();
    const response = await t.app.inject({ method: "GET", url: "/healthz" });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { status: "ok" });
  });

  it("answers /readyz with 200, then with a 503 problem once draining", async () => {
    const t = await apps.open();
    const ready = await t.app.inject({ method: "GET", url: "/readyz" });
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: "ready" });

    t.startDraining();
    const draining = await t.app.inject({ method: "GET", url: "/readyz" });
    assertProblem(draining, 503, "not_ready");
    // Still alive while draining: only readiness changes.
    assert.equal((await t.app.inject({ method: "GET", url: "/healthz" })).statusCode, 200);
  });

  it("still takes orders while draining, closing each connection, so that nothing reaching it gets a 5xx", async () => {
    const t = await apps.open();
    t.startDraining();
    const taken = await t.app.inject({
      method: "POST",
      url: "/v4/organisations/ACME/customer_order",
      headers: { authorization: t.acme.authorization, "content-type": "application/json" },
      payload: exampleOrder("ACME"),
    });
    assert.equal(taken.statusCode, 202);
    assert.equal(taken.headers.connection, "close");
    assert.equal(await t.store.countPendingSubmissions(), 1);
    const notReady = await t.app.inject({ method: "GET", url: "/readyz" });
    assertProblem(notReady, 503, "not_ready");
    assert.equal(notReady.headers.connection, "close");
  });

  it("answers /readyz with a 503 problem while the store refuses writes, and serves reads meanwhile", {
    skip: !canMountFilesystem() && "needs to mount a tmpfs",
  }, async () => {
    const { t, disk } = await apps.openOnSmallFilesystem();
    // A full disk: every read works, every write fails.
    disk.fill();
    const notReady = await t.app.inject({ method: "GET", url: "/readyz" });
    assertProblem(notReady, 503, "not_ready");
    assert.match(String(notReady.json().detail), /does not take writes/);
    const read = await t.app.inject({
      method: "GET",
      url: "/v4/organisations/ACME",
      headers: { authorization: t.acme.authorization },
    });
    assert.equal(read.statusCode, 200);

    disk.free();
    assert.equal((await t.app.inject({ method: "GET", url: "/readyz" })).statusCode, 200);
  });

  it("answers /readyz with a 503 problem when the store does not answer", async () => {
    const t = await apps.open();
    await t.store.close();
    assertProblem(await t.app.inject({ method: "GET", url: "/readyz" }), 503, "not_ready");
  });
});

describe("routes that do not exist", () => {
  for (const [method, url] of [
    ["GET", "/nope"],
    ["POST", "/v4/organisations/ACME/customer_orders/ORD-1/extra"],
    ["DELETE", "/v4/customer_orders/01a22081-94d9-7367-8d60-36187de7e538/extra"],
  ] as const) {
    it(`answers ${method} ${url} with a 404 problem`, async () => {
      const t = await apps.open();
      const response = await t.app.inject({ method, url, headers: { authorization: t.acme.authorization } });
      assertProblem(response, 404, "not_found");
    });
  }
});

describe("API description", () => {
  it("serves an OpenAPI 3.1.0 document with the v4 paths, Basic auth and the order schema", async () => {
    const t = await apps.open();
    const response = await t.app.inject({ method: "GET", url: "/openapi.json" });
    assert.equal(response.statusCode, 200);
    const doc = response.json() as OpenApiDocument;

    assert.equal(doc.openapi, "3.1.0");
    const { type, scheme } = doc.components?.securitySchemes?.basicAuth ?? {};
    assert.deepEqual({ type, scheme }, { type: "http", scheme: "basic" });
    const submit = doc.paths["/v4/organisations/{trkref}/customer_order"]?.post;
    const status = doc.paths["/v4/customer_orders/{id}"]?.get;
    assert.ok(submit, "POST /v4/organisations/{trkref}/customer_order is described");
    assert.ok(status, "GET /v4/customer_orders/{id} is described");
    assert.deepEqual(submit.security, [{ basicAuth: [] }]);
    assert.deepEqual(status.security, [{ basicAuth: [] }]);
    const properties = submit.requestBody?.content["application/json"]?.schema.properties ?? {};
    assert.ok("order_items" in properties, "the request body schema has order_items");
    assert.ok("customer" in properties, "the request body schema has customer");
  });

  it("describes a problem type at the URI its answers point to, and 404s an unknown one", async () => {
    const t = await apps.open();
    const known = await t.app.inject({ method: "GET", url: "/problems/validation_failed" });
    assert.equal(known.statusCode, 200);
    const body = known.json();
    assert.equal(body.code, "validation_failed");
    assert.equal(body.status, 422);
    assert.equal(typeof body.title, "string");
    assert.equal(typeof body.message, "string");

    assertProblem(await t.app.inject({ method: "GET", url: "/problems/nope" }), 404, "not_found");
    // Names every object has must not pass for catalogue entries.
    assertProblem(await t.app.inject({ method: "GET", url: "/problems/toString" }), 404, "not_found");
  });
});

describe("log hygiene", () => {
  it("never writes a customer's email, a secret or an Authorization value to the log", async () => {
    const t = await apps.open({ LOG_LEVEL: "trace" });
    const email = "log.canary.7f3a@example.com";
    const order = exampleOrder("ACME");
    const wrongSecret = "ois_wrong-secret-canary-91c2";
    const wrongAuthorization = basicAuth(t.acme.keyId, wrongSecret);

    const accepted = await postOrder(t, { ...order, customer: { ...order.customer, email } });
    assert.equal(accepted.statusCode, 202);
    const invalid = await postOrder(t, { ...order, order_date: "99-99-2021", customer: { email } });
    assert.equal(invalid.statusCode, 422);
    const refused = await postOrder(t, order, { authorization: wrongAuthorization });
    assert.equal(refused.statusCode, 401);
    await t.processAll();

    const lines = t.logLines();
    assert.ok(lines.length >= 6, "each request is logged, so the check below has something to look at");
    const secrets = {
      email,
      secret: t.acme.secret,
      wrongSecret,
      authorization: t.acme.authorization.replace(/^Basic /, ""),
      wrongAuthorization: wrongAuthorization.replace(/^Basic /, ""),
    };
    for (const line of lines) {
      for (const [name, value] of Object.entries(secrets)) {
        assert.ok(!line.includes(value), `a log line contains the ${name}: ${line}`);
      }
    }
  });
});
