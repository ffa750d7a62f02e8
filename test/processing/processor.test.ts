import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { customerHasherOfKey } from "../../src/domain/customer-privacy.js";
import { exampleOrder } from "../../src/domain/order-example.js";
import {
  DEFECT_FAILURE_REASON,
  processPendingSubmissions,
} from "../../src/processing/process-submissions.js";
import { createProcessor } from "../../src/processing/processor.js";
import { createEventQueries } from "../../src/storage/sqlite/events-sql.js";
import { createOrderQueries } from "../../src/storage/sqlite/orders-sql.js";
import { openSqliteDatabase } from "../../src/storage/sqlite/sqlite-connection.js";
import { createSqliteProcessing } from "../../src/storage/sqlite/sqlite-processing.js";
import { createSubmissionQueries } from "../../src/storage/sqlite/submissions-sql.js";
import { StoreUnavailableError } from "../../src/storage/store.js";
import { eventually } from "../helpers/eventually.js";
import { withDefectSaving } from "../helpers/processing-faults.js";
import { createTestApp } from "../helpers/test-app.js";

const quietLog = { info() {}, warn() {}, error() {}, debug() {} };

/** Submits `count` orders of refs of their own (`<prefix>-0`…) and returns their submission ids. */
async function submitOrders(
  intake: Awaited<ReturnType<typeof createTestApp>>,
  prefix: string,
  count: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const response = await intake.app.inject({
      method: "POST",
      url: "/v4/organisations/ACME/customer_order",
      headers: { authorization: intake.acme.authorization, "content-type": "application/json" },
      payload: { ...exampleOrder("ACME"), order_ref: `${prefix}-${n}` },
    });
    assert.equal(response.statusCode, 202);
    ids.push((response.json() as { id: string }).id);
  }
  return ids;
}

describe("processor", () => {
  it("wakes on a commit and processes the submission without waiting for its poll interval", async () => {
    const intake = await createTestApp();
    after(() => intake.close());
    // A poll interval far longer than the test's bound: only wake() can make it in time.
    const processor = createProcessor({ store: intake.store, log: quietLog, batchSize: 10, pollMs: 600_000 });
    processor.start();
    after(() => processor.stop());
    await new Promise((resolve) => setTimeout(resolve, 20));

    const response = await intake.app.inject({
      method: "POST",
      url: "/v4/organisations/ACME/customer_order",
      headers: { authorization: intake.acme.authorization, "content-type": "application/json" },
      payload: exampleOrder("ACME"),
    });
    assert.equal(response.statusCode, 202);
    const { id } = response.json() as { id: string };
    processor.wake();

    let status: string | undefined;
    for (let attempt = 0; attempt < 200 && status !== "processed"; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      status = (await intake.store.findSubmission(id))?.status;
    }
    assert.equal(status, "processed");
    assert.equal((await intake.store.findSubmission(id))?.outcome, "created");
  });

  it("stores normalised values on the order record and keeps the raw document", async () => {
    const intake = await createTestApp();
    after(() => intake.close());
    const document = { ...exampleOrder("ACME"), order_ref: 4711 };
    const response = await intake.app.inject({
      method: "POST",
      url: "/v4/organisations/ACME/customer_order",
      headers: { authorization: intake.acme.authorization, "content-type": "application/json" },
      payload: document,
    });
    assert.equal(response.statusCode, 202);
    await intake.processAll();

    const stored = await intake.store.findOrder("ACME", "4711");
    assert.equal(stored?.order.order_date, "2021-09-25");
    assert.equal(stored?.order.order_items[0]?.price, "55.99");
    assert.equal(stored?.order.customer.country, "GB");
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(intake.config.databaseUrl, { readonly: true });
    after(() => db.close());
    const row = db.prepare("SELECT raw FROM submissions WHERE order_ref = '4711'").get() as { raw: string };
    assert.deepEqual(JSON.parse(row.raw), document);
  });

  it("applies many submissions of one order in acceptance order across batches", async () => {
    const intake = await createTestApp();
    after(() => intake.close());
    const ids: string[] = [];
    for (let day = 10; day < 30; day++) {
      const response = await intake.app.inject({
        method: "POST",
        url: "/v4/organisations/ACME/customer_order",
        headers: { authorization: intake.acme.authorization, "content-type": "application/json" },
        payload: { ...exampleOrder("ACME"), order_ref: "SEQ-1", fulfilment_date: `${day}-10-2021` },
      });
      ids.push((response.json() as { id: string }).id);
    }
    const processor = createProcessor({ store: intake.store, log: quietLog, batchSize: 3, pollMs: 1000 });
    await processor.drain();
    const outcomes = await Promise.all(
      ids.map(async (id) => (await intake.store.findSubmission(id))?.outcome),
    );
    assert.deepEqual(outcomes, ["created", ...Array(19).fill("updated")]);
    assert.equal((await intake.store.findOrder("ACME", "SEQ-1"))?.order.fulfilment_date, "2021-10-29");
  });

  it("doubles its batches while each comes back full, up to the most, and starts small again once caught up", async () => {
    const intake = await createTestApp();
    after(() => intake.close());
    const ids = await submitOrders(intake, "GROW", 25);
    const limits: number[] = [];
    const store = {
      ...intake.store,
      processPendingSubmissions: (limit: number) => {
        limits.push(limit);
        return intake.store.processPendingSubmissions(limit);
      },
    };
    const processor = createProcessor({ store, log: quietLog, batchSize: 2, maxBatchSize: 8, pollMs: 1000 });
    await processor.drain();
    // 2 + 4 + 8 + 8 take 22, the next 8 finds 3: not full, so the one after (finding none) is small again.
    assert.deepEqual(limits, [2, 4, 8, 8, 8, 2]);
    const statuses = await Promise.all(
      ids.map(async (id) => (await intake.store.findSubmission(id))?.status),
    );
    assert.deepEqual(statuses, Array(25).fill("processed"));
  });

  it("starts small again after a batch that failed, which may have failed for its size", async () => {
    const intake = await createTestApp();
    after(() => intake.close());
    await submitOrders(intake, "RESET", 25);
    const limits: number[] = [];
    const store = {
      ...intake.store,
      processPendingSubmissions: async (limit: number) => {
        limits.push(limit);
        if (limits.length === 3) throw new StoreUnavailableError("statement timeout");
        return intake.store.processPendingSubmissions(limit);
      },
    };
    const processor = createProcessor({ store, log: quietLog, batchSize: 2, maxBatchSize: 8, pollMs: 1000 });
    await assert.rejects(processor.drain(), StoreUnavailableError);
    await processor.drain();
    // 2 and 4 applied, the batch of 8 failed; then 2, 4, 8, and 8 finding the last 5; then 2 finding none.
    assert.deepEqual(limits, [2, 4, 8, 2, 4, 8, 8, 2]);
    assert.equal(await intake.store.countPendingSubmissions(), 0);
  });
});

