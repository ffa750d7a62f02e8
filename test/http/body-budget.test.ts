import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { exampleOrder } from "../../src/domain/order-example.js";
import { assertProblem } from "../helpers/problem-assertions.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";
import { orderUrl, postOrder } from "./order-requests.js";

/** An order padded to `bytes` of JSON, so that the budget's arithmetic is exact. */
function orderOfBytes(bytes: number, orderRef: string): string {
  const text = JSON.stringify({ ...exampleOrder("ACME"), order_ref: orderRef, padding: "" });
  return text.replace('"padding":""', `"padding":"${"x".repeat(bytes - text.length)}"`);
}

describe("MAX_BODY_BYTES_IN_FLIGHT: bytes of request bodies handled at once", () => {
  let t: TestApp;
  let port: number;
  before(async () => {
    t = await createTestApp({ MAX_BODY_BYTES_IN_FLIGHT: "5000", LOG_LEVEL: "silent" });
    await t.app.listen({ host: "127.0.0.1", port: 0 });
    port = (t.app.server.address() as { port: number }).port;
  });
  after(() => t.close());

  it("refuses a body that would go past the budget with 503 before reading it, and takes it once room is back", async () => {
    const slow = orderOfBytes(3000, "SLOW-1");
    const socket = connect(port, "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    const answer = new Promise<string>((resolve) => {
      let text = "";
      socket.on("data", (chunk) => {
        text += chunk.toString();
      });
      socket.once("end", () => resolve(text));
      socket.once("close", () => resolve(text));
    });
    // The slow client declares 3000 bytes and sends a tenth of them: its reservation is held meanwhile.
    socket.write(
      `POST ${orderUrl("ACME")} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${t.acme.authorization}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${slow.length}\r\nConnection: close\r\n\r\n${slow.slice(0, 300)}`,
    );
    await sleep(100);

    const refused = await postOrder(t, orderOfBytes(2500, "FAST-1"));
    assertProblem(refused, 503, "overloaded");
    assert.ok(refused.headers["retry-after"], "Retry-After must be sent");
    assert.equal((await postOrder(t, orderOfBytes(1500, "SMALL-1"))).statusCode, 202, "what fits still goes");

    socket.write(slow.slice(300));
    assert.match(await answer, /^HTTP\/1\.1 202 /);
    assert.equal((await postOrder(t, orderOfBytes(2500, "FAST-2"))).statusCode, 202, "room is given back");
  });

  it("gives the room back when a client goes away before its body has arrived, or before its answer", async () => {
    for (const sent of [300, 3000]) {
      const body = orderOfBytes(3000, `GONE-${sent}`);
      const socket = connect(port, "127.0.0.1");
      await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
      socket.write(
        `POST ${orderUrl("ACME")} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${t.acme.authorization}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, sent)}`,
      );
      await sleep(50);
      socket.destroy();
      await sleep(100);
      const next = await postOrder(t, orderOfBytes(4000, `AFTER-${sent}`));
      assert.equal(next.statusCode, 202, `after a client that sent ${sent} bytes went away: ${next.body}`);
    }
  });

  it("lets one body of any accepted size through when no other body is being handled", async () => {
    const large = await postOrder(t, orderOfBytes(9000, "LARGE-1"));
    assert.equal(large.statusCode, 202, large.body);
  });
});
