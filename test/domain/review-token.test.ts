import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { reviewLink, signReviewToken, verifyReviewToken } from "../../src/domain/review-token.js";

const SECRET = "a review link secret of enough length";
const ID = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
const OTHER_ID = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c";
const NOW = new Date("2026-05-08T09:00:00.000Z");
const EXPIRES = new Date("2026-06-07T09:00:00.000Z");

/** `token` with its part at `index` (0 id, 1 expiry, 2 signature) replaced by `part`. */
const withPart = (token: string, index: number, part: string): string => {
  const parts = token.split(".");
  parts[index] = part;
  return parts.join(".");
};

describe("review tokens", () => {
  it("verify as signed: the invitation's id and the expiry, to the second", () => {
    const token = signReviewToken(ID, new Date("2026-06-07T09:00:00.750Z"), SECRET);
    assert.match(token, /^[0-9a-f-]{36}\.\d+\.[A-Za-z0-9_-]{43}$/);
    assert.equal(token.split(".")[1], String(EXPIRES.getTime() / 1000));
    assert.deepEqual(verifyReviewToken(token, SECRET, NOW), {
      valid: true,
      invitationId: ID,
      expiresAt: "2026-06-07T09:00:00.000Z",
    });
  });

  it("refuses a changed signature", () => {
    const token = signReviewToken(ID, EXPIRES, SECRET);
    const signature = token.split(".")[2] ?? "";
    const changed = `${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`;
    assert.deepEqual(verifyReviewToken(withPart(token, 2, changed), SECRET, NOW), {
      valid: false,
      problem: "bad_signature",
    });
  });

  it("refuses a token signed under another secret", () => {
    const token = signReviewToken(ID, EXPIRES, "another secret");
    assert.deepEqual(verifyReviewToken(token, SECRET, NOW), { valid: false, problem: "bad_signature" });
  });

  it("refuses another invitation's id under the signature", () => {
    const token = signReviewToken(ID, EXPIRES, SECRET);
    assert.deepEqual(verifyReviewToken(withPart(token, 0, OTHER_ID), SECRET, NOW), {
      valid: false,
      problem: "bad_signature",
    });
  });

  it("refuses a later expiry under the signature", () => {
    const token = signReviewToken(ID, EXPIRES, SECRET);
    const later = String(EXPIRES.getTime() / 1000 + 86_400);
    assert.deepEqual(verifyReviewToken(withPart(token, 1, later), SECRET, NOW), {
      valid: false,
      problem: "bad_signature",
    });
  });

  it("refuses an expired token, from its expiry on", () => {
    const token = signReviewToken(ID, EXPIRES, SECRET);
    assert.equal(verifyReviewToken(token, SECRET, new Date(EXPIRES.getTime() - 1)).valid, true);
    assert.deepEqual(verifyReviewToken(token, SECRET, EXPIRES), { valid: false, problem: "expired" });
    assert.deepEqual(verifyReviewToken(token, SECRET, new Date("2027-01-01T00:00:00.000Z")), {
      valid: false,
      problem: "expired",
    });
  });

  it("refuses a malformed token", () => {
    const token = signReviewToken(ID, EXPIRES, SECRET);
    for (const malformed of [
      "",
      "not a token",
      token.slice(0, -1),
      `${token}A`,
      `${token}.extra`,
      token.replaceAll(".", ":"),
      withPart(token, 0, ID.toUpperCase()),
      withPart(token, 0, "42"),
      withPart(token, 1, "-1"),
      withPart(token, 1, "1234567890123"),
      withPart(token, 2, `${"A".repeat(42)}=`),
    ]) {
      assert.deepEqual(
        verifyReviewToken(malformed, SECRET, NOW),
        { valid: false, problem: "malformed" },
        malformed,
      );
    }
  });
});

describe("reviewLink", () => {
  it("puts the token in place of each {token} of the template", () => {
    const token = signReviewToken(ID, EXPIRES, SECRET);
    assert.equal(
      reviewLink("https://reviews.example.com/r/{token}", token),
      `https://reviews.example.com/r/${token}`,
    );
    assert.equal(
      reviewLink("https://x.example/?t={token}&again={token}", "a b"),
      "https://x.example/?t=a%20b&again=a%20b",
    );
  });
});
