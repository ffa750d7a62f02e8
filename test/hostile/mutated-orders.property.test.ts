import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { type HostileTarget, openHostileTarget } from "./hostile-target.js";
import { mutatedDocumentsProperty, mutatedOrdersProperty, runParameters } from "./order-properties.js";

describe("mutated order documents (property-based)", () => {
  it("get exactly the errors their mutations cause, under any limits", { timeout: 120_000 }, async () => {
    await fc.assert(mutatedDocumentsProperty(), runParameters(2000));
  });

  describe("on the single-order endpoint", () => {
    let target: HostileTarget;
    before(async () => {
      target = await openHostileTarget();
    });
    after(() => target.close());

    it("are answered as predicted, never 5xx, and only valid ones are stored", {
      timeout: 120_000,
    }, async () => {
      await fc.assert(mutatedOrdersProperty(target), runParameters(1000));
    });
  });
});
