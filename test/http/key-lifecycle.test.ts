import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { exampleOrder } from "../../src/domain/order-example.js";
import { WWW_AUTHENTICATE } from "../../src/http/authenticate.js";
import { issueCredential } from "../../src/storage/api-credentials.js";
import { openStore } from "../../src/storage/open-store.js";
import { manualClock } from "../helpers/manual-clock.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import { basicAuth, createKey, createTestApp, type TestApp } from "../helpers/test-app.js";
import { createAppPool, postOrder } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

const submitAs = (t: TestApp, authorization: string) => postOrder(t, exampleOrder("ACME"), { authorization });

describe("an API key with an expiry", () => {
  it("authenticates until it expires, then is answered 401 as a revoked key is", async () => {
    const clock = manualClock();
    const t = await apps.open({}, { now: clock.now });
    const { keyId, secret, secretHash } = issueCredential();
    const at = clock.now().toISOString();
    const expiresAt = new Date(clock.now().getTime() + 60_000).toISOString();
    await t.store.createApiKey({ id: keyId, secretHash, trkrefs: ["ACME"], expiresAt, at });
    const authorization = basicAuth(keyId, secret);

    assert.equal((await submitAs(t, authorization)).statusCode, 202);
    clock.advance(59_999);
    assert.equal((await submitAs(t, authorization)).statusCode, 202, "cached, and still before the expiry");
    clock.advance(1);
    const expired = await submitAs(t, authorization);
    const problem = assertProblem(expired, 401, "unauthorized");
    assert.match(problem.detail, /expired/);
    assert.equal(expired.headers["www-authenticate"], WWW_AUTHENTICATE);
  });
});

describe("a rotated API key", () => {
  it("takes the new secret at once and the old one until its grace period ends", async () => {
    const clock = manualClock();
    // No look-up cache: the rotation goes through the store the app itself uses, which tells it nothing.
    const t = await apps.open({ LOOKUP_CACHE_TTL_MS: "0" }, { now: clock.now });
    const old = await createKey(t.store, ["ACME"]);
    const rotated = await t.store.rotateApiKey({
      id: old.keyId,
      graceSeconds: 300,
      at: clock.now().toISOString(),
    });
    const renewed = basicAuth(old.keyId, rotated.secret);
    assert.equal((await submitAs(t, old.authorization)).statusCode, 202);
    assert.equal((await submitAs(t, renewed)).statusCode, 202);
    clock.advance(299_999);
    assert.equal((await submitAs(t, old.authorization)).statusCode, 202, "the last moment of the grace");
    clock.advance(1);
    assertProblem(await submitAs(t, old.authorization), 401, "unauthorized");
    assert.equal((await submitAs(t, renewed)).statusCode, 202);
    assertProblem(await submitAs(t, basicAuth(old.keyId, "ois_guess")), 401, "unauthorized");
  });

  it("refuses the old secret at once, though the key is cached, when another process rotates it without grace", async () => {
    const t = await apps.open({ LOOKUP_CACHE_TTL_MS: "600000" });
    assert.equal((await submitAs(t, t.acme.authorization)).statusCode, 202);
    const operator = await openStore(t.config.databaseUrl);
    const rotated = await operator
      .rotateApiKey({ id: t.acme.keyId, graceSeconds: 0, actor: "ops" })
      .finally(() => operator.close());
    let status = 0;
    for (let n = 0; n < 100 && status !== 401; n++) {
      if (n > 0) await sleep(20);
      status = (await submitAs(t, t.acme.authorization)).statusCode;
    }
    assert.equal(status, 401, "the old secret is refused within moments");
    assert.equal((await submitAs(t, basicAuth(t.acme.keyId, rotated.secret))).statusCode, 202);
  });
});

describe("a key's last use", () => {
  let open: TestApp | undefined;
  afterEach(async () => {
    await open?.close();
    open = undefined;
  });

  const lastUseOf = async (t: TestApp, keyId: string) => (await t.store.findApiKey(keyId))?.lastUsedAt;

  it("is written off the request path, every write interval", async () => {
    open = await createTestApp({}, { keyUseWriteIntervalMs: 50 });
    const t = open;
    const unused = await createKey(t.store, ["ACME"]);
    assert.equal(await lastUseOf(t, t.acme.keyId), null);
    const before = new Date().toISOString();
    for (let n = 0; n < 3; n++) assert.equal((await submitAs(t, t.acme.authorization)).statusCode, 202);
    let lastUsedAt: string | null | undefined = null;
    for (let n = 0; n < 100 && !lastUsedAt; n++) {
      await sleep(20);
      lastUsedAt = await lastUseOf(t, t.acme.keyId);
    }
    assert.ok(lastUsedAt && lastUsedAt >= before, `recorded: ${String(lastUsedAt)}`);
    assert.equal(await lastUseOf(t, unused.keyId), null, "an unused key has none");
  });

  it("is written when the app closes, before the next write is due", async () => {
    open = await createTestApp();
    const t = open;
    assert.equal((await submitAs(t, t.acme.authorization)).statusCode, 202);
    assert.equal(await lastUseOf(t, t.acme.keyId), null, "not written on the request's path");
    await t.app.close();
    assert.notEqual(await lastUseOf(t, t.acme.keyId), null);
  });
});
