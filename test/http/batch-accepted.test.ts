import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import Database from "better-sqlite3";
import { exampleOrder } from "../../src/domain/order-example.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import { canMountFilesystem } from "../helpers/small-filesystem.js";
import { createKey, createOrgAndKey, type TestApp } from "../helpers/test-app.js";
import { countSubmissionRows, createAppPool, postBatch, postOrder, UUID_V7 } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

/** A valid order of `trkref` with its own order_ref. */
const orderOf = (trkref: string, orderRef: string | number) => ({
  ...exampleOrder(trkref),
  order_ref: orderRef,
});

function countBatchRows(t: TestApp): number {
  const db = new Database(t.config.databaseUrl, { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM batches").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

interface BatchResult {
  index: number;
  order_ref: string | null;
  status: "accepted" | "rejected";
  id?: string;
  errors?: string[];
  invalid_params?: { pointer: string; code: string; message: string }[];
}

describe("POST /v4/customer_orders: every order accepted", () => {
  it("answers 202 with the batch id, numeric counts and a result per order in request order", async () => {
    const t = await apps.open();
    const refs = ["B-1", "B-2", "B-3"];
    const response = await postBatch(
      t,
      refs.map((ref) => orderOf("ACME", ref)),
    );

    assert.equal(response.statusCode, 202, response.body);
    assert.match(String(response.headers["content-type"]), /^application\/json/);
    const body = response.json();
    assert.deepEqual(Object.keys(body).sort(), ["errors", "id", "message", "results", "status", "summary"]);
    assert.equal(body.status, 202);
    assert.equal(body.message, "Batch Accepted");
    assert.match(body.id, UUID_V7);
    assert.deepEqual(body.summary, { accepted: 3, rejected: 0 });
    assert.equal(response.headers.location, `/v4/customer_orders/batches/${body.id}`);

    const results = body.results as BatchResult[];
    const ids = results.map((result) => result.id as string);
    assert.deepEqual(
      results,
      refs.map((ref, index) => ({ index, order_ref: ref, status: "accepted", id: ids[index] })),
    );
    for (const id of ids) assert.match(id, UUID_V7);
    assert.equal(
      new Set([...ids, body.id]).size,
      4,
      "submission ids must differ from each other and the batch",
    );

    for (const [index, id] of ids.entries()) {
      const stored = await t.store.findSubmission(id);
      assert.equal(stored?.status, "accepted");
      assert.equal(stored?.trkref, "ACME");
      assert.equal(stored?.orderRef, refs[index]);
    }
    assert.equal(countSubmissionRows(t), 3);

    await t.processAll();
    for (const id of ids) {
      const stored = await t.store.findSubmission(id);
      assert.equal(stored?.status, "processed");
      assert.equal(stored?.outcome, "created");
    }
  });

  it("accepts orders of every organisation the key may act for, each under its own trkref", async () => {
    const t = await apps.open();
    await createOrgAndKey(t.store, "BETA");
    const key = await createKey(t.store, ["ACME", "BETA"]);
    const orders = [orderOf("ACME", "M-1"), orderOf("BETA", "M-2"), orderOf("ACME", "M-3")];
    const response = await postBatch(t, orders, { authorization: key.authorization });

    assert.equal(response.statusCode, 202, response.body);
    const body = response.json();
    assert.deepEqual(body.summary, { accepted: 3, rejected: 0 });
    const trkrefs = await Promise.all(
      (body.results as BatchResult[]).map(async (result) => {
        const stored = await t.store.findSubmission(result.id as string);
        return [stored?.trkref, stored?.orderRef];
      }),
    );
    assert.deepEqual(trkrefs, [
      ["ACME", "M-1"],
      ["BETA", "M-2"],
      ["ACME", "M-3"],
    ]);
  });

  it("accepts a batch of 1000 valid orders whole, and stores every one", async () => {
    const t = await apps.open();
    const orders = Array.from({ length: 1000 }, (_, i) => orderOf("ACME", `K-${i}`));
    const response = await postBatch(t, orders);

    assert.equal(response.statusCode, 202, response.body.slice(0, 500));
    const body = response.json();
    assert.deepEqual(body.summary, { accepted: 1000, rejected: 0 });
    const results = body.results as BatchResult[];
    assert.equal(results.length, 1000);
    results.forEach((result, i) => {
      assert.equal(result.index, i);
      assert.equal(result.order_ref, `K-${i}`);
      assert.equal(result.status, "accepted");
    });
    assert.equal(new Set(results.map((result) => result.id)).size, 1000);
    assert.equal(countSubmissionRows(t), 1000);
  });
});

describe("POST /v4/customer_orders: some orders rejected", () => {
  it("answers 206, rejecting bad, foreign and disabled orders one by one, storing the rest", async () => {
    const t = await apps.open();
    await t.store.createOrganisation({ trkref: "OFF", name: "OFF Ltd", enabled: false });
    await createOrgAndKey(t.store, "BETA");
    const key = await createKey(t.store, ["ACME", "OFF"]);
    const invalid = {
      trkref: "ACME",
      order_ref: "BAD-1",
      order_date: "31-02-2021",
      customer: { email: "not-an-address" },
      order_items: [{ sku: "A-1" }, { sku: "", price: "abc" }],
    };
    const { order_ref: _dropped, ...withoutRef } = exampleOrder("ACME");
    const response = await postBatch(
      t,
      [orderOf("ACME", 4711), invalid, orderOf("BETA", "F-1"), orderOf("OFF", "D-1"), withoutRef],
      { authorization: key.authorization },
    );

    assert.equal(response.statusCode, 206, response.body);
    assert.match(String(response.headers["content-type"]), /^application\/json/);
    const body = response.json();
    assert.equal(body.status, 206);
    assert.equal(body.message, "Batch partially accepted");
    assert.match(body.id, UUID_V7);
    assert.deepEqual(body.summary, { accepted: 1, rejected: 4 });
    assert.equal(response.headers.location, `/v4/customer_orders/batches/${body.id}`);

    const results = body.results as BatchResult[];
    assert.deepEqual(
      results.map(({ index, order_ref, status }) => [index, order_ref, status]),
      [
        [0, "4711", "accepted"],
        [1, "BAD-1", "rejected"],
        [2, "F-1", "rejected"],
        [3, "D-1", "rejected"],
        [4, null, "rejected"],
      ],
    );
    const [accepted, bad, foreign, disabled, unnamed] = results as [BatchResult, ...BatchResult[]];
    assert.match(String(accepted.id), UUID_V7);
    assert.equal(accepted.invalid_params, undefined);
    for (const rejected of [bad, foreign, disabled, unnamed]) assert.equal(rejected?.id, undefined);

    // Pointers are relative to the order document, and the entries are those of the single endpoint.
    const fields = (result: BatchResult | undefined) =>
      result?.invalid_params?.map((error) => [error.pointer, error.code]);
    assert.deepEqual(fields(bad), [
      ["/order_date", "invalid_date"],
      ["/customer/email", "invalid_email"],
      ["/order_items/1/sku", "blank"],
      ["/order_items/1/price", "invalid_price"],
    ]);
    const single = await postOrder(t, invalid);
    assert.equal(single.statusCode, 422);
    assert.deepEqual(bad?.invalid_params, single.json().invalid_params);
    assert.deepEqual(bad?.errors, single.json().errors);

    assert.deepEqual(fields(foreign), [["/trkref", "key_not_allowed"]]);
    assert.match(String(foreign?.invalid_params?.[0]?.message), /BETA/);
    assert.deepEqual(fields(disabled), [["/trkref", "feature_disabled"]]);
    assert.match(String(disabled?.invalid_params?.[0]?.message), /not enabled/);
    assert.deepEqual(fields(unnamed), [["/order_ref", "required"]]);

    const stored = await t.store.findSubmission(String(accepted.id));
    assert.equal(stored?.trkref, "ACME");
    assert.equal(stored?.orderRef, "4711");
    assert.equal(countSubmissionRows(t), 1);
  });
});

// Room on the disk for the commit of a small batch, not for that of a large one.
const ROOM_LEFT_BYTES = 128 * 1024;
const LARGE_BATCH_ORDERS = 1000;

describe("POST /v4/customer_orders: all or nothing", () => {
  it("answers 503 and stores none of the orders when the disk fills up during the batch's commit", {
    skip: !canMountFilesystem() && "needs to mount a tmpfs",
  }, async () => {
    const { t, disk } = await apps.openOnSmallFilesystem();
    disk.fill(ROOM_LEFT_BYTES);
    const clean = await postBatch(t, [orderOf("ACME", "A-1"), orderOf("ACME", "A-2")]);
    assert.equal(clean.statusCode, 202, clean.body);
    assert.equal(countSubmissionRows(t), 2);
    assert.equal(countBatchRows(t), 1);

    const response = await postBatch(
      t,
      Array.from({ length: LARGE_BATCH_ORDERS }, (_, i) => orderOf("ACME", `P-${i}`)),
    );
    assertProblem(response, 503, "store_unavailable");
    assert.equal(response.headers.location, undefined);
    assert.doesNotMatch(
      response.body,
      /database or disk is full/,
      "a 5xx must not show the driver's message",
    );
    assert.equal(countSubmissionRows(t), 2, "no order of the refused batch may be stored");
    assert.equal(countBatchRows(t), 1, "the refused batch may not be recorded");
  });
});
