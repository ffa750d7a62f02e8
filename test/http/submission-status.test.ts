import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { v7 as uuidv7 } from "uuid";
import { exampleOrder } from "../../src/domain/order-example.js";
import { assertProblem, type ProblemBody } from "../helpers/problem-assertions.js";
import { createOrgAndKey, type TestApp } from "../helpers/test-app.js";
import { createAppPool, postOrder } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

/** `null` sends no Authorization header. */
function getSubmission(t: TestApp, id: string, authorization: string | null = t.acme.authorization) {
  return t.app.inject({
    method: "GET",
    url: `/v4/customer_orders/${id}`,
    headers: authorization === null ? {} : { authorization },
  });
}

async function submit(t: TestApp, body: unknown, authorization?: string, trkref?: string): Promise<string> {
  const response = await postOrder(t, body, { authorization, trkref });
  assert.equal(response.statusCode, 202, response.body);
  return response.json().id;
}

const isIsoTimestamp = (value: unknown) =>
  typeof value === "string" && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;

describe("GET /v4/customer_orders/{id}", () => {
  it("answers 200 accepted right after the submission, before processing", async () => {
    const t = await apps.open();
    const id = await submit(t, exampleOrder("ACME"));
    const response = await getSubmission(t, id);

    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers["content-type"]), /^application\/json/);
    const body = response.json();
    assert.equal(body.id, id);
    assert.equal(body.status, "accepted");
    assert.equal(body.outcome, null);
    assert.equal(body.failure_reason, null);
    assert.equal(body.trkref, "ACME");
    assert.equal(body.order_ref, "ORD-2021-000123");
    assert.ok(isIsoTimestamp(body.accepted_at), `accepted_at ${body.accepted_at}`);
    assert.equal(body.processed_at, null);
  });

  it("answers processed and created once the processor has applied it", async () => {
    const t = await apps.open();
    const id = await submit(t, exampleOrder("ACME"));
    await t.processAll();
    const body = (await getSubmission(t, id)).json();

    assert.equal(body.status, "processed");
    assert.equal(body.outcome, "created");
    assert.equal(body.failure_reason, null);
    assert.equal(body.trkref, "ACME");
    assert.equal(body.order_ref, "ORD-2021-000123");
    assert.ok(isIsoTimestamp(body.accepted_at), `accepted_at ${body.accepted_at}`);
    assert.ok(isIsoTimestamp(body.processed_at), `processed_at ${body.processed_at}`);
    assert.ok(body.processed_at >= body.accepted_at);
  });

  it("answers duplicate for the same document resubmitted, and updated for a changed field", async () => {
    const t = await apps.open();
    const order = exampleOrder("ACME");
    const first = await submit(t, order);
    const same = await submit(t, order);
    const changed = await submit(t, { ...order, customer: { ...order.customer, first_name: "Janet" } });
    await t.processAll();

    const outcomes = await Promise.all(
      [first, same, changed].map(async (id) => (await getSubmission(t, id)).json().outcome),
    );
    assert.deepEqual(outcomes, ["created", "duplicate", "updated"]);
  });
});

describe("GET /v4/customer_orders/{id}: what a key may not see", () => {
  /** The body with the id in its detail replaced, so that two not-found answers can be compared whole. */
  const withoutId = (body: ProblemBody, id: string) => ({ ...body, detail: body.detail.replace(id, "{id}") });

  it("answers 404 for an unknown UUID", async () => {
    const t = await apps.open();
    await submit(t, exampleOrder("ACME"));
    assertProblem(await getSubmission(t, uuidv7()), 404, "not_found");
  });

  for (const id of ["not-a-uuid", "12345", "01a22081-94d9-7367-8d60-36187de7e53"]) {
    it(`answers 404 for the malformed id ${id}`, async () => {
      const t = await apps.open();
      assertProblem(await getSubmission(t, id), 404, "not_found");
    });
  }

  it("answers another organisation's submission exactly like an unknown one", async () => {
    const t = await apps.open();
    const other = await createOrgAndKey(t.store, "OTHER");
    const otherId = await submit(t, exampleOrder("OTHER"), other.authorization, "OTHER");
    const unknownId = uuidv7();

    // The owner sees it, so the 404 below is about the key, not a missing row.
    assert.equal((await getSubmission(t, otherId, other.authorization)).statusCode, 200);

    const hidden = assertProblem(await getSubmission(t, otherId), 404, "not_found");
    const unknown = assertProblem(await getSubmission(t, unknownId), 404, "not_found");
    assert.deepEqual(withoutId(hidden, otherId), withoutId(unknown, unknownId));
    assert.doesNotMatch(JSON.stringify(hidden), /OTHER/);
  });

  it("answers 401 with a Basic challenge without credentials or with a wrong secret", async () => {
    const t = await apps.open();
    const id = await submit(t, exampleOrder("ACME"));
    for (const authorization of [null, `Basic ${Buffer.from(`${t.acme.keyId}:wrong`).toString("base64")}`]) {
      const response = await getSubmission(t, id, authorization);
      const body = assertProblem(response, 401, "unauthorized");
      assert.equal(body.message, "Unauthorized");
      assert.match(String(response.headers["www-authenticate"]), /^Basic realm=/);
      assert.doesNotMatch(response.body, /ACME|ORD-2021/);
    }
  });
});
