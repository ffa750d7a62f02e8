import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { nextMillisecond } from "../helpers/next-millisecond.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import { createOrgAndKey, type TestApp } from "../helpers/test-app.js";
import { getListing, type ListingPage, readAllPages, submitOrder, withCursor } from "./list-requests.js";
import { createAppPool } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

const LIST = "/v4/organisations/ACME/customer_orders";

interface ListedOrder {
  order_ref: string;
  created_at: string;
  updated_at: string;
  submissions: { id: string }[];
}

/** Submits ACME's example order under each order_ref and processes them together: they share one time. */
async function processTogether(t: TestApp, orderRefs: string[], changes: Record<string, unknown> = {}) {
  await nextMillisecond();
  for (const orderRef of orderRefs)
    await submitOrder(t, { ...exampleOrder("ACME"), order_ref: orderRef, ...changes });
  await t.processAll();
}

const refsOf = (pages: ListingPage<ListedOrder>[]) =>
  pages.flatMap((page) => page.data.map((o) => o.order_ref));

async function listRefs(t: TestApp, url: string): Promise<string[]> {
  const response = await getListing(t, url);
  assert.equal(response.statusCode, 200, response.body);
  return (response.json() as ListingPage<ListedOrder>).data.map((o) => o.order_ref);
}

