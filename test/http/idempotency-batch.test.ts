import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { assertProblem } from "../helpers/problem-assertions.js";
import type { TestApp } from "../helpers/test-app.js";
import {
  acmeOrder,
  assertFresh,
  assertReplayOf,
  BATCH_URL,
  countRows,
  invalidOrder,
  postKeyed,
} from "./idempotency-requests.js";
import { createAppPool } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

interface BatchBody {
  id: string;
  summary: { accepted: number; rejected: number };
  results: { index: number; status: string; id?: string }[];
}

const submissionIds = (body: BatchBody) => body.results.flatMap((result) => result.id ?? []);

/** Sends `orders` twice with one key; asserts the second is a replay that stored nothing. */
async function sendTwice(t: TestApp, orders: unknown[], key: string) {
  const first = await postKeyed(t, orders, { url: BATCH_URL, key });
  const stored = { submissions: countRows(t, "submissions"), batches: countRows(t, "batches") };
  assert.equal(stored.batches, 1, first.body);
  const replay = await postKeyed(t, orders, { url: BATCH_URL, key });
  assertReplayOf(first, replay);
  assert.equal(countRows(t, "submissions"), stored.submissions, "a replay stores no submission");
  assert.equal(countRows(t, "batches"), 1, "a replay stores no batch");
  return { first, replay, body: replay.json() as BatchBody };
}

describe("Idempotency-Key on the batch endpoint", () => {
  it("replays a 202 with the same batch id and submission ids", async () => {
    const t = await apps.open();
    const { first, body } = await sendTwice(t, [acmeOrder("B-1"), acmeOrder("B-2")], "batch-202");
    assert.equal(assertFresh(first, 202), body.id);
    assert.deepEqual(body.summary, { accepted: 2, rejected: 0 });
    assert.equal(submissionIds(body).length, 2);
    assert.deepEqual(submissionIds(body), submissionIds(first.json() as BatchBody));
    assert.equal(countRows(t, "submissions"), 2);
    assert.equal(first.headers.location, `/v4/customer_orders/batches/${body.id}`);
  });

  it("replays a 206 with the same ids, the rejected order still listed with its errors", async () => {
    const t = await apps.open();
    const { first, body } = await sendTwice(t, [acmeOrder("B-1"), invalidOrder("B-2")], "batch-206");
    assertFresh(first, 206);
    assert.deepEqual(body.summary, { accepted: 1, rejected: 1 });
    assert.deepEqual(
      body.results.map((result) => result.status),
      ["accepted", "rejected"],
    );
    assert.deepEqual(submissionIds(body), submissionIds(first.json() as BatchBody));
    assert.equal(countRows(t, "submissions"), 1);
  });

  it("replays a batch that was entirely rejected as the same 422 batch_invalid", async () => {
    const t = await apps.open();
    const { first, replay, body } = await sendTwice(
      t,
      [invalidOrder("B-1"), invalidOrder("B-2")],
      "batch-422",
    );
    assertProblem(first, 422, "batch_invalid");
    assertProblem(replay, 422, "batch_invalid");
    assert.equal(body.id, (first.json() as BatchBody).id);
    assert.deepEqual(body.summary, { accepted: 0, rejected: 2 });
    assert.equal(countRows(t, "submissions"), 0);
  });

  it("refuses the same key with another batch (422 idempotency_key_reused) and stores nothing", async () => {
    const t = await apps.open();
    assertFresh(await postKeyed(t, [acmeOrder("B-1")], { url: BATCH_URL, key: "batch" }), 202);

    const other = await postKeyed(t, [acmeOrder("B-1"), acmeOrder("B-2")], { url: BATCH_URL, key: "batch" });
    assertProblem(other, 422, "idempotency_key_reused");
    assert.equal(countRows(t, "submissions"), 1);
    assert.equal(countRows(t, "batches"), 1);
  });

  it("refuses a key first used on the batch endpoint when it comes back on the single endpoint", async () => {
    const t = await apps.open();
    assertFresh(await postKeyed(t, [acmeOrder()], { url: BATCH_URL, key: "shared" }), 202);
    assertProblem(await postKeyed(t, acmeOrder(), { key: "shared" }), 422, "idempotency_key_reused");
    assert.equal(countRows(t, "submissions"), 1);
  });
});
