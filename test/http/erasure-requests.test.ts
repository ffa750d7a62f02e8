import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { FormatRegistry, type TSchema } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { customerHasherOfKey } from "../../src/domain/customer-privacy.js";
import { exampleOrder } from "../../src/domain/order-example.js";
import {
  AcceptedErasureRequestSchema,
  ErasureRequestSchema,
  NewErasureRequestSchema,
  NewSuppressionsSchema,
  SuppressionOutcomeSchema,
} from "../../src/http/routes/erasure-request-schemas.js";
import { ERASED_RECORD_KINDS } from "../../src/storage/privacy-store.js";
import { createTestSchema, withPostgres } from "../helpers/postgres.js";
import { assertProblem, assertValidationProblem } from "../helpers/problem-assertions.js";
import { createOrgAndKey, createTestApp, type TestApp } from "../helpers/test-app.js";
import { UUID_V7 } from "./order-requests.js";

interface ErasureRequestBody {
  id: string;
  status: "pending" | "completed";
  requested_at: string;
  completed_at: string | null;
  subjects: number;
  counts: Record<string, number> | null;
}

const MEMBERS = ["completed_at", "counts", "id", "requested_at", "status", "subjects"];
// Emails whose every part is distinctive, so that a search of an answer or a log line finds any of them.
const EMAIL = "Zelda.Quartermaine@Example.com";
const LOCAL_PARTS = ["zelda.quartermaine", "ximena.overbrook", "nobody-at-all"];

// The formats the schemas name; TypeBox checks only those it is given.
const formats: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  "date-time": /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  email: /^[^@\s]+@[^@\s]+$/,
};
for (const [name, pattern] of Object.entries(formats)) {
  if (!FormatRegistry.Has(name)) FormatRegistry.Set(name, (value) => pattern.test(value));
}

function assertMatches(schema: TSchema, value: unknown, what: string) {
  const errors = [...Value.Errors(schema, value)].map((error) => `${error.path}: ${error.message}`);
  assert.deepEqual(errors, [], `${what} does not match its schema`);
}

const path = (trkref: string, id?: string) =>
  `/v4/organisations/${trkref}/erasure_requests${id === undefined ? "" : `/${id}`}`;

/** What the service would hash an email or a customer_ref into, with the store's own key. */
async function hasherOf(t: TestApp) {
  return customerHasherOfKey(await t.store.customerHashKey());
}

/** Asserts that `text` holds none of the test's emails, in any case. */
function assertNoEmail(text: string, where: string) {
  for (const local of LOCAL_PARTS) assert.ok(!text.toLowerCase().includes(local), `${where} holds an email`);
}

/** Submits an order of ACME for `email` and applies it. */
async function storeOrder(t: TestApp, orderRef: string, customer: Record<string, unknown>) {
  const response = await t.app.inject({
    method: "POST",
    url: "/v4/organisations/ACME/customer_order",
    headers: { authorization: t.acme.authorization },
    payload: { ...exampleOrder("ACME"), order_ref: orderRef, customer },
  });
  assert.equal(response.statusCode, 202, response.body);
  await t.processAll();
}

/** The erasure path a merchant follows: POST, GET while pending, the runner's run, GET once completed. */
async function requestRunAndFollow(t: TestApp) {
  await storeOrder(t, "ERASE-1", { email: EMAIL, first_name: "Zelda", country: "GB" });
  const created = await t.app.inject({
    method: "POST",
    url: path("ACME"),
    headers: { authorization: t.acme.authorization },
    payload: { email: ` ${EMAIL.toUpperCase()} ` },
  });
  assert.equal(created.statusCode, 202, created.body);
  const body = created.json() as ErasureRequestBody;
  assert.match(body.id, UUID_V7);
  assert.equal(created.headers.location, path("ACME", body.id));
  assert.deepEqual(body, {
    id: body.id,
    status: "pending",
    requested_at: body.requested_at,
    completed_at: null,
    counts: null,
    subjects: 1,
  });
  assertNoEmail(created.body, "the 202");
  assertMatches(AcceptedErasureRequestSchema, body, "the 202");

  // The ledger holds the hash of the normalised email, and who asked; never the email.
  const stored = await t.store.findErasureRequest("ACME", body.id);
  const hasher = await hasherOf(t);
  assert.deepEqual(stored?.subjects, [{ kind: "email", hash: hasher.email("ACME", EMAIL) }]);
  assert.equal(stored?.requestedBy, `key:${t.acme.keyId}`);
  assert.equal(stored?.status, "pending");

  const pending = await t.app.inject({
    method: "GET",
    url: path("ACME", body.id),
    headers: { authorization: t.acme.authorization },
  });
  assert.equal(pending.statusCode, 200, pending.body);
  assert.deepEqual(pending.json(), body);

  const ran = await t.store.runErasure(body.id, new Date().toISOString());
  assert.equal(ran?.status, "completed");
  const completed = await t.app.inject({
    method: "GET",
    url: path("ACME", body.id.toUpperCase()),
    headers: { authorization: t.acme.authorization },
  });
  assert.equal(completed.statusCode, 200, completed.body);
  const done = completed.json() as ErasureRequestBody;
  assertMatches(ErasureRequestSchema, done, "the completed request");
  assert.deepEqual(Object.keys(done).sort(), MEMBERS);
  assert.equal(done.status, "completed");
  assert.ok(done.completed_at && done.completed_at >= done.requested_at, "completed after it was requested");
  assert.deepEqual(Object.keys(done.counts ?? {}), [...ERASED_RECORD_KINDS]);
  assert.deepEqual(
    { orders: done.counts?.orders, items: done.counts?.order_items, suppressions: done.counts?.suppressions },
    { orders: 1, items: 2, suppressions: 1 },
  );
  assert.ok((done.counts?.submissions ?? 0) >= 1, "the order's submission was erased");
  assert.ok((done.counts?.events ?? 0) >= 1, "the order's events were redacted");
  const readBack = await t.app.inject({
    method: "GET",
    url: "/v4/organisations/ACME/customer_orders/ERASE-1",
    headers: { authorization: t.acme.authorization },
  });
  assertProblem(readBack, 404, "not_found");
  return body.id;
}

