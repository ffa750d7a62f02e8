import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { MAX_WEBHOOK_ENDPOINTS, newWebhookEndpointId } from "../../src/processing/webhook-endpoint-input.js";
import { assertProblem, assertValidationProblem } from "../helpers/problem-assertions.js";
import { createOrgAndKey, createTestApp, type TestApp } from "../helpers/test-app.js";
import type { WebhookEndpointBody } from "../helpers/webhook-endpoint-json.js";

const ENDPOINT_MEMBERS = [
  "created_at",
  "description",
  "disabled_at",
  "disabled_reason",
  "event_types",
  "failing_since",
  "id",
  "status",
  "url",
];

const path = (trkref: string, id?: string) =>
  `/v4/organisations/${trkref}/webhook_endpoints${id === undefined ? "" : `/${id}`}`;

describe("the merchant's webhook endpoints: POST, GET and DELETE /v4/organisations/{trkref}/webhook_endpoints", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const create = (authorization: string, trkref: string, payload: unknown) =>
    t.app.inject({
      method: "POST",
      url: path(trkref),
      headers: { authorization },
      payload: payload as object,
    });
  const get = (authorization: string, url: string) =>
    t.app.inject({ method: "GET", url, headers: { authorization } });
  const remove = (authorization: string, url: string) =>
    t.app.inject({ method: "DELETE", url, headers: { authorization } });

  it("creates an endpoint, answers its secret once, lists it, shows it and deletes it", async () => {
    const { authorization, keyId } = await createOrgAndKey(t.store, "HOOKS");
    const created = await create(authorization, "HOOKS", {
      url: "https://Shop.Example.com/webhooks?source=order-intake",
      event_types: ["order.updated", "order.created", "order.updated"],
      description: "  Warehouse sync ",
    });
    assert.equal(created.statusCode, 201, created.body);
    const body = created.json() as WebhookEndpointBody;
    assert.match(body.id, /^we_[a-z2-7]{24}$/);
    assert.match(body.secret ?? "", /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.equal(Buffer.from((body.secret ?? "").slice("whsec_".length), "base64").length, 32);
    assert.equal(created.headers.location, path("HOOKS", body.id));
    const { secret, ...shown } = body;
    assert.deepEqual(shown, {
      id: body.id,
      url: "https://shop.example.com/webhooks?source=order-intake",
      event_types: ["order.created", "order.updated"],
      description: "Warehouse sync",
      status: "enabled",
      disabled_reason: null,
      disabled_at: null,
      failing_since: null,
      created_at: body.created_at,
    });

    // What was stored, read through the store: the endpoint of HOOKS, and the secret that signs for it.
    const stored = await t.store.findWebhookEndpoint(body.id);
    assert.equal(stored?.trkref, "HOOKS");
    assert.deepEqual(stored?.eventTypes, ["order.created", "order.updated"]);
    assert.equal(stored?.url, shown.url);
    assert.equal((await t.store.findWebhookSecrets(body.id))?.current, secret);
    const [audit] = (await t.store.listAuditEntries()).filter((entry) => entry.subject === body.id);
    assert.equal(audit?.actor, `api_key:${keyId}`);

    const listed = await get(authorization, path("HOOKS"));
    assert.equal(listed.statusCode, 200, listed.body);
    assert.deepEqual(listed.json(), { data: [shown] });
    const one = await get(authorization, path("HOOKS", body.id));
    assert.equal(one.statusCode, 200, one.body);
    assert.deepEqual(one.json(), shown);
    for (const answer of [listed.body, one.body]) assert.ok(!answer.includes(secret ?? "-"), "no secret");
    assert.deepEqual(Object.keys(one.json()).sort(), ENDPOINT_MEMBERS);

    const deleted = await remove(authorization, path("HOOKS", body.id));
    assert.equal(deleted.statusCode, 204, deleted.body);
    assert.equal(deleted.body, "");
    assert.equal(await t.store.findWebhookEndpoint(body.id), undefined);
    assertProblem(await get(authorization, path("HOOKS", body.id)), 404, "not_found");
    assertProblem(await remove(authorization, path("HOOKS", body.id)), 404, "not_found");
    assert.deepEqual((await get(authorization, path("HOOKS"))).json(), { data: [] });
  });

  it("takes a URL alone: every event type, no description", async () => {
    const { authorization } = await createOrgAndKey(t.store, "HOOKS-ALL");
    const created = await create(authorization, "HOOKS-ALL", {
      url: "https://203.0.114.7:8443/hook",
      event_types: [],
    });
    assert.equal(created.statusCode, 201, created.body);
    const body = created.json() as WebhookEndpointBody;
    assert.equal(body.event_types, null);
    assert.equal(body.description, null);
    assert.equal((await t.store.findWebhookEndpoint(body.id))?.eventTypes, null);
  });

  it("answers 404 to a key of another organisation, and never shows it the endpoint", async () => {
    const owner = await createOrgAndKey(t.store, "HOOKS-OWNER");
    const other = await createOrgAndKey(t.store, "HOOKS-OTHER");
    const created = await create(owner.authorization, "HOOKS-OWNER", {
      url: "https://owner.example.com/hook",
    });
    const { id } = created.json() as WebhookEndpointBody;
    const lookedUp = assertProblem(await get(other.authorization, path("HOOKS-OWNER")), 404, "not_found");
    assert.match(lookedUp.detail, /No organisation HOOKS-OWNER this API key may act for/);
    assertProblem(await get(other.authorization, path("HOOKS-OWNER", id)), 404, "not_found");
    assertProblem(await remove(other.authorization, path("HOOKS-OWNER", id)), 404, "not_found");
    assertProblem(
      await create(other.authorization, "HOOKS-OWNER", { url: "https://other.example.com/hook" }),
      404,
      "not_found",
    );
    // Its own organisation's path does not reach another organisation's endpoint either.
    assertProblem(await get(other.authorization, path("HOOKS-OTHER", id)), 404, "not_found");
    assertProblem(await remove(other.authorization, path("HOOKS-OTHER", id)), 404, "not_found");
    assert.ok(await t.store.findWebhookEndpoint(id), "still there");
    assert.equal((await t.store.listWebhookEndpoints({ trkref: "HOOKS-OWNER" })).length, 1);
    assertProblem(await get(owner.authorization, path("hooks-owner")), 400, "invalid_trkref");
  });

  it("never lists or shows the installation's endpoints to a merchant", async () => {
    const { authorization } = await createOrgAndKey(t.store, "HOOKS-INST");
    const installation = await t.store.createWebhookEndpoint({
      id: newWebhookEndpointId(),
      trkref: null,
      url: "https://operator.example.com/all-events",
      eventTypes: null,
      description: "every organisation",
      secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw3R0v1P6ktF0=",
      createdAt: new Date().toISOString(),
    });
    const own = (await create(authorization, "HOOKS-INST", { url: "https://inst.example.com/hook" })).json();
    assert.deepEqual(
      ((await get(authorization, path("HOOKS-INST"))).json() as { data: WebhookEndpointBody[] }).data.map(
        (e) => e.id,
      ),
      [(own as WebhookEndpointBody).id],
    );
    assertProblem(await get(authorization, path("HOOKS-INST", installation.id)), 404, "not_found");
    assertProblem(await remove(authorization, path("HOOKS-INST", installation.id)), 404, "not_found");
    assert.ok(await t.store.findWebhookEndpoint(installation.id));
  });

  const refusals: [string, unknown, [string, string][]][] = [
    ["an http URL", { url: "http://shop.example.com/hook" }, [["/url", "invalid_url"]]],
    ["a private IP literal", { url: "https://10.1.2.3/hook" }, [["/url", "address_not_public"]]],
    ["a loopback IPv6 literal", { url: "https://[::1]:8443/hook" }, [["/url", "address_not_public"]]],
    [
      "a mapped loopback literal",
      { url: "https://[::ffff:127.0.0.1]/hook" },
      [["/url", "address_not_public"]],
    ],
    ["a loopback address in decimal", { url: "https://2130706433/hook" }, [["/url", "address_not_public"]]],
    ["credentials in the URL", { url: "https://user:pass@shop.example.com/hook" }, [["/url", "invalid_url"]]],
    ["a fragment", { url: "https://shop.example.com/hook#orders" }, [["/url", "invalid_url"]]],
    ["a relative URL", { url: "/hook" }, [["/url", "invalid_url"]]],
    ["another scheme", { url: "ftp://shop.example.com/hook" }, [["/url", "invalid_url"]]],
    ["a URL too long", { url: `https://shop.example.com/${"a".repeat(2030)}` }, [["/url", "too_long"]]],
    ["no URL", { event_types: ["order.created"] }, [["/url", "required"]]],
    ["no body", undefined, [["/url", "required"]]],
    ["a URL that is no string", { url: 42 }, [["/url", "wrong_type"]]],
    [
      "an unknown event type",
      { url: "https://shop.example.com/hook", event_types: ["order.created", "order.deleted"] },
      [["/event_types/1", "invalid_choice"]],
    ],
    [
      "event types that are no list",
      { url: "https://shop.example.com/hook", event_types: "order.created" },
      [["/event_types", "wrong_type"]],
    ],
    [
      "a description too long",
      { url: "https://shop.example.com/hook", description: "d".repeat(201) },
      [["/description", "too_long"]],
    ],
    [
      "a description on two lines",
      { url: "https://shop.example.com/hook", description: "one\ntwo" },
      [["/description", "invalid_character"]],
    ],
    [
      "an unknown member",
      { url: "https://shop.example.com/hook", event_type: ["order.created"] },
      [["/event_type", "unknown_member"]],
    ],
    ["a body that is no object", ["https://shop.example.com/hook"], [["", "wrong_type"]]],
    [
      "every wrong member at once",
      { url: "http://127.0.0.1/hook", event_types: ["nope"], description: 7 },
      [
        ["/url", "invalid_url"],
        ["/event_types/0", "invalid_choice"],
        ["/description", "wrong_type"],
      ],
    ],
  ];
  for (const [what, payload, expected] of refusals) {
    it(`refuses ${what} with 422 invalid_webhook_endpoint, storing nothing`, async () => {
      const trkref = `REFUSE-${refusals.findIndex(([name]) => name === what)}`;
      const { authorization } = await createOrgAndKey(t.store, trkref);
      const response = await t.app.inject({
        method: "POST",
        url: path(trkref),
        headers: { authorization, ...(payload !== undefined && { "content-type": "application/json" }) },
        ...(payload !== undefined && { payload: JSON.stringify(payload) }),
      });
      const { body, fields } = assertValidationProblem(response, "invalid_webhook_endpoint");
      assert.deepEqual(fields, expected);
      assert.match(body.detail, /^The webhook endpoint has \d invalid members?$/);
      assert.deepEqual(await t.store.listWebhookEndpoints({ trkref }), []);
    });
  }

  it("says what is wrong with the URL, in words", async () => {
    const { authorization } = await createOrgAndKey(t.store, "WORDS");
    const messages = async (url: string) =>
      assertValidationProblem(
        await create(authorization, "WORDS", { url }),
        "invalid_webhook_endpoint",
      ).body.invalid_params?.map((error) => error.message);
    assert.deepEqual(await messages("http://shop.example.com/"), ["Must be an https URL (got http:)"]);
    assert.deepEqual(await messages("https://169.254.169.254/latest/meta-data"), [
      "169.254.169.254 is a loopback, private or otherwise non-public address",
    ]);
    assert.deepEqual(await messages("https://a:b@shop.example.com/"), [
      "Must not hold a user name or password: every request is signed instead",
    ]);
  });

  it(`refuses the ${MAX_WEBHOOK_ENDPOINTS + 1}th endpoint of an organisation with 409, and takes one after a deletion`, async () => {
    const { authorization } = await createOrgAndKey(t.store, "FULL");
    const ids: string[] = [];
    for (let index = 0; index < MAX_WEBHOOK_ENDPOINTS; index++) {
      const created = await create(authorization, "FULL", { url: `https://shop.example.com/hook/${index}` });
      assert.equal(created.statusCode, 201, created.body);
      ids.push((created.json() as WebhookEndpointBody).id);
    }
    const refused = assertProblem(
      await create(authorization, "FULL", { url: "https://shop.example.com/one-more" }),
      409,
      "too_many_webhook_endpoints",
    );
    assert.match(refused.detail, new RegExp(`FULL has ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints`));
    assert.equal((await t.store.listWebhookEndpoints({ trkref: "FULL" })).length, MAX_WEBHOOK_ENDPOINTS);
    assert.equal((await remove(authorization, path("FULL", ids[0]))).statusCode, 204);
    assert.equal(
      (await create(authorization, "FULL", { url: "https://shop.example.com/again" })).statusCode,
      201,
    );
  });

  it("refuses requests without credentials before reading the body", async () => {
    const response = await t.app.inject({ method: "POST", url: path("ACME"), payload: "{not json" });
    assertProblem(response, 401, "unauthorized");
  });
});

describe("webhook endpoints with WEBHOOK_ALLOW_PRIVATE_URLS=true", () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ WEBHOOK_ALLOW_PRIVATE_URLS: "true" });
  });
  after(() => t.close());

  it("takes http and loopback URLs, but still no credentials, fragment or other scheme", async () => {
    const post = (url: string) =>
      t.app.inject({
        method: "POST",
        url: path("ACME"),
        headers: { authorization: t.acme.authorization },
        payload: { url },
      });
    for (const url of ["http://127.0.0.1:9999/hook", "https://[::1]/hook", "http://10.0.0.5/hook"]) {
      const response = await post(url);
      assert.equal(response.statusCode, 201, `${url}: ${response.body}`);
    }
    for (const url of ["http://u:p@127.0.0.1/hook", "http://127.0.0.1/hook#x", "ftp://127.0.0.1/"]) {
      assert.deepEqual(assertValidationProblem(await post(url), "invalid_webhook_endpoint").fields, [
        ["/url", "invalid_url"],
      ]);
    }
    assert.equal((await t.store.listWebhookEndpoints({ trkref: "ACME" })).length, 3);
  });
});
