import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import { basicAuth, createOrgAndKey, type TestApp } from "../helpers/test-app.js";
import { countSubmissionRows, createAppPool, postOrder } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

const base64 = (text: string) => Buffer.from(text).toString("base64");

/** Each way a client can fail to authenticate, as the Authorization header it sends (null: none). */
const refusedCredentials: [string, (t: TestApp) => Promise<string | null>][] = [
  ["no Authorization header", async () => null],
  ["a Bearer token", async () => "Bearer abc.def.ghi"],
  ["Basic without credentials", async () => "Basic"],
  ["Basic with characters outside base64", async () => "Basic !!!not-base64!!!"],
  ["Basic credentials without a colon", async (t) => `Basic ${base64(t.acme.keyId)}`],
  ["an unknown key id", async (t) => basicAuth("oik_doesnotexist", t.acme.secret)],
  ["a wrong secret", async (t) => basicAuth(t.acme.keyId, `${t.acme.secret}x`)],
  [
    "a revoked key",
    async (t) => {
      assert.equal(await t.store.revokeApiKey(t.acme.keyId), true);
      return t.acme.authorization;
    },
  ],
];

describe("POST /v4/organisations/{trkref}/customer_order: authentication", () => {
  for (const [label, credentialsFor] of refusedCredentials) {
    it(`answers 401 with a Basic challenge for ${label}, and stores nothing`, async () => {
      const t = await apps.open();
      const authorization = await credentialsFor(t);
      const response = await postOrder(t, exampleOrder("ACME"), { authorization });

      const body = assertProblem(response, 401, "unauthorized");
      assert.equal(body.message, "Unauthorized");
      assert.match(String(response.headers["www-authenticate"]), /^Basic realm="[^"]+"/);
      assert.equal(countSubmissionRows(t), 0);
    });
  }

  it("accepts the same key before it is revoked, and refuses it once the look-up cache has expired", async () => {
    let clock = new Date("2026-05-01T10:00:00.000Z");
    const t = await apps.open({ LOOKUP_CACHE_TTL_MS: "1000" }, { now: () => clock });
    assert.equal((await postOrder(t, exampleOrder("ACME"))).statusCode, 202);
    await t.store.revokeApiKey(t.acme.keyId);
    clock = new Date(clock.getTime() + 999);
    assert.equal(
      (await postOrder(t, exampleOrder("ACME"))).statusCode,
      202,
      "trusted for the cache's lifetime",
    );
    clock = new Date(clock.getTime() + 2);
    assertProblem(await postOrder(t, exampleOrder("ACME")), 401, "unauthorized");
    assert.equal(countSubmissionRows(t), 2);
  });

  it("refuses a revoked key at once when the look-up cache is off", async () => {
    const t = await apps.open({ LOOKUP_CACHE_TTL_MS: "0" });
    assert.equal((await postOrder(t, exampleOrder("ACME"))).statusCode, 202);
    await t.store.revokeApiKey(t.acme.keyId);
    assertProblem(await postOrder(t, exampleOrder("ACME")), 401, "unauthorized");
  });
});

describe("POST /v4/organisations/{trkref}/customer_order: authorisation", () => {
  it("answers 403 key_not_allowed when the key may not act for the trkref", async () => {
    const t = await apps.open();
    const other = await createOrgAndKey(t.store, "OTHER");

    const acmeToOther = await postOrder(t, exampleOrder("OTHER"), { trkref: "OTHER" });
    const denied = assertProblem(acmeToOther, 403, "key_not_allowed");
    assert.match(denied.detail, /OTHER/);

    const otherToAcme = await postOrder(t, exampleOrder("ACME"), { authorization: other.authorization });
    assertProblem(otherToAcme, 403, "key_not_allowed");
    assert.equal(countSubmissionRows(t), 0);

    // The same key is fine for its own organisation: the refusal was about the pairing.
    const own = await postOrder(t, exampleOrder("OTHER"), {
      trkref: "OTHER",
      authorization: other.authorization,
    });
    assert.equal(own.statusCode, 202, own.body);
  });

  it("answers 403 feature_disabled, saying so, when the organisation has submission off", async () => {
    let clock = new Date("2026-05-01T10:00:00.000Z");
    const t = await apps.open({}, { now: () => clock });
    const off = await createOrgAndKey(t.store, "OFF", { enabled: false });
    const response = await postOrder(t, exampleOrder("OFF"), {
      trkref: "OFF",
      authorization: off.authorization,
    });

    const body = assertProblem(response, 403, "feature_disabled");
    assert.match(body.detail, /not enabled/);
    assert.match(body.message, /not enabled/);
    assert.equal(countSubmissionRows(t), 0);

    await t.store.setOrganisationEnabled("OFF", true);
    // Switching the feature on is noticed once the look-up cache (LOOKUP_CACHE_TTL_MS, 1 s) has expired.
    clock = new Date(clock.getTime() + 1001);
    const enabled = await postOrder(t, exampleOrder("OFF"), {
      trkref: "OFF",
      authorization: off.authorization,
    });
    assert.equal(enabled.statusCode, 202, enabled.body);
  });

  it("tells the two 403s apart by code", async () => {
    const t = await apps.open();
    await createOrgAndKey(t.store, "OTHER");
    const off = await createOrgAndKey(t.store, "OFF", { enabled: false });
    const notAllowed = await postOrder(t, exampleOrder("OTHER"), { trkref: "OTHER" });
    const disabled = await postOrder(t, exampleOrder("OFF"), {
      trkref: "OFF",
      authorization: off.authorization,
    });

    assert.equal(notAllowed.statusCode, 403);
    assert.equal(disabled.statusCode, 403);
    assert.notEqual(notAllowed.json().code, disabled.json().code);
    assert.notEqual(notAllowed.json().message, disabled.json().message);
  });
});