describe("the erasure and suppression schemas", () => {
  it("are illustrated by examples that match them", () => {
    for (const [name, schema] of Object.entries({
      ErasureRequestSchema,
      AcceptedErasureRequestSchema,
      NewErasureRequestSchema,
      NewSuppressionsSchema,
      SuppressionOutcomeSchema,
    })) {
      const examples = (schema as TSchema & { examples?: unknown[] }).examples ?? [];
      assert.ok(examples.length > 0, `${name} has an example`);
      for (const example of examples) assertMatches(schema, example, `the example of ${name}`);
    }
  });
});

describe("erasure requests: POST and GET /v4/organisations/{trkref}/erasure_requests", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const post = (payload: unknown, options: { authorization?: string; trkref?: string } = {}) =>
    t.app.inject({
      method: "POST",
      url: path(options.trkref ?? "ACME"),
      headers: {
        authorization: options.authorization ?? t.acme.authorization,
        "content-type": "application/json",
      },
      payload: JSON.stringify(payload),
    });
  const get = (url: string, authorization = t.acme.authorization) =>
    t.app.inject({ method: "GET", url, headers: { authorization } });

  it("records a request (202, Location), answers it pending, and completed with its counts once run", async () => {
    await requestRunAndFollow(t);
  });

  it("counts each customer once, however the email is spelt", async () => {
    const response = await post({
      emails: ["ximena.overbrook@example.org", "XIMENA.Overbrook@example.org ", "nobody-at-all@example.net"],
    });
    assert.equal(response.statusCode, 202, response.body);
    const body = response.json() as ErasureRequestBody;
    assert.equal(body.subjects, 2);
    assert.equal((await t.store.findErasureRequest("ACME", body.id))?.subjects.length, 2);
  });

  it("takes customer_refs, strings or whole numbers, and erases every email their orders carried", async () => {
    await storeOrder(t, "REF-1", { email: "ximena.overbrook@example.org", customer_ref: "CUST-77" });
    await storeOrder(t, "REF-2", { email: "nobody-at-all@example.net", customer_ref: 78 });
    const response = await post({ customer_refs: ["CUST-77", 78, "CUST-77"] });
    assert.equal(response.statusCode, 202, response.body);
    const body = response.json() as ErasureRequestBody;
    assert.equal(body.subjects, 2);
    const hasher = await hasherOf(t);
    assert.deepEqual(
      (await t.store.findErasureRequest("ACME", body.id))?.subjects.map((s) => s.hash).sort(),
      [hasher.customerRef("ACME", "CUST-77"), hasher.customerRef("ACME", "78")].sort(),
    );
    await t.store.runErasure(body.id, new Date().toISOString());
    const done = (await get(path("ACME", body.id))).json() as ErasureRequestBody;
    assert.equal(done.counts?.orders, 2);
    assert.equal(done.counts?.suppressions, 2);
  });

  it("answers 404 for an unknown or malformed id, and for another organisation's request", async () => {
    assertProblem(await get(path("ACME", "0190a6b2-5b1e-7c3d-9a4f-2e6b8d0c1f37")), 404, "not_found");
    assertProblem(await get(path("ACME", "not-an-id")), 404, "not_found");
    const other = await createOrgAndKey(t.store, "ERASE-OTHER");
    const theirs = await post(
      { email: "nobody-at-all@example.net" },
      { authorization: other.authorization, trkref: "ERASE-OTHER" },
    );
    assert.equal(theirs.statusCode, 202, theirs.body);
    const { id } = theirs.json() as ErasureRequestBody;
    // ACME's key reading ACME's path does not reach ERASE-OTHER's request, nor its path.
    assertProblem(await get(path("ACME", id)), 404, "not_found");
    const refused = assertProblem(await get(path("ERASE-OTHER", id)), 404, "not_found");
    assert.match(refused.detail, /No organisation ERASE-OTHER this API key may act for/);
    assert.equal((await get(path("ERASE-OTHER", id), other.authorization)).statusCode, 200);
  });

  it("refuses a key of another organisation with 404 before reading the body, and no key with 401", async () => {
    const other = await createOrgAndKey(t.store, "ERASE-STRANGER");
    const existing = await t.store.listErasureRequests({ trkref: "ACME", limit: 1000 });
    assertProblem(await post({ email: EMAIL }, { authorization: other.authorization }), 404, "not_found");
    const unauthenticated = await t.app.inject({ method: "POST", url: path("ACME"), payload: "{not json" });
    assertProblem(unauthenticated, 401, "unauthorized");
    assertProblem(
      await get(path("ACME", "0190a6b2-5b1e-7c3d-9a4f-2e6b8d0c1f37"), "Basic bm9ib2R5Om5vdGhpbmc="),
      401,
      "unauthorized",
    );
    assertProblem(await post({ email: EMAIL }, { trkref: "acme" }), 400, "invalid_trkref");
    assert.equal(
      (await t.store.listErasureRequests({ trkref: "ACME", limit: 1000 })).length,
      existing.length,
    );
  });

  const tooMany = Array.from({ length: 1001 }, (_, index) => `nobody-at-all+${index}@example.net`);
  const refusals: [string, unknown, [string, string][]][] = [
    ["no member", {}, [["", "required"]]],
    ["two members", { email: EMAIL, emails: [EMAIL] }, [["", "too_many"]]],
    ["an unknown member", { email: EMAIL, customer_ref: "X" }, [["/customer_ref", "unknown_member"]]],
    ["a body that is no object", [EMAIL], [["", "wrong_type"]]],
    ["an invalid email", { email: "zelda.quartermaine@@example.com" }, [["/email", "invalid_email"]]],
    ["a blank email", { email: "  " }, [["/email", "blank"]]],
    ["an email that is no string", { email: 42 }, [["/email", "wrong_type"]]],
    ["emails that are no list", { emails: EMAIL }, [["/emails", "wrong_type"]]],
    ["an empty list", { emails: [] }, [["/emails", "empty_list"]]],
    [`${tooMany.length} emails`, { emails: tooMany }, [["/emails", "too_many"]]],
    [
      "wrong entries among good ones",
      { emails: [EMAIL, "ximena.overbrook(at)example.org", "", "nobody-at-all\u0000@example.net"] },
      [
        ["/emails/1", "invalid_email"],
        ["/emails/2", "blank"],
        ["/emails/3", "invalid_character"],
      ],
    ],
    ["a blank customer_ref", { customer_refs: ["CUST-1", " "] }, [["/customer_refs/1", "blank"]]],
    ["a customer_ref too long", { customer_refs: ["x".repeat(256)] }, [["/customer_refs/0", "too_long"]]],
    ["a fractional customer_ref", { customer_refs: [1.5] }, [["/customer_refs/0", "not_an_integer"]]],
  ];
  for (const [what, payload, expected] of refusals) {
    it(`refuses ${what} with 422 invalid_erasure_request, quoting no email and recording nothing`, async () => {
      const existing = await t.store.listErasureRequests({ trkref: "ACME", limit: 1000 });
      const response = await post(payload);
      const { body, fields } = assertValidationProblem(response, "invalid_erasure_request");
      assert.deepEqual(fields, expected);
      assert.match(body.detail, /^The erasure request has \d+ errors?; nothing was recorded$/);
      assertNoEmail(response.body, "the 422");
      assert.equal(
        (await t.store.listErasureRequests({ trkref: "ACME", limit: 1000 })).length,
        existing.length,
      );
    });
  }

  it("takes 1000 emails in one request", async () => {
    const response = await post({ emails: tooMany.slice(0, 1000) });
    assert.equal(response.statusCode, 202, response.body);
    assert.equal((response.json() as ErasureRequestBody).subjects, 1000);
  });

  it("writes no email to the log", () => {
    assert.ok(t.logLines().length > 0, "the requests were logged");
    for (const line of t.logLines()) assertNoEmail(line, "a log line");
  });
});

await withPostgres(() =>
  describe("erasure requests on PostgreSQL", () => {
    const schema = createTestSchema("erasure_http");
    after(() => schema.drop());

    it("records a request, answers it pending, and completed with its counts once run", async () => {
      const t = await createTestApp({}, { databasePath: schema.url });
      after(() => t.close());
      assert.equal(t.store.kind, "postgres");
      await requestRunAndFollow(t);
      for (const line of t.logLines()) assertNoEmail(line, "a log line");
    });
  }),
);
