import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { holdsExactly, InexactNumber } from "../../src/domain/inexact-number.js";

describe("holdsExactly", () => {
  for (const text of [
    "0",
    "-0",
    "0.1",
    "1.50",
    "1e2",
    "1E-6",
    "0.1e1",
    "100.0",
    "-1.5e-7",
    "1e21",
    "1e308",
    "5e-324",
    "9007199254740991",
    // Exact in a double, though past 2^53: the digits come back the same.
    "9007199254740992",
    "1e16",
    "0.30000000000000004",
  ]) {
    it(`is true for ${text}, whose shortest double prints the same value`, () => {
      assert.equal(holdsExactly(text), true);
    });
  }

  for (const text of [
    "1.0000000000000001",
    "0.30000000000000001",
    "1e-400",
    "-1e-400",
    "1e400",
    "-1e400",
    "9007199254740993",
    "123456789012345678901234567890",
    "4.9406564584124654e-324",
  ]) {
    it(`is false for ${text}, which a double reads as ${Number(text)}`, () => {
      assert.equal(holdsExactly(text), false);
    });
  }
});

describe("InexactNumber", () => {
  it("prints as the digits sent, as a string", () => {
    const number = new InexactNumber("1.0000000000000001");
    assert.equal(JSON.stringify({ order_ref: number }), '{"order_ref":"1.0000000000000001"}');
  });

  it("names the number in its message", () => {
    assert.equal(
      new InexactNumber("1e-400").describe(),
      "1e-400 cannot be held exactly as a number; send it as a string",
    );
  });

  it("shortens a long number in its message, never in what it prints", () => {
    const digits = "1".repeat(10_000);
    const number = new InexactNumber(digits);
    assert.ok(number.describe().startsWith(`${"1".repeat(40)}… cannot be held exactly`));
    assert.equal(JSON.stringify(number), `"${digits}"`);
  });
});
