import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { type HostileTarget, openHostileTarget } from "./hostile-target.js";
import { runParameters, validDocumentsProperty, validOrdersProperty } from "./order-properties.js";

describe("valid order documents (property-based)", () => {
  it("validate to the order predicted, under any limits", { timeout: 120_000 }, async () => {
    await fc.assert(validDocumentsProperty(), runParameters(1500));
  });

  describe("on the single-order endpoint", () => {
    let target: HostileTarget;
    before(async () => {
      target = await openHostileTarget();
    });
    after(() => target.close());

    it("are answered 202 and stored as predicted", { timeout: 120_000 }, async () => {
      await fc.assert(validOrdersProperty(target), runParameters(500));
    });
  });
});
