import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { auditPageSize, MAX_AUDIT_PAGE } from "../../src/storage/audit-store.js";
import { parseDuration, parseRateLimit } from "../../src/storage/operator-input.js";
import { StoreInputError } from "../../src/storage/store.js";

describe("what an operator writes", () => {
  it("reads a rate limit per second, its burst two seconds' worth unless given, or the default", () => {
    assert.deepEqual(parseRateLimit("500/s"), { ratePerSecond: 500, burst: 1000 });
    assert.deepEqual(parseRateLimit(" 0.5 / s"), { ratePerSecond: 0.5, burst: 1 });
    assert.deepEqual(parseRateLimit("500/s", 600), { ratePerSecond: 500, burst: 600 });
    assert.equal(parseRateLimit("default"), null);
    for (const wrong of ["500", "500/min", "-1/s", "0/s", "1e3/s", "200000/s"]) {
      assert.throws(() => parseRateLimit(wrong), StoreInputError, wrong);
    }
    assert.throws(() => parseRateLimit("500/s", 100), StoreInputError, "a burst below a second's worth");
  });

  it("reads a duration in seconds, minutes, hours or days", () => {
    assert.equal(parseDuration("90s"), 90);
    assert.equal(parseDuration("15m"), 900);
    assert.equal(parseDuration("24h"), 86_400);
    assert.equal(parseDuration("7d"), 604_800);
    assert.equal(parseDuration("0s"), 0);
    for (const wrong of ["24", "1.5h", "h", "-1d", "1w"])
      assert.throws(() => parseDuration(wrong), StoreInputError);
  });

  it("bounds a page of the audit log", () => {
    assert.equal(auditPageSize(), 50);
    assert.equal(auditPageSize({ limit: 0 }), 1);
    assert.equal(auditPageSize({ limit: 1_000_000 }), MAX_AUDIT_PAGE);
  });
});
