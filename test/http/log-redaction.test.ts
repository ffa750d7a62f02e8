import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";

const EMAIL = "redaction.canary.4b1e@example.com";
const SECRET = "ois_redaction-canary-secret-c0ffee";
const AUTHORIZATION = `Basic ${Buffer.from(`oik_canary:${SECRET}`).toString("base64")}`;

const open: TestApp[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

const order = { ...exampleOrder("ACME"), customer: { ...exampleOrder("ACME").customer, email: EMAIL } };

/** Objects a careless developer might log, each with the message it is logged with. */
const carelessLogs: [string, Record<string, unknown>][] = [
  ["logged a submission", { submission: { order, raw: JSON.stringify(order) } }],
  ["logged an order", { order }],
  ["logged a customer", { customer: order.customer }],
  ["logged headers", { headers: { authorization: AUTHORIZATION } }],
  ["logged an authorization", { authorization: AUTHORIZATION }],
  ["logged a stored document", { document: JSON.stringify(order) }],
  ["logged a stored submission", { submission: { id: "0190", document: JSON.stringify(order) } }],
  ["logged a raw document", { raw: JSON.stringify(order) }],
  ["logged a body", { body: JSON.stringify(order) }],
  ["logged a nested body", { request: { body: JSON.stringify(order) } }],
  ["logged a secret", { secret: SECRET }],
  ["logged a key", { key: { id: "oik_canary", secret: SECRET } }],
  ["logged an email", { email: EMAIL }],
  ["logged a contact", { contact: { name: "Jane", email: EMAIL } }],
];

/** The lines logged so far, once the log stream has passed on what was written to it. */
async function linesOf(t: TestApp): Promise<string[]> {
  await new Promise((resolve) => setImmediate(resolve));
  return t.logLines();
}

describe("log redaction", () => {
  for (const [message, object] of carelessLogs) {
    it(`keeps the email, the Authorization value and the secret out of a log line: ${message}`, async () => {
      const t = await createTestApp();
      open.push(t);
      t.app.log.info(object, message);

      const lines = (await linesOf(t)).filter((line) => line.includes(message));
      assert.equal(lines.length, 1, `the line "${message}" was written`);
      const line = lines[0] ?? "";
      assert.match(line, /\[redacted\]/);
      assertNothingLeaks(line, message);
    });
  }

  it("keeps the Authorization value and cookies out of a logged request whose headers are serialised", async () => {
    const t = await createTestApp();
    open.push(t);
    // Fastify's own `req` serializer drops headers; a logger that serialises the request whole (as a
    // developer might set up to debug) must still not write the credentials.
    const logger = t.app.log.child({}, { serializers: { req: (value: unknown) => value } });
    const message = "logged request headers";
    logger.info({ req: { headers: { authorization: AUTHORIZATION, cookie: `session=${SECRET}` } } }, message);

    const lines = (await linesOf(t)).filter((line) => line.includes(message));
    assert.equal(lines.length, 1, `the line "${message}" was written`);
    const line = lines[0] ?? "";
    assert.match(line, /"headers":\{"authorization":"\[redacted\]","cookie":"\[redacted\]"\}/);
    assertNothingLeaks(line, message);
  });
});

function assertNothingLeaks(line: string, message: string): void {
  for (const value of [EMAIL, SECRET, AUTHORIZATION, AUTHORIZATION.replace(/^Basic /, "")]) {
    assert.ok(!line.includes(value), `"${message}" leaks ${value}: ${line}`);
  }
}
