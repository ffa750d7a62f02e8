import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, it, type TestContext } from "node:test";
import { BUILT_IN_INVITATION_POLICY } from "../../src/domain/invitation-policy.js";
import { exampleOrder } from "../../src/domain/order-example.js";
import { createWebhookDeliverer } from "../../src/processing/webhook-deliverer.js";
import { eventually } from "../helpers/eventually.js";
import { asPostgresAdmin, createTestSchema, withPostgres } from "../helpers/postgres.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";
import { addWebhookEndpoint, startWebhookReceiver } from "../helpers/webhook-receiver.js";

/**
 * The proof the privacy guide promises: after an erasure and the compaction it tells operators to run, the
 * erased customer's email, names, postcode and item metadata are nowhere in the database's bytes (SQLite:
 * the file and its WAL; PostgreSQL: every table's rows, and every relation's files, TOAST included), though
 * they were in the orders, the submissions (normalised and raw), the events, the webhook attempts' excerpts
 * of a receiver that echoed what it was sent, and a batch's idempotency record (its answer echoes a rejected
 * order as sent). Another customer's data is still found, so that the
 * search is shown to see what it looks for.
 */

const ERASED = {
  email: "Zelda.Quixotic-7731@erasure-proof.example",
  first_name: "Zeldaquix",
  surname: "Oberwaldnerova",
  postcode: "ZQ9 9ZQ",
  customer_ref: "CUST-ZQ-0099",
  note: "gift note for Zeldaquix",
};
const KEPT = {
  email: "kept.customer-5512@erasure-proof.example",
  first_name: "Keptilda",
  surname: "Staysworth",
  postcode: "KP1 1PK",
  customer_ref: "CUST-KP-0001",
  note: "note for Keptilda",
};
type Person = typeof ERASED;

/** The strings that must leave the files: each a value the customer's orders carried somewhere. */
const needlesOf = (person: Person) => [
  person.email,
  person.email.toLowerCase(),
  person.first_name,
  person.surname,
  person.postcode,
  person.customer_ref,
  person.note,
];

/** Invitations due as soon as their orders are processed, so that the test releases them at once. */
const INVITED_AT_ONCE = { INVITATION_DELAY_DAYS: "0", INVITATION_SEND_WINDOW: "00:00-24:00" };

// Recent, so that each order is invited and its invitation.due event carries the customer.
const TODAY = new Date().toISOString().slice(0, 10).split("-").reverse().join("-");

const orderFor = (person: Person, orderRef: string) => {
  const example = exampleOrder("ACME");
  return {
    ...example,
    order_ref: orderRef,
    order_date: TODAY,
    fulfilment_date: TODAY,
    customer: {
      ...example.customer,
      email: person.email,
      first_name: person.first_name,
      surname: person.surname,
      postcode: person.postcode,
      customer_ref: person.customer_ref,
    },
    order_items: [{ ...example.order_items[0], metadata: { field_1: person.note } }, example.order_items[1]],
  };
};

async function post(app: TestApp, url: string, payload: unknown, headers: Record<string, string> = {}) {
  const response = await app.app.inject({
    method: "POST",
    url,
    headers: { authorization: app.acme.authorization, "content-type": "application/json", ...headers },
    payload: payload as object,
  });
  assert.ok(response.statusCode < 300, `${url} answered ${response.statusCode}: ${response.body}`);
  return response.json();
}

/**
 * Fills the app's database with both customers' orders everywhere personal data goes, delivers every event
 * to a receiver that echoes it back, leaves one submission of the erased customer pending, then erases that
 * customer through the merchant's API and carries the request out.
 */
