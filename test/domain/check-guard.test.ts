import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { guardCheck } from "../../src/domain/check-guard.js";
import { isEmailAddress } from "../../src/domain/field-rules.js";

describe("guardCheck", () => {
  it("answers what the check answers when it returns", () => {
    const isShort = guardCheck((text: string) => text.length < 3, false);
    assert.equal(isShort("ab"), true);
    assert.equal(isShort("abc"), false);
  });

  it("answers `invalid` when the check throws", () => {
    const check = guardCheck((text: string): string => {
      throw new URIError(`URI malformed: ${text}`);
    }, undefined);
    assert.equal(check("\ud800"), undefined);
  });
});

describe("isEmailAddress", () => {
  it("answers false, rather than throwing, for addresses with a lone surrogate", () => {
    for (const email of ["\ud800", "jane\ud800@example.com", "jane@example.com\udfff"]) {
      assert.equal(isEmailAddress(email), false, JSON.stringify(email));
    }
    assert.equal(isEmailAddress("jane@example.com"), true);
  });
});
