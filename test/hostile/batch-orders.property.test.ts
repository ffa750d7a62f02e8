import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { type HostileTarget, openHostileTarget } from "./hostile-target.js";
import { batchesProperty, runParameters } from "./order-properties.js";

describe("batches mixing valid and mutated orders (property-based)", () => {
  let target: HostileTarget;
  before(async () => {
    target = await openHostileTarget();
  });
  after(() => target.close());

  it("answer each order by its own validity, and store exactly the accepted ones", {
    timeout: 120_000,
  }, async () => {
    await fc.assert(batchesProperty(target), runParameters(300));
  });
});
