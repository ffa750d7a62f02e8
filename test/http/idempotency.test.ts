import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { assertProblem, assertValidationProblem } from "../helpers/problem-assertions.js";
import { createKey } from "../helpers/test-app.js";
import {
  acmeOrder,
  assertFresh,
  assertReplayOf,
  BATCH_URL,
  countRows,
  invalidOrder,
  postKeyed,
} from "./idempotency-requests.js";
import { createAppPool } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

describe("Idempotency-Key on the single endpoint: replays", () => {
  it("replays the first 202 byte for byte, marked as a replay, and stores one submission", async () => {
    const t = await apps.open();
    const first = await postKeyed(t, acmeOrder(), { key: "abc" });
    const id = assertFresh(first);
    assert.equal(first.headers.location, `/v4/customer_orders/${id}`);

    const replay = await postKeyed(t, acmeOrder(), { key: "abc" });
    assertReplayOf(first, replay);
    assert.equal(replay.json().id, id);
    assert.equal(countRows(t, "submissions"), 1);
    assert.equal(countRows(t, "idempotency_records"), 1);
  });

  it('takes the quoted form "abc" as the same key as abc', async () => {
    const t = await apps.open();
    const first = await postKeyed(t, acmeOrder(), { key: "abc" });
    assertFresh(first);
    assertReplayOf(first, await postKeyed(t, acmeOrder(), { key: '"abc"' }));
    assert.equal(countRows(t, "submissions"), 1);
  });

  it("replays a body with its keys reordered and other whitespace (canonical fingerprint)", async () => {
    const t = await apps.open();
    const order = acmeOrder();
    const first = await postKeyed(t, JSON.stringify(order), { key: "canonical" });
    assertFresh(first);

    const { customer, order_items, ...top } = order;
    const reordered = { order_items, customer, ...Object.fromEntries(Object.entries(top).reverse()) };
    const text = JSON.stringify(reordered, null, 4).replaceAll(":", " :\t");
    assert.notEqual(text, JSON.stringify(order));
    assert.deepEqual(JSON.parse(text), order);
    assertReplayOf(first, await postKeyed(t, text, { key: "canonical" }));
    assert.equal(countRows(t, "submissions"), 1);
  });

  it("never deduplicates requests without the header", async () => {
    const t = await apps.open();
    const first = assertFresh(await postKeyed(t, acmeOrder()));
    const second = assertFresh(await postKeyed(t, acmeOrder()));
    assert.notEqual(first, second);
    assert.equal(countRows(t, "submissions"), 2);
    assert.equal(countRows(t, "idempotency_records"), 0);
  });
});

describe("Idempotency-Key on the single endpoint: refusals", () => {
  it("refuses the same key with another body (422 idempotency_key_reused) and stores nothing", async () => {
    const t = await apps.open();
    const first = await postKeyed(t, acmeOrder("IDEM-1"), { key: "abc" });
    const id = assertFresh(first);

    const other = await postKeyed(t, acmeOrder("IDEM-2"), { key: "abc" });
    assertProblem(other, 422, "idempotency_key_reused");
    assert.equal(other.headers["idempotent-replayed"], undefined);
    assert.equal(countRows(t, "submissions"), 1);
    assert.deepEqual(
      (await t.store.listSubmissionsForOrder("ACME", "IDEM-2")).map((s) => s.id),
      [],
    );
    // The first answer is still the one remembered.
    const replay = await postKeyed(t, acmeOrder("IDEM-1"), { key: "abc" });
    assertReplayOf(first, replay);
    assert.equal(replay.json().id, id);
  });

  it("refuses the same key on the other endpoint (another path), even with the same body", async () => {
    const t = await apps.open();
    assertFresh(await postKeyed(t, acmeOrder(), { key: "shared" }));

    // The very same bytes: only the path tells the two requests apart.
    const batch = await postKeyed(t, acmeOrder(), { key: "shared", url: BATCH_URL });
    assertProblem(batch, 422, "idempotency_key_reused");
    assertProblem(
      await postKeyed(t, [acmeOrder()], { key: "shared", url: BATCH_URL }),
      422,
      "idempotency_key_reused",
    );
    assert.equal(countRows(t, "submissions"), 1);
    assert.equal(countRows(t, "batches"), 0);
  });

  it("records nothing for a request refused by validation: the corrected retry with the key is accepted", async () => {
    const t = await apps.open();
    const refused = await postKeyed(t, invalidOrder("IDEM-1"), { key: "fix-me" });
    assertValidationProblem(refused);
    assert.equal(countRows(t, "idempotency_records"), 0);

    const fixed = await postKeyed(t, acmeOrder("IDEM-1"), { key: "fix-me" });
    const id = assertFresh(fixed);
    assert.equal((await t.store.findSubmission(id))?.orderRef, "IDEM-1");
    assert.equal(countRows(t, "submissions"), 1);
  });
});

describe("Idempotency-Key: scope and header syntax", () => {
  it("keeps two API keys' idempotency keys apart: the same key and body make two submissions", async () => {
    const t = await apps.open();
    const second = await createKey(t.store, ["ACME"]);
    const mine = assertFresh(await postKeyed(t, acmeOrder(), { key: "abc" }));
    const theirs = assertFresh(
      await postKeyed(t, acmeOrder(), { key: "abc", authorization: second.authorization }),
    );
    assert.notEqual(mine, theirs);
    assert.equal(countRows(t, "submissions"), 2);
    assert.equal(countRows(t, "idempotency_records"), 2);
  });

  const invalidKeys: [string, string][] = [
    ["an empty key", ""],
    ["an empty quoted key", '""'],
    ["a 256-character key", "k".repeat(256)],
    ["a key with a non-ASCII character", "clé-1"],
  ];
  for (const [name, key] of invalidKeys) {
    it(`answers 400 invalid_idempotency_key for ${name} and stores nothing`, async () => {
      const t = await apps.open();
      assertProblem(await postKeyed(t, acmeOrder(), { key }), 400, "invalid_idempotency_key");
      assert.equal(countRows(t, "submissions"), 0);
      assert.equal(countRows(t, "idempotency_records"), 0);
    });
  }

  it("accepts a 255-character key and replays with it", async () => {
    const t = await apps.open();
    const key = "k".repeat(255);
    const first = await postKeyed(t, acmeOrder(), { key });
    assertFresh(first);
    assertReplayOf(first, await postKeyed(t, acmeOrder(), { key }));
    assert.equal(countRows(t, "submissions"), 1);
  });
});
