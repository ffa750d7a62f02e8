import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { exampleOrder } from "../../src/domain/order-example.js";
import { openStore } from "../../src/storage/open-store.js";
import { manualClock } from "../helpers/manual-clock.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import { createKey, createOrgAndKey, type TestApp } from "../helpers/test-app.js";
import { createAppPool, postOrder } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

const read = (t: TestApp, url: string, authorization = t.acme.authorization) =>
  t.app.inject({ method: "GET", url, headers: { authorization } });

describe("reads and submissions of one key", () => {
  it("draw from separate buckets, named in the RateLimit headers: polling never uses up submitting", async () => {
    const clock = manualClock();
    const t = await apps.open({ RATE_LIMIT_PER_SECOND: "1", RATE_LIMIT_BURST: "2" }, { now: clock.now });
    const accepted = await postOrder(t, exampleOrder("ACME"));
    assert.equal(accepted.statusCode, 202);
    assert.match(String(accepted.headers.ratelimit), /^"submissions";r=1;t=\d+$/);
    const statusUrl = `/v4/customer_orders/${accepted.json().id}`;
    for (const remaining of [1, 0]) {
      const polled = await read(t, statusUrl);
      assert.equal(polled.statusCode, 200);
      assert.equal(polled.headers["ratelimit-policy"], '"reads";q=2;w=2');
      assert.match(String(polled.headers.ratelimit), new RegExp(`^"reads";r=${remaining};t=\\d+$`));
    }
    const tooMany = assertProblem(await read(t, "/v4/organisations"), 429, "rate_limited");
    assert.match(tooMany.detail, /reads per second/);

    const submitted = await postOrder(t, exampleOrder("ACME"));
    assert.equal(submitted.statusCode, 202, "the reads took nothing from the submissions");
    assert.equal(submitted.headers["ratelimit-policy"], '"submissions";q=2;w=2');
    const refused = await postOrder(t, exampleOrder("ACME"));
    assertProblem(refused, 429, "rate_limited");
    assert.equal(refused.headers.ratelimit, '"submissions";r=0;t=2');
    clock.advance(1000);
    assert.equal((await read(t, statusUrl)).statusCode, 200);
  });
});

describe("an organisation's own rate limit", () => {
  // No look-up cache: the test changes limits through the store the app itself uses, which tells it nothing.
  const uncached = { LOOKUP_CACHE_TTL_MS: "0" };

  it("replaces the default for its keys, in each bucket, until it is cleared", async () => {
    const clock = manualClock();
    const t = await apps.open(
      { ...uncached, RATE_LIMIT_PER_SECOND: "1", RATE_LIMIT_BURST: "2" },
      { now: clock.now },
    );
    const beta = await createOrgAndKey(t.store, "BETA-1");
    await t.store.setOrganisationRateLimit("ACME", { ratePerSecond: 5, burst: 5 });
    for (let n = 0; n < 5; n++) {
      const response = await postOrder(t, exampleOrder("ACME"));
      assert.equal(response.statusCode, 202);
      assert.equal(response.headers["ratelimit-policy"], '"submissions";q=5;w=1');
    }
    assertProblem(await postOrder(t, exampleOrder("ACME")), 429, "rate_limited");
    assert.equal((await read(t, "/v4/organisations")).headers["ratelimit-policy"], '"reads";q=5;w=1');

    // Another organisation's key keeps the default.
    const post = () =>
      postOrder(t, exampleOrder("BETA-1"), { trkref: "BETA-1", authorization: beta.authorization });
    assert.equal((await post()).headers["ratelimit-policy"], '"submissions";q=2;w=2');
    assert.equal((await post()).statusCode, 202);
    assertProblem(await post(), 429, "rate_limited");

    await t.store.setOrganisationRateLimit("ACME", null);
    clock.advance(10_000);
    const back = await postOrder(t, exampleOrder("ACME"));
    assert.equal(back.statusCode, 202);
    assert.equal(back.headers["ratelimit-policy"], '"submissions";q=2;w=2');
  });

  it("limits its keys although the default limit is off, and only them", async () => {
    const clock = manualClock();
    const t = await apps.open({ ...uncached, RATE_LIMIT_PER_SECOND: "0" }, { now: clock.now });
    const beta = await createOrgAndKey(t.store, "BETA-1");
    await t.store.setOrganisationRateLimit("ACME", { ratePerSecond: 1, burst: 1 });
    const first = await postOrder(t, exampleOrder("ACME"));
    assert.equal(first.statusCode, 202);
    assert.equal(first.headers["ratelimit-policy"], '"submissions";q=1;w=1');
    assertProblem(await postOrder(t, exampleOrder("ACME")), 429, "rate_limited");
    for (let n = 0; n < 3; n++) {
      const unlimited = await read(t, "/v4/organisations", beta.authorization);
      assert.equal(unlimited.statusCode, 200);
      assert.equal(unlimited.headers.ratelimit, undefined);
    }
  });

  it("gives a key of several organisations the most generous of their limits", async () => {
    const clock = manualClock();
    const t = await apps.open(
      { ...uncached, RATE_LIMIT_PER_SECOND: "1", RATE_LIMIT_BURST: "1" },
      { now: clock.now },
    );
    await createOrgAndKey(t.store, "BETA-1");
    await t.store.setOrganisationRateLimit("BETA-1", { ratePerSecond: 3, burst: 3 });
    const both = await createKey(t.store, ["ACME", "BETA-1"]);
    const post = () => postOrder(t, exampleOrder("ACME"), { authorization: both.authorization });
    for (let n = 0; n < 3; n++) assert.equal((await post()).statusCode, 202);
    assertProblem(await post(), 429, "rate_limited");
  });

  it("takes effect at once when another process sets it, although organisations are cached", async () => {
    const t = await apps.open({ LOOKUP_CACHE_TTL_MS: "600000", RATE_LIMIT_PER_SECOND: "100" });
    assert.equal((await read(t, "/v4/organisations")).headers["ratelimit-policy"], '"reads";q=200;w=2');
    const operator = await openStore(t.config.databaseUrl);
    try {
      await operator.setOrganisationRateLimit("ACME", { ratePerSecond: 50, burst: 50 }, { actor: "ops" });
    } finally {
      await operator.close();
    }
    let policy: unknown;
    for (let n = 0; n < 100 && policy !== '"reads";q=50;w=1'; n++) {
      if (n > 0) await sleep(20);
      policy = (await read(t, "/v4/organisations")).headers["ratelimit-policy"];
    }
    assert.equal(policy, '"reads";q=50;w=1', "the new limit applies within moments");
  });
});