describe("GET /v4/organisations/{trkref}/customer_orders", () => {
  it("lists the processed orders, newest first, each exactly as its read-back answers it", async () => {
    const t = await apps.open();
    await processTogether(t, ["O-1", "O-2"]);
    await processTogether(t, ["O-3"]);
    await submitOrder(t, { ...exampleOrder("ACME"), order_ref: "NOT-YET" });

    const response = await getListing(t, LIST);
    assert.equal(response.statusCode, 200, response.body);
    assert.match(String(response.headers["content-type"]), /^application\/json/);
    const page = response.json() as ListingPage<ListedOrder>;
    assert.deepEqual(
      page.data.map((o) => o.order_ref),
      ["O-3", "O-2", "O-1"],
      "newest first; orders created together by order_ref",
    );
    assert.equal(page.next, null);
    for (const listed of page.data) {
      const readBack = await getListing(t, `${LIST}/${listed.order_ref}`);
      // The read-back adds the order's invitation and cancellation, which the listing leaves out.
      const { invitation: _i, cancellation: _c, ...order } = readBack.json();
      assert.deepEqual(listed, order);
    }
    assert.deepEqual(await listRefs(t, `${LIST}?order=oldest`), ["O-1", "O-2", "O-3"]);
  });

  it("pages through every order once, in order, either way; the last page has no next", async () => {
    const t = await apps.open();
    await processTogether(t, ["P-1", "P-2", "P-3"]);
    await processTogether(t, ["P-4"]);
    await processTogether(t, ["P-5", "P-6", "P-7"]);
    const all = await listRefs(t, `${LIST}?limit=100`);
    assert.deepEqual(all, ["P-7", "P-6", "P-5", "P-4", "P-3", "P-2", "P-1"]);

    const pages = await readAllPages<ListedOrder>(t, `${LIST}?limit=3`);
    assert.deepEqual(
      pages.map((page) => page.data.length),
      [3, 3, 1],
    );
    assert.deepEqual(refsOf(pages), all);
    const oldest = await readAllPages<ListedOrder>(t, `${LIST}?limit=2&order=oldest`);
    assert.deepEqual(refsOf(oldest), [...all].reverse());
    // A page that ends with the last order has no next, rather than one that leads to an empty page.
    const six = await readAllPages<ListedOrder>(t, `${LIST}?limit=6`);
    assert.deepEqual(
      six.map((page) => [page.data.length, page.next === null]),
      [
        [6, false],
        [1, true],
      ],
    );
    const seven = await readAllPages<ListedOrder>(t, `${LIST}?limit=7`);
    assert.deepEqual(
      seven.map((page) => [page.data.length, page.next === null]),
      [[7, true]],
    );
  });

  it("keeps its place when an order already listed is updated between pages", async () => {
    const t = await apps.open();
    await processTogether(t, ["K-1", "K-2", "K-3", "K-4"]);
    const first = (await getListing(t, `${LIST}?limit=2&order=oldest`)).json() as ListingPage<ListedOrder>;
    assert.deepEqual(
      first.data.map((o) => o.order_ref),
      ["K-1", "K-2"],
    );
    await processTogether(t, ["K-1"], { fulfilment_date: "30-09-2021" });
    const next = first.next ?? assert.fail("a second page");
    assert.deepEqual(await listRefs(t, withCursor(`${LIST}?limit=2&order=oldest`, next)), ["K-3", "K-4"]);
  });

  it("filters by created_after and updated_after, strictly after; with updated_after, sorts by the update", async () => {
    const t = await apps.open();
    await processTogether(t, ["F-1"]);
    await processTogether(t, ["F-2"]);
    await processTogether(t, ["F-1"], { fulfilment_date: "30-09-2021" });
    const [f2, f1] = ((await getListing(t, LIST)).json() as ListingPage<ListedOrder>).data;
    assert.ok(f1 && f2 && f1.updated_at > f2.updated_at, "F-1 was updated after F-2 was created");

    assert.deepEqual(await listRefs(t, `${LIST}?created_after=${f1.created_at}`), ["F-2"]);
    assert.deepEqual(await listRefs(t, `${LIST}?created_after=${f2.created_at}`), []);
    assert.deepEqual(await listRefs(t, `${LIST}?updated_after=${f2.updated_at}`), ["F-1"]);
    // Sorted by the last update: F-1, created first, was changed last.
    assert.deepEqual(await listRefs(t, `${LIST}?updated_after=2000-01-01T00:00:00Z`), ["F-1", "F-2"]);
    assert.deepEqual(await listRefs(t, `${LIST}?updated_after=2000-01-01T00:00:00Z&order=oldest`), [
      "F-2",
      "F-1",
    ]);
    // The same instant written with an offset (its + escaped in the URL) filters the same.
    const shifted = new Date(Date.parse(f1.created_at) + 3_600_000).toISOString().replace("Z", "");
    assert.deepEqual(await listRefs(t, `${LIST}?created_after=${shifted}%2B01:00`), ["F-2"]);
    const pages = await readAllPages<ListedOrder>(
      t,
      `${LIST}?updated_after=2000-01-01T00:00:00Z&limit=1&order=oldest`,
    );
    assert.deepEqual(refsOf(pages), ["F-2", "F-1"]);
  });

  it("lists only the organisation's orders, and none of an organisation without any", async () => {
    const t = await apps.open();
    const beta = await createOrgAndKey(t.store, "BETA");
    await processTogether(t, ["A-1"]);
    const empty = await getListing(t, "/v4/organisations/BETA/customer_orders", beta.authorization);
    assert.equal(empty.statusCode, 200, empty.body);
    assert.deepEqual(empty.json(), { data: [], next: null });
    assert.deepEqual(await listRefs(t, LIST), ["A-1"]);
  });

  it("answers HEAD as GET, without a body", async () => {
    const t = await apps.open();
    const response = await t.app.inject({
      method: "HEAD",
      url: LIST,
      headers: { authorization: t.acme.authorization },
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.body, "");
  });
});

describe("GET /v4/organisations/{trkref}/customer_orders: what a key may not see", () => {
  it("answers an organisation the key may not act for exactly like one that does not exist", async () => {
    const t = await apps.open();
    const beta = await createOrgAndKey(t.store, "BETA");
    await submitOrder(t, { ...exampleOrder("ACME"), order_ref: "H-1" });
    await t.processAll();
    const hidden = assertProblem(await getListing(t, LIST, beta.authorization), 404, "not_found");
    const unknown = assertProblem(
      await getListing(t, "/v4/organisations/NOPE/customer_orders"),
      404,
      "not_found",
    );
    assert.deepEqual(
      { ...hidden, detail: hidden.detail.replace("ACME", "X") },
      { ...unknown, detail: unknown.detail.replace("NOPE", "X") },
    );
    assert.doesNotMatch(JSON.stringify(hidden), /H-1/);
  });

  it("answers 400 invalid_trkref for a malformed trkref, and 401 without credentials", async () => {
    const t = await apps.open();
    const body = assertProblem(
      await getListing(t, "/v4/organisations/acme/customer_orders"),
      400,
      "invalid_trkref",
    );
    assert.match(body.detail, /must be upper case \(ACME, not acme\)/);
    const response = await getListing(t, LIST, null);
    assertProblem(response, 401, "unauthorized");
    assert.match(String(response.headers["www-authenticate"]), /^Basic realm=/);
  });
});
