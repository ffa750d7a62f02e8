import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { createPeriodicJob } from "../../src/processing/periodic-job.js";
import { eventually } from "../helpers/eventually.js";

const quietLog = () => {
  const errors: string[] = [];
  const error = (_fields: object, message?: string): void => {
    errors.push(message ?? "");
  };
  return { errors, log: { error } };
};

describe("periodic jobs", () => {
  it("runs at its interval, one run at a time, and at once when woken", async () => {
    let runs = 0;
    let running = 0;
    let overlapped = false;
    let release: () => void = () => {};
    const job = createPeriodicJob({
      intervalMs: 60_000,
      log: quietLog().log,
      failure: "failed",
      run: async () => {
        running++;
        if (running > 1) overlapped = true;
        runs++;
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        running--;
      },
    });
    job.start();
    await sleep(50);
    assert.equal(runs, 0, "nothing before the interval");
    job.wake();
    assert.ok(await eventually(() => runs === 1, 2000), "woken, it runs");
    job.wake();
    job.wake();
    await sleep(30);
    assert.equal(runs, 1, "a wake during a run does not start another beside it");
    release();
    assert.ok(await eventually(() => runs === 2, 2000), "it runs again after the run it was woken during");
    release();
    await job.stop();
    assert.equal(overlapped, false);
  });

  it("logs a failed run and goes on; stop waits for the run in progress", async () => {
    const { errors, log } = quietLog();
    let runs = 0;
    let finished = false;
    const job = createPeriodicJob({
      intervalMs: 10,
      log,
      failure: "the job failed; retrying at the next interval",
      run: async () => {
        runs++;
        if (runs === 1) throw new Error("store down");
        await sleep(50);
        finished = true;
      },
    });
    job.start();
    assert.ok(await eventually(() => runs >= 2, 2000));
    await job.stop();
    assert.equal(finished, true, "stop resolved after the run it found in progress");
    assert.deepEqual(errors, ["the job failed; retrying at the next interval"]);
    const after = runs;
    await sleep(50);
    assert.equal(runs, after, "no run after stop");
  });
});
