import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { customerHasherOfKey } from "../../src/domain/customer-privacy.js";
import { InvitationListSchema } from "../../src/http/listing/invitation-listing-schemas.js";
import {
  InvitationPolicySchema,
  OrganisationWithPolicySchema,
} from "../../src/http/routes/invitation-policy-schemas.js";
import {
  CancelledInvitationSchema,
  DeliveryAnswerSchema,
  InvitationSchema,
  OrderCancellationSchema,
  OrderReadBackSchema,
} from "../../src/http/routes/invitation-schemas.js";
import { readOpenApi } from "../helpers/openapi.js";
import { assertProblem, assertValidationProblem } from "../helpers/problem-assertions.js";
import { assertExamplesMatch, assertMatches } from "../helpers/schema-match.js";
import { createOrgAndKey, type TestApp } from "../helpers/test-app.js";
import {
  createInvitationApp,
  dayFromToday,
  dueAtOfToday,
  eventsOf,
  get,
  type InvitationBody,
  invitationOf,
  postJson,
  readBack,
  releaseDueInvitations,
  storeOrders,
  todaysOrder,
} from "./invitation-requests.js";

const UNKNOWN_ID = "01a2209f-0000-7000-8000-000000000000";
const isIsoTimestamp = (value: unknown) =>
  typeof value === "string" && new Date(value).toISOString() === value;
const listUrl = (trkref: string, query = "") => `/v4/organisations/${trkref}/invitations${query}`;
const invitationUrl = (trkref: string, id: string) => `/v4/organisations/${trkref}/invitations/${id}`;
const cancelUrl = (trkref: string, id: string) => `${invitationUrl(trkref, id)}/cancellation`;
const deliveryUrl = (id: string) => `/v4/invitations/${id}/delivery`;

const scheduledProducts = [
  { sku: "TSHIRT-BLUE-M", price: "55.99", currency: "GBP" },
  { sku: "MUG-001", price: "12.5", currency: "GBP" },
];

