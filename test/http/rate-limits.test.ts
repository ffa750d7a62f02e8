import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import { createKey } from "../helpers/test-app.js";
import { countSubmissionRows, createAppPool, postOrder } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

/** A clock the test moves by hand. */
function manualClock(start = Date.parse("2026-03-01T12:00:00Z")) {
  let at = start;
  return { now: () => new Date(at), advance: (ms: number) => (at += ms) };
}

describe("per-key rate limit", () => {
  it("lets a burst through with RateLimit headers, then answers 429 with Retry-After and stores nothing", async () => {
    const clock = manualClock();
    const t = await apps.open({ RATE_LIMIT_PER_SECOND: "1", RATE_LIMIT_BURST: "3" }, { now: clock.now });
    for (const remaining of [2, 1, 0]) {
      const response = await postOrder(t, exampleOrder("ACME"));
      assert.equal(response.statusCode, 202);
      assert.equal(response.headers["ratelimit-policy"], '"per-key";q=3;w=3');
      assert.match(String(response.headers.ratelimit), new RegExp(`^"per-key";r=${remaining};t=\\d+$`));
    }
    const refused = await postOrder(t, exampleOrder("ACME"));
    assertProblem(refused, 429, "rate_limited");
    assert.equal(refused.headers["retry-after"], "1");
    assert.equal(refused.headers.ratelimit, '"per-key";r=0;t=3');
    assert.equal(countSubmissionRows(t), 3);

    clock.advance(1000);
    assert.equal((await postOrder(t, exampleOrder("ACME"))).statusCode, 202);
    assert.equal(countSubmissionRows(t), 4);
  });

  it("keeps one bucket per key, and counts reads as well as writes", async () => {
    const clock = manualClock();
    const t = await apps.open({ RATE_LIMIT_PER_SECOND: "1", RATE_LIMIT_BURST: "2" }, { now: clock.now });
    const accepted = await postOrder(t, exampleOrder("ACME"));
    const status = await t.app.inject({
      method: "GET",
      url: `/v4/customer_orders/${accepted.json().id}`,
      headers: { authorization: t.acme.authorization },
    });
    assert.equal(status.statusCode, 200);
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

  it("is answered 429 once the client has failed too often, even with good credentials, until time passes", async () => {
    const clock = manualClock();
    const t = await apps.open({ AUTH_FAILURES_PER_MINUTE: "3" }, { now: clock.now });
    for (let n = 0; n < 3; n++)
      assertProblem(await fromAddress(t, wrong, "203.0.113.7"), 401, "unauthorized");
    const throttled = assertProblem(
      await fromAddress(t, wrong, "203.0.113.7"),
      429,
      "authentication_throttled",
    );
    assert.match(throttled.detail, /failed authentications/);
    const good = await fromAddress(t, t.acme.authorization, "203.0.113.7");
    assertProblem(good, 429, "authentication_throttled");
    assert.equal(good.headers["retry-after"], "20");

    // Another address is not held back, and the first may try again once a token has come back.
    assert.equal((await fromAddress(t, t.acme.authorization, "203.0.113.8")).statusCode, 202);
    clock.advance(20_000);
    assert.equal((await fromAddress(t, t.acme.authorization, "203.0.113.7")).statusCode, 202);
    assert.equal(countSubmissionRows(t), 2);
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
