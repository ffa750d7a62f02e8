import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import Database from "better-sqlite3";
import { exampleOrder } from "../../src/domain/order-example.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import { createKey, createOrgAndKey, type TestApp } from "../helpers/test-app.js";
import { getListing, type ListingPage, readAllPages, submitOrder } from "./list-requests.js";
import { createAppPool, postOrder } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

const list = (status: string, trkref = "ACME") => `/v4/customer_orders?status=${status}&trkref=${trkref}`;

interface ListedSubmission {
  id: string;
  status: string;
  order_ref: string;
  failure_reason: string | null;
}

/** Makes the database refuse to store the order `orderRef`, as it refuses a value it cannot hold. */
function refuseOrdersNamed(t: TestApp, orderRef: string) {
  const db = new Database(t.config.databaseUrl);
  try {
    db.exec(`CREATE TRIGGER refuse_order BEFORE INSERT ON orders WHEN NEW.order_ref = '${orderRef}'
      BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
  } finally {
    db.close();
  }
}

const submit = (t: TestApp, orderRef: string) =>
  submitOrder(t, { ...exampleOrder("ACME"), order_ref: orderRef });

async function listIds(t: TestApp, url: string, authorization?: string): Promise<string[]> {
  const response = await getListing(t, url, authorization);
  assert.equal(response.statusCode, 200, response.body);
  return (response.json() as ListingPage<ListedSubmission>).data.map((s) => s.id);
}

describe("GET /v4/customer_orders?status=…&trkref=…", () => {
  it("lists the failed submissions with their reasons, each exactly as its status answers it", async () => {
    const t = await apps.open();
    refuseOrdersNamed(t, "BAD-1");
    const good = await submit(t, "OK-1");
    const bad = await submit(t, "BAD-1");
    await t.processAll();

    const response = await getListing(t, list("failed"));
    assert.equal(response.statusCode, 200, response.body);
    const page = response.json() as ListingPage<ListedSubmission>;
    assert.equal(page.next, null);
    assert.deepEqual(
      page.data.map((s) => [s.id, s.status, s.order_ref]),
      [[bad, "failed", "BAD-1"]],
    );
    assert.match(page.data[0]?.failure_reason ?? "", /refused by the test/);
    const status = await getListing(t, `/v4/customer_orders/${bad}`);
    assert.deepEqual(page.data[0], status.json());
    assert.deepEqual(await listIds(t, list("processed")), [good]);
    assert.deepEqual(await listIds(t, list("accepted")), []);
  });

  it("lists a submission as accepted until it is processed, then as processed", async () => {
    const t = await apps.open();
    const id = await submit(t, "W-1");
    assert.deepEqual(await listIds(t, list("accepted")), [id]);
    assert.deepEqual(await listIds(t, list("processed")), []);
    await t.processAll();
    assert.deepEqual(await listIds(t, list("accepted")), []);
    assert.deepEqual(await listIds(t, list("processed")), [id]);
  });

  it("pages through every submission once, newest first unless told, in acceptance order", async () => {
    const t = await apps.open();
    const ids: string[] = [];
    for (const ref of ["S-1", "S-2", "S-1", "S-3", "S-4"]) ids.push(await submit(t, ref));
    const pages = await readAllPages<ListedSubmission>(t, `${list("accepted")}&limit=2`);
    assert.deepEqual(
      pages.map((page) => page.data.length),
      [2, 2, 1],
    );
    assert.deepEqual(
      pages.flatMap((page) => page.data.map((s) => s.id)),
      [...ids].reverse(),
    );
    await t.processAll();
    const oldest = await readAllPages<ListedSubmission>(t, `${list("processed")}&limit=3&order=oldest`);
    assert.deepEqual(
      oldest.flatMap((page) => page.data.map((s) => s.id)),
      ids,
    );
  });

  it("lists each organisation of a key apart", async () => {
    const t = await apps.open();
    await createOrgAndKey(t.store, "BETA");
    const both = await createKey(t.store, ["ACME", "BETA"]);
    const acme = await submit(t, "A-1");
    const beta = await postOrder(
      t,
      { ...exampleOrder("BETA"), order_ref: "B-1" },
      {
        trkref: "BETA",
        authorization: both.authorization,
      },
    );
    assert.equal(beta.statusCode, 202, beta.body);
    assert.deepEqual(await listIds(t, list("accepted", "ACME"), both.authorization), [acme]);
    assert.deepEqual(await listIds(t, list("accepted", "BETA"), both.authorization), [beta.json().id]);
  });

  it("answers 403 key_not_allowed for an organisation the key may not act for, whether it exists or not", async () => {
    const t = await apps.open();
    await createOrgAndKey(t.store, "BETA");
    const other = assertProblem(await getListing(t, list("failed", "BETA")), 403, "key_not_allowed");
    const missing = assertProblem(await getListing(t, list("failed", "NOPE")), 403, "key_not_allowed");
    assert.equal(other.detail, "This API key may not act for BETA");
    assert.deepEqual({ ...other, detail: "" }, { ...missing, detail: "" });
  });

  it("answers 401 with a Basic challenge without credentials, before the query is read", async () => {
    const t = await apps.open();
    const response = await getListing(t, "/v4/customer_orders?status=nonsense", null);
    assertProblem(response, 401, "unauthorized");
    assert.match(String(response.headers["www-authenticate"]), /^Basic realm=/);
  });
});
