import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { splitIntoBatches, utf8Length } from "../src/batch-split.js";
import { type OrderDocument, OrderIntakeClient, ValidationError } from "../src/index.js";
import {
  problemAnswer,
  type ReceivedRequest,
  type Script,
  type ScriptedAnswer,
  type ScriptedServer,
  startScriptedServer,
} from "./helpers/scripted-server.js";

const orderOf = (ref: string, note = ""): OrderDocument => ({
  trkref: "DEMO",
  order_ref: ref,
  order_date: "25-09-2021",
  customer: { email: `${ref.toLowerCase()}@example.com` },
  order_items: [{ sku: "MUG-001", metadata: note === "" ? null : { note } }],
});
const ordersOf = (count: number) => Array.from({ length: count }, (_, n) => orderOf(`O-${n}`));

describe("splitting orders into batches", () => {
  it("cuts at maxOrders, keeping the caller's order", () => {
    const batches = splitIntoBatches(ordersOf(5), 2, 1_000_000);
    assert.deepEqual(
      batches.map((batch) => ({ start: batch.start, refs: batch.orders.map((order) => order.order_ref) })),
      [
        { start: 0, refs: ["O-0", "O-1"] },
        { start: 2, refs: ["O-2", "O-3"] },
        { start: 4, refs: ["O-4"] },
      ],
    );
  });

  it("cuts where the next order would take the JSON array past maxBytes", () => {
    const orders = ordersOf(7);
    const twoOrders = Buffer.byteLength(JSON.stringify(orders.slice(0, 2)));
    const batches = splitIntoBatches(orders, 1000, twoOrders);
    assert.deepEqual(
      batches.map((batch) => batch.orders.length),
      [2, 2, 2, 1],
    );
    for (const batch of batches) assert.ok(Buffer.byteLength(JSON.stringify(batch.orders)) <= twoOrders);
  });

  it("puts an order larger than maxBytes alone in its batch", () => {
    const orders = [orderOf("A"), orderOf("BIG", "x".repeat(500)), orderOf("C")];
    const batches = splitIntoBatches(orders, 1000, 400);
    assert.deepEqual(
      batches.map((batch) => batch.orders.map((order) => order.order_ref)),
      [["A"], ["BIG"], ["C"]],
    );
  });

  it("counts UTF-8 bytes as the service receives them", () => {
    for (const text of ["plain", "café", "日本語", "emoji 🎁 and ✓", "\u{10ffff}", "\ud800 lone"]) {
      const json = JSON.stringify({ text });
      assert.equal(utf8Length(json), Buffer.byteLength(json), text);
    }
  });
});

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A batch answer accepting every order of the request, the batch id taken from its first order_ref. */
function acceptEvery(request: ReceivedRequest, headers: Record<string, string> = {}): ScriptedAnswer {
  const orders = JSON.parse(request.body) as OrderDocument[];
  const results = orders.map((order, index) => ({
    index,
    order_ref: order.order_ref,
    status: "accepted",
    id: `sub-${order.order_ref}`,
  }));
  const summary = { accepted: orders.length, rejected: 0 };
  const body = {
    status: 202,
    id: `batch-${orders[0]?.order_ref}`,
    message: "Batch Accepted",
    summary,
    results,
  };
  return { status: 202, headers, body };
}

async function clientOf(script: Script) {
  server = await startScriptedServer(script);
  const retry = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 };
  return {
    client: new OrderIntakeClient({ baseUrl: server.url, keyId: "oik_t", secret: "ois_t", retry }),
    server,
  };
}