describe("processor on a store that keeps failing", () => {
  it("logs one error when the failures start and one line when processing works again, not one a poll", async () => {
    const intake = await createTestApp();
    after(() => intake.close());
    let failuresLeft = 5;
    const failing = {
      ...intake.store,
      processPendingSubmissions: async (limit: number) => {
        if (failuresLeft-- > 0) throw new StoreUnavailableError("disk full");
        return intake.store.processPendingSubmissions(limit);
      },
    };
    const lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];
    const record = (level: string) => (fields: object, message?: string) =>
      lines.push({ level, message: message ?? "", fields: fields as Record<string, unknown> });
    const log = { info: record("info"), warn: record("warn"), error: record("error"), debug() {} };
    const processor = createProcessor({ store: failing, log, batchSize: 10, pollMs: 5 });
    processor.start();
    const recovered = await eventually(
      () => lines.some((l) => l.message === "processing working again"),
      10_000,
    );
    await processor.stop();

    assert.ok(recovered, JSON.stringify(lines));
    assert.deepEqual(
      lines.filter((l) => l.level === "error").map((l) => l.message),
      ["processing failing: retrying after each pause until it works again"],
    );
    assert.equal(lines.find((l) => l.message === "processing working again")?.fields.failures, 5);
  });
});

describe("processor meeting a defect of the service", () => {
  it("fails that submission with a generic reason, logs the defect whole and counts it in /metrics", async () => {
    const intake = await createTestApp();
    after(() => intake.close());
    const db = openSqliteDatabase(intake.config.databaseUrl);
    after(() => db.close());
    const hasher = customerHasherOfKey(await intake.store.customerHashKey());
    const faulty = withDefectSaving(
      createSqliteProcessing(db, createSubmissionQueries(db), createOrderQueries(db), createEventQueries(db)),
      (orderRef) => orderRef === "BUG",
    );
    const processor = createProcessor({
      store: {
        ...intake.store,
        processPendingSubmissions: (limit) => processPendingSubmissions(faulty, limit, hasher),
      },
      log: intake.app.log,
      batchSize: 10,
      pollMs: 1000,
      onReport: (report) => intake.metrics.countProcessing(report),
    });
    const submit = (orderRef: string) =>
      intake.app.inject({
        method: "POST",
        url: "/v4/organisations/ACME/customer_order",
        headers: { authorization: intake.acme.authorization, "content-type": "application/json" },
        payload: { ...exampleOrder("ACME"), order_ref: orderRef },
      });
    const [bug, fine] = [await submit("BUG"), await submit("FINE")];
    await processor.drain();

    const status = await intake.app.inject({
      url: `/v4/customer_orders/${bug.json().id}`,
      headers: { authorization: intake.acme.authorization },
    });
    assert.equal(status.json().status, "failed");
    assert.equal(status.json().failure_reason, DEFECT_FAILURE_REASON);
    assert.equal(status.json().failure_code, "internal_error");
    assert.equal((await intake.store.findSubmission(fine.json().id))?.status, "processed");

    const logged = intake.logLines().map((line) => JSON.parse(line) as Record<string, unknown>);
    const defects = logged.filter((line) => line.msg === "processing defect: submission failed");
    assert.equal(defects.length, 1);
    assert.equal(defects[0]?.submissionId, bug.json().id);
    assert.match(String((defects[0]?.err as { stack?: unknown })?.stack), /a bug in merging/);
    const metrics = await intake.app.inject({ url: "/metrics" });
    assert.match(metrics.body, /^order_intake_processing_defects_total 1$/m);
    assert.match(metrics.body, /^order_intake_submission_failures_total\{code="internal_error"\} 1$/m);
    assert.match(metrics.body, /^order_intake_submissions_processed_total\{outcome="created"\} 1$/m);
    const failures = logged.filter((line) => line.msg === "submission failed");
    assert.deepEqual(
      failures.map((line) => [line.submissionId, line.trkref, line.orderRef, line.failureCode]),
      [[bug.json().id, "ACME", "BUG", "internal_error"]],
    );
    assert.doesNotMatch(JSON.stringify(failures), /example\.com|Jane/, "no customer data in the log");
  });
});
