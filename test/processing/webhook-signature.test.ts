import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { Webhook } from "standardwebhooks";
import {
  secretsSigningAt,
  signWebhook,
  webhookSignatureHeader,
} from "../../src/processing/webhook-signature.js";

const newSecret = () => `whsec_${randomBytes(24).toString("base64")}`;
const body = JSON.stringify({ id: "01890a5d-ac96-774b-bcce-b302099a8057", type: "order.created", data: {} });
const id = "01890a5d-ac96-774b-bcce-b302099a8057";

/** The headers a receiver gets, signed now (the library refuses timestamps more than 5 minutes off). */
function signedHeaders(secrets: string[]) {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": webhookSignatureHeader(secrets, id, timestamp, body),
  };
}

describe("webhook signatures", () => {
  it("verify with the Standard Webhooks library", () => {
    const secret = newSecret();
    assert.deepEqual(new Webhook(secret).verify(body, signedHeaders([secret])), JSON.parse(body));
  });

  it("are the library's own signature of id.timestamp.body", () => {
    const secret = newSecret();
    const expected = new Webhook(secret).sign(id, new Date(1_614_265_330_000), body);
    assert.equal(signWebhook(secret, id, 1_614_265_330, body), expected);
  });

  it("do not verify with another secret, or for another body", () => {
    const secret = newSecret();
    const headers = signedHeaders([secret]);
    assert.throws(() => new Webhook(newSecret()).verify(body, headers), /No matching signature/);
    assert.throws(() => new Webhook(secret).verify(`${body} `, headers), /No matching signature/);
  });

  it("carry one signature per secret during a rotation, current first, each verifying on its own", () => {
    const current = newSecret();
    const previous = newSecret();
    const headers = signedHeaders([current, previous]);
    const signatures = headers["webhook-signature"].split(" ");
    assert.equal(signatures.length, 2);
    assert.equal(signatures[0], signWebhook(current, id, Number(headers["webhook-timestamp"]), body));
    assert.ok(new Webhook(current).verify(body, headers));
    assert.ok(new Webhook(previous).verify(body, headers));
  });

  it("refuse a secret that holds no key", () => {
    assert.throws(() => signWebhook("whsec_", id, 1, body), /no key/);
  });
});

describe("secrets signing at a time", () => {
  const now = new Date("2026-03-01T12:00:00Z");
  it("include the previous secret until its grace ends, and only the current one after", () => {
    const secrets = {
      current: "whsec_new",
      previous: { secret: "whsec_old", validUntil: "2026-03-01T12:00:01Z" },
    };
    assert.deepEqual(secretsSigningAt(secrets, now), ["whsec_new", "whsec_old"]);
    assert.deepEqual(secretsSigningAt(secrets, new Date("2026-03-01T12:00:01Z")), ["whsec_new"]);
    assert.deepEqual(secretsSigningAt({ current: "whsec_new", previous: null }, now), ["whsec_new"]);
  });
});
