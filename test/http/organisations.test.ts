import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import { BUILT_IN_INVITATION_POLICY } from "../../src/domain/invitation-policy.js";
import { WWW_AUTHENTICATE } from "../../src/http/authenticate.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import { basicAuth, createKey, createTestApp, type TestApp } from "../helpers/test-app.js";
import { createAppPool } from "./order-requests.js";

/** `null` sends no Authorization header. */
const get = (t: TestApp, url: string, authorization: string | null) =>
  t.app.inject({ method: "GET", url, headers: authorization === null ? {} : { authorization } });

/** One organisation as it is answered: with the invitation policy in force, here the installation's. */
const withPolicy = (organisation: { trkref: string; name: string; enabled: boolean }) => ({
  ...organisation,
  invitation_policy: BUILT_IN_INVITATION_POLICY,
  invitation_policy_overrides: {},
});

describe("GET /v4/organisations and GET /v4/organisations/{trkref}", () => {
  let t: TestApp;
  /** A key for ACME (enabled) and ACME-UK (disabled), granted in that order reversed. */
  let twoOrgs: string;
  before(async () => {
    t = await createTestApp();
    await t.store.createOrganisation({ trkref: "ACME-UK", name: "Acme UK", enabled: false });
    await t.store.createOrganisation({ trkref: "OTHER", name: "Someone else", enabled: true });
    await t.store.createOrganisation({ trkref: "ACER_EN_GB", name: "Acer GB", enabled: true });
    twoOrgs = (await createKey(t.store, ["ACME-UK", "ACME"])).authorization;
  });
  after(() => t.close());

  it("lists every organisation of a key, disabled ones too, in trkref order", async () => {
    const response = await get(t, "/v4/organisations", twoOrgs);
    assert.equal(response.statusCode, 200, response.body);
    assert.match(String(response.headers["content-type"]), /^application\/json/);
    assert.deepEqual(response.json(), {
      data: [
        { trkref: "ACME", name: "ACME Ltd", enabled: true },
        { trkref: "ACME-UK", name: "Acme UK", enabled: false },
      ],
    });
  });

  it("lists only the one organisation of a key for one", async () => {
    const response = await get(t, "/v4/organisations", t.acme.authorization);
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), { data: [{ trkref: "ACME", name: "ACME Ltd", enabled: true }] });
  });

  it("shows one organisation the key may act for, disabled or not", async () => {
    const disabled = await get(t, "/v4/organisations/ACME-UK", twoOrgs);
    assert.equal(disabled.statusCode, 200, disabled.body);
    assert.deepEqual(disabled.json(), withPolicy({ trkref: "ACME-UK", name: "Acme UK", enabled: false }));
    const enabled = await get(t, "/v4/organisations/ACME", twoOrgs);
    assert.deepEqual(enabled.json(), withPolicy({ trkref: "ACME", name: "ACME Ltd", enabled: true }));
  });

  it("takes a trkref with underscores as well formed", async () => {
    const key = (await createKey(t.store, ["ACER_EN_GB"])).authorization;
    const response = await get(t, "/v4/organisations/ACER_EN_GB", key);
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), withPolicy({ trkref: "ACER_EN_GB", name: "Acer GB", enabled: true }));
    assertProblem(await get(t, "/v4/organisations/ACER_EN_GB", twoOrgs), 404, "not_found");
  });

  it("answers another organisation's trkref exactly like one that names no organisation", async () => {
    const other = assertProblem(
      await get(t, "/v4/organisations/OTHER", t.acme.authorization),
      404,
      "not_found",
    );
    const unknown = assertProblem(
      await get(t, "/v4/organisations/NOPE", t.acme.authorization),
      404,
      "not_found",
    );
    assert.match(other.detail, /OTHER/);
    assert.deepEqual({ ...other, detail: other.detail.replace("OTHER", "NOPE") }, unknown);
  });

  for (const trkref of ["acme", "ACME--UK", "ACME-", "A%20B", "A".repeat(65)]) {
    it(`refuses the malformed trkref ${trkref.slice(0, 12)} with 400 invalid_trkref`, async () => {
      const response = await get(t, `/v4/organisations/${trkref}`, twoOrgs);
      assertProblem(response, 400, "invalid_trkref");
    });
  }

  for (const url of ["/v4/organisations", "/v4/organisations/ACME"]) {
    it(`answers ${url} without credentials, or with wrong ones, 401 with WWW-Authenticate`, async () => {
      for (const authorization of [null, basicAuth(t.acme.keyId, "not-the-secret")]) {
        const response = await get(t, url, authorization);
        assertProblem(response, 401, "unauthorized");
        assert.equal(response.headers["www-authenticate"], WWW_AUTHENTICATE);
      }
    });
  }
});

describe("the organisation routes under the per-key rate limit", () => {
  const apps = createAppPool();
  afterEach(() => apps.closeAll());

  it("count each request against the key and say where it stands", async () => {
    const t = await apps.open({ RATE_LIMIT_PER_SECOND: "1", RATE_LIMIT_BURST: "2" });
    const first = await get(t, "/v4/organisations", t.acme.authorization);
    assert.equal(first.statusCode, 200);
    assert.equal(first.headers["ratelimit-policy"], '"reads";q=2;w=2');
    assert.match(String(first.headers.ratelimit), /^"reads";r=1;t=\d+$/);
    assert.equal((await get(t, "/v4/organisations/ACME", t.acme.authorization)).statusCode, 200);
    const refused = await get(t, "/v4/organisations", t.acme.authorization);
    assertProblem(refused, 429, "rate_limited");
    assert.ok(Number(refused.headers["retry-after"]) >= 1);
  });
});
