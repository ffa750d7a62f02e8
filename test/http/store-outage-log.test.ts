import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { STORE_OUTAGE_SUMMARY_MS } from "../../src/storage/store-outage-log.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import { canMountFilesystem } from "../helpers/small-filesystem.js";
import type { TestApp } from "../helpers/test-app.js";
import { createAppPool, postOrder } from "./order-requests.js";

const apps = createAppPool();
afterEach(() => apps.closeAll());

const logged = (t: TestApp) => t.logLines().map((line) => JSON.parse(line) as Record<string, unknown>);
const withMessage = (t: TestApp, text: string) => logged(t).filter((line) => line.msg === text);

describe("a store outage in the log and the metrics", () => {
  it("is logged once when it starts, as a count while it lasts, and once when it ends", {
    skip: !canMountFilesystem() && "needs to mount a tmpfs",
  }, async () => {
    let time = Date.parse("2026-12-01T10:00:00Z");
    const { t, disk } = await apps.openOnSmallFilesystem({}, { now: () => new Date(time) });
    disk.fill();
    for (let n = 0; n < 30; n++) {
      assertProblem(
        await postOrder(t, { ...exampleOrder("ACME"), order_ref: `F-${n}` }),
        503,
        "store_unavailable",
      );
    }
    const started = withMessage(t, "store failing: answering 503 until it works again");
    assert.equal(started.length, 1, "one line when it starts");
    assert.match(
      String((started[0]?.err as { stack?: string } | undefined)?.stack),
      /database or disk is full/,
    );
    assert.equal(withMessage(t, "request refused").length, 0, "no line per refused request");
    assert.equal(logged(t).filter((line) => Number(line.level) >= 50).length, 1, "no other error line");

    time += STORE_OUTAGE_SUMMARY_MS;
    await postOrder(t, { ...exampleOrder("ACME"), order_ref: "F-30" });
    const summaries = withMessage(t, "store still failing");
    assert.deepEqual(
      summaries.map((line) => line.failures),
      [30],
    );

    disk.free();
    time += 1000;
    assert.equal((await postOrder(t, exampleOrder("ACME"))).statusCode, 202);
    const ended = withMessage(t, "store working again");
    assert.equal(ended.length, 1);
    assert.equal(ended[0]?.failures, 31);
    assert.equal(ended[0]?.durationMs, STORE_OUTAGE_SUMMARY_MS + 1000);

    const metrics = (await t.app.inject({ method: "GET", url: "/metrics" })).body;
    assert.match(metrics, /^order_intake_store_failures_total 31$/m);
  });
});

describe("overload in the log", () => {
  it("is logged once when refusals start, not once per refused request, and once when commits go through", async () => {
    const t = await apps.open({ MAX_BACKLOG: "1" });
    assert.equal((await postOrder(t, { ...exampleOrder("ACME"), order_ref: "O-0" })).statusCode, 202);
    for (let n = 1; n <= 20; n++) {
      assertProblem(await postOrder(t, { ...exampleOrder("ACME"), order_ref: `O-${n}` }), 503, "overloaded");
    }
    const started = withMessage(t, "overloaded: answering 503 overloaded until commits go through again");
    assert.equal(started.length, 1, "one line when it starts");
    assert.equal(started[0]?.level, 40, "a warning: the service protects itself, nothing is broken");
    assert.equal(withMessage(t, "request refused").length, 0, "no line per refused request");

    await t.processAll();
    assert.equal((await postOrder(t, { ...exampleOrder("ACME"), order_ref: "O-21" })).statusCode, 202);
    const ended = withMessage(t, "no longer overloaded");
    assert.equal(ended.length, 1);
    assert.equal(ended[0]?.failures, 20);
  });
});
