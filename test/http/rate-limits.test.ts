import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { manualClock } from "../helpers/manual-clock.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import { basicAuth, createKey } from "../helpers/test-app.js";
import { countSubmissionRows, createAppPool, postOrder } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

describe("per-key rate limit", () => {
  it("lets a burst through with RateLimit headers, then answers 429 with Retry-After and stores nothing", async () => {
    const clock = manualClock();
    const t = await apps.open({ RATE_LIMIT_PER_SECOND: "1", RATE_LIMIT_BURST: "3" }, { now: clock.now });
    for (const remaining of [2, 1, 0]) {
      const response = await postOrder(t, exampleOrder("ACME"));
      assert.equal(response.statusCode, 202);
      assert.equal(response.headers["ratelimit-policy"], '"submissions";q=3;w=3');
      assert.match(String(response.headers.ratelimit), new RegExp(`^"submissions";r=${remaining};t=\\d+$`));
    }
    const refused = await postOrder(t, exampleOrder("ACME"));
    assertProblem(refused, 429, "rate_limited");
    assert.equal(refused.headers["retry-after"], "1");
    assert.equal(refused.headers.ratelimit, '"submissions";r=0;t=3');
    assert.equal(countSubmissionRows(t), 3);

    clock.advance(1000);
    assert.equal((await postOrder(t, exampleOrder("ACME"))).statusCode, 202);
    assert.equal(countSubmissionRows(t), 4);
  });

  it("keeps one bucket per key for submissions, apart from its reads", async () => {
    const clock = manualClock();
    const t = await apps.open({ RATE_LIMIT_PER_SECOND: "1", RATE_LIMIT_BURST: "2" }, { now: clock.now });
    const accepted = await postOrder(t, exampleOrder("ACME"));
    const status = await t.app.inject({
      method: "GET",
      url: `/v4/customer_orders/${accepted.json().id}`,
      headers: { authorization: t.acme.authorization },
    });
    assert.equal(status.statusCode, 200);
    assert.equal((await postOrder(t, exampleOrder("ACME"))).statusCode, 202, "the read took no submission");
    assertProblem(await postOrder(t, exampleOrder("ACME")), 429, "rate_limited");

    const other = await createKey(t.store, ["ACME"]);
    const response = await postOrder(t, exampleOrder("ACME"), { authorization: other.authorization });
    assert.equal(response.statusCode, 202);
  });

  it("counts a batch as one request", async () => {
    const t = await apps.open({ RATE_LIMIT_PER_SECOND: "1", RATE_LIMIT_BURST: "1" });
    const batch = Array.from({ length: 20 }, (_, n) => ({ ...exampleOrder("ACME"), order_ref: `R-${n}` }));
    const response = await t.app.inject({
      method: "POST",
      url: "/v4/customer_orders",
      headers: { authorization: t.acme.authorization, "content-type": "application/json" },
      payload: JSON.stringify(batch),
    });
    assert.equal(response.statusCode, 202);
    assert.equal(countSubmissionRows(t), 20);
  });

  it("is off with RATE_LIMIT_PER_SECOND=0: no refusals and no RateLimit headers", async () => {
    const t = await apps.open({ RATE_LIMIT_PER_SECOND: "0", RATE_LIMIT_BURST: "1" });
    for (let n = 0; n < 3; n++) {
      const response = await postOrder(t, exampleOrder("ACME"));
      assert.equal(response.statusCode, 202);
      assert.equal(response.headers.ratelimit, undefined);
    }
  });
});

