import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assessBatch } from "../../src/domain/assess-batch.js";
import { exampleOrder } from "../../src/domain/order-example.js";
import { DEFAULT_ORDER_LIMITS } from "../../src/domain/order-limits.js";
import { submissionRefusal } from "../../src/domain/submission-permission.js";

describe("permission to submit an order", () => {
  it("says first that the key may not act for the organisation, whether or not it takes orders", () => {
    assert.deepEqual(submissionRefusal("ACME", { keyMayActFor: false, organisationEnabled: false }), {
      code: "key_not_allowed",
      message: "This API key may not submit orders for ACME",
    });
    assert.equal(submissionRefusal("ACME", { keyMayActFor: true, organisationEnabled: true }), undefined);
  });

  it("refuses a batch's order in the same words as a single order, at /trkref", () => {
    const { results } = assessBatch(
      [exampleOrder("OFF")],
      DEFAULT_ORDER_LIMITS,
      { allowed: new Set(["OFF"]), enabled: new Set() },
      () => "01900000-0000-7000-8000-000000000001",
    );
    const single = submissionRefusal("OFF", { keyMayActFor: true, organisationEnabled: false });
    const [result] = results;
    assert.equal(result?.status, "rejected");
    assert.deepEqual(result?.status === "rejected" && result.errors, [{ pointer: "/trkref", ...single }]);
    assert.equal(single?.code, "feature_disabled");
  });
});
