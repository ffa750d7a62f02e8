import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { type EventPage, type OrderEvent, OrderIntakeClient, OrderIntakeError } from "../src/index.js";
import { type Script, type ScriptedServer, startScriptedServer } from "./helpers/scripted-server.js";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientOf(script: Script) {
  server = await startScriptedServer(script);
  return { client: new OrderIntakeClient({ baseUrl: server.url, keyId: "oik_t", secret: "ois_t" }), server };
}

const eventOf = (sequence: number): OrderEvent => ({
  id: `event-${sequence}`,
  type: "order.created",
  created_at: "2026-11-28T04:00:01.250Z",
  trkref: "DEMO",
  order_ref: `O-${sequence}`,
  sequence,
  data: {},
});

/** The `cursor` a request sent, or undefined. */
const cursorOf = (url: string) => new URL(url, "http://localhost").searchParams.get("cursor") ?? undefined;

describe("listings", () => {
  it("read page after page, sending each page's next, until next is null", async () => {
    const pages: Record<string, { data: { order_ref: string }[]; next: string | null }> = {
      first: { data: [{ order_ref: "A" }, { order_ref: "B" }], next: "c1" },
      c1: { data: [{ order_ref: "C" }, { order_ref: "D" }], next: "c2" },
      c2: { data: [{ order_ref: "E" }], next: null },
    };
    const { client, server } = await clientOf((request) => ({
      status: 200,
      body: pages[cursorOf(request.url) ?? "first"],
    }));
    const refs: string[] = [];
    for await (const order of client.listOrders("DEMO", { order: "oldest", pageSize: 2 }))
      refs.push(order.order_ref);

    assert.deepEqual(refs, ["A", "B", "C", "D", "E"]);
    assert.deepEqual(
      server.requests.map((request) => request.url),
      [
        "/v4/organisations/DEMO/customer_orders?order=oldest&limit=2",
        "/v4/organisations/DEMO/customer_orders?order=oldest&limit=2&cursor=c1",
        "/v4/organisations/DEMO/customer_orders?order=oldest&limit=2&cursor=c2",
      ],
    );
  });

  it("list submissions by status and trkref", async () => {
    const { client, server } = await clientOf(() => ({ status: 200, body: { data: [], next: null } }));
    for await (const _ of client.listSubmissions("DEMO", "failed", { pageSize: 10 }))
      assert.fail("none listed");
    assert.deepEqual(
      server.requests.map((request) => request.url),
      ["/v4/customer_orders?status=failed&trkref=DEMO&limit=10"],
    );
  });

  it("refuse a next page that is the page just read, rather than read it forever", async () => {
    const { client } = await clientOf(() => ({
      status: 200,
      body: { data: [{ order_ref: "A" }], next: "same" },
    }));
    const read = async () => {
      for await (const _ of client.listOrders("DEMO")) {
        // Each page holds one order; the second page names itself as the next.
      }
    };
    await assert.rejects(read(), OrderIntakeError);
  });
});

describe("the event feed", () => {
  it("reads from the cursor until has_more is false, each page with the next to store", async () => {
    const { client, server } = await clientOf((request) => {
      const cursor = cursorOf(request.url);
      if (cursor === "s0")
        return { status: 200, body: { data: [eventOf(1), eventOf(2)], next: "s2", has_more: true } };
      return { status: 200, body: { data: [eventOf(3)], next: "s3", has_more: false } };
    });
    const pages: EventPage[] = [];
    for await (const page of client.eventPages("DEMO", {
      cursor: "s0",
      types: ["order.created", "order.updated"],
    })) {
      pages.push(page);
    }

    assert.deepEqual(
      pages.map((page) => [page.data.map((event) => event.sequence), page.next]),
      [
        [[1, 2], "s2"],
        [[3], "s3"],
      ],
    );
    assert.equal(
      server.requests[0]?.url,
      "/v4/organisations/DEMO/events?type=order.created%2Corder.updated&cursor=s0",
    );
  });

  it("answers one empty page when nothing happened, with the cursor to keep", async () => {
    const { client } = await clientOf(() => ({
      status: 200,
      body: { data: [], next: "s9", has_more: false },
    }));
    const pages: EventPage[] = [];
    for await (const page of client.eventPages("DEMO", { cursor: "s9" })) pages.push(page);
    assert.deepEqual(pages, [{ data: [], next: "s9", has_more: false }]);
  });

  it("when following, polls after the last page and ends without an error when the signal aborts", async () => {
    // Two empty polls, then a new event; every later poll is empty.
    const { client, server } = await clientOf((request, index) => {
      if (index === 0) return { status: 200, body: { data: [eventOf(1)], next: "s1", has_more: false } };
      if (index === 3) return { status: 200, body: { data: [eventOf(2)], next: "s2", has_more: false } };
      return { status: 200, body: { data: [], next: cursorOf(request.url) ?? null, has_more: false } };
    });
    const controller = new AbortController();
    const seen: number[] = [];
    for await (const event of client.events("DEMO", {
      follow: true,
      pollIntervalMs: 1,
      signal: controller.signal,
    })) {
      seen.push(event.sequence);
      if (seen.length === 2) controller.abort();
    }

    assert.deepEqual(seen, [1, 2]);
    assert.deepEqual(
      server.requests.slice(0, 4).map((request) => cursorOf(request.url)),
      [undefined, "s1", "s1", "s1"],
      "each poll reads on from the last page's next",
    );
  });

  it("when following, ends when the signal aborts during the wait between polls", async () => {
    const { client, server } = await clientOf(() => ({
      status: 200,
      body: { data: [], next: null, has_more: false },
    }));
    const controller = new AbortController();
    const following = (async () => {
      const pages: EventPage[] = [];
      const options = { follow: true, pollIntervalMs: 60_000, signal: controller.signal };
      for await (const page of client.eventPages("DEMO", options)) pages.push(page);
      return pages;
    })();
    await server.received(1);
    controller.abort();

    assert.deepEqual(await following, [], "polls that find nothing yield nothing");
    assert.equal(server.requests.length, 1);
  });
});
