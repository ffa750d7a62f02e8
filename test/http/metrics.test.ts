import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { createTestApp } from "../helpers/test-app.js";

/** The value of one sample line of the Prometheus text format, or undefined when absent. */
function sample(text: string, name: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${name} `) || l.startsWith(name));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
}

describe("GET /metrics", () => {
  it("reports requests by route pattern and status, commits, and the processing backlog", async () => {
    let clock = new Date("2026-03-01T12:00:00.000Z");
    const t = await createTestApp({}, { now: () => clock });
    after(() => t.close());
    const headers = { authorization: t.acme.authorization, "content-type": "application/json" };
    const submitted = await Promise.all(
      [1, 2, 3].map((n) =>
        t.app.inject({
          method: "POST",
          url: "/v4/organisations/ACME/customer_order",
          headers,
          payload: { ...exampleOrder("ACME"), order_ref: `M-${n}` },
        }),
      ),
    );
    assert.deepEqual(
      submitted.map((r) => r.statusCode),
      [202, 202, 202],
    );
    await t.app.inject({ url: `/v4/customer_orders/${submitted[0]?.json().id}`, headers });
    clock = new Date(clock.getTime() + 90_000);

    const response = await t.app.inject({ url: "/metrics" });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers["content-type"]), /^text\/plain/);
    const text = response.body;
    assert.match(
      text,
      /order_intake_http_requests_total\{route="\/v4\/organisations\/:trkref\/customer_order",method="POST",status="202"\} 3/,
    );
    assert.match(
      text,
      /order_intake_http_requests_total\{route="\/v4\/customer_orders\/:id",method="GET",status="200"\} 1/,
    );
    assert.doesNotMatch(text, /route="\/v4\/customer_orders\/0/, "raw ids never become labels");
    // Three requests in one turn share one commit.
    assert.equal(sample(text, "order_intake_commit_batch_size_count"), 1);
    assert.equal(sample(text, "order_intake_commit_batch_size_sum"), 3);
    assert.equal(sample(text, "order_intake_commit_duration_seconds_count"), 1);
    assert.equal(sample(text, "order_intake_submissions_pending"), 3);
    assert.equal(sample(text, "order_intake_commit_queue_depth"), 0);
    assert.equal(
      sample(text, "order_intake_processing_lag_seconds"),
      90,
      "age of the oldest waiting submission",
    );

    await t.processAll();
    const later = (await t.app.inject({ url: "/metrics" })).body;
    assert.equal(sample(later, "order_intake_submissions_pending"), 0);
    assert.equal(sample(later, "order_intake_processing_lag_seconds"), 0);
  });
});
