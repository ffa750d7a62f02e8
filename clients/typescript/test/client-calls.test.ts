import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { Webhook } from "standardwebhooks";
import { killAllServers } from "../../../test/helpers/server-process.js";
import {
  type BatchOrderResult,
  type EventPage,
  NotFoundError,
  type OrderDocument,
  type OrderEvent,
  type OrderIntakeClient,
  type Submission,
  verifyWebhook,
  WebhookVerificationError,
} from "../src/index.js";
import { type ClientService, startClientService } from "./helpers/client-service.js";
import { orderOf, ordersOf, withInvalidDate } from "./helpers/orders.js";
import { collect, pollUntil } from "./helpers/poll.js";

/** One organisation per area, so that each test's listings hold only its own orders. */
const SUBMIT = "ACME";
const LIST = "LIST";
const FEED = "FEED";
const CARE = "CARE";

/** The fields of a field error or warning that a client branches on. */
const pointersAndCodes = (entries: { pointer: string; code: string }[] | undefined) =>
  (entries ?? []).map(({ pointer, code }) => ({ pointer, code }));

describe("the client against a running service", () => {
  let service: ClientService;
  let client: OrderIntakeClient;

  before(async () => {
    service = await startClientService([SUBMIT, LIST, FEED, CARE]);
    client = service.client();
  });
  after(async () => {
    await service?.stop();
    await killAllServers();
  });

  /** Waits until the service has processed every one of `ids`, and answers their submissions. */
  async function processed(ids: string[]): Promise<Submission[]> {
    const submissions = await pollUntil(
      () => Promise.all(ids.map((id) => client.getSubmission(id))),
      (all) => all.every((submission) => submission.status === "processed"),
    );
    assert.deepEqual(
      submissions.map((submission) => submission.status),
      ids.map(() => "processed"),
      "every submission is processed in time",
    );
    return submissions;
  }

  /** Submits the orders one by one and waits until they are processed; answers their submission ids. */
  async function submitProcessed(orders: OrderDocument[]): Promise<string[]> {
    const ids: string[] = [];
    for (const order of orders) ids.push((await client.submitOrder(order.trkref, order)).id);
    await processed(ids);
    return ids;
  }

  it("lists the organisations the key may act for", async () => {
    const organisations = await client.listOrganisations();
    assert.deepEqual(
      organisations,
      [SUBMIT, CARE, FEED, LIST].map((trkref) => ({ trkref, name: `${trkref} Ltd`, enabled: true })),
    );
  });

  describe("submitOrder", () => {
    it("answers the submission's id, its location and no warnings for a clean order", async () => {
      const { trkref: _, ...order } = orderOf(SUBMIT, "ONE-1");
      const result = await client.submitOrder(SUBMIT, order);
      assert.match(result.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.equal(result.location, `/v4/customer_orders/${result.id}`);
      assert.deepEqual(result.warnings, []);
      assert.equal(result.replayed, false);
      assert.ok(result.idempotencyKey.length > 0, "a key is generated when none is given");
      const submission = await client.getSubmission(result.id);
      assert.equal(submission.order_ref, "ONE-1");
      assert.equal(submission.trkref, SUBMIT);
    });

    it("answers the warnings of an unknown field, with its hint", async () => {
      const misspelt = { ...orderOf(SUBMIT, "ONE-2"), fulfillment_date: "27-09-2021" };
      const result = await client.submitOrder(SUBMIT, misspelt);
      assert.deepEqual(
        result.warnings.map(({ pointer, code, hint }) => ({ pointer, code, hint })),
        [{ pointer: "/fulfillment_date", code: "unknown_field", hint: "fulfilment_date" }],
      );
    });

    it("replays the first answer for the same idempotencyKey: the same id, replayed", async () => {
      const idempotencyKey = randomUUID();
      const order = orderOf(SUBMIT, "ONE-3");
      const first = await client.submitOrder(SUBMIT, order, { idempotencyKey });
      const again = await client.submitOrder(SUBMIT, order, { idempotencyKey });
      assert.equal(first.replayed, false);
      assert.equal(first.idempotencyKey, idempotencyKey);
      assert.equal(again.id, first.id);
      assert.equal(again.location, first.location);
      assert.equal(again.replayed, true);
    });
  });

  describe("submitBatch", () => {
    it("splits 1,203 orders into 3 batches and answers one result per order, in the caller's order", async () => {
      const orders = ordersOf(SUBMIT, "BIG", 1_203);
      const rejectedAt = 601;
      orders[rejectedAt] = withInvalidDate(orders[rejectedAt] as OrderDocument);
      const results = await client.submitBatch(orders, { maxOrdersPerBatch: 500 });

      assert.equal(results.length, 1_203);
      assert.deepEqual(
        results.map((result) => result.index),
        orders.map((_, index) => index),
      );
      assert.deepEqual(
        results.map((result) => result.order_ref),
        orders.map((order) => order.order_ref),
      );
      const batchIds = [...new Set(results.map((result) => result.batchId))];
      assert.equal(batchIds.length, 3);
      assert.deepEqual(
        [0, 499, 500, 999, 1_000, 1_202].map((index) => results[index]?.batchId),
        [batchIds[0], batchIds[0], batchIds[1], batchIds[1], batchIds[2], batchIds[2]],
      );

      const rejected = results[rejectedAt] as BatchOrderResult;
      assert.equal(rejected.status, "rejected");
      assert.equal(rejected.id, undefined);
      assert.deepEqual(pointersAndCodes(rejected.invalid_params), [
        { pointer: "/order_date", code: "invalid_date" },
      ]);
      assert.deepEqual(rejected.errors, ["invalid order_date"]);
      const accepted = results.filter((result) => result.status === "accepted");
      assert.equal(accepted.length, 1_202);
      assert.equal(new Set(accepted.map((result) => result.id)).size, 1_202, "each order has its own id");
      assert.ok(results.every((result) => result.replayed === false));
    });

    it("answers a batch refused whole as rejected results, not an error", async () => {
      const orders = ordersOf(SUBMIT, "BAD", 3).map(withInvalidDate);
      const results = await client.submitBatch(orders);
      assert.deepEqual(
        results.map(({ index, status, id }) => ({ index, status, id })),
        [0, 1, 2].map((index) => ({ index, status: "rejected", id: undefined })),
      );
      for (const result of results) {
        assert.deepEqual(pointersAndCodes(result.invalid_params), [
          { pointer: "/order_date", code: "invalid_date" },
        ]);
      }
      assert.equal(new Set(results.map((result) => result.batchId)).size, 1);
      const batch = await client.getBatch(results[0]?.batchId as string);
      assert.deepEqual(batch.summary, { accepted: 0, rejected: 3 });
    });

    it("replays every batch of a call made again with the same string idempotencyKey", async () => {
      const orders = ordersOf(SUBMIT, "AGAIN", 30);
      const idempotencyKey = `calls-${randomUUID()}`;
      const first = await client.submitBatch(orders, { idempotencyKey, maxOrdersPerBatch: 10 });
      const again = await client.submitBatch(orders, { idempotencyKey, maxOrdersPerBatch: 10 });
      assert.equal(new Set(first.map((result) => result.batchId)).size, 3);
      assert.ok(first.every((result) => result.status === "accepted" && !result.replayed));
      assert.ok(again.every((result) => result.replayed));
      assert.deepEqual(
        again.map((result) => [result.id, result.batchId]),
        first.map((result) => [result.id, result.batchId]),
      );
    });
  });

  describe("reading back", () => {
    it("follows a submission until processed, its batch and the order it built", async () => {
      const orders = ordersOf(SUBMIT, "READ", 2);
      const results = await client.submitBatch(orders);
      const ids = results.map((result) => result.id as string);
      const submissions = await processed(ids);
      assert.deepEqual(
        submissions.map(({ order_ref, outcome }) => ({ order_ref, outcome })),
        [
          { order_ref: "READ-00000", outcome: "created" },
          { order_ref: "READ-00001", outcome: "created" },
        ],
      );

      const batch = await client.getBatch(results[0]?.batchId as string);
      assert.deepEqual(batch.summary, { accepted: 2, rejected: 0 });
      assert.deepEqual(
        batch.results.map(({ index, id, submission_status }) => ({ index, id, submission_status })),
        ids.map((id, index) => ({ index, id, submission_status: "processed" })),
      );

      const order = await client.getOrder(SUBMIT, "READ-00001");
      assert.equal(order.order_ref, "READ-00001");
      assert.equal(order.order_date, "2021-09-25");
      assert.deepEqual(
        order.submissions.map((submission) => submission.id),
        [ids[1]],
      );
    });

    it("lists every order and submission once, over several pages", async () => {
      const orders = ["L-1", "L-2", "L-3", "L-4", "L-5"].map((ref) => orderOf(LIST, ref));
      const ids = await submitProcessed(orders);

      const listed = await collect(client.listOrders(LIST, { pageSize: 2, order: "oldest" }));
      assert.deepEqual(
        listed.map((order) => order.order_ref),
        ["L-1", "L-2", "L-3", "L-4", "L-5"],
      );
      const newest = await collect(client.listOrders(LIST, { pageSize: 2 }));
      assert.deepEqual(
        newest.map((order) => order.order_ref),
        ["L-5", "L-4", "L-3", "L-2", "L-1"],
      );

      const submissions = await collect(
        client.listSubmissions(LIST, "processed", { pageSize: 2, order: "oldest" }),
      );
      assert.deepEqual(
        submissions.map((submission) => submission.id),
        ids,
      );
      assert.deepEqual(await collect(client.listSubmissions(LIST, "accepted", { pageSize: 2 })), []);
    });
  });

  describe("events", () => {
    it("iterates the feed, filtered by type, and reads on from a stored cursor", async () => {
      await submitProcessed(["F-1", "F-2", "F-3"].map((ref) => orderOf(FEED, ref)));
      // An event of another type, for the filter to leave out.
      await client.cancelOrder(FEED, "F-2");

      const created = await collect(client.events(FEED, { types: ["order.created"], pageSize: 2 }));
      assert.deepEqual(
        created.map(({ type, order_ref }) => ({ type, order_ref })),
        ["F-1", "F-2", "F-3"].map((order_ref) => ({ type: "order.created", order_ref })),
      );

      const pages: EventPage[] = await collect(client.eventPages(FEED, { pageSize: 2 }), 100);
      const seen: OrderEvent[] = pages.flatMap((page) => page.data);
      assert.ok(pages.length >= 2, "the feed came in pages of 2");
      assert.deepEqual(
        seen.filter((event) => event.type === "order.cancelled").map((event) => event.order_ref),
        ["F-2"],
        "without a filter the feed has every type",
      );
      const cursor = pages.at(-1)?.next;
      assert.ok(cursor, "the last page gives the cursor to read on from");
      const lastSequence = Math.max(...seen.map((event) => event.sequence));

      await submitProcessed([orderOf(FEED, "F-4")]);
      const newer = (await collect(client.eventPages(FEED, { cursor }), 100)).flatMap((page) => page.data);
      assert.ok(newer.length > 0, "the new order's events follow the cursor");
      assert.ok(
        newer.every((event) => event.sequence > lastSequence),
        "only events after the cursor are read",
      );
      assert.deepEqual(
        newer.filter((event) => event.type === "order.created").map((event) => event.order_ref),
        ["F-4"],
      );
    });
  });

  describe("cancellations and erasure", () => {
    it("cancels a whole order, and some SKUs of another", async () => {
      await submitProcessed([orderOf(CARE, "C-1"), orderOf(CARE, "C-2")]);

      const whole = await client.cancelOrder(CARE, "C-1");
      assert.equal(whole.order_ref, "C-1");
      assert.equal(whole.cancellation?.reason, "cancelled");
      assert.equal(whole.cancellation?.whole, true);

      const partial = await client.cancelOrder(CARE, "C-2", { reason: "returned", skus: ["MUG-001"] });
      assert.deepEqual(partial.cancellation && { ...partial.cancellation, cancelled_at: "" }, {
        reason: "returned",
        whole: false,
        skus: ["MUG-001"],
        cancelled_at: "",
      });
      assert.equal((await client.getOrder(CARE, "C-1")).cancellation?.whole, true);
      assert.deepEqual((await client.getOrder(CARE, "C-2")).cancellation?.skus, ["MUG-001"]);
    });

    it("erases a customer by email and by customer_ref, and follows each request until completed", async () => {
      await submitProcessed([orderOf(CARE, "E-1"), orderOf(CARE, "E-2")]);
      const byEmail = await client.requestErasure(CARE, { email: "e-1@example.com" });
      const byRef = await client.requestErasure(CARE, { customerRefs: ["CUST-E-2"] });
      for (const request of [byEmail, byRef]) {
        assert.equal(request.subjects, 1);
        const done = await pollUntil(
          () => client.getErasureRequest(CARE, request.id),
          (answer) => answer.status === "completed",
        );
        assert.equal(done.status, "completed");
        assert.equal(done.counts?.orders, 1);
      }
      for (const orderRef of ["E-1", "E-2"]) {
        await assert.rejects(client.getOrder(CARE, orderRef), NotFoundError);
      }
    });
  });

  describe("verifyWebhook", () => {
    const secret = `whsec_${randomBytes(32).toString("base64")}`;
    const event = {
      id: randomUUID(),
      type: "order.created",
      created_at: "2026-11-28T04:00:01.250Z",
      trkref: FEED,
      order_ref: "F-1",
      sequence: 1,
      data: { submission_id: randomUUID() },
    };
    const body = JSON.stringify(event);
    const signedHeaders = (payload: string, at: Date) => ({
      "webhook-id": event.id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": new Webhook(secret).sign(event.id, at, payload),
    });

    it("answers the event of a request signed with the endpoint's secret", () => {
      const headers = signedHeaders(body, new Date());
      assert.deepEqual(verifyWebhook(secret, body, headers), event);
      assert.deepEqual(verifyWebhook(secret, new TextEncoder().encode(body), new Headers(headers)), event);
    });

    it("throws WebhookVerificationError for a changed body, an old timestamp or another secret", () => {
      const headers = signedHeaders(body, new Date());
      assert.throws(
        () => verifyWebhook(secret, body.replace("F-1", "F-2"), headers),
        WebhookVerificationError,
      );
      const old = signedHeaders(body, new Date(Date.now() - 10 * 60_000));
      assert.throws(() => verifyWebhook(secret, body, old), WebhookVerificationError);
      const otherSecret = `whsec_${randomBytes(32).toString("base64")}`;
      assert.throws(() => verifyWebhook(otherSecret, body, headers), WebhookVerificationError);
    });
  });
});