describe("GET /v4/organisations/{trkref}/invitations and …/{id}", () => {
  let t: TestApp;
  before(async () => {
    t = await createInvitationApp();
  });
  after(() => t.close());

  it("lists the invitations processing scheduled, each as the read-back and GET …/{id} answer it", async () => {
    await storeOrders(t, [
      todaysOrder("ACME", "LIST-1", "ada.list@example.com"),
      todaysOrder("ACME", "LIST-2", "bea.list@example.com"),
    ]);
    const response = await get(t, listUrl("ACME", "?order_ref=LIST-1"));
    assert.equal(response.statusCode, 200, response.body);
    assert.match(String(response.headers["content-type"]), /^application\/json/);
    const page = response.json() as { data: InvitationBody[]; next: string | null };
    assertMatches(InvitationListSchema, page, "the page");
    assert.equal(page.next, null);
    const [listed] = page.data;
    assert.ok(listed);
    const { id, created_at, updated_at, ...rest } = listed;
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    assert.ok(isIsoTimestamp(created_at) && updated_at === created_at, listed.created_at);
    assert.deepEqual(rest, {
      order_ref: "LIST-1",
      status: "scheduled",
      reason: null,
      trigger_date: dayFromToday().iso,
      due_at: dueAtOfToday(),
      products: scheduledProducts,
      released_at: null,
      delivery: null,
    });
    const one = await get(t, invitationUrl("ACME", id.toUpperCase()));
    assert.equal(one.statusCode, 200, one.body);
    assert.deepEqual(one.json(), listed);
    const order = await readBack(t, "ACME", "LIST-1");
    assert.deepEqual([order.invitation, order.cancellation], [listed, null]);
    assertMatches(OrderReadBackSchema, order, "the order read back");
    const scheduled = await eventsOf(t, "ACME", "invitation.scheduled");
    assert.deepEqual(
      scheduled.filter((event) => event.order_ref === "LIST-1").map((event) => event.data.invitation),
      [listed],
    );
  });

  it("filters by status, order_ref and due_before, and pages through them oldest first", async () => {
    const lister = await createOrgAndKey(t.store, "INVLIST");
    const refs = ["P-1", "P-2", "P-3"];
    await storeOrders(
      t,
      refs.map((ref, index) => todaysOrder("INVLIST", ref, `pager.${index}@example.com`)),
      lister.authorization,
    );
    const list = async (query: string) => {
      const response = await get(t, listUrl("INVLIST", query), lister.authorization);
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as { data: InvitationBody[]; next: string | null };
    };
    const all = await list("?limit=100");
    const ids = all.data.map((invitation) => invitation.id);
    assert.deepEqual([...ids].sort(), ids, "in id order, which is creation order");
    assert.deepEqual(all.data.map((invitation) => invitation.order_ref).sort(), refs);

    const first = await list("?limit=2");
    assert.deepEqual(
      first.data.map((invitation) => invitation.id),
      ids.slice(0, 2),
    );
    assert.ok(first.next);
    const second = await list(`?limit=2&cursor=${first.next}`);
    assert.deepEqual(
      second.data.map((invitation) => invitation.id),
      ids.slice(2),
    );
    assert.equal(second.next, null);

    assert.equal((await list("?status=scheduled")).data.length, 3);
    assert.deepEqual((await list("?status=due")).data, []);
    assert.deepEqual(
      (await list("?order_ref=P-2")).data.map((invitation) => invitation.order_ref),
      ["P-2"],
    );
    assert.deepEqual((await list("?order_ref=NOPE")).data, []);
    // Strictly before: an invitation due at the very instant is left out.
    assert.deepEqual((await list(`?due_before=${dueAtOfToday()}`)).data, []);
    assert.equal((await list(`?due_before=${dayFromToday(8).iso}T00:00:00Z`)).data.length, 3);

    const filtered = await list("?status=scheduled&limit=1");
    const elsewhere = await get(t, listUrl("INVLIST", `?cursor=${filtered.next}`), lister.authorization);
    const refused = assertProblem(elsewhere, 400, "invalid_query");
    assert.deepEqual(
      refused.invalid_params?.map((error) => [error.pointer, error.code]),
      [["/cursor", "invalid_cursor"]],
    );
  });

  it("refuses a wrong query with 400 invalid_query naming every wrong parameter", async () => {
    const response = await get(
      t,
      listUrl("ACME", "?order=oldest&status=sent&order_ref=%00&due_before=tomorrow&limit=101&cursor=x"),
    );
    const body = assertProblem(response, 400, "invalid_query");
    assert.deepEqual(
      body.invalid_params?.map((error) => [error.pointer, error.code]),
      [
        ["/order", "unknown_parameter"],
        ["/status", "invalid_choice"],
        ["/order_ref", "invalid_character"],
        ["/due_before", "invalid_timestamp"],
        ["/limit", "invalid_limit"],
        ["/cursor", "invalid_cursor"],
      ],
    );
    assert.equal(body.detail, "The request has 6 invalid query parameters");
  });

  it("answers 404 for another organisation's key, another's invitation, an unknown or malformed id", async () => {
    await storeOrders(t, [todaysOrder("ACME", "HIDDEN-1", "hidden@example.com")]);
    const { id } = await invitationOf(t, "ACME", "HIDDEN-1");
    const stranger = await createOrgAndKey(t.store, "INVSTRANGER");
    for (const url of [listUrl("ACME"), invitationUrl("ACME", id)]) {
      const refused = assertProblem(await get(t, url, stranger.authorization), 404, "not_found");
      assert.match(refused.detail, /No organisation ACME this API key may act for/);
    }
    const theirs = await get(t, invitationUrl("INVSTRANGER", id), stranger.authorization);
    assert.match(assertProblem(theirs, 404, "not_found").detail, /^No invitation /);
    for (const missing of [UNKNOWN_ID, "not-an-id", "%00"]) {
      assertProblem(await get(t, invitationUrl("ACME", missing)), 404, "not_found");
    }
    assertProblem(await get(t, listUrl("ACME"), null), 401, "unauthorized");
    assertProblem(await get(t, listUrl("acme")), 400, "invalid_trkref");
  });
});

