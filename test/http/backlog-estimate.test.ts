import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createBacklogCeiling } from "../../src/http/backlog-ceiling.js";

const quiet = { warn() {}, info() {}, debug() {} };

/** A ceiling whose counts the test answers itself, one at a time, to choose what happens while one runs. */
async function ceilingWithCounts(maxBacklog: number, first: number) {
  const answers: ((pending: number) => void)[] = [];
  const ceiling = createBacklogCeiling({
    maxBacklog,
    countPending: () => new Promise<number>((resolve) => answers.push(resolve)),
    // Counts come only when the test asks for one (below); the interval never fires within a test.
    countIntervalMs: 3_600_000,
    log: quiet,
  });
  const starting = ceiling.start();
  answers.shift()?.(first);
  await starting;
  return ceiling;
}

describe("the backlog estimate", () => {
  it("is the store's count plus this process's commits less its own processor's progress", async () => {
    const ceiling = await ceilingWithCounts(10, 4);
    ceiling.recordCommitted(3);
    ceiling.recordProcessed(5);
    assert.equal(ceiling.estimate, 2);
    ceiling.recordProcessed(9);
    assert.equal(ceiling.estimate, 0, "never below nothing");
    await ceiling.stop();
  });

  it("refuses at the ceiling, with the estimate and the ceiling in the detail, and not below it", async () => {
    const refusals: number[] = [];
    const ceiling = createBacklogCeiling({
      maxBacklog: 2,
      countPending: async () => 1,
      countIntervalMs: 3_600_000,
      onRefusal: () => refusals.push(1),
      log: quiet,
    });
    await ceiling.start();
    ceiling.refuseWhenFull();
    ceiling.recordCommitted(1);
    assert.throws(() => ceiling.refuseWhenFull(), {
      code: "overloaded",
      message: /About 2 submissions are waiting to be processed, at or over this service's ceiling of 2/,
    });
    assert.equal(refusals.length, 1);
    await ceiling.stop();
  });

  it("errs high for what happens while a count runs: commits stay on top of it, processing is dropped", async () => {
    let answer: (pending: number) => void = () => {};
    let counts = 0;
    const ceiling = createBacklogCeiling({
      maxBacklog: 100,
      countPending: () => {
        counts += 1;
        return counts === 1 ? Promise.resolve(10) : new Promise<number>((resolve) => (answer = resolve));
      },
      countIntervalMs: 5,
      log: quiet,
    });
    await ceiling.start();
    ceiling.recordCommitted(2);
    while (counts < 2) await new Promise((resolve) => setTimeout(resolve, 1));
    // The second count is running: it may or may not see these.
    ceiling.recordCommitted(3);
    ceiling.recordProcessed(4);
    assert.equal(ceiling.estimate, 11, "until the count ends: the last count's 10, plus 5, less 4");
    answer(12);
    await ceiling.stop();
    assert.equal(ceiling.estimate, 15, "the count's 12, and the 3 committed while it ran");
  });
});
