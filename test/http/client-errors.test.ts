import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, describe, it } from "node:test";
import { createTestApp } from "../helpers/test-app.js";

/** Sends raw bytes on a fresh connection and returns everything the server wrote before closing it. */
function exchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.end(bytes));
    let received = "";
    socket.setTimeout(5000, () => socket.destroy(new Error("no answer within 5 s")));
    socket.on("data", (chunk) => {
      received += chunk.toString("utf8");
    });
    socket.on("close", () => resolve(received));
    socket.on("error", reject);
  });
}

function parseAnswer(raw: string) {
  const [head = "", body = ""] = raw.split("\r\n\r\n");
  const [statusLine = "", ...headerLines] = head.split("\r\n");
  const headers = Object.fromEntries(
    headerLines.map((line) => [
      line.slice(0, line.indexOf(":")).toLowerCase(),
      line.slice(line.indexOf(":") + 1).trim(),
    ]),
  );
  return {
    status: Number(statusLine.split(" ")[1]),
    headers,
    body: JSON.parse(body) as Record<string, unknown>,
  };
}

describe("requests that never became requests", () => {
  it("answers malformed HTTP with a 400 problem document and closes the connection", async () => {
    const t = await createTestApp();
    after(() => t.close());
    await t.app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = t.app.server.address() as { port: number };

    const answer = parseAnswer(await exchange(port, "GARBAGE\r\n\r\n"));
    assert.equal(answer.status, 400);
    assert.match(answer.headers["content-type"] ?? "", /^application\/problem\+json/);
    assert.equal(answer.headers.connection, "close");
    assert.equal(answer.body.code, "bad_request");
    assert.equal(answer.body.status, 400);
  });

  it("answers oversized headers with a 431 problem document", async () => {
    const t = await createTestApp();
    after(() => t.close());
    await t.app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = t.app.server.address() as { port: number };

    const request = `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`;
    const answer = parseAnswer(await exchange(port, request));
    assert.equal(answer.status, 431);
    assert.match(answer.headers["content-type"] ?? "", /^application\/problem\+json/);
    assert.equal(answer.body.code, "headers_too_large");
  });
});
