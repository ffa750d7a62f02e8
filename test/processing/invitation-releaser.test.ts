import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { NormalisedOrder } from "../../src/domain/normalised-order.js";
import { createInvitationReleaser, RELEASE_BATCH } from "../../src/processing/invitation-releaser.js";
import { openStore } from "../../src/storage/open-store.js";
import type { ReleaseReport, Store } from "../../src/storage/store.js";
import { manualClock } from "../helpers/manual-clock.js";
import { createTempDir } from "../helpers/test-app.js";
import { submission } from "../storage/contract/contract-fixture.js";
import { SETTINGS } from "../storage/contract/invitation-test-data.js";

const HOUR = 3_600_000;
/** The built-in policy's due time for an order of 2026-06-01: seven days on, at the window's opening. */
const DUE = "2026-06-08T09:00:00.000Z";
/** The releaser is only run by hand here: its timer never fires within a test. */
const NEVER_MS = 24 * HOUR;

const orderOf = (orderRef: string, email = "jane@example.com"): NormalisedOrder => ({
  trkref: "ACME",
  order_ref: orderRef,
  order_date: "2026-06-01",
  customer: { email },
  order_items: [{ sku: `SKU-${orderRef}`, price: "10.00", currency: "GBP" }],
});

/** The releaser of `store` on `clock`, with what it reported and logged as errors. */
function releaserOf(store: Store, clock: ReturnType<typeof manualClock>) {
  const reports: ReleaseReport[] = [];
  const errors: unknown[] = [];
  const releaser = createInvitationReleaser({
    store,
    settings: SETTINGS,
    log: { info() {}, error: (fields: unknown) => errors.push(fields) },
    now: clock.now,
    pollMs: NEVER_MS,
    onReleased: (report) => reports.push(report),
  });
  return { releaser, reports, errors };
}

/** A SQLite store on a file of its own, with ACME; the path for reopening it. */
async function openFreshStore(t: { after: (fn: () => unknown) => void }) {
  const dir = createTempDir();
  t.after(() => dir.remove());
  const path = join(dir.path, "orders.db");
  const store = await openStore(path);
  await store.createOrganisation({ trkref: "ACME", name: "Acme", enabled: true });
  return { store, path };
}

/** Submits the orders and processes them at the clock's time, scheduling their invitations. */
async function placeOrders(store: Store, clock: ReturnType<typeof manualClock>, orders: NormalisedOrder[]) {
  await store.commitIntake([{ submissions: orders.map(submission) }]);
  const now = clock.now().toISOString();
  for (let round = 0; round < 10; round += 1) {
    if ((await store.processPendingSubmissions(100, { now, invitations: SETTINGS })).taken === 0) return;
  }
}

const statusOf = async (store: Store, orderRef: string) =>
  (await store.findOrderInvitation("ACME", orderRef)).invitation?.status;

describe("the invitation releaser", () => {
  it("releases nothing before the due time, and the invitation once the clock has passed it", async (t) => {
    const { store } = await openFreshStore(t);
    t.after(() => store.close());
    const clock = manualClock(Date.parse("2026-06-01T10:00:00.000Z"));
    await placeOrders(store, clock, [orderOf("O-1")]);
    const { releaser, reports, errors } = releaserOf(store, clock);

    await releaser.runOnce();
    clock.advance(Date.parse(DUE) - 1 - clock.now().getTime());
    await releaser.runOnce();
    assert.equal(await statusOf(store, "O-1"), "scheduled", "a millisecond before");
    assert.deepEqual(reports, []);

    clock.advance(1);
    await releaser.runOnce();
    const released = await store.findOrderInvitation("ACME", "O-1");
    assert.deepEqual([released.invitation?.status, released.invitation?.releasedAt], ["due", DUE]);
    assert.deepEqual(reports, [{ taken: 1, due: 1, skipped: {}, events: 1 }]);

    clock.advance(HOUR);
    await releaser.runOnce();
    assert.equal(reports.length, 1, "released once");
    assert.deepEqual(errors, []);
  });

  it("releases on its first run what came due while the store was closed", async (t) => {
    const { store, path } = await openFreshStore(t);
    const clock = manualClock(Date.parse("2026-06-01T10:00:00.000Z"));
    await placeOrders(store, clock, [orderOf("O-1")]);
    await store.close();

    // Down over the due time; back three days later.
    clock.advance(10 * 24 * HOUR);
    const reopened = await openStore(path);
    t.after(() => reopened.close());
    const { releaser, reports, errors } = releaserOf(reopened, clock);
    await releaser.runOnce();
    const released = await reopened.findOrderInvitation("ACME", "O-1");
    assert.deepEqual(
      [released.invitation?.status, released.invitation?.dueAt, released.invitation?.releasedAt],
      ["due", DUE, clock.now().toISOString()],
    );
    assert.deepEqual(reports, [{ taken: 1, due: 1, skipped: {}, events: 1 }]);
    await releaser.runOnce();
    assert.equal(reports.length, 1);
    assert.deepEqual(errors, []);
  });

  it("goes on a batch at a time in one run until nothing due is left", async (t) => {
    const { store } = await openFreshStore(t);
    t.after(() => store.close());
    const clock = manualClock(Date.parse("2026-06-01T10:00:00.000Z"));
    const count = RELEASE_BATCH + 5;
    const orders = Array.from({ length: count }, (_, n) => orderOf(`M-${n}`, `buyer-${n}@example.com`));
    await placeOrders(store, clock, orders);
    clock.advance(Date.parse(DUE) - clock.now().getTime());
    const { releaser, reports } = releaserOf(store, clock);
    await releaser.runOnce();
    assert.deepEqual(
      reports.map((report) => report.due),
      [RELEASE_BATCH, 5],
    );
    const due = await store.listInvitations({ trkref: "ACME", status: "due", limit: count + 1 });
    assert.equal(due.length, count);
  });
});