describe("POST /v4/organisations/{trkref}/invitations/{id}/cancellation", () => {
  let t: TestApp;
  before(async () => {
    t = await createInvitationApp();
  });
  after(() => t.close());

  it("cancels a scheduled invitation, once, and answers it cancelled again when asked again", async () => {
    await storeOrders(t, [todaysOrder("ACME", "CANCEL-1", "cara.cancel@example.com")]);
    const scheduled = await invitationOf(t, "ACME", "CANCEL-1");
    const response = await postJson(t, cancelUrl("ACME", scheduled.id), undefined);
    assert.equal(response.statusCode, 200, response.body);
    const cancelled = response.json() as InvitationBody;
    assertMatches(CancelledInvitationSchema, cancelled, "the cancelled invitation");
    assert.deepEqual(
      { ...cancelled, updated_at: scheduled.updated_at },
      { ...scheduled, status: "cancelled", reason: "requested" },
    );
    assert.ok(isIsoTimestamp(cancelled.updated_at) && cancelled.updated_at >= scheduled.updated_at);

    const again = await postJson(t, cancelUrl("ACME", scheduled.id), {});
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual(again.json(), cancelled);
    assert.deepEqual(await invitationOf(t, "ACME", "CANCEL-1"), cancelled);
    assert.deepEqual((await readBack(t, "ACME", "CANCEL-1")).invitation, cancelled);
    const events = (await eventsOf(t, "ACME", "invitation.cancelled")).filter(
      (e) => e.order_ref === "CANCEL-1",
    );
    assert.deepEqual(
      events.map((event) => event.data.invitation),
      [cancelled],
      "one event, for the change only",
    );
  });

  it("refuses a body with members with 422 invalid_cancellation, cancelling nothing", async () => {
    await storeOrders(t, [todaysOrder("ACME", "CANCEL-BODY", "body.cancel@example.com")]);
    const { id } = await invitationOf(t, "ACME", "CANCEL-BODY");
    for (const [payload, expected] of [
      [{ reason: "requested" }, [["/reason", "unknown_member"]]],
      [["x"], [["", "wrong_type"]]],
      ['"now"', [["", "wrong_type"]]],
    ] as const) {
      const { body, fields } = assertValidationProblem(
        await postJson(t, cancelUrl("ACME", id), payload),
        "invalid_cancellation",
      );
      assert.deepEqual(fields, expected);
      assert.match(body.detail, /^The cancellation has 1 error; nothing was cancelled$/);
    }
    assert.equal((await invitationOf(t, "ACME", "CANCEL-BODY")).status, "scheduled");
  });

  it("answers 404 for an unknown id, another organisation's invitation or key, and 401 without one", async () => {
    await storeOrders(t, [todaysOrder("ACME", "CANCEL-HIDDEN", "hidden.cancel@example.com")]);
    const { id } = await invitationOf(t, "ACME", "CANCEL-HIDDEN");
    const stranger = await createOrgAndKey(t.store, "CANCELSTRANGER");
    assertProblem(await postJson(t, cancelUrl("ACME", id), {}, stranger.authorization), 404, "not_found");
    assertProblem(
      await postJson(t, cancelUrl("CANCELSTRANGER", id), {}, stranger.authorization),
      404,
      "not_found",
    );
    assertProblem(await postJson(t, cancelUrl("ACME", UNKNOWN_ID), {}), 404, "not_found");
    assertProblem(await postJson(t, cancelUrl("ACME", "nonsense"), {}), 404, "not_found");
    assertProblem(await postJson(t, cancelUrl("ACME", id), {}, null), 401, "unauthorized");
    assert.equal((await invitationOf(t, "ACME", "CANCEL-HIDDEN")).status, "scheduled");
  });
});

