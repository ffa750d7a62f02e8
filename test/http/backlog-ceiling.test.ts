import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { exampleOrder } from "../../src/domain/order-example.js";
import { createTestSchema, withPostgres } from "../helpers/postgres.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";
import { postBatch, postOrder } from "./order-requests.js";

/** A ceiling small enough to reach in a test; no processor runs until a test calls `processAll()`. */
const CEILING = { MAX_BACKLOG: "3" };
/**
 * An instance that counts the store only when it starts: it follows its own commits and its own processor
 * exactly, so each test knows which request meets the ceiling. (A count that overlaps a commit errs high.)
 */
const COUNT_ONCE = 3_600_000;
/** An instance that counts every 20 ms, to see another instance's work soon. */
const COUNT_OFTEN = 20;

const orderOf = (n: number) => ({ ...exampleOrder("ACME"), order_ref: `BACKLOG-${n}` });

/** The value of one sample of `/metrics`, as a scraper reads it. */
async function metric(t: TestApp, name: string): Promise<number> {
  const text = (await t.app.inject({ url: "/metrics" })).body;
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  assert.ok(line, `/metrics has ${name}`);
  return Number(line.split(" ")[1]);
}

/** Waits (at most 10 s) until the app's backlog estimate is `value`: one of its next counts of the store. */
async function waitForEstimate(t: TestApp, value: number): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    if ((await metric(t, "order_intake_backlog_estimate")) === value) return;
    await sleep(COUNT_OFTEN);
  }
  assert.fail(`the backlog estimate did not reach ${value}`);
}

function assertBacklogRefusal(response: Awaited<ReturnType<typeof postOrder>>): void {
  const body = assertProblem(response, 503, "overloaded");
  assert.equal(response.headers["retry-after"], "1");
  assert.match(body.detail, /waiting to be processed, at or over this service's ceiling of 3/);
}

/** Fresh, empty databases of one store for the tests, and a way to remove them afterwards. */
interface TestDatabases {
  /** A new database's location; undefined lets `createTestApp` make a SQLite file of its own. */
  create(): Promise<string | undefined>;
  dropAll(): Promise<void>;
}

/** The same tests on each store. */
function backlogCeilingTests(databases: TestDatabases) {
  const open: TestApp[] = [];
  const database = () => databases.create();
  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.close()));
    await databases.dropAll();
  });
  const openApp = async (
    env: Record<string, string>,
    databasePath?: string,
    countIntervalMs = COUNT_ONCE,
  ) => {
    const t = await createTestApp(env, {
      backlogCountIntervalMs: countIntervalMs,
      ...(databasePath && { databasePath }),
    });
    open.push(t);
    return t;
  };

  it("refuses submissions at the ceiling with 503 overloaded, keeps reads, and accepts again once processed", async () => {
    const t = await openApp(CEILING, await database());
    const accepted = [];
    for (const n of [1, 2, 3]) {
      const response = await postOrder(t, orderOf(n));
      assert.equal(response.statusCode, 202, response.body);
      accepted.push((response.json() as { id: string }).id);
    }

    assertBacklogRefusal(await postOrder(t, orderOf(4)));
    assertBacklogRefusal(await postBatch(t, [orderOf(5), orderOf(6)]));
    assert.equal(await t.store.countPendingSubmissions(), 3, "nothing of the refused requests was stored");
    const status = await t.app.inject({
      url: `/v4/customer_orders/${accepted[0]}`,
      headers: { authorization: t.acme.authorization },
    });
    assert.equal(status.statusCode, 200, "reads keep working");
    assert.equal(await metric(t, "order_intake_backlog_ceiling"), 3);
    assert.equal(await metric(t, "order_intake_backlog_refusals_total"), 2);

    await t.processAll();
    const again = await postOrder(t, orderOf(4));
    assert.equal(again.statusCode, 202, again.body);
    const batch = await postBatch(t, [orderOf(5), orderOf(6)]);
    assert.equal(batch.statusCode, 202, batch.body);
    assert.equal(await t.store.countPendingSubmissions(), 3);
  });

  it("refuses before the body is validated or its Idempotency-Key recorded", async () => {
    const t = await openApp(CEILING, await database());
    for (const n of [1, 2, 3]) assert.equal((await postOrder(t, orderOf(n))).statusCode, 202);

    assertBacklogRefusal(await postOrder(t, { ...orderOf(4), customer: { email: "not an address" } }));
    const keyed = () =>
      t.app.inject({
        method: "POST",
        url: "/v4/organisations/ACME/customer_order",
        headers: {
          "content-type": "application/json",
          authorization: t.acme.authorization,
          "idempotency-key": "backlog-1",
        },
        payload: JSON.stringify(orderOf(4)),
      });
    assertBacklogRefusal(await keyed());

    await t.processAll();
    const retried = await keyed();
    assert.equal(retried.statusCode, 202, retried.body);
    assert.equal(retried.headers["idempotent-replayed"], undefined, "the refusal was not kept as an answer");
  });

  it("counts what other instances accepted and processed, from the store", async () => {
    const path = await database();
    const first = await openApp(CEILING, path);
    const second = await openApp(CEILING, path ?? first.config.databaseUrl, COUNT_OFTEN);
    for (const n of [1, 2, 3]) assert.equal((await postOrder(first, orderOf(n))).statusCode, 202);

    await waitForEstimate(second, 3);
    assertBacklogRefusal(await postOrder(second, orderOf(4)));
    assertBacklogRefusal(await postOrder(first, orderOf(4)));

    await first.processAll();
    await waitForEstimate(second, 0);
    assert.equal((await postOrder(second, orderOf(4))).statusCode, 202);
    assert.equal((await postOrder(first, orderOf(5))).statusCode, 202);
  });

  it("has no ceiling with MAX_BACKLOG=0", async () => {
    const t = await openApp({ MAX_BACKLOG: "0" }, await database());
    for (const n of [1, 2, 3, 4, 5]) assert.equal((await postOrder(t, orderOf(n))).statusCode, 202);
    assert.equal(await metric(t, "order_intake_backlog_ceiling"), 0);
    assert.equal(await metric(t, "order_intake_backlog_refusals_total"), 0);
  });
}

describe("the backlog ceiling on SQLite", () => {
  // createTestApp makes a fresh SQLite file of its own, and removes it when closed.
  backlogCeilingTests({ create: async () => undefined, dropAll: async () => {} });
});

await withPostgres(() =>
  describe("the backlog ceiling on PostgreSQL", () => {
    const schemas: ReturnType<typeof createTestSchema>[] = [];
    backlogCeilingTests({
      async create() {
        const schema = createTestSchema("backlog");
        schemas.push(schema);
        return schema.url;
      },
      dropAll: async () => {
        await Promise.all(schemas.splice(0).map((schema) => schema.drop()));
      },
    });
  }),
);
