import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { Webhook } from "standardwebhooks";
import { verifyWebhook, WebhookVerificationError } from "../src/index.js";

const secret = `whsec_${randomBytes(32).toString("base64")}`;
const event = {
  id: "0193a4b2-6c1e-7d3f-9a4b-5c6d7e8f9a0b",
  type: "order.created",
  created_at: "2026-11-28T04:00:01.250Z",
  trkref: "DEMO",
  order_ref: "ORD-1",
  sequence: 1,
  data: { note: "café ✓" },
};

function signed(body: string, signer = secret) {
  const now = new Date();
  return {
    "webhook-id": event.id,
    "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
    "webhook-signature": new Webhook(signer).sign(event.id, now, body),
  };
}

describe("verifyWebhook", () => {
  const body = JSON.stringify(event);

  it("takes the raw bytes, with headers named in any case as a Node handler receives them", () => {
    const headers = signed(body);
    const nodeHeaders = {
      "Webhook-Id": headers["webhook-id"],
      "WEBHOOK-TIMESTAMP": headers["webhook-timestamp"],
      "webhook-signature": [headers["webhook-signature"]],
      host: undefined,
    };
    assert.deepEqual(verifyWebhook(secret, new TextEncoder().encode(body), nodeHeaders), event);
  });

  it("accepts a request signed with any of several secrets (a rotation), one header each", () => {
    const headers = signed(body);
    const old = signed(body, `whsec_${randomBytes(32).toString("base64")}`)["webhook-signature"];
    const rotated = { ...headers, "webhook-signature": [old, headers["webhook-signature"]] };
    assert.deepEqual(verifyWebhook(secret, body, rotated), event);
  });

  it("throws WebhookVerificationError for missing headers, an empty body and a malformed secret", () => {
    assert.throws(() => verifyWebhook(secret, body, {}), WebhookVerificationError);
    assert.throws(() => verifyWebhook(secret, "", signed("")), WebhookVerificationError);
    assert.throws(() => verifyWebhook("whsec_", body, signed(body)), WebhookVerificationError);
  });

  it("keeps a byte order mark as part of the body signed", () => {
    const withMark = `\ufeff${body}`;
    const bytes = new TextEncoder().encode(withMark);
    assert.throws(() => verifyWebhook(secret, bytes, signed(body)), WebhookVerificationError);
  });
});
