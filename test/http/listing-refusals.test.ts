import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import { createKey, createOrgAndKey, createTestApp, type TestApp } from "../helpers/test-app.js";
import { getListing, type ListingPage, submitOrder, withCursor } from "./list-requests.js";

const ORDERS = "/v4/organisations/ACME/customer_orders";
const SUBMISSIONS = "/v4/customer_orders?status=processed&trkref=ACME";

/** Asserts a `400 invalid_query` listing exactly these `[pointer, code]`; returns its entries' messages. */
async function assertInvalidQuery(t: TestApp, url: string, expected: [string, string][]): Promise<string[]> {
  const body = assertProblem(await getListing(t, url), 400, "invalid_query");
  const entries = body.invalid_params ?? [];
  assert.deepEqual(
    entries.map((entry) => [entry.pointer, entry.code]),
    expected,
    url,
  );
  return entries.map((entry) => entry.message);
}

const encode = (document: unknown) => Buffer.from(JSON.stringify(document)).toString("base64url");
const decode = (cursor: string) => JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));

describe("the listings refuse a wrong query with 400 invalid_query, every wrong parameter at once", () => {
  let t: TestApp;
  let ordersCursor: string;
  let submissionsCursor: string;
  before(async () => {
    t = await createTestApp();
    for (const ref of ["Q-1", "Q-2", "Q-3"])
      await submitOrder(t, { ...exampleOrder("ACME"), order_ref: ref });
    await t.processAll();
    const orders = (await getListing(t, `${ORDERS}?limit=1`)).json() as ListingPage<unknown>;
    const submissions = (await getListing(t, `${SUBMISSIONS}&limit=1`)).json() as ListingPage<unknown>;
    ordersCursor = orders.next ?? assert.fail("a second page of orders");
    submissionsCursor = submissions.next ?? assert.fail("a second page of submissions");
  });
  after(() => t.close());

  for (const [query, pointer, code] of [
    ["limit=0", "/limit", "invalid_limit"],
    ["limit=101", "/limit", "invalid_limit"],
    ["limit=abc", "/limit", "invalid_limit"],
    ["limit=1.5", "/limit", "invalid_limit"],
    ["limit=", "/limit", "invalid_limit"],
    ["limit=1&limit=2", "/limit", "invalid_limit"],
    ["order=up", "/order", "invalid_choice"],
    ["created_after=yesterday", "/created_after", "invalid_timestamp"],
    ["created_after=2026-02-30T00:00:00Z", "/created_after", "invalid_timestamp"],
    ["updated_after=2026-11-28T04:53:50", "/updated_after", "invalid_timestamp"],
    ["updated_after=2026-11-28", "/updated_after", "invalid_timestamp"],
    ["created_after=0000-01-01T00:00:00Z", "/created_after", "invalid_timestamp"],
    ["created_after=0001-01-01T00:30:00%2B01:00", "/created_after", "invalid_timestamp"],
    ["updated_since=2026-11-28T04:53:50Z", "/updated_since", "unknown_parameter"],
    ["cursor=not*a*cursor", "/cursor", "invalid_cursor"],
  ] as const) {
    it(`answers ${query} with ${code} at ${pointer}`, async () => {
      await assertInvalidQuery(t, `${ORDERS}?${query}`, [[pointer, code]]);
    });
  }

  it("refuses a limit above 100 rather than capping it, and says the bounds", async () => {
    const [message] = await assertInvalidQuery(t, `${ORDERS}?limit=500`, [["/limit", "invalid_limit"]]);
    assert.equal(message, "Must be a whole number from 1 to 100");
  });

  it("lists every wrong parameter at once, with the v4 strings beside them", async () => {
    const response = await getListing(t, `${ORDERS}?limit=0&order=up&colour=red&created_after=soon`);
    const body = assertProblem(response, 400, "invalid_query");
    assert.equal(body.detail, "The request has 4 invalid query parameters");
    assert.deepEqual(body.errors, [
      "invalid colour",
      "invalid created_after",
      "invalid order",
      "invalid limit",
    ]);
  });

  it("says that a + of an offset arrived as a space when it was not escaped", async () => {
    const [message] = await assertInvalidQuery(t, `${ORDERS}?updated_after=2026-11-28T04:53:50+01:00`, [
      ["/updated_after", "invalid_timestamp"],
    ]);
    assert.match(message ?? "", /%2B/);
  });

  it("refuses a cursor that is not one of this service's, whatever its bytes", async () => {
    const [fingerprint, position] = [decode(ordersCursor).l, decode(ordersCursor).p];
    for (const cursor of [
      Buffer.from("not json").toString("base64url"),
      encode(null),
      encode([1, 2]),
      encode({ v: 2, l: fingerprint, p: position }),
      encode({ v: 1, l: fingerprint, p: "Q-2" }),
      "A".repeat(5000),
    ]) {
      const [message] = await assertInvalidQuery(t, withCursor(ORDERS, cursor), [
        ["/cursor", "invalid_cursor"],
      ]);
      assert.match(message ?? "", /not a cursor of this service/, cursor.slice(0, 40));
    }
  });

  it("refuses a cursor whose position is not one of the listing's shape", async () => {
    const { l } = decode(ordersCursor);
    for (const p of [
      [],
      ["yesterday", "Q-2"],
      ["2026-11-28T04:53:50.000Z", 7],
      ["2026-11-28T04:53:50.000Z", "a\u0000b"],
    ]) {
      const [message] = await assertInvalidQuery(t, withCursor(ORDERS, encode({ v: 1, l, p })), [
        ["/cursor", "invalid_cursor"],
      ]);
      assert.match(message ?? "", /names no position/, JSON.stringify(p));
    }
    const seq = encode({ ...decode(submissionsCursor), p: [-1] });
    await assertInvalidQuery(t, withCursor(SUBMISSIONS, seq), [["/cursor", "invalid_cursor"]]);
  });

  it("refuses a cursor sent with other parameters than the request whose answer gave it", async () => {
    await createOrgAndKey(t.store, "BETA");
    const both = await createKey(t.store, ["ACME", "BETA"]);
    for (const [url, cursor] of [
      [`${ORDERS}?order=oldest`, ordersCursor],
      [`${ORDERS}?created_after=2000-01-01T00:00:00Z`, ordersCursor],
      [ORDERS, submissionsCursor],
      ["/v4/customer_orders?status=failed&trkref=ACME", submissionsCursor],
      [SUBMISSIONS, ordersCursor],
    ] as const) {
      const [message] = await assertInvalidQuery(t, withCursor(url, cursor), [["/cursor", "invalid_cursor"]]);
      assert.match(message ?? "", /belongs to another listing/, url);
    }
    const otherOrganisation = withCursor("/v4/organisations/BETA/customer_orders", ordersCursor);
    const body = assertProblem(
      await getListing(t, otherOrganisation, both.authorization),
      400,
      "invalid_query",
    );
    assert.match(body.invalid_params?.[0]?.message ?? "", /belongs to another listing/);
    // The page's size may change from one page to the next.
    const resized = await getListing(t, withCursor(`${ORDERS}?limit=5`, ordersCursor));
    assert.equal(resized.statusCode, 200, resized.body);
    assert.equal((resized.json() as ListingPage<unknown>).data.length, 2);
  });

  it("takes a cursor edited to another position of the same listing: it names nothing the key may not read", async () => {
    const { l, p } = decode(ordersCursor);
    const edited = encode({ v: 1, l, p: [p[0], "Q-2"] });
    const response = await getListing(t, withCursor(ORDERS, edited));
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(
      (response.json() as ListingPage<{ order_ref: string }>).data.map((o) => o.order_ref),
      ["Q-1"],
    );
  });

  it("requires status and trkref to list submissions, and says what each must be", async () => {
    await assertInvalidQuery(t, "/v4/customer_orders", [
      ["/status", "required"],
      ["/trkref", "required"],
    ]);
    const messages = await assertInvalidQuery(t, "/v4/customer_orders?status=done&trkref=acme&limit=101", [
      ["/status", "invalid_choice"],
      ["/trkref", "invalid_trkref"],
      ["/limit", "invalid_limit"],
    ]);
    assert.match(messages[0] ?? "", /accepted, processed, failed/);
    assert.match(messages[1] ?? "", /must be upper case \(ACME, not acme\)/);
    const [twice] = await assertInvalidQuery(
      t,
      "/v4/customer_orders?status=failed&status=processed&trkref=ACME",
      [["/status", "invalid_choice"]],
    );
    assert.equal(twice, "Send this parameter once");
  });
});
