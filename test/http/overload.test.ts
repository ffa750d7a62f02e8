import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import Database from "better-sqlite3";
import { exampleOrder } from "../../src/domain/order-example.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import type { TestApp } from "../helpers/test-app.js";
import { countSubmissionRows, createAppPool, postBatch, postOrder } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

// A batch may not be larger than the pending bound, so the batch limit comes down with it.
const MAX_PENDING = { MAX_PENDING_COMMITS: "3", MAX_ORDERS_PER_BATCH: "3" };

const orderOf = (n: number) => ({ ...exampleOrder("ACME"), order_ref: `OVERLOAD-${n}` });

function countBatchRows(t: TestApp): number {
  const db = new Database(t.config.databaseUrl, { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM batches").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe("more waiting for a commit than MAX_PENDING_COMMITS", () => {
  it("refuses a batch that would take the waiting submissions past the bound: 503 overloaded, Retry-After", async () => {
    const t = await apps.open(MAX_PENDING);
    // Both arrive in one turn: the first waits for its commit with 2 submissions, the second would make 4.
    const [first, second] = await Promise.all([
      postBatch(t, [1, 2].map(orderOf)),
      postBatch(t, [3, 4].map(orderOf)),
    ]);

    assert.equal(first?.statusCode, 202, first?.body);
    assertProblem(second as NonNullable<typeof second>, 503, "overloaded");
    assert.equal(second?.headers["retry-after"], "1");
    assert.equal(countSubmissionRows(t), 2);
    assert.equal(countBatchRows(t), 1);
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

  it("answers concurrent single orders 202 or 503 overloaded, and stores exactly those it answered 202", async () => {
    const t = await apps.open(MAX_PENDING);
    // How many wait at once depends on how fast the store commits; whatever it is, the answers must agree
    // with what was stored.
    const responses = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((n) => postOrder(t, orderOf(n))));

    const accepted = responses.filter((response) => response.statusCode === 202);
    const refused = responses.filter((response) => response.statusCode !== 202);
    assert.ok(accepted.length > 0, "some orders are accepted");
    for (const response of refused) {
      assertProblem(response, 503, "overloaded");
      assert.equal(response.headers["retry-after"], "1");
    }

    const ids = accepted.map((response) => (response.json() as { id: string }).id);
    for (const id of ids) assert.equal((await t.store.findSubmission(id))?.status, "accepted", id);
    assert.equal(countSubmissionRows(t), ids.length, "nothing but the acknowledged orders is stored");
  });
});
