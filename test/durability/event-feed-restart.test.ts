import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import {
  createSeededDatabase,
  distinctOrder,
  killAllServers,
  type ServerProcess,
  startServer,
  submitOrders,
  waitUntilProcessed,
} from "../helpers/server-process.js";

const ROUNDS = 3;
const ORDERS_PER_ROUND = 40;
const READS_PER_ROUND = 200;

interface FeedPage {
  data: { id: string; sequence: number; type: string; order_ref: string }[];
  next: string | null;
  has_more: boolean;
}

/**
 * A consumer of the feed as a merchant would write one: it keeps the last cursor (here in memory, as it
 * would in its own database) and asks for what follows, again and again; a refused connection is retried
 * at the next read.
 */
function createConsumer(authorization: string) {
  let cursor: string | null = null;
  const seen: FeedPage["data"] = [];
  return {
    seen,
    /** Reads pages until the feed has nothing more now; false when the service did not answer. */
    async readOn(url: string): Promise<boolean> {
      for (let page = 0; page < 100; page += 1) {
        const query = cursor === null ? "" : `?cursor=${encodeURIComponent(cursor)}`;
        let response: Response;
        try {
          response = await fetch(`${url}/v4/organisations/ACME/events${query}`, {
            headers: { authorization },
            signal: AbortSignal.timeout(5000),
          });
        } catch {
          return false;
        }
        assert.equal(response.status, 200);
        const body = (await response.json()) as FeedPage;
        seen.push(...body.data);
        cursor = body.next;
        if (!body.has_more) return true;
      }
      return true;
    },
  };
}

describe("the event feed across restarts of the service", () => {
  const cleanups: (() => void)[] = [];
  after(async () => {
    await killAllServers();
    for (const cleanup of cleanups) cleanup();
  });

  it("gives a consumer that keeps its cursor every event exactly once, in order, through SIGKILLs", async () => {
    const seeded = await createSeededDatabase();
    cleanups.push(seeded.remove);
    const consumer = createConsumer(seeded.authorization);
    const acknowledged: string[] = [];
    let server: ServerProcess = await startServer(seeded.dbPath);
    for (let round = 0; round < ROUNDS; round += 1) {
      // Each round creates its orders, and updates the previous round's: created and updated events.
      const submitting = submitOrders({
        url: server.url,
        authorization: seeded.authorization,
        trkref: "ACME",
        count: ORDERS_PER_ROUND,
        concurrency: 8,
      });
      const reading = (async () => {
        for (let read = 0; read < READS_PER_ROUND; read += 1) {
          await consumer.readOn(server.url);
          await sleep(5);
          if (read > 5 && consumer.seen.length >= acknowledged.length) break;
        }
      })();
      const { ledger } = await submitting;
      await reading;
      acknowledged.push(...ledger);
      // Killed mid-way through its work: the consumer keeps its cursor and reads on from the next process.
      server.kill("SIGKILL");
      await server.waitForExit();
      server = await startServer(seeded.dbPath);
      if (round === 0) {
        const updates = Array.from({ length: 5 }, (_, n) => ({
          ...distinctOrder("ACME", n),
          language: "fr",
        }));
        for (const order of updates) {
          const response = await fetch(`${server.url}/v4/organisations/ACME/customer_order`, {
            method: "POST",
            headers: { authorization: seeded.authorization, "content-type": "application/json" },
            body: JSON.stringify(order),
          });
          assert.equal(response.status, 202);
          acknowledged.push(((await response.json()) as { id: string }).id);
        }
      }
    }
    assert.deepEqual(await waitUntilProcessed(server.url, seeded.authorization, acknowledged, 30_000), []);
    for (let attempt = 0; attempt < 20 && !(await consumer.readOn(server.url)); attempt += 1)
      await sleep(100);

    // The same ORDERS_PER_ROUND order_refs every round: created in the first, duplicates (which tell
    // nothing) in the later ones, but for the 5 changed after the first round and changed back in the second.
    const sequences = consumer.seen.map((event) => event.sequence);
    assert.deepEqual(
      sequences,
      Array.from({ length: sequences.length }, (_, i) => i + 1),
      "every sequence number once, in order",
    );
    assert.equal(new Set(consumer.seen.map((event) => event.id)).size, consumer.seen.length);
    const types = consumer.seen.map((event) => event.type);
    assert.equal(types.filter((type) => type === "order.created").length, ORDERS_PER_ROUND);
    assert.equal(types.filter((type) => type === "order.updated").length, 10);
    assert.equal(consumer.seen.length, ORDERS_PER_ROUND + 10);
  });
});
