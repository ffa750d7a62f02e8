import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { customerHasherOfKey } from "../../src/domain/customer-privacy.js";
import { exampleOrder } from "../../src/domain/order-example.js";
import { assertProblem, assertValidationProblem } from "../helpers/problem-assertions.js";
import { createOrgAndKey, createTestApp, type TestApp } from "../helpers/test-app.js";

const path = (trkref: string) => `/v4/organisations/${trkref}/suppressions`;
const LOCAL_PARTS = ["ottoline.farquharson", "percival.nightingale", "quentin.ashdown"];

function assertNoEmail(text: string, where: string) {
  for (const local of LOCAL_PARTS) assert.ok(!text.toLowerCase().includes(local), `${where} holds an email`);
}

describe("suppressions: POST /v4/organisations/{trkref}/suppressions", () => {
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
  const hashOf = async (trkref: string, email: string) =>
    customerHasherOfKey(await t.store.customerHashKey()).email(trkref, email);

  it("adds emails, and counts apart those already on the list, however they are spelt", async () => {
    const first = await post({
      emails: ["ottoline.farquharson@example.com", "percival.nightingale@example.org"],
    });
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual(first.json(), { added: 2, already_suppressed: 0 });
    const second = await post({
      emails: [
        " Ottoline.Farquharson@EXAMPLE.com",
        "quentin.ashdown@example.net",
        "quentin.ashdown@example.net",
      ],
    });
    assert.deepEqual(second.json(), { added: 1, already_suppressed: 1 });
    const one = await post({ email: "PERCIVAL.nightingale@example.org" });
    assert.deepEqual(one.json(), { added: 0, already_suppressed: 1 });
    for (const answer of [first, second, one]) assertNoEmail(answer.body, "the answer");

    const hashes = await Promise.all(
      [
        "ottoline.farquharson@example.com",
        "percival.nightingale@example.org",
        "quentin.ashdown@example.net",
      ].map((email) => hashOf("ACME", email)),
    );
    assert.deepEqual((await t.store.findSuppressed("ACME", hashes)).sort(), [...hashes].sort());
    assert.equal((await t.store.listSuppressionsSince("ACME", 0, 100)).length, 3);
  });

  it("keeps a later order of a suppressed customer without their data", async () => {
    assert.equal((await post({ email: "Quentin.Ashdown@example.com" })).statusCode, 200);
    const submitted = await t.app.inject({
      method: "POST",
      url: "/v4/organisations/ACME/customer_order",
      headers: { authorization: t.acme.authorization },
      payload: {
        ...exampleOrder("ACME"),
        customer: { email: "quentin.ashdown@example.com", surname: "Ashdown" },
      },
    });
    assert.equal(submitted.statusCode, 202, submitted.body);
    // Processing checks the list itself, whether or not the intake's copy of it knew of the suppression yet.
    await t.processAll();
    const order = await t.app.inject({
      method: "GET",
      url: `/v4/organisations/ACME/customer_orders/${exampleOrder("ACME").order_ref}`,
      headers: { authorization: t.acme.authorization },
    });
    assert.equal(order.statusCode, 200, order.body);
    const body = order.json() as { customer: unknown; suppressed?: boolean };
    assert.deepEqual([body.customer, body.suppressed], [{ email: "" }, true]);
    assertNoEmail(order.body, "the order read back");
  });

  it("keeps each organisation's list apart", async () => {
    const other = await createOrgAndKey(t.store, "SUPPRESS-OTHER");
    const response = await post(
      { email: "ottoline.farquharson@example.com" },
      { authorization: other.authorization, trkref: "SUPPRESS-OTHER" },
    );
    assert.deepEqual(response.json(), { added: 1, already_suppressed: 0 });
    const hash = await hashOf("SUPPRESS-OTHER", "ottoline.farquharson@example.com");
    assert.deepEqual(await t.store.findSuppressed("SUPPRESS-OTHER", [hash]), [hash]);
    assert.deepEqual(await t.store.findSuppressed("ACME", [hash]), []);
  });

  it("refuses a key of another organisation with 404, and no key with 401, adding nothing", async () => {
    const other = await createOrgAndKey(t.store, "SUPPRESS-STRANGER");
    const existing = (await t.store.listSuppressionsSince("ACME", 0, 1000)).length;
    const refused = assertProblem(
      await post({ email: "quentin.ashdown@example.org" }, { authorization: other.authorization }),
      404,
      "not_found",
    );
    assert.match(refused.detail, /No organisation ACME this API key may act for/);
    assertProblem(
      await t.app.inject({ method: "POST", url: path("ACME"), payload: "{not json" }),
      401,
      "unauthorized",
    );
    assert.equal((await t.store.listSuppressionsSince("ACME", 0, 1000)).length, existing);
  });

  const tooMany = Array.from({ length: 1001 }, (_, index) => `quentin.ashdown+${index}@example.net`);
  const refusals: [string, unknown, [string, string][]][] = [
    ["no member", {}, [["", "required"]]],
    [
      "customer_refs, which it does not take",
      { customer_refs: ["C-1"] },
      [
        ["/customer_refs", "unknown_member"],
        ["", "required"],
      ],
    ],
    ["two members", { email: "quentin.ashdown@example.net", emails: [] }, [["", "too_many"]]],
    ["an invalid email", { email: "quentin.ashdown@" }, [["/email", "invalid_email"]]],
    ["an empty list", { emails: [] }, [["/emails", "empty_list"]]],
    [`${tooMany.length} emails`, { emails: tooMany }, [["/emails", "too_many"]]],
    [
      "wrong entries among good ones",
      { emails: ["quentin.ashdown@example.net", 7, "percival.nightingale at example.org"] },
      [
        ["/emails/1", "wrong_type"],
        ["/emails/2", "invalid_email"],
      ],
    ],
  ];
  for (const [what, payload, expected] of refusals) {
    it(`refuses ${what} with 422 invalid_suppression_request, quoting no email and adding nothing`, async () => {
      const existing = (await t.store.listSuppressionsSince("ACME", 0, 1000)).length;
      const response = await post(payload);
      const { body, fields } = assertValidationProblem(response, "invalid_suppression_request");
      assert.deepEqual(fields, expected);
      assert.match(body.detail, /^The suppression request has \d+ errors?; nothing was added$/);
      assertNoEmail(response.body, "the 422");
      assert.equal((await t.store.listSuppressionsSince("ACME", 0, 1000)).length, existing);
    });
  }

  it("writes no email to the log", () => {
    assert.ok(t.logLines().length > 0, "the requests were logged");
    for (const line of t.logLines()) assertNoEmail(line, "a log line");
  });
});
