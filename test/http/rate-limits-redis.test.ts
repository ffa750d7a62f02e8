import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import { REDIS_TEST_URL, uniqueRedisPrefix, withRedis } from "../helpers/redis.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";
import { postOrder } from "./order-requests.js";

const open: TestApp[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

/** Two instances on one database and one Redis, as behind a load balancer. */
async function twoInstances(env: Record<string, string>) {
  const first = await createTestApp(env);
  open.push(first);
  const second = await createTestApp(env, { databasePath: first.config.databaseUrl });
  open.push(second);
  return [first, second] as const;
}

describe("rate limits shared through Redis", async () => {
  await withRedis(() => {
    it("count one key's requests across instances", async () => {
      const burst = 10;
      const [first, second] = await twoInstances({
        REDIS_URL: REDIS_TEST_URL,
        REDIS_KEY_PREFIX: uniqueRedisPrefix("shared"),
        RATE_LIMIT_PER_SECOND: "1",
        RATE_LIMIT_BURST: String(burst),
      });
      const started = Date.now();
      const statuses: number[] = [];
      for (let n = 0; n < 2 * burst; n++) {
        const instance = n % 2 === 0 ? first : second;
        const response = await postOrder(instance, exampleOrder("ACME"), {
          authorization: first.acme.authorization,
        });
        if (response.statusCode === 429) {
          assertProblem(response, 429, "rate_limited");
          assert.match(String(response.headers.ratelimit), /^"submissions";r=0;t=\d+$/);
        }
        statuses.push(response.statusCode);
      }
      // Apart from the bucket, at most one token per second of the test has come back; each instance on its
      // own would have let all of them through.
      const refill = Math.ceil((Date.now() - started) / 1000);
      const accepted = statuses.filter((status) => status === 202).length;
      assert.ok(
        accepted >= burst && accepted <= burst + refill,
        `accepted ${accepted} of ${statuses.length}`,
      );
      assert.ok(statuses.slice(0, burst).every((status) => status === 202));
      const refusedBy = (parity: number) => statuses.some((status, n) => status === 429 && n % 2 === parity);
      assert.ok(refusedBy(0) && refusedBy(1), "both instances refuse once the shared bucket is empty");
    });

    it("count failed authentications of one client across instances", async () => {
      const [first, second] = await twoInstances({
        REDIS_URL: REDIS_TEST_URL,
        REDIS_KEY_PREFIX: uniqueRedisPrefix("auth"),
        AUTH_FAILURES_PER_MINUTE: "2",
      });
      const wrong = `Basic ${Buffer.from("oik_nobody:wrong").toString("base64")}`;
      assertProblem(
        await postOrder(first, exampleOrder("ACME"), { authorization: wrong }),
        401,
        "unauthorized",
      );
      assertProblem(
        await postOrder(second, exampleOrder("ACME"), { authorization: wrong }),
        401,
        "unauthorized",
      );
      const throttled = await postOrder(first, exampleOrder("ACME"), { authorization: wrong });
      assertProblem(throttled, 429, "authentication_throttled");
    });
  });

  it("fall back to limits of each instance's own when Redis cannot be reached", async () => {
    // Port 1 on loopback: nothing listens there, so every draw fails at once.
    const t = await createTestApp({
      REDIS_URL: "redis://127.0.0.1:1",
      RATE_LIMIT_PER_SECOND: "1",
      RATE_LIMIT_BURST: "1",
    });
    open.push(t);
    const first = await postOrder(t, exampleOrder("ACME"));
    assert.equal(first.statusCode, 202);
    assert.match(String(first.headers.ratelimit), /^"submissions";r=0;t=\d+$/);
    assertProblem(await postOrder(t, exampleOrder("ACME")), 429, "rate_limited");
    assert.ok(t.logLines().some((line) => line.includes("rate limits cannot reach Redis")));
  });
});
