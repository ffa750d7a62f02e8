import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { createIdempotencyPurger } from "../../src/processing/idempotency-purger.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";
import {
  acmeOrder,
  assertFresh,
  assertReplayOf,
  BATCH_URL,
  countRows,
  postKeyed,
} from "./idempotency-requests.js";

const open: TestApp[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

async function openApp(env: Record<string, string> = {}, options: Parameters<typeof createTestApp>[1] = {}) {
  const t = await createTestApp(env, options);
  open.push(t);
  return t;
}

const HOUR = 3_600_000;
const START = new Date("2026-01-01T00:00:00Z").getTime();

/** A clock the test moves by hand, and an app that reads it. */
async function openAppWithClock(env: Record<string, string> = {}) {
  let clock = new Date(START);
  const t = await openApp(env, { now: () => clock });
  const setClock = (offsetMs: number) => {
    clock = new Date(START + offsetMs);
  };
  return { t, setClock, now: () => clock };
}

describe("Idempotency-Key: a retry while the first request is in flight", () => {
  for (const url of [undefined, BATCH_URL]) {
    const body = url ? [acmeOrder()] : acmeOrder();
    it(`answers one 202 and one 409 with Retry-After, and stores once (${url ?? "single"})`, async () => {
      const t = await openApp();
      // Deterministic without timers: inject does no I/O, so both requests are parsed in the same turns of
      // the event loop, and the second reaches the handler while the first waits for its group commit (the
      // key is taken only after the body is read, so holding a body back would not help). Without the
      // in-flight guard both would reach the commit, and the second would replay the first (a 202, not 409).
      const responses = await Promise.all([
        postKeyed(t, body, { url, key: "twice" }),
        postKeyed(t, body, { url, key: "twice" }),
      ]);
      const [accepted, refused] = [...responses].sort((a, b) => a.statusCode - b.statusCode);
      assert.ok(accepted && refused);
      assertFresh(accepted);
      assertProblem(refused, 409, "idempotency_key_in_flight");
      assert.match(String(refused.headers["retry-after"]), /^\d+$/);
      assert.equal(countRows(t, "submissions"), 1);

      // Once the first has answered, the retry replays it.
      assertReplayOf(accepted, await postKeyed(t, body, { url, key: "twice" }));
    });
  }
});

describe("Idempotency-Key: across a restart", () => {
  it("replays the first answer from a new app on the same database file", async () => {
    const before = await openApp();
    const first = await postKeyed(before, acmeOrder(), { key: "restart" });
    const id = assertFresh(first);
    // Closing twice is harmless, so the common cleanup still removes this app's directory afterwards.
    await before.app.close();
    await before.store.close();

    const after = await openApp({}, { databasePath: before.config.databaseUrl });
    // The first app's key lives in the file; the replay must come from there, not from memory.
    const replay = await postKeyed(after, acmeOrder(), {
      key: "restart",
      authorization: before.acme.authorization,
    });
    assertReplayOf(first, replay);
    assert.equal(replay.json().id, id);
    assert.equal(countRows(after, "submissions"), 1);
  });
});

describe("Idempotency-Key: expiry", () => {
  it("replays until 24 hours have passed, then takes the key as a new request", async () => {
    const { t, setClock } = await openAppWithClock();
    const first = await postKeyed(t, acmeOrder(), { key: "daily" });
    const id = assertFresh(first);

    setClock(24 * HOUR - 60_000);
    assertReplayOf(first, await postKeyed(t, acmeOrder(), { key: "daily" }));

    setClock(24 * HOUR);
    const later = await postKeyed(t, acmeOrder(), { key: "daily" });
    const laterId = assertFresh(later);
    assert.notEqual(laterId, id);
    assert.equal(countRows(t, "submissions"), 2);
    // The new answer is the one remembered from now on.
    assertReplayOf(later, await postKeyed(t, acmeOrder(), { key: "daily" }));
  });

  it("reuses an expired key that was not purged yet without failing the requests committed with it", async () => {
    const { t, setClock } = await openAppWithClock();
    const first = assertFresh(await postKeyed(t, acmeOrder("REUSED"), { key: "expired" }));

    setClock(25 * HOUR);
    // Sent together, both writes share one group commit: one bad write would refuse both.
    const [reused, unrelated] = await Promise.all([
      postKeyed(t, acmeOrder("REUSED"), { key: "expired" }),
      postKeyed(t, acmeOrder("UNRELATED")),
    ]);
    assert.ok(reused && unrelated);
    assert.notEqual(assertFresh(reused), first);
    assertFresh(unrelated);
    assert.equal(countRows(t, "submissions"), 3);
    assert.equal(countRows(t, "idempotency_records"), 1);
  });

  it("keeps keys for IDEMPOTENCY_TTL_HOURS when it is set longer", async () => {
    const { t, setClock } = await openAppWithClock({ IDEMPOTENCY_TTL_HOURS: "48" });
    const first = await postKeyed(t, acmeOrder(), { key: "two-days" });
    assertFresh(first);

    setClock(47 * HOUR);
    assertReplayOf(first, await postKeyed(t, acmeOrder(), { key: "two-days" }));
    setClock(48 * HOUR);
    assertFresh(await postKeyed(t, acmeOrder(), { key: "two-days" }));
  });

  it("purges expired records and keeps live ones", async () => {
    const { t, setClock, now } = await openAppWithClock();
    const purger = createIdempotencyPurger({ store: t.store, now, intervalMs: HOUR, log: t.app.log });
    const old = await postKeyed(t, acmeOrder("OLD"), { key: "old" });
    assertFresh(old);
    setClock(12 * HOUR);
    const recent = await postKeyed(t, acmeOrder("RECENT"), { key: "recent" });
    assertFresh(recent);

    setClock(24 * HOUR - 1);
    assert.equal(await purger.purgeOnce(), 0);
    assert.equal(countRows(t, "idempotency_records"), 2);

    setClock(24 * HOUR);
    assert.equal(await purger.purgeOnce(), 1);
    assert.equal(countRows(t, "idempotency_records"), 1);
    assertReplayOf(recent, await postKeyed(t, acmeOrder("RECENT"), { key: "recent" }));
    // The purged key names a new request; the submissions it acknowledged stay.
    assertFresh(await postKeyed(t, acmeOrder("OLD"), { key: "old" }));
    assert.equal(countRows(t, "submissions"), 3);
  });
});
