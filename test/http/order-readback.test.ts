import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { assertProblem, type ProblemBody } from "../helpers/problem-assertions.js";
import { createOrgAndKey, type TestApp } from "../helpers/test-app.js";
import { createAppPool, postOrder } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

/** `orderRef` is put in the path as it is: callers encode it. `null` sends no Authorization header. */
function getOrder(
  t: TestApp,
  orderRef: string,
  options: { trkref?: string; authorization?: string | null } = {},
) {
  const authorization = options.authorization === undefined ? t.acme.authorization : options.authorization;
  return t.app.inject({
    method: "GET",
    url: `/v4/organisations/${options.trkref ?? "ACME"}/customer_orders/${orderRef}`,
    headers: authorization === null ? {} : { authorization },
  });
}

async function submit(t: TestApp, body: unknown, authorization?: string, trkref?: string): Promise<string> {
  const response = await postOrder(t, body, { authorization, trkref });
  assert.equal(response.statusCode, 202, response.body);
  return response.json().id;
}

/** The order as read back, without the list of submissions that built it. */
function orderFields(body: Record<string, unknown>) {
  const { submissions: _submissions, ...order } = body;
  return order;
}

const isIsoTimestamp = (value: unknown) =>
  typeof value === "string" && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;

/** Only an order date: a later submission adds the fulfilment date. */
function placedOrder(orderRef: string) {
  const { fulfilment_date: _fulfilment, ...order } = exampleOrder("ACME");
  return { ...order, order_ref: orderRef };
}