describe("due invitations: POST /v4/invitations/{id}/delivery, and too late to cancel", () => {
  let t: TestApp;
  let sent: InvitationBody;
  let bounced: InvitationBody;
  let waiting: InvitationBody;
  before(async () => {
    t = await createInvitationApp();
    await storeOrders(t, [
      todaysOrder("ACME", "DUE-SENT", "sam.sent@example.com"),
      todaysOrder("ACME", "DUE-BOUNCED", "bob.bounced@example.com"),
    ]);
    const notDue = await invitationOf(t, "ACME", "DUE-SENT");
    const early = await postJson(t, deliveryUrl(notDue.id), { status: "sent" });
    assert.match(assertProblem(early, 409, "invitation_not_due").detail, /is scheduled, not due/);
    const released = await releaseDueInvitations(
      t,
      new Date(Date.parse(dueAtOfToday()) + 3_600_000).toISOString(),
    );
    assert.equal(released.due, 2, JSON.stringify(released));
    // Stored after the due-time check has run: still scheduled.
    await storeOrders(t, [todaysOrder("ACME", "DUE-WAITING", "will.waiting@example.com")]);
    sent = await invitationOf(t, "ACME", "DUE-SENT");
    bounced = await invitationOf(t, "ACME", "DUE-BOUNCED");
    waiting = await invitationOf(t, "ACME", "DUE-WAITING");
  });
  after(() => t.close());

  it("records a sent invitation's delivery, suppressing nobody", async () => {
    assert.equal(sent.status, "due");
    const response = await postJson(t, deliveryUrl(sent.id), { status: "sent" });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json() as { invitation: InvitationBody; suppressed: boolean };
    assertMatches(DeliveryAnswerSchema, body, "the delivery answer");
    assert.equal(body.suppressed, false);
    assert.equal(body.invitation.delivery?.status, "sent");
    assert.ok(isIsoTimestamp(body.invitation.delivery?.reported_at));
    assert.deepEqual({ ...body.invitation, delivery: null, updated_at: sent.updated_at }, sent);
    assert.deepEqual(await invitationOf(t, "ACME", "DUE-SENT"), body.invitation);
  });

  it("suppresses the customer of a bounced invitation", async () => {
    const response = await postJson(t, deliveryUrl(bounced.id.toUpperCase()), { status: "bounced" });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json() as { invitation: InvitationBody; suppressed: boolean };
    assert.deepEqual([body.invitation.delivery?.status, body.suppressed], ["bounced", true]);
    const hash = customerHasherOfKey(await t.store.customerHashKey()).email(
      "ACME",
      "bob.bounced@example.com",
    );
    assert.deepEqual(await t.store.findSuppressed("ACME", [hash]), [hash]);
  });

  it("refuses a report on an invitation that is not due with 409 invitation_not_due", async () => {
    const response = await postJson(t, deliveryUrl(waiting.id), { status: "sent" });
    assert.match(assertProblem(response, 409, "invitation_not_due").detail, /is scheduled, not due/);
    assert.equal((await invitationOf(t, "ACME", "DUE-WAITING")).delivery, null);
  });

  it("answers 404 to a key of another organisation, and for an unknown or malformed id", async () => {
    const stranger = await createOrgAndKey(t.store, "DELIVERYSTRANGER");
    const refused = await postJson(t, deliveryUrl(sent.id), { status: "complained" }, stranger.authorization);
    assert.match(assertProblem(refused, 404, "not_found").detail, /^No invitation /);
    assertProblem(await postJson(t, deliveryUrl(UNKNOWN_ID), { status: "sent" }), 404, "not_found");
    assertProblem(await postJson(t, deliveryUrl("not-an-id"), { status: "sent" }), 404, "not_found");
    assertProblem(await postJson(t, deliveryUrl(sent.id), { status: "sent" }, null), 401, "unauthorized");
    assert.equal((await invitationOf(t, "ACME", "DUE-SENT")).delivery?.status, "sent");
  });

  for (const [what, payload, expected] of [
    ["no status", {}, [["/status", "required"]]],
    ["no body", undefined, [["/status", "required"]]],
    ["an unknown status", { status: "opened" }, [["/status", "invalid_choice"]]],
    ["a status that is not a string", { status: 1 }, [["/status", "wrong_type"]]],
    ["another member", { status: "sent", note: "x" }, [["/note", "unknown_member"]]],
    ["a body that is not an object", ["sent"], [["", "wrong_type"]]],
  ] as const) {
    it(`refuses ${what} with 422 invalid_delivery_report, recording nothing`, async () => {
      const { body, fields } = assertValidationProblem(
        await postJson(t, deliveryUrl(waiting.id), payload),
        "invalid_delivery_report",
      );
      assert.deepEqual(fields, expected);
      assert.match(body.detail, /^The delivery report has 1 error; nothing was recorded$/);
    });
  }

  it("refuses to cancel a due invitation with 409 invitation_not_cancellable", async () => {
    const response = await postJson(t, cancelUrl("ACME", sent.id), {});
    assert.match(assertProblem(response, 409, "invitation_not_cancellable").detail, /is due: too late/);
    assert.equal((await invitationOf(t, "ACME", "DUE-SENT")).status, "due");
  });
});

