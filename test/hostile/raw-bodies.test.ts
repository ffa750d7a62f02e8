import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, before, describe, it } from "node:test";
import { exampleOrder } from "../../src/domain/order-example.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";
import { countSubmissionRows } from "../http/order-requests.js";

/** What came back on one connection: the answer, if a whole one arrived, and whether the server closed. */
interface RawAnswer {
  status?: number;
  headers: Record<string, string>;
  body?: Record<string, unknown>;
  closedByServer: boolean;
}

const CLIENT_TIMEOUT_MS = 10_000;

/**
 * Writes `parts` on a fresh connection to 127.0.0.1 and reads one answer. The connection is not half-closed:
 * Node's HTTP server drops a request whose client shuts its side first, which no real client does. Resolves
 * once a whole answer has arrived, the server closes, or CLIENT_TIMEOUT_MS passes.
 */
function exchange(port: number, parts: (string | Buffer)[]): Promise<RawAnswer> {
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    let settled = false;
    const socket = connect(port, "127.0.0.1", () => {
      for (const part of parts) socket.write(part);
    });
    const finish = (closedByServer: boolean) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve({ ...parseAnswer(received), closedByServer });
    };
    socket.setTimeout(CLIENT_TIMEOUT_MS, () => finish(false));
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (parseAnswer(received).body !== undefined) finish(false);
    });
    // The server may close while a large body is still being written: that is an answer too.
    socket.on("error", () => finish(true));
    socket.on("close", () => finish(true));
  });
}

function parseAnswer(raw: Buffer): Omit<RawAnswer, "closedByServer"> {
  const end = raw.indexOf("\r\n\r\n");
  if (end < 0) return { headers: {} };
  const [statusLine = "", ...lines] = raw.subarray(0, end).toString("latin1").split("\r\n");
  const headers = Object.fromEntries(
    lines.map((line) => [
      line.slice(0, line.indexOf(":")).toLowerCase(),
      line.slice(line.indexOf(":") + 1).trim(),
    ]),
  );
  const status = Number(statusLine.split(" ")[1]);
  const body = raw.subarray(end + 4);
  const length = Number(headers["content-length"]);
  if (!Number.isInteger(length) || body.length < length) return { status, headers };
  return { status, headers, body: JSON.parse(body.subarray(0, length).toString("utf8")) };
}

/** The app listening on 127.0.0.1 with an ephemeral port. */
async function listeningApp(env: Record<string, string> = {}) {
  const t = await createTestApp({ LOG_LEVEL: "error", ...env });
  await t.app.listen({ host: "127.0.0.1", port: 0 });
  return { t, port: (t.app.server.address() as { port: number }).port };
}

const ORDER_PATH = "/v4/organisations/ACME/customer_order";
const BATCH_PATH = "/v4/customer_orders";

/** Request line and headers; `headers` are added as given, each ending in CRLF. */
const head = (t: TestApp, path: string, headers: string) =>
  `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${t.acme.authorization}\r\n${headers}\r\n`;
const json = "Content-Type: application/json\r\n";
const chunked = "Transfer-Encoding: chunked\r\n";
const chunk = (data: string) => `${Buffer.byteLength(data).toString(16)}\r\n${data}\r\n`;

function assertProblemAnswer(answer: RawAnswer, status: number, code: string): void {
  assert.equal(answer.status, status, JSON.stringify(answer));
  assert.match(answer.headers["content-type"] ?? "", /^application\/problem\+json/);
  assert.equal(answer.body?.status, status);
  assert.equal(answer.body?.code, code);
}

async function assertHealthy(t: TestApp): Promise<void> {
  assert.equal((await t.app.inject({ method: "GET", url: "/healthz" })).statusCode, 200);
}

