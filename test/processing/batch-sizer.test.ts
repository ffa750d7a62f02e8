import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createBatchSizer } from "../../src/processing/batch-sizer.js";

/** The sizes a sizer asks for, given what each batch took. */
function sizesFor(base: number, max: number, taken: (size: number) => number, batches: number): number[] {
  const sizer = createBatchSizer(base, max);
  const sizes: number[] = [];
  for (let n = 0; n < batches; n++) {
    sizes.push(sizer.next());
    sizer.record(taken(sizer.next()));
  }
  return sizes;
}

describe("processing batch sizes", () => {
  it("double after each full batch, up to the most", () => {
    assert.deepEqual(
      sizesFor(200, 2000, (size) => size, 6),
      [200, 400, 800, 1600, 2000, 2000],
    );
  });

  it("go back to the configured size after a batch that was not full", () => {
    const sizer = createBatchSizer(10, 100);
    sizer.record(10);
    sizer.record(20);
    assert.equal(sizer.next(), 40);
    sizer.record(39);
    assert.equal(sizer.next(), 10);
  });

  it("go back to the configured size after a batch that failed", () => {
    const sizer = createBatchSizer(10, 100);
    sizer.record(10);
    sizer.record(20);
    sizer.reset();
    assert.equal(sizer.next(), 10);
  });

  it("never grow when the most is the configured size", () => {
    assert.deepEqual(
      sizesFor(1000, 1000, (size) => size, 3),
      [1000, 1000, 1000],
    );
  });
});