describe("GET /v4/organisations/{trkref}/customer_orders/{order_ref}", () => {
  it("answers the processed order in normalised form, nested metadata as sent, with its submission", async () => {
    const t = await apps.open();
    const order = exampleOrder("ACME");
    const metadata = {
      field_1: "gift wrapped",
      size: 2,
      engraving: { lines: ["For Ana", "25 years"], font: { family: "serif", bold: false } },
      options: [null, ["a", { "Gift Wrap": "yes" }]],
    };
    const sent = {
      ...order,
      order_ref: "N-1",
      language: "EN",
      locale: "en-gb",
      customer: { ...order.customer, country: "UK" },
      order_items: [
        { sku: 1001, price: "55,99", currency: "gbp", metadata },
        { sku: "MUG-001", price: 12.5 },
      ],
    };
    const id = await submit(t, sent);
    await t.processAll();

    const response = await getOrder(t, "N-1");
    assert.equal(response.statusCode, 200, response.body);
    assert.match(String(response.headers["content-type"]), /^application\/json/);
    const body = response.json();
    const { created_at, updated_at, invitation, cancellation, ...fields } = orderFields(body) as {
      invitation: { status: string; reason: string; order_ref: string };
    } & Record<string, unknown>;
    // An order of 2021 is too old to invite: its invitation is recorded as skipped, with the reason.
    assert.equal(invitation.status, "skipped");
    assert.equal(invitation.reason, "too_old");
    assert.equal(invitation.order_ref, "N-1");
    assert.equal(cancellation, null);
    assert.deepEqual(fields, {
      trkref: "ACME",
      order_ref: "N-1",
      order_date: "2021-09-25",
      fulfilment_date: "2021-09-27",
      language: "en",
      locale: "en-GB",
      customer: { ...order.customer, country: "GB" },
      order_items: [
        { sku: "1001", price: "55.99", currency: "GBP", metadata },
        { sku: "MUG-001", price: "12.5" },
      ],
    });
    assert.ok(isIsoTimestamp(created_at), `created_at ${created_at}`);
    assert.equal(updated_at, created_at);

    assert.equal(body.submissions.length, 1);
    const [submission] = body.submissions;
    assert.equal(submission.id, id);
    assert.equal(submission.status, "processed");
    assert.equal(submission.outcome, "created");
    assert.equal(submission.failure_reason, null);
    assert.ok(isIsoTimestamp(submission.accepted_at), `accepted_at ${submission.accepted_at}`);
    assert.ok(isIsoTimestamp(submission.processed_at), `processed_at ${submission.processed_at}`);
  });

  it("takes a resubmission adding the fulfilment date; lists both submissions, oldest first", async () => {
    const t = await apps.open();
    const first = await submit(t, placedOrder("M-1"));
    await t.processAll();
    const second = await submit(t, { ...placedOrder("M-1"), fulfilment_date: "27-09-2021" });
    await t.processAll();

    const body = (await getOrder(t, "M-1")).json();
    assert.equal(body.order_date, "2021-09-25");
    assert.equal(body.fulfilment_date, "2021-09-27");
    assert.deepEqual(
      body.submissions.map((s: { id: string; status: string; outcome: string }) => [
        s.id,
        s.status,
        s.outcome,
      ]),
      [
        [first, "processed", "created"],
        [second, "processed", "updated"],
      ],
    );
    assert.ok(body.updated_at >= body.created_at, `${body.updated_at} < ${body.created_at}`);
  });

  it("shows a resubmission as the whole order: a date, a customer field and items it leaves out are gone", async () => {
    const t = await apps.open();
    const placed = {
      ...placedOrder("M-2"),
      customer: { email: "jane@example.com", first_name: "Jane" },
      order_items: [{ sku: "MUG-1" }, { sku: "CAP-2" }],
    };
    await submit(t, placed);
    const { order_date: _orderDate, ...fulfilled } = {
      ...placed,
      fulfilment_date: "30-09-2021",
      customer: { email: "jane@example.com" },
      order_items: [{ sku: "CAP-2" }],
    };
    await submit(t, fulfilled);
    await t.processAll();

    const body = (await getOrder(t, "M-2")).json();
    assert.equal(body.order_date, undefined);
    assert.equal(body.fulfilment_date, "2021-09-30");
    assert.deepEqual(body.customer, { email: "jane@example.com" });
    assert.deepEqual(body.order_items, [{ sku: "CAP-2" }]);
    assert.deepEqual(
      body.submissions.map((s: { outcome: string }) => s.outcome),
      ["created", "updated"],
    );
  });

  it("processes an unchanged resubmission as a duplicate that changes nothing", async () => {
    const t = await apps.open();
    const order = { ...exampleOrder("ACME"), order_ref: "D-1" };
    const first = await submit(t, order);
    await t.processAll();
    const before = (await getOrder(t, "D-1")).json();

    const second = await submit(t, order);
    await t.processAll();
    const after = (await getOrder(t, "D-1")).json();

    assert.deepEqual(orderFields(after), orderFields(before));
    assert.deepEqual(
      after.submissions.map((s: { id: string; status: string; outcome: string }) => [
        s.id,
        s.status,
        s.outcome,
      ]),
      [
        [first, "processed", "created"],
        [second, "processed", "duplicate"],
      ],
    );
  });

  it("finds an order_ref with reserved characters when it is URL-encoded", async () => {
    const t = await apps.open();
    const orderRef = "A/B 1?x";
    await submit(t, { ...exampleOrder("ACME"), order_ref: orderRef });
    await t.processAll();

    const response = await getOrder(t, encodeURIComponent(orderRef));
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().order_ref, orderRef);
  });

  it("finds an order_ref of the longest allowed length, 255 characters", async () => {
    const t = await apps.open();
    // Characters outside the BMP take two UTF-16 units, and the router counts those.
    for (const orderRef of ["L".repeat(255), "\u{1F600}".repeat(255)]) {
      await submit(t, { ...exampleOrder("ACME"), order_ref: orderRef });
      await t.processAll();

      const response = await getOrder(t, encodeURIComponent(orderRef));
      assert.equal(response.statusCode, 200, response.body.slice(0, 300));
      assert.equal(response.json().order_ref, orderRef);
    }
  });

  it("finds an order_ref sent as a JSON integer at its decimal string", async () => {
    const t = await apps.open();
    await submit(t, { ...exampleOrder("ACME"), order_ref: 4711 });
    await t.processAll();

    const response = await getOrder(t, "4711");
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().order_ref, "4711");
  });

  it("shows the orders of a batch once they are processed", async () => {
    const t = await apps.open();
    const refs = ["BR-1", "BR-2"];
    const response = await t.app.inject({
      method: "POST",
      url: "/v4/customer_orders",
      headers: { "content-type": "application/json", authorization: t.acme.authorization },
      payload: JSON.stringify(refs.map((ref) => ({ ...exampleOrder("ACME"), order_ref: ref }))),
    });
    assert.equal(response.statusCode, 202, response.body);
    const ids = response.json().results.map((result: { id: string }) => result.id);
    await t.processAll();

    for (const [index, ref] of refs.entries()) {
      const read = await getOrder(t, ref);
      assert.equal(read.statusCode, 200, read.body);
      const body = read.json();
      assert.equal(body.order_ref, ref);
      assert.deepEqual(
        body.submissions.map((s: { id: string; outcome: string }) => [s.id, s.outcome]),
        [[ids[index], "created"]],
      );
    }
  });
});