describe("raw request bodies over a real connection", () => {
  let t: TestApp;
  let port: number;
  before(async () => {
    ({ t, port } = await listeningApp({ MAX_BODY_BYTES: "4096" }));
  });
  after(() => t.close());

  it("answers an empty chunked body, and a POST without any length, with 422 no_data", async () => {
    for (const parts of [[head(t, ORDER_PATH, json + chunked), "0\r\n\r\n"], [head(t, ORDER_PATH, json)]]) {
      const answer = await exchange(port, parts);
      assertProblemAnswer(answer, 422, "no_data");
    }
    assert.equal(countSubmissionRows(t), 0);
  });

  it("answers a bare JSON string or number with 422 wrong_type for the whole document", async () => {
    for (const body of ['"order"', "42", "-0", "1e999"]) {
      const answer = await exchange(port, [
        head(t, ORDER_PATH, `${json}Content-Length: ${body.length}\r\n`),
        body,
      ]);
      assertProblemAnswer(answer, 422, "validation_failed");
      assert.deepEqual(answer.body?.invalid_params, [
        { pointer: "", code: "wrong_type", message: "Must be a JSON object" },
      ]);
      assert.deepEqual(answer.body?.errors, ["Must be a JSON object"]);
    }
    assert.equal(countSubmissionRows(t), 0);
  });

  it("refuses JSON cut short, in a chunked body that ends cleanly, with 400 invalid_json", async () => {
    const text = JSON.stringify(exampleOrder("ACME"));
    const answer = await exchange(port, [
      head(t, ORDER_PATH, json + chunked),
      chunk(text.slice(0, 100)),
      chunk(text.slice(100, 150)),
      "0\r\n\r\n",
    ]);
    assertProblemAnswer(answer, 400, "invalid_json");
    assert.equal(countSubmissionRows(t), 0);
  });

  it("answers 400 and closes when the connection ends before the Content-Length is reached", async () => {
    const text = JSON.stringify(exampleOrder("ACME"));
    const answer = await new Promise<RawAnswer>((resolve) => {
      let received = Buffer.alloc(0);
      // Here the client does shut its side: that is how the body ends early.
      const socket = connect(port, "127.0.0.1", () => {
        socket.end(`${head(t, ORDER_PATH, `${json}Content-Length: ${text.length}\r\n`)}${text.slice(0, 60)}`);
      });
      socket.setTimeout(CLIENT_TIMEOUT_MS, () => socket.destroy());
      socket.on("data", (data: Buffer) => {
        received = Buffer.concat([received, data]);
      });
      socket.on("error", () => {});
      socket.on("close", () => resolve({ ...parseAnswer(received), closedByServer: true }));
    });
    // Node's parser reports the missing bytes when the connection ends; the answer is written, then closed.
    assertProblemAnswer(answer, 400, "bad_request");
    assert.equal(countSubmissionRows(t), 0);
    await assertHealthy(t);
  });

  it("refuses a body over MAX_BODY_BYTES with 413, whether declared up front or sent in chunks", async () => {
    const declared = await exchange(port, [
      head(t, ORDER_PATH, `${json}Content-Length: 5000\r\n`),
      "x".repeat(5000),
    ]);
    assertProblemAnswer(declared, 413, "payload_too_large");
    const inChunks = Array.from({ length: 6 }, () => chunk(`"${"x".repeat(998)}"`));
    const streamed = await exchange(port, [head(t, ORDER_PATH, json + chunked), ...inChunks, "0\r\n\r\n"]);
    assertProblemAnswer(streamed, 413, "payload_too_large");
    assert.equal(countSubmissionRows(t), 0);
    await assertHealthy(t);
  });

  it("refuses a body with a non-JSON Content-Type with 415 naming it, and stores nothing", async () => {
    const body = JSON.stringify(exampleOrder("ACME"));
    for (const contentType of ["text/json", "application/x-json", "text/plain"]) {
      const answer = await exchange(port, [
        head(t, ORDER_PATH, `Content-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n`),
        body,
      ]);
      assertProblemAnswer(answer, 415, "unsupported_media_type");
      assert.match(
        String(answer.body?.detail),
        new RegExp(`${contentType}.*-H 'Content-Type: application/json'`),
      );
    }
    assert.equal(countSubmissionRows(t), 0);
  });

  it("reads a body without a Content-Type as JSON, chunked or with a length, on both endpoints", async () => {
    const own = await listeningApp();
    try {
      const single = JSON.stringify(exampleOrder("ACME"));
      const batch = JSON.stringify([{ ...exampleOrder("ACME"), order_ref: "B-1" }]);
      const answers = [];
      for (const [path, body] of [
        [ORDER_PATH, single],
        [BATCH_PATH, batch],
      ] as const) {
        answers.push(
          await exchange(own.port, [head(own.t, path, `Content-Length: ${body.length}\r\n`), body]),
        );
        answers.push(await exchange(own.port, [head(own.t, path, chunked), chunk(body), "0\r\n\r\n"]));
      }
      assert.deepEqual(
        answers.map((answer) => [answer.status, answer.body?.message]),
        [
          [202, "Customer order accepted"],
          [202, "Customer order accepted"],
          [202, "Batch Accepted"],
          [202, "Batch Accepted"],
        ],
      );
      assert.equal(countSubmissionRows(own.t), 4);
    } finally {
      await own.t.close();
    }
  });

  it("refuses a batch of 100,000 orders with 413 too_many_orders and stores none of them", async () => {
    const body = `[${Array.from({ length: 100_000 }, () => "{}").join(",")}]`;
    const batchApp = await listeningApp();
    try {
      const answer = await exchange(batchApp.port, [
        head(batchApp.t, BATCH_PATH, `${json}Content-Length: ${body.length}\r\n`),
        body,
      ]);
      assertProblemAnswer(answer, 413, "too_many_orders");
      assert.match(String(answer.body?.detail), /100000/);
      assert.equal(countSubmissionRows(batchApp.t), 0);
      await assertHealthy(batchApp.t);
    } finally {
      await batchApp.t.close();
    }
  });
});

describe("a body that never finishes arriving", () => {
  let t: TestApp;
  let port: number;
  before(async () => {
    // The app sweeps its connections at least every second (Node's default is every 30 s), so the answer
    // comes soon after the timeout.
    t = await createTestApp({ LOG_LEVEL: "error", REQUEST_TIMEOUT_MS: "300" });
    await t.app.listen({ host: "127.0.0.1", port: 0 });
    port = (t.app.server.address() as { port: number }).port;
  });
  after(() => t.close());

  for (const [label, framing] of [
    ["chunked", chunked],
    ["with a Content-Length", "Content-Length: 5000\r\n"],
  ] as const) {
    it(`is ended with 408 or a closed connection (${label}), and the server stays healthy`, async () => {
      const text = JSON.stringify(exampleOrder("ACME"));
      const first = framing === chunked ? chunk(text.slice(0, 40)) : text.slice(0, 40);
      const answer = await exchange(port, [head(t, ORDER_PATH, json + framing), first]);

      assert.ok(answer.closedByServer || answer.status !== undefined, "the request was never ended");
      if (answer.status !== undefined) assertProblemAnswer(answer, 408, "request_timeout");
      assert.equal(countSubmissionRows(t), 0);
      await assertHealthy(t);
    });
  }
});
