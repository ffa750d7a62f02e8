import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { buildApp } from "../../src/app.js";
import { exampleOrder } from "../../src/domain/order-example.js";
import { openStore } from "../../src/storage/open-store.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";

/** A second instance of the service on the first one's database, as behind a load balancer. */
async function secondInstance(first: TestApp) {
  const store = await openStore(first.config.databaseUrl);
  const intake = await buildApp({ config: { ...first.config, logLevel: "silent" }, store });
  return {
    app: intake.app,
    close: async () => {
      await intake.app.close();
      await store.close();
    },
  };
}

const post = (app: TestApp["app"], authorization: string, body: unknown) =>
  app.inject({
    method: "POST",
    url: "/v4/organisations/ACME/customer_order",
    headers: { authorization, "content-type": "application/json", "idempotency-key": "across-instances" },
    payload: body as object,
  });

describe("Idempotency-Key across instances", () => {
  it("answers the loser of a race between two instances with the winner's answer, storing one submission", async () => {
    const first = await createTestApp();
    after(() => first.close());
    const second = await secondInstance(first);
    after(() => second.close());
    const order = exampleOrder("ACME");

    // Each instance's in-flight guard sees only its own requests: both look the key up, find nothing, commit.
    const [a, b] = await Promise.all([
      post(first.app, first.acme.authorization, order),
      post(second.app, first.acme.authorization, order),
    ]);
    assert.deepEqual([a.statusCode, b.statusCode], [202, 202]);
    assert.equal(a.json().id, b.json().id, "one submission, one id");
    assert.equal([a, b].filter((r) => r.headers["idempotent-replayed"] === "true").length, 1);
    assert.equal(await first.store.countPendingSubmissions(), 1);
  });

  it("refuses the loser with 422 when its body differs, storing only the winner", async () => {
    const first = await createTestApp();
    after(() => first.close());
    const second = await secondInstance(first);
    after(() => second.close());

    const [a, b] = await Promise.all([
      post(first.app, first.acme.authorization, exampleOrder("ACME")),
      post(second.app, first.acme.authorization, { ...exampleOrder("ACME"), order_ref: "OTHER" }),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    assert.deepEqual(statuses, [202, 422]);
    const refused = a.statusCode === 422 ? a : b;
    assert.equal(refused.json().code, "idempotency_key_reused");
    assert.equal(await first.store.countPendingSubmissions(), 1);
  });
});