describe("GET /v4/organisations/{trkref}/customer_orders/{order_ref}: what a key may not see", () => {
  /** The body with the order_ref in its detail replaced, so that two answers can be compared whole. */
  const withoutRef = (body: ProblemBody, orderRef: string) => ({
    ...body,
    detail: body.detail.replace(orderRef, "{order_ref}"),
  });

  it("answers 404 for an order accepted but not yet processed, and 200 once it is", async () => {
    const t = await apps.open();
    await submit(t, { ...exampleOrder("ACME"), order_ref: "W-1" });
    assertProblem(await getOrder(t, "W-1"), 404, "not_found");

    await t.processAll();
    assert.equal((await getOrder(t, "W-1")).statusCode, 200);
  });

  it("answers 404 for an unknown order_ref", async () => {
    const t = await apps.open();
    await submit(t, { ...exampleOrder("ACME"), order_ref: "K-1" });
    await t.processAll();
    const body = assertProblem(await getOrder(t, "K-2"), 404, "not_found");
    assert.match(body.detail, /^No processed order "K-2" of ACME/);
  });

  it("answers an organisation the key may not act for exactly like an unknown order", async () => {
    const t = await apps.open();
    const beta = await createOrgAndKey(t.store, "BETA");
    await submit(t, { ...exampleOrder("BETA"), order_ref: "X-1" }, beta.authorization, "BETA");
    await t.processAll();

    // The owner sees it, so the 404 below is about the key, not a missing order.
    assert.equal(
      (await getOrder(t, "X-1", { trkref: "BETA", authorization: beta.authorization })).statusCode,
      200,
    );

    const hidden = assertProblem(await getOrder(t, "X-1", { trkref: "BETA" }), 404, "not_found");
    const unknown = assertProblem(
      await getOrder(t, "X-2", { trkref: "BETA", authorization: beta.authorization }),
      404,
      "not_found",
    );
    assert.deepEqual(withoutRef(hidden, "X-1"), withoutRef(unknown, "X-2"));
  });

  for (const trkref of ["acme", "AC--ME", "A".repeat(65)]) {
    it(`answers 400 "Invalid TRKREF supplied" for the path trkref ${trkref.slice(0, 12)}`, async () => {
      const t = await apps.open();
      const body = assertProblem(await getOrder(t, "N-1", { trkref }), 400, "invalid_trkref");
      assert.equal(body.message, "Invalid TRKREF supplied");
    });
  }

  it("answers 400 bad_request as a problem document for a malformed %-escape in the order_ref", async () => {
    const t = await apps.open();
    assertProblem(await getOrder(t, "A%E0%A4%A"), 400, "bad_request");
  });

  it("answers 401 with a Basic challenge without credentials", async () => {
    const t = await apps.open();
    await submit(t, { ...exampleOrder("ACME"), order_ref: "C-1" });
    await t.processAll();
    const response = await getOrder(t, "C-1", { authorization: null });
    const body = assertProblem(response, 401, "unauthorized");
    assert.equal(body.message, "Unauthorized");
    assert.match(String(response.headers["www-authenticate"]), /^Basic realm="[^"]+"/);
    assert.doesNotMatch(response.body, /jane\.doe/);
  });
});