describe("failed authentication from one client", () => {
  const wrong = `Basic ${Buffer.from("oik_nobody:wrong").toString("base64")}`;
  const fromAddress = (t: Awaited<ReturnType<typeof apps.open>>, authorization: string, address: string) =>
    t.app.inject({
      method: "POST",
      url: "/v4/organisations/ACME/customer_order",
      headers: { authorization, "content-type": "application/json" },
      payload: JSON.stringify(exampleOrder("ACME")),
      remoteAddress: address,
    });

  it("answers 429 to the failures of an address that failed too often with one key id, never to the right secret", async () => {
    const clock = manualClock();
    const t = await apps.open({ AUTH_FAILURES_PER_MINUTE: "3" }, { now: clock.now });
    const guess = basicAuth(t.acme.keyId, "guessed-secret");
    for (let n = 0; n < 3; n++)
      assertProblem(await fromAddress(t, guess, "203.0.113.7"), 401, "unauthorized");
    const throttled = assertProblem(
      await fromAddress(t, guess, "203.0.113.7"),
      429,
      "authentication_throttled",
    );
    assert.match(throttled.detail, /failed authentications/);
    // The credentials are checked first: whoever knows a key id cannot lock its merchant out from behind the
    // merchant's own address (a shared proxy, say) by sending wrong secrets.
    const right = await fromAddress(t, t.acme.authorization, "203.0.113.7");
    assert.equal(right.statusCode, 202, right.body);
    // Each failure is counted, the throttled ones too: two in debt now, 40 s at 3 a minute before a try.
    const stillThrottled = await fromAddress(t, guess, "203.0.113.7");
    assertProblem(stillThrottled, 429, "authentication_throttled");
    assert.equal(stillThrottled.headers["retry-after"], "40");

    // Another merchant's key behind the same address, and this key from another address, go on.
    const neighbour = await createKey(t.store, ["ACME"]);
    assert.equal((await fromAddress(t, neighbour.authorization, "203.0.113.7")).statusCode, 202);
    assert.equal((await fromAddress(t, t.acme.authorization, "203.0.113.8")).statusCode, 202);
    clock.advance(60_000);
    assertProblem(await fromAddress(t, guess, "203.0.113.7"), 401, "unauthorized");
    assert.equal(countSubmissionRows(t), 3);
  });

  it("makes a wave of concurrent failures wait longer, in proportion", async () => {
    const clock = manualClock();
    const t = await apps.open({ AUTH_FAILURES_PER_MINUTE: "3" }, { now: clock.now });
    const guess = basicAuth(t.acme.keyId, "guessed-secret");
    const wave = await Promise.all(Array.from({ length: 10 }, () => fromAddress(t, guess, "203.0.113.7")));
    for (const answer of wave) assert.ok([401, 429].includes(answer.statusCode), answer.body);
    // However many got through, the bucket is now 3 tokens in debt: 4 tokens at 3 a minute before a try.
    const after = await fromAddress(t, guess, "203.0.113.7");
    assertProblem(after, 429, "authentication_throttled");
    assert.equal(after.headers["retry-after"], "80");
  });

  it("does not count a look-up the store could not answer: valid keys get 503 during an outage, not 429", async () => {
    // No cache, so that every request asks the store; a closed store refuses every look-up.
    const t = await apps.open({ AUTH_FAILURES_PER_MINUTE: "2", LOOKUP_CACHE_TTL_MS: "0" });
    await t.store.close();
    for (let n = 0; n < 5; n++) {
      const answer = await fromAddress(t, t.acme.authorization, "203.0.113.7");
      assertProblem(answer, 503, "store_unavailable");
    }
  });

  it("does not count requests without credentials, which clients send to learn the scheme", async () => {
    const t = await apps.open({ AUTH_FAILURES_PER_MINUTE: "1" });
    for (let n = 0; n < 5; n++) {
      const response = await t.app.inject({
        method: "POST",
        url: "/v4/organisations/ACME/customer_order",
        headers: { "content-type": "application/json" },
        payload: JSON.stringify(exampleOrder("ACME")),
        remoteAddress: "203.0.113.7",
      });
      assertProblem(response, 401, "unauthorized");
    }
    assert.equal((await fromAddress(t, t.acme.authorization, "203.0.113.7")).statusCode, 202);
  });

  it("does not count successful authentications", async () => {
    const t = await apps.open({ AUTH_FAILURES_PER_MINUTE: "1" });
    for (let n = 0; n < 5; n++) {
      assert.equal((await fromAddress(t, t.acme.authorization, "203.0.113.9")).statusCode, 202);
    }
  });

  it("names the client from X-Forwarded-For only when the proxy is trusted", async () => {
    const forwardedFrom = (t: Awaited<ReturnType<typeof apps.open>>, client: string) =>
      t.app.inject({
        method: "GET",
        url: "/v4/customer_orders/01900000-0000-7000-8000-000000000000",
        headers: { authorization: wrong, "x-forwarded-for": client },
        remoteAddress: "10.0.0.2",
      });
    const trusting = await apps.open({ AUTH_FAILURES_PER_MINUTE: "1", TRUST_PROXY: "10.0.0.2" });
    assertProblem(await forwardedFrom(trusting, "198.51.100.1"), 401, "unauthorized");
    assertProblem(await forwardedFrom(trusting, "198.51.100.2"), 401, "unauthorized");
    assertProblem(await forwardedFrom(trusting, "198.51.100.1"), 429, "authentication_throttled");

    const distrusting = await apps.open({ AUTH_FAILURES_PER_MINUTE: "1" });
    assertProblem(await forwardedFrom(distrusting, "198.51.100.1"), 401, "unauthorized");
    assertProblem(await forwardedFrom(distrusting, "198.51.100.2"), 429, "authentication_throttled");
  });
});
