import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import Database from "better-sqlite3";
import { exampleOrder } from "../../src/domain/order-example.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import type { TestApp } from "../helpers/test-app.js";
import { countSubmissionRows, createAppPool, postOrder } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

const MAX_PENDING = { MAX_PENDING_COMMITS: "3" };

const orderOf = (n: number) => ({ ...exampleOrder("ACME"), order_ref: `OVERLOAD-${n}` });

function postBatch(t: TestApp, orders: unknown[]) {
  return t.app.inject({
    method: "POST",
    url: "/v4/customer_orders",
    headers: { "content-type": "application/json", authorization: t.acme.authorization },
    payload: JSON.stringify(orders),
  });
}

function countBatchRows(t: TestApp): number {
  const db = new Database(t.config.databaseUrl, { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM batches").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe("more waiting for a commit than MAX_PENDING_COMMITS", () => {
  it("refuses a batch of more orders than the bound with 503 overloaded and Retry-After, storing nothing", async () => {
    const t = await apps.open(MAX_PENDING);
    const response = await postBatch(t, [1, 2, 3, 4].map(orderOf));

    assertProblem(response, 503, "overloaded");
    assert.equal(response.headers["retry-after"], "1");
    assert.equal(countSubmissionRows(t), 0);
    assert.equal(countBatchRows(t), 0);
  });

  it("accepts a batch of exactly the bound", async () => {
    const t = await apps.open(MAX_PENDING);
    const response = await postBatch(t, [1, 2, 3].map(orderOf));

    assert.equal(response.statusCode, 202, response.body);
    const { results } = response.json() as { results: { id: string }[] };
    assert.equal(results.length, 3);
    for (const { id } of results) assert.equal((await t.store.findSubmission(id))?.status, "accepted");
    assert.equal(countSubmissionRows(t), 3);
  });

  it("refuses concurrent single orders past the bound and stores exactly those it answered 202", async () => {
    const t = await apps.open(MAX_PENDING);
    const responses = await Promise.all([1, 2, 3, 4, 5].map((n) => postOrder(t, orderOf(n))));

    const accepted = responses.filter((response) => response.statusCode === 202);
    const refused = responses.filter((response) => response.statusCode !== 202);
    assert.ok(accepted.length > 0, "some orders are accepted");
    assert.ok(refused.length > 0, "some orders are refused");
    for (const response of refused) {
      assertProblem(response, 503, "overloaded");
      assert.equal(response.headers["retry-after"], "1");
    }

    const ids = accepted.map((response) => (response.json() as { id: string }).id);
    for (const id of ids) assert.equal((await t.store.findSubmission(id))?.status, "accepted", id);
    assert.equal(countSubmissionRows(t), ids.length, "nothing but the acknowledged orders is stored");
  });
});
