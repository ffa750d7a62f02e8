import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createKeyUseRecorder } from "../../src/http/key-use-recorder.js";
import type { ApiKeyUse } from "../../src/storage/store.js";

const at = (seconds: number) => new Date(Date.parse("2026-03-01T12:00:00Z") + seconds * 1000);

/** A recorder over a store that keeps the calls it gets, and a log that keeps its warnings. */
function recorderWith(recordApiKeyUse: (uses: ApiKeyUse[]) => Promise<void> = async () => {}) {
  const calls: ApiKeyUse[][] = [];
  const warnings: unknown[] = [];
  const recorder = createKeyUseRecorder({
    store: {
      recordApiKeyUse: (uses) => {
        calls.push(uses);
        return recordApiKeyUse(uses);
      },
    },
    log: { warn: (details: unknown) => void warnings.push(details) },
  });
  return { recorder, calls, warnings };
}

describe("the key use recorder", () => {
  it("writes each key's latest use once per write, however many requests it made", async () => {
    const { recorder, calls } = recorderWith();
    for (let n = 0; n < 1000; n++) recorder.note(n % 2 === 0 ? "oik_a" : "oik_b", at(n / 100));
    recorder.note("oik_a", at(1));
    assert.deepEqual(calls, [], "nothing is written while requests are answered");
    await recorder.flush();
    assert.deepEqual(calls, [
      [
        { id: "oik_a", usedAt: at(9.98).toISOString() },
        { id: "oik_b", usedAt: at(9.99).toISOString() },
      ],
    ]);
    await recorder.flush();
    assert.equal(calls.length, 1, "no write when no key was used since");
  });

  it("never asks a slow store again before its last write is done, and logs a write that fails", async () => {
    let finish = () => {};
    const firstWrite = new Promise<void>((_, reject) => {
      finish = () => reject(new Error("disk full"));
    });
    const { recorder, calls, warnings } = recorderWith(async () => {
      if (calls.length === 1) await firstWrite;
    });
    recorder.note("oik_a", at(0));
    const first = recorder.flush();
    recorder.note("oik_b", at(1));
    const second = recorder.flush();
    assert.equal(calls.length, 1);
    finish();
    await Promise.all([first, second]);
    assert.equal(warnings.length, 1);
    await recorder.stop();
    assert.deepEqual(calls[1], [{ id: "oik_b", usedAt: at(1).toISOString() }], "stop writes what is left");
  });
});