describe("GET /v4/organisations/{trkref}: the invitation policy", () => {
  let t: TestApp;
  before(async () => {
    t = await createInvitationApp();
  });
  after(() => t.close());

  it("answers the installation's defaults, and no overrides, for an organisation without its own", async () => {
    const response = await get(t, "/v4/organisations/ACME");
    assert.equal(response.statusCode, 200, response.body);
    assertMatches(OrganisationWithPolicySchema, response.json(), "the organisation");
    assert.deepEqual(response.json(), {
      trkref: "ACME",
      name: "ACME Ltd",
      enabled: true,
      invitation_policy: { ...t.config.invitations.defaults, send_window: "00:00-24:00" },
      invitation_policy_overrides: {},
    });
  });

  it("answers the organisation's own members over the defaults", async () => {
    await t.store.createOrganisation({ trkref: "POLICY", name: "Policy Ltd", enabled: true });
    const overrides = { delay_days: 3, country_delay_days: { US: 10 }, timezone: "Europe/London" };
    await t.store.setOrganisationInvitationPolicy("POLICY", overrides);
    const key = await createOrgAndKey(t.store, "POLICY");
    const body = (await get(t, "/v4/organisations/POLICY", key.authorization)).json();
    assertMatches(InvitationPolicySchema, body.invitation_policy, "the policy");
    assert.deepEqual(body.invitation_policy, { ...t.config.invitations.defaults, ...overrides });
    assert.deepEqual(body.invitation_policy_overrides, overrides);
  });
});

describe("the API description of the invitation endpoints", () => {
  let t: TestApp;
  before(async () => {
    t = await createInvitationApp();
  });
  after(() => t.close());

  it("describes each operation with its own problem codes, and examples that match their schemas", async () => {
    const doc = await readOpenApi(t);
    const expected: [string, string, string, Record<string, string[]>][] = [
      ["get", "/v4/organisations/{trkref}/invitations", "listInvitations", { 400: ["invalid_query"] }],
      ["get", "/v4/organisations/{trkref}/invitations/{id}", "getInvitation", { 404: ["not_found"] }],
      [
        "post",
        "/v4/organisations/{trkref}/invitations/{id}/cancellation",
        "cancelInvitation",
        { 409: ["invitation_not_cancellable"], 422: ["invalid_cancellation"] },
      ],
      [
        "post",
        "/v4/organisations/{trkref}/customer_orders/{order_ref}/cancellation",
        "cancelCustomerOrder",
        { 409: ["order_not_processed"], 422: ["invalid_cancellation"] },
      ],
      [
        "post",
        "/v4/invitations/{id}/delivery",
        "reportInvitationDelivery",
        { 409: ["invitation_not_due"], 422: ["invalid_delivery_report"], 404: ["not_found"] },
      ],
    ];
    for (const [method, path, operationId, codes] of expected) {
      const operation = doc.paths[path]?.[method];
      assert.equal(operation?.operationId, operationId, `${method} ${path}`);
      for (const [status, names] of Object.entries(codes)) {
        const examples = operation?.responses[status]?.content?.["application/problem+json"]?.examples ?? {};
        for (const name of names) assert.ok(examples[name], `${operationId} ${status} ${name}`);
      }
    }
    const cancelOrder =
      doc.paths["/v4/organisations/{trkref}/customer_orders/{order_ref}/cancellation"]?.post;
    assert.ok(cancelOrder?.responses["409"]?.headers?.["Retry-After"], "order_not_processed has Retry-After");

    assertExamplesMatch({
      InvitationSchema,
      CancelledInvitationSchema,
      OrderCancellationSchema,
      DeliveryAnswerSchema,
      OrderReadBackSchema,
      InvitationListSchema,
      InvitationPolicySchema,
      OrganisationWithPolicySchema,
    });
  });
});
