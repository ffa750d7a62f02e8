import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import Database from "better-sqlite3";
import { customerHasherOfKey } from "../../src/domain/customer-privacy.js";
import { exampleOrder } from "../../src/domain/order-example.js";
import type { TestApp } from "../helpers/test-app.js";
import { createAppPool, postBatch, postOrder } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

const SUPPRESSED_WARNING = {
  pointer: "/customer/email",
  code: "customer_suppressed",
  message:
    "This customer is on the organisation's suppression list: the order is kept without their personal data, and nothing will contact them",
};

/** ACME's order `orderRef` of the customer with this email (and a name, a postcode, item metadata). */
const orderOf = (orderRef: string, email: string) => {
  const order = exampleOrder("ACME");
  return { ...order, order_ref: orderRef, customer: { ...order.customer, email } };
};

/** Puts these emails on ACME's suppression list, hashed as the service hashes them. */
async function suppress(t: TestApp, ...emails: string[]): Promise<void> {
  const hasher = customerHasherOfKey(await t.store.customerHashKey());
  const createdAt = new Date().toISOString();
  await t.store.addSuppressions(
    emails.map((email) => ({
      trkref: "ACME",
      customerHash: hasher.email("ACME", email),
      reason: "requested",
      createdAt,
    })),
  );
}

/** The stored row of a submission, read straight from the database file. */
function submissionRow(t: TestApp, id: string) {
  const db = new Database(t.config.databaseUrl, { readonly: true });
  try {
    const row = db
      .prepare("SELECT document, raw, customer_hash, suppressed FROM submissions WHERE id = ?")
      .get(id) as { document: string; raw: string; customer_hash: string | null; suppressed: number };
    return { ...row, document: JSON.parse(row.document) };
  } finally {
    db.close();
  }
}

const readOrder = (t: TestApp, orderRef: string) =>
  t.app.inject({
    method: "GET",
    url: `/v4/organisations/ACME/customer_orders/${orderRef}`,
    headers: { authorization: t.acme.authorization },
  });

/** Nothing of the person: neither the email nor the name nor the postcode, nor the items' metadata. */
function assertNothingOfTheCustomer(text: string): void {
  assert.doesNotMatch(text, /jane|Jane|Doe|SW1A|gift wrapped|CUST-0042/);
}

/** A clock a test moves on by hand. */
function manualClock() {
  let at = Date.parse("2026-03-02T10:00:00.000Z");
  return { now: () => new Date(at), advance: (ms: number) => (at += ms) };
}

