import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import { createOrgAndKey, type TestApp } from "../helpers/test-app.js";
import { getListing, submitOrder, withCursor } from "./list-requests.js";
import { createAppPool } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

const FEED = "/v4/organisations/ACME/events";

interface FeedEvent {
  id: string;
  type: string;
  created_at: string;
  trkref: string;
  order_ref: string;
  sequence: number;
  data: Record<string, unknown>;
}

interface FeedPage {
  data: FeedEvent[];
  next: string | null;
  has_more: boolean;
}

async function readFeed(t: TestApp, url: string): Promise<FeedPage> {
  const response = await getListing(t, url);
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as FeedPage;
}

async function submitAndProcess(t: TestApp, orderRef: string, changes: Record<string, unknown> = {}) {
  const id = await submitOrder(t, { ...exampleOrder("ACME"), order_ref: orderRef, ...changes });
  await t.processAll();
  return id;
}

describe("GET /v4/organisations/{trkref}/events", () => {
  it("serves each change as an event, oldest first, with the order as it now stands", async () => {
    const t = await apps.open();
    const createdBy = await submitAndProcess(t, "EV-1");
    const updatedBy = await submitAndProcess(t, "EV-1", { fulfilment_date: "02-10-2021" });
    await submitAndProcess(t, "EV-1", { fulfilment_date: "02-10-2021" }); // a duplicate: no event

    const page = await readFeed(t, FEED);
    assert.equal(page.has_more, false);
    assert.deepEqual(
      page.data.map((e) => [e.type, e.order_ref, e.sequence, e.trkref]),
      [
        ["order.created", "EV-1", 1, "ACME"],
        ["order.updated", "EV-1", 2, "ACME"],
      ],
    );
    const [created, updated] = page.data;
    assert.equal(created?.data.submission_id, createdBy);
    assert.equal(updated?.data.submission_id, updatedBy);
    assert.deepEqual(updated?.data.previous_attributes, { fulfilment_date: "2021-09-27" });
    // The order in the event is the order the read-back serves, without the read-back's own members.
    const readBack = (await getListing(t, `/v4/organisations/ACME/customer_orders/EV-1`)).json();
    const {
      created_at: _c,
      updated_at: _u,
      submissions: _s,
      invitation: _i,
      cancellation: _x,
      ...order
    } = readBack;
    assert.deepEqual(updated?.data.order, order);
  });

  it("pages with limit, gives next after the last page too, and reads on from it later", async () => {
    const t = await apps.open();
    for (const ref of ["P-1", "P-2", "P-3"]) await submitAndProcess(t, ref);
    const first = await readFeed(t, `${FEED}?limit=2`);
    assert.deepEqual(
      first.data.map((e) => e.sequence),
      [1, 2],
    );
    assert.equal(first.has_more, true);
    assert.ok(first.next);
    const second = await readFeed(t, withCursor(`${FEED}?limit=2`, first.next));
    assert.deepEqual(
      second.data.map((e) => e.sequence),
      [3],
    );
    assert.equal(second.has_more, false);
    assert.ok(second.next, "the last page has a next, to read what happens after it");

    const empty = await readFeed(t, withCursor(FEED, second.next));
    assert.deepEqual(empty.data, []);
    assert.equal(empty.next, second.next, "an empty page gives back the cursor sent");
    await submitAndProcess(t, "P-4");
    const later = await readFeed(t, withCursor(FEED, second.next));
    assert.deepEqual(
      later.data.map((e) => [e.sequence, e.order_ref]),
      [[4, "P-4"]],
    );
    assert.deepEqual(await readFeed(t, "/v4/organisations/ACME/events?limit=1&type=order.updated"), {
      data: [],
      next: null,
      has_more: false,
    });
  });

  it("filters by type, one or several, and keeps a cursor to its filter", async () => {
    const t = await apps.open();
    await submitAndProcess(t, "T-1");
    await submitAndProcess(t, "T-1", { fulfilment_date: "02-10-2021" });
    await submitAndProcess(t, "T-2");
    const updates = await readFeed(t, `${FEED}?type=order.updated`);
    assert.deepEqual(
      updates.data.map((e) => [e.type, e.sequence]),
      [["order.updated", 2]],
    );
    const both = await readFeed(t, `${FEED}?type=order.updated,order.created`);
    assert.equal(both.data.length, 3);
    // The same filter written in another order is the same listing.
    const page = await readFeed(t, `${FEED}?type=order.created,order.updated&limit=1`);
    assert.ok(page.next);
    const on = await readFeed(t, withCursor(`${FEED}?type=order.updated,order.created&limit=1`, page.next));
    assert.deepEqual(
      on.data.map((e) => e.sequence),
      [2],
    );
    const refused = await getListing(t, withCursor(FEED, page.next));
    assertProblem(refused, 400, "invalid_query");
    assert.match(refused.body, /another listing/);
  });

  it("refuses every wrong parameter at once", async () => {
    const t = await apps.open();
    const response = await getListing(t, `${FEED}?type=order.deleted&limit=101&cursor=nope&order=oldest`);
    assertProblem(response, 400, "invalid_query");
    const pointers = (response.json().invalid_params as { pointer: string }[]).map((e) => e.pointer).sort();
    assert.deepEqual(pointers, ["/cursor", "/limit", "/order", "/type"]);
  });

  it("answers 404 to a key that may not act for the organisation, and 401 without a key", async () => {
    const t = await apps.open();
    await submitAndProcess(t, "S-1");
    const other = await createOrgAndKey(t.store, "OTHER");
    assertProblem(await getListing(t, FEED, other.authorization), 404, "not_found");
    assertProblem(await getListing(t, FEED, null), 401, "unauthorized");
    const own = await getListing(t, "/v4/organisations/OTHER/events", other.authorization);
    assert.equal(own.statusCode, 200, own.body);
    assert.deepEqual(own.json().data, [], "ACME's events are not OTHER's");
  });
});