describe("submitBatch", () => {
  it("sends each batch with its own key and answers one result per order, in the caller's order", async () => {
    const { client, server } = await clientOf((request) => acceptEvery(request));
    const results = await client.submitBatch(ordersOf(5), {
      idempotencyKey: "import-1",
      maxOrdersPerBatch: 2,
    });

    assert.deepEqual(
      server.requests.map((request) => [request.url, request.headers["idempotency-key"]]),
      [
        ["/v4/customer_orders", "import-1.0"],
        ["/v4/customer_orders", "import-1.1"],
        ["/v4/customer_orders", "import-1.2"],
      ],
    );
    assert.deepEqual(results, [
      {
        index: 0,
        order_ref: "O-0",
        status: "accepted",
        id: "sub-O-0",
        batchId: "batch-O-0",
        replayed: false,
      },
      {
        index: 1,
        order_ref: "O-1",
        status: "accepted",
        id: "sub-O-1",
        batchId: "batch-O-0",
        replayed: false,
      },
      {
        index: 2,
        order_ref: "O-2",
        status: "accepted",
        id: "sub-O-2",
        batchId: "batch-O-2",
        replayed: false,
      },
      {
        index: 3,
        order_ref: "O-3",
        status: "accepted",
        id: "sub-O-3",
        batchId: "batch-O-2",
        replayed: false,
      },
      {
        index: 4,
        order_ref: "O-4",
        status: "accepted",
        id: "sub-O-4",
        batchId: "batch-O-4",
        replayed: false,
      },
    ]);
  });

  it("uses a string key as it is for a single batch, and a function's key for each batch", async () => {
    const { client, server } = await clientOf((request) =>
      acceptEvery(request, { "idempotent-replayed": "true" }),
    );
    const single = await client.submitBatch(ordersOf(3), { idempotencyKey: "one" });
    const keyed = await client.submitBatch(ordersOf(3), {
      maxOrdersPerBatch: 2,
      idempotencyKey: (batchIndex, orders) => `k${batchIndex}-${orders.length}`,
    });

    assert.deepEqual(
      server.requests.map((request) => request.headers["idempotency-key"]),
      ["one", "k0-2", "k1-1"],
    );
    assert.ok([...single, ...keyed].every((result) => result.replayed));
  });

  it("answers the rejected results of a batch refused whole, and goes on with the next", async () => {
    const { client } = await clientOf((request, index) => {
      if (index > 0) return acceptEvery(request);
      const results = (JSON.parse(request.body) as OrderDocument[]).map((order, position) => ({
        index: position,
        order_ref: order.order_ref,
        status: "rejected",
        errors: ["invalid order_date"],
        invalid_params: [{ pointer: "/order_date", code: "invalid_date", message: "Not a real date" }],
      }));
      return problemAnswer(422, "batch_invalid", {}, { id: "batch-refused", results });
    });
    const results = await client.submitBatch(ordersOf(3), { maxOrdersPerBatch: 2 });

    assert.deepEqual(results[0], {
      index: 0,
      order_ref: "O-0",
      status: "rejected",
      errors: ["invalid order_date"],
      invalid_params: [{ pointer: "/order_date", code: "invalid_date", message: "Not a real date" }],
      batchId: "batch-refused",
      replayed: false,
    });
    assert.deepEqual(
      results.map((result) => [result.index, result.status, result.batchId]),
      [
        [0, "rejected", "batch-refused"],
        [1, "rejected", "batch-refused"],
        [2, "accepted", "batch-O-2"],
      ],
    );
  });

  it("puts results back in the caller's order when batches in flight at once finish out of order", async () => {
    let releaseFirst: () => void = () => {};
    const firstHeld = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    const { client, server } = await clientOf(async (request, index) => {
      if (index === 0) await firstHeld;
      if (index === 1) releaseFirst();
      return acceptEvery(request);
    });
    const results = await client.submitBatch(ordersOf(4), { maxOrdersPerBatch: 2, concurrency: 2 });

    assert.equal(server.requests.length, 2, "both batches were sent before the first was answered");
    assert.deepEqual(
      results.map((result) => [result.index, result.order_ref]),
      [
        [0, "O-0"],
        [1, "O-1"],
        [2, "O-2"],
        [3, "O-3"],
      ],
    );
  });

  it("throws another failure, and sends no batch after it", async () => {
    const { client, server } = await clientOf((request, index) =>
      index === 1 ? problemAnswer(413, "too_many_orders") : acceptEvery(request),
    );
    await assert.rejects(client.submitBatch(ordersOf(6), { maxOrdersPerBatch: 2 }), ValidationError);
    assert.equal(server.requests.length, 2);
  });

  it("sends nothing for no orders", async () => {
    const { client, server } = await clientOf((request) => acceptEvery(request));
    assert.deepEqual(await client.submitBatch([]), []);
    assert.equal(server.requests.length, 0);
  });
});