async function fillAndErase(t: TestContext, app: TestApp) {
  const receiver = await startWebhookReceiver((request) => ({ status: 200, body: request.body }));
  t.after(() => receiver.close());
  await addWebhookEndpoint(app.store, receiver.url);
  const deliverer = createWebhookDeliverer({
    store: app.store,
    log: app.app.log,
    settings: {
      allowPrivateUrls: true,
      timeoutMs: 5000,
      leaseMs: 60_000,
      pollMs: 20,
      concurrency: 4,
      endpointConcurrency: 4,
    },
  });
  t.after(() => deliverer.stop());

  const single = "/v4/organisations/ACME/customer_order";
  await post(app, single, orderFor(ERASED, "ZQ-1"), { "idempotency-key": "erasure-proof-1" });
  await post(app, single, orderFor(KEPT, "KP-1"), { "idempotency-key": "erasure-proof-2" });
  // The batch's answer echoes its rejected order as sent, and its idempotency record keeps the answer.
  const rejected = { ...orderFor(ERASED, "ZQ-X"), order_date: "not a date" };
  await post(app, "/v4/customer_orders", [orderFor(ERASED, "ZQ-2"), orderFor(KEPT, "KP-2"), rejected], {
    "idempotency-key": "erasure-proof-batch",
  });
  await app.processAll();
  // An update, so that an order.updated event holds the earlier values in previous_attributes.
  await post(app, single, {
    ...orderFor(ERASED, "ZQ-1"),
    customer: { ...orderFor(ERASED, "ZQ-1").customer, title: "Dr" },
  });
  await app.processAll();
  // Each customer's first invitation is released (the second is capped), with their email in invitation.due.
  const released = await app.store.releaseDueInvitations({
    limit: 100,
    settings: { defaults: { ...BUILT_IN_INVITATION_POLICY, delay_days: 0 }, reviewLink: null },
  });
  assert.equal(released.due, 2);
  deliverer.start();
  const events = (await app.store.listEvents({ trkref: "ACME", limit: 100 })).length;
  assert.ok(await eventually(() => receiver.received.length >= events, 10_000), "every event delivered");
  await deliverer.stop();
  // Submitted, not yet processed: the erasure must erase it and keep it from creating its order.
  await post(app, single, orderFor(ERASED, "ZQ-3"));

  const request = await post(app, "/v4/organisations/ACME/erasure_requests", {
    email: ERASED.email.toUpperCase(),
  });
  const done = await app.store.runErasure(request.id, new Date().toISOString());
  assert.equal(done?.status, "completed");
  assert.equal(done?.counts?.orders, 2);
  assert.equal(done?.counts?.pending_submissions, 1);
  assert.equal(done?.counts?.idempotency_records, 1);
  await app.processAll();
  assert.equal(await app.store.findOrder("ACME", "ZQ-3"), undefined);
  assert.ok(await app.store.findOrder("ACME", "KP-1"));
  await app.store.compact({ full: true });
  for (const line of app.logLines()) {
    for (const needle of needlesOf(ERASED)) assert.ok(!line.includes(needle), `a log line holds ${needle}`);
  }
}

const occurrences = (haystack: Buffer, needles: string[]) =>
  needles.filter((needle) => haystack.includes(Buffer.from(needle, "utf8")));

describe("erasure on disk: SQLite", () => {
  it("leaves none of the customer's data in the database file or its WAL", async (t) => {
    const app = await createTestApp({ WEBHOOK_ALLOW_PRIVATE_URLS: "true", ...INVITED_AT_ONCE });
    const path = app.config.databaseUrl;
    let closed = false;
    t.after(async () => {
      if (!closed) await app.close();
    });
    await fillAndErase(t, app);
    const walPath = `${path}-wal`;
    const bytes = Buffer.concat([
      readFileSync(path),
      existsSync(walPath) ? readFileSync(walPath) : Buffer.alloc(0),
    ]);
    assert.deepEqual(occurrences(bytes, needlesOf(ERASED)), []);
    assert.deepEqual(occurrences(bytes, needlesOf(KEPT)), needlesOf(KEPT));
    await app.close();
    closed = true;
  });
});

await withPostgres(() =>
  describe("erasure on disk: PostgreSQL", () => {
    it("leaves none of the customer's data in any table's rows or files", async (t) => {
      const schema = createTestSchema("erasure_on_disk");
      t.after(() => schema.drop());
      const app = await createTestApp({
        WEBHOOK_ALLOW_PRIVATE_URLS: "true",
        DATABASE_URL: schema.url,
        ...INVITED_AT_ONCE,
      });
      t.after(() => app.close());
      await fillAndErase(t, app);
      await asPostgresAdmin(async (client) => {
        const { rows: tables } = await client.query<{ name: string }>(
          "SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = $1",
          [schema.schema],
        );
        assert.ok(tables.length >= 10, "every table of the schema is searched");
        let text = "";
        for (const { name } of tables) {
          const { rows } = await client.query(`SELECT t::text AS row FROM ${schema.schema}.${name} t`);
          text += rows.map((row) => row.row).join("\n");
        }
        assert.deepEqual(occurrences(Buffer.from(text), needlesOf(ERASED)), []);
        assert.deepEqual(occurrences(Buffer.from(text), needlesOf(KEPT)), needlesOf(KEPT));

        // The files themselves: what a deleted row leaves in a page until a vacuum rewrites it.
        await client.query("CHECKPOINT");
        const { rows: files } = await client.query<{ bytes: Buffer }>(
          `SELECT pg_read_binary_file(pg_relation_filepath(c.oid)) AS bytes
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relkind IN ('r', 'i')
           UNION ALL
           SELECT pg_read_binary_file(pg_relation_filepath(t.oid))
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_class t ON t.oid = c.reltoastrelid
            WHERE n.nspname = $1`,
          [schema.schema],
        );
        const bytes = Buffer.concat(files.map((file) => file.bytes));
        assert.deepEqual(occurrences(bytes, needlesOf(ERASED)), []);
        assert.deepEqual(occurrences(bytes, needlesOf(KEPT)), needlesOf(KEPT));
      });
    });
  }),
);
