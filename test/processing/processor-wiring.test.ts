import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { buildApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { exampleOrder } from "../../src/domain/order-example.js";
import { createProcessor } from "../../src/processing/processor.js";
import { openStore } from "../../src/storage/open-store.js";
import { type Store, StoreUnavailableError } from "../../src/storage/store.js";
import { createOrgAndKey, createTempDir } from "../helpers/test-app.js";

const BOUND_MS = 5_000;
/** Far longer than any test here: only a wake, or stop(), can end the processor's sleep in time. */
const NEVER_MS = 600_000;

/** A log that keeps what the processor reports as errors. */
function recordingLog() {
  const errors: { object: unknown; message: string | undefined }[] = [];
  return {
    errors,
    log: {
      info() {},
      warn() {},
      debug() {},
      error(object: unknown, message?: string) {
        errors.push({ object, message });
      },
    },
  };
}

/** The store with every call of `processPendingSubmissions` counted; the calls still reach the store. */
function countingStore(store: Store) {
  const counter = { calls: 0 };
  const counted: Store = {
    ...store,
    processPendingSubmissions: (limit) => {
      counter.calls++;
      return store.processPendingSubmissions(limit);
    },
  };
  return { store: counted, counter };
}

function settleWithin<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${BOUND_MS} ms`)), BOUND_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe("processor wiring", () => {
  it("is woken by the app's commit, without the caller waking it", async (t) => {
    const dir = createTempDir();
    const config = loadConfig({ DATABASE_URL: join(dir.path, "orders.db"), LOG_LEVEL: "silent" });
    const store = await openStore(config.databaseUrl);
    const { store: counted, counter } = countingStore(store);
    const { errors, log } = recordingLog();
    const processor = createProcessor({ store: counted, log, batchSize: 10, pollMs: NEVER_MS });
    const { app } = await buildApp({ config, store, onSubmissionsCommitted: () => processor.wake() });
    t.after(async () => {
      await settleWithin(processor.stop(), "stop()");
      await app.close();
      await store.close();
      dir.remove();
    });
    const { authorization } = await createOrgAndKey(store, "ACME");
    processor.start();
    // Until it has looked once and found nothing, it is not yet asleep and could find the order by itself.
    for (let turn = 0; turn < 100 && counter.calls === 0; turn++) await sleep(1);
    assert.equal(counter.calls, 1, "the processor looked once and went to sleep");

    const response = await app.inject({
      method: "POST",
      url: "/v4/organisations/ACME/customer_order",
      headers: { authorization, "content-type": "application/json" },
      payload: exampleOrder("ACME"),
    });
    assert.equal(response.statusCode, 202, response.body);
    const { id } = response.json() as { id: string };

    let status: string | undefined;
    for (let attempt = 0; attempt < 200 && status !== "processed"; attempt++) {
      await sleep(10);
      status = (await store.findSubmission(id))?.status;
    }
    assert.equal(status, "processed", "the commit woke the processor");
    assert.equal((await store.findSubmission(id))?.outcome, "created");
    assert.deepEqual(errors, []);
  });

  it("when its store fails, logs the error, pauses instead of retrying on every wake, and stops promptly", async (t) => {
    const dir = createTempDir();
    t.after(() => dir.remove());
    const store = await openStore(join(dir.path, "orders.db"));
    await store.close();
    const { errors, log } = recordingLog();
    const { store: counted, counter } = countingStore(store);
    const processor = createProcessor({ store: counted, log, batchSize: 10, pollMs: NEVER_MS });
    processor.start();
    let stopped = false;
    t.after(async () => {
      if (!stopped) await settleWithin(processor.stop(), "stop() after the test");
    });

    // Commits keep arriving: a wake every few milliseconds for a while.
    const waking = setInterval(() => processor.wake(), 2);
    try {
      await sleep(200);
    } finally {
      clearInterval(waking);
    }
    await sleep(10);

    assert.ok(counter.calls >= 1, "the processor tried");
    assert.ok(counter.calls <= 5, `the processor retried ${counter.calls} times in one pause`);
    assert.ok(errors.length >= 1, "the failure was logged");
    const logged = errors[0]?.object as { err?: unknown } | undefined;
    assert.ok(logged?.err instanceof StoreUnavailableError, String(logged?.err));

    // It is in the pause after the error now, which no wake ends: stop() must end it.
    const callsBeforeStop = counter.calls;
    await settleWithin(processor.stop(), "stop() during the pause");
    stopped = true;
    await sleep(10);
    assert.equal(counter.calls, callsBeforeStop, "nothing is tried after stop()");
  });
});
