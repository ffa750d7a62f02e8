import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { v7 as uuidv7 } from "uuid";
import { exampleOrder } from "../../src/domain/order-example.js";
import { assertProblem, type ProblemBody } from "../helpers/problem-assertions.js";
import { createKey, type TestApp } from "../helpers/test-app.js";
import { createAppPool } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

interface BatchResult {
  index: number;
  order_ref: string | null;
  status: "accepted" | "rejected";
  id?: string;
  errors?: string[];
  invalid_params?: { pointer: string; code: string; message: string }[];
}

/** Posts a batch as ACME's key and returns the answer's batch id and results. */
async function postBatch(t: TestApp, orders: unknown[], expectedStatus: number) {
  const response = await t.app.inject({
    method: "POST",
    url: "/v4/customer_orders",
    headers: { "content-type": "application/json", authorization: t.acme.authorization },
    payload: JSON.stringify(orders),
  });
  assert.equal(response.statusCode, expectedStatus, response.body);
  const body = response.json() as { id: string; results: BatchResult[] };
  assert.equal(response.headers.location, `/v4/customer_orders/batches/${body.id}`);
  return body;
}

/** `null` sends no Authorization header. */
function getBatch(t: TestApp, id: string, authorization: string | null = t.acme.authorization) {
  return t.app.inject({
    method: "GET",
    url: `/v4/customer_orders/batches/${id}`,
    headers: authorization === null ? {} : { authorization },
  });
}

const valid = (orderRef: string) => ({ ...exampleOrder("ACME"), order_ref: orderRef });
const invalid = (orderRef: string) => ({
  ...exampleOrder("ACME"),
  order_ref: orderRef,
  order_date: "2021-09-25",
});

const isIsoTimestamp = (value: unknown) =>
  typeof value === "string" && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;

describe("GET /v4/customer_orders/batches/{id}", () => {
  it("shows each accepted order's submission status, then its outcome once processed", async () => {
    const t = await apps.open();
    const posted = await postBatch(t, [valid("S-1"), invalid("S-2"), valid("S-3")], 206);
    const [first, rejected, third] = posted.results as [BatchResult, BatchResult, BatchResult];

    const before = await getBatch(t, posted.id);
    assert.equal(before.statusCode, 200, before.body);
    assert.match(String(before.headers["content-type"]), /^application\/json/);
    const body = before.json();
    assert.equal(body.id, posted.id);
    assert.ok(isIsoTimestamp(body.created_at), `created_at ${body.created_at}`);
    assert.deepEqual(body.summary, { accepted: 2, rejected: 1 });
    const pending = {
      submission_status: "accepted",
      outcome: null,
      failure_reason: null,
      failure_code: null,
      processed_at: null,
    };
    assert.deepEqual(body.results, [{ ...first, ...pending }, rejected, { ...third, ...pending }]);
    assert.deepEqual(
      rejected.invalid_params?.map((error) => [error.pointer, error.code]),
      [["/order_date", "invalid_date"]],
    );

    await t.processAll();
    const after = (await getBatch(t, posted.id)).json();
    assert.deepEqual(after.summary, { accepted: 2, rejected: 1 });
    const [processedFirst, stillRejected, processedThird] = after.results;
    for (const [result, original] of [
      [processedFirst, first],
      [processedThird, third],
    ]) {
      const { processed_at, ...rest } = result;
      assert.deepEqual(rest, {
        ...original,
        submission_status: "processed",
        outcome: "created",
        failure_reason: null,
        failure_code: null,
      });
      assert.ok(isIsoTimestamp(processed_at), `processed_at ${processed_at}`);
    }
    assert.deepEqual(stillRejected, rejected);
  });

  it("keeps a batch that was answered 422, retrievable by the id of that answer", async () => {
    const t = await apps.open();
    const posted = await postBatch(t, [invalid("N-1"), invalid("N-2")], 422);

    const response = await getBatch(t, posted.id);
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.equal(body.id, posted.id);
    assert.deepEqual(body.summary, { accepted: 0, rejected: 2 });
    assert.deepEqual(body.results, posted.results);
  });
});

describe("GET /v4/customer_orders/batches/{id}: what a key may not see", () => {
  /** The body with the id in its detail replaced, so that two not-found answers can be compared whole. */
  const withoutId = (body: ProblemBody, id: string) => ({ ...body, detail: body.detail.replace(id, "{id}") });

  it("answers 404 for an unknown id", async () => {
    const t = await apps.open();
    const posted = await postBatch(t, [valid("U-1")], 202);
    assert.equal((await getBatch(t, posted.id)).statusCode, 200);
    const body = assertProblem(await getBatch(t, uuidv7()), 404, "not_found");
    assert.match(body.detail, /^No batch /);
  });

  for (const id of ["not-a-uuid", "12345"]) {
    it(`answers 404 for the malformed id ${id}`, async () => {
      const t = await apps.open();
      const body = assertProblem(await getBatch(t, id), 404, "not_found");
      assert.equal(body.detail, `No batch ${id} visible to this API key`);
    });
  }

  it("answers another key, even one allowed for the same organisation, as for an unknown batch", async () => {
    const t = await apps.open();
    const posted = await postBatch(t, [valid("O-1")], 202);
    const colleague = await createKey(t.store, ["ACME"]);
    const unknownId = uuidv7();

    // The creator sees it, so the 404 below is about the key, not a missing row.
    assert.equal((await getBatch(t, posted.id)).statusCode, 200);

    const hidden = assertProblem(await getBatch(t, posted.id, colleague.authorization), 404, "not_found");
    const unknown = assertProblem(await getBatch(t, unknownId, colleague.authorization), 404, "not_found");
    assert.deepEqual(withoutId(hidden, posted.id), withoutId(unknown, unknownId));
    assert.doesNotMatch(JSON.stringify(hidden), /O-1/);
  });

  it("answers 401 with a Basic challenge without credentials", async () => {
    const t = await apps.open();
    const posted = await postBatch(t, [valid("A-1")], 202);
    const response = await getBatch(t, posted.id, null);
    const body = assertProblem(response, 401, "unauthorized");
    assert.equal(body.message, "Unauthorized");
    assert.match(String(response.headers["www-authenticate"]), /^Basic realm="[^"]+"/);
    assert.doesNotMatch(response.body, /A-1/);
  });
});
