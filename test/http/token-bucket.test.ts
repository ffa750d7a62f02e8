import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type BucketState, drawFromBucket } from "../../src/http/rate-limiting/token-bucket.js";

const policy = { ratePerSecond: 2, burst: 4 };
const take = { cost: 1, need: 1 };

/** Draws `count` times at one instant and returns the verdicts' allowed flags. */
function drawMany(count: number, at: number, start?: BucketState) {
  let state = start;
  const allowed: boolean[] = [];
  for (let n = 0; n < count; n++) {
    const result = drawFromBucket(state, policy, at, take);
    state = result.state;
    allowed.push(result.verdict.allowed);
  }
  return { allowed, state };
}

describe("token bucket", () => {
  it("starts full and lets a burst through, then refuses", () => {
    const { allowed } = drawMany(5, 0);
    assert.deepEqual(allowed, [true, true, true, true, false]);
  });

  it("says what is left, when to retry and when it is full again", () => {
    const { state } = drawMany(4, 0);
    const refused = drawFromBucket(state, policy, 0, take).verdict;
    assert.deepEqual(refused, { allowed: false, remaining: 0, retryAfterMs: 500, fullInMs: 2000 });
    const first = drawFromBucket(undefined, policy, 0, take).verdict;
    assert.deepEqual(first, { allowed: true, remaining: 3, retryAfterMs: 0, fullInMs: 500 });
  });

  it("refills at the rate, never past the burst", () => {
    const { state } = drawMany(4, 0);
    assert.deepEqual(drawMany(2, 500, state).allowed, [true, false]);
    assert.deepEqual(drawMany(6, 60_000, state).allowed, [true, true, true, true, false, false]);
  });

  it("refills nothing when the clock steps back", () => {
    const { state } = drawMany(4, 10_000);
    assert.equal(drawFromBucket(state, policy, 0, take).verdict.allowed, false);
  });

  it("can look without taking, and take without asking", () => {
    const look = { cost: 0, need: 1 };
    const record = { cost: 1, need: 0 };
    let state: BucketState | undefined;
    for (let n = 0; n < 4; n++) {
      assert.equal(drawFromBucket(state, policy, 0, look).verdict.allowed, true);
      state = drawFromBucket(state, policy, 0, record).state;
    }
    assert.equal(drawFromBucket(state, policy, 0, look).verdict.allowed, false);
    // Recording goes on when empty, into debt down to minus the bucket's size, which then takes longer to repay.
    for (let n = 0; n < 10; n++) state = drawFromBucket(state, policy, 0, record).state;
    assert.equal(state?.tokens, -4);
    const owing = drawFromBucket(state, policy, 0, look).verdict;
    assert.deepEqual(owing, { allowed: false, remaining: 0, retryAfterMs: 2500, fullInMs: 4000 });
  });
});