describe("intake of a suppressed customer's order", () => {
  it("accepts it with a warning and stores and processes it without the customer's data", async () => {
    const t = await apps.open();
    // Compared as the service compares emails: in lower case, without surrounding spaces.
    await suppress(t, " Jane@Example.com");
    const response = await postOrder(t, orderOf("SUP-1", "jane@example.com"));

    assert.equal(response.statusCode, 202, response.body);
    const body = response.json();
    assert.deepEqual(body.warnings, [SUPPRESSED_WARNING]);
    const stored = submissionRow(t, body.id);
    assert.equal(stored.raw, "");
    assert.equal(stored.suppressed, 1);
    assert.deepEqual(stored.document.customer, { email: "", country: "GB" });
    assertNothingOfTheCustomer(JSON.stringify(stored.document));
    const submission = await t.store.findSubmission(body.id);
    assert.equal(submission?.status, "accepted");

    await t.processAll();
    const order = await readOrder(t, "SUP-1");
    assert.equal(order.statusCode, 200, order.body);
    const read = order.json();
    assert.equal(read.suppressed, true);
    assert.deepEqual(read.customer, { email: "", country: "GB" });
    assert.deepEqual(read.order_items, [
      { sku: "TSHIRT-BLUE-M", price: "55.99", currency: "GBP" },
      { sku: "MUG-001", price: "12.5", currency: "GBP" },
    ]);
    assertNothingOfTheCustomer(order.body);
    const [event] = await t.store.listEvents({ trkref: "ACME", limit: 10 });
    assert.equal(event?.type, "order.created");
    assertNothingOfTheCustomer(String(event?.data));
  });

  it("answers an order of a customer not suppressed as before: no warning, stored as sent", async () => {
    const t = await apps.open();
    await suppress(t, "someone.else@example.com");
    const sent = orderOf("OK-1", "jane.doe@example.com");
    const response = await postOrder(t, sent);

    assert.equal(response.statusCode, 202, response.body);
    assert.deepEqual(Object.keys(response.json()).sort(), ["id", "message", "status"]);
    const stored = submissionRow(t, response.json().id);
    assert.equal(stored.raw, JSON.stringify(sent));
    assert.equal(stored.suppressed, 0);
    assert.equal(stored.document.customer.email, "jane.doe@example.com");
    const hasher = customerHasherOfKey(await t.store.customerHashKey());
    assert.equal(stored.customer_hash, hasher.email("ACME", "jane.doe@example.com"));

    await t.processAll();
    const read = (await readOrder(t, "OK-1")).json();
    assert.equal("suppressed" in read, false, "the answer is as it was before suppression existed");
    assert.equal(read.customer.first_name, "Jane");
  });

  it("warns of the one suppressed order of a batch, in its result, and strips only that one", async () => {
    const t = await apps.open();
    await suppress(t, "jane@example.com");
    const response = await postBatch(t, [
      orderOf("B-1", "max@example.com"),
      orderOf("B-2", "JANE@example.com"),
      { ...orderOf("B-3", "max@example.com"), order_items: [] },
    ]);

    assert.equal(response.statusCode, 206, response.body);
    const results = response.json().results;
    assert.equal(results[0].warnings, undefined);
    assert.deepEqual(results[1].warnings, [SUPPRESSED_WARNING]);
    assert.equal(results[2].status, "rejected");
    assert.equal(submissionRow(t, results[0].id).suppressed, 0);
    assert.equal(submissionRow(t, results[0].id).document.customer.email, "max@example.com");
    const stripped = submissionRow(t, results[1].id);
    assert.equal(stripped.suppressed, 1);
    assert.equal(stripped.raw, "");
    assertNothingOfTheCustomer(JSON.stringify(stripped.document));

    const status = await t.app.inject({
      method: "GET",
      url: `/v4/customer_orders/batches/${response.json().id}`,
      headers: { authorization: t.acme.authorization },
    });
    assert.deepEqual(
      status.json().results[1].warnings,
      [SUPPRESSED_WARNING],
      "the batch's record says so too",
    );
    await t.processAll();
    assert.equal((await readOrder(t, "B-2")).json().suppressed, true);
    assert.equal("suppressed" in (await readOrder(t, "B-1")).json(), false);
  });

  it("hears of a suppression within the refresh interval, and processing strips what it let through", async () => {
    const clock = manualClock();
    const t = await apps.open({}, { now: clock.now });
    const first = await postOrder(t, orderOf("LATE-1", "jane@example.com"));
    assert.equal(first.json().warnings, undefined, "the list, read for this order, is empty");
    await t.processAll();

    await suppress(t, "jane@example.com");
    const before = await postOrder(t, orderOf("LATE-2", "jane@example.com"));
    assert.equal(before.statusCode, 202, before.body);
    assert.equal(before.json().warnings, undefined, "read less than a second ago: not asked again");
    assert.notEqual(submissionRow(t, before.json().id).raw, "");

    clock.advance(1000);
    const after = await postOrder(t, orderOf("LATE-3", "jane@example.com"));
    assert.deepEqual(after.json().warnings, [SUPPRESSED_WARNING]);

    await t.processAll();
    const letThrough = submissionRow(t, before.json().id);
    assert.equal(letThrough.raw, "");
    assert.equal(letThrough.suppressed, 1);
    assertNothingOfTheCustomer(JSON.stringify(letThrough.document));
    const read = await readOrder(t, "LATE-2");
    assert.equal(read.json().suppressed, true);
    assertNothingOfTheCustomer(read.body);
    const earlier = (await readOrder(t, "LATE-1")).json();
    assert.equal("suppressed" in earlier, false, "processed before the suppression: as it was");
    assert.equal(earlier.customer.email, "jane@example.com");
  });
});
