import assert from "node:assert/strict";
import http from "node:http";
import { after, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { exampleOrder } from "../../src/domain/order-example.js";
import {
  createSeededDatabase,
  getSubmission,
  killAllServers,
  type ServerProcess,
  startServer,
} from "../helpers/server-process.js";

/** Short enough that a connection holding the shutdown shows as exit code 1, long enough for any request. */
const SERVER_ENV = { SHUTDOWN_GRACE_MS: "5000" };
const RESPONSE_TIMEOUT_MS = 15_000;

interface Answer {
  status: number;
  connection: string | undefined;
  body: string;
}

/** Reads the whole answer to `request`; rejects on a connection error or when none comes in time. */
function answerOf(request: http.ClientRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      request.destroy();
      reject(new Error(`no answer within ${RESPONSE_TIMEOUT_MS} ms`));
    }, RESPONSE_TIMEOUT_MS);
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.on("response", (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, body });
      });
    });
  });
}

/** Waits (bounded) until the server has said on stderr that it took the signal. */
async function waitForSignalReceived(server: ServerProcess): Promise<void> {
  for (let round = 0; round < 250 && !server.stderr().includes("SIGTERM received"); round++) await sleep(20);
  assert.match(server.stderr(), /SIGTERM received/, "the server took SIGTERM");
}

describe("SIGTERM with keep-alive connections open", () => {
  const cleanups: (() => void)[] = [];
  after(async () => {
    await killAllServers();
    for (const cleanup of cleanups) cleanup();
  });

  it("answers a request whose body was still arriving with 202 and connection: close, keeps it, and exits 0", async () => {
    const seeded = await createSeededDatabase();
    cleanups.push(seeded.remove);
    const first = await startServer(seeded.dbPath, SERVER_ENV);
    const agent = new http.Agent({ keepAlive: true });
    cleanups.push(() => agent.destroy());

    const body = Buffer.from(JSON.stringify(exampleOrder(seeded.trkref)));
    const half = Math.floor(body.length / 2);
    const request = http.request(`${first.url}/v4/organisations/${seeded.trkref}/customer_order`, {
      method: "POST",
      agent,
      headers: {
        authorization: seeded.authorization,
        "content-type": "application/json",
        "content-length": String(body.length),
      },
    });
    const answered = answerOf(request);
    request.write(body.subarray(0, half));
    // Sequencing, not a measurement: the headers and the first half have surely arrived by then.
    await sleep(200);
    first.kill("SIGTERM");
    await waitForSignalReceived(first);
    request.end(body.subarray(half));

    const answer = await answered;
    assert.equal(answer.status, 202, answer.body);
    assert.equal(answer.connection, "close");
    const { id } = JSON.parse(answer.body) as { id: string };
    const exit = await first.waitForExit();
    assert.deepEqual(exit, { code: 0, signal: null }, `exit after SIGTERM; stderr: ${first.stderr()}`);

    const second = await startServer(seeded.dbPath, SERVER_ENV);
    const found = await getSubmission(second.url, seeded.authorization, id);
    assert.equal(found.httpStatus, 200);
    assert.equal(found.id, id);
    second.kill("SIGTERM");
    assert.equal((await second.waitForExit()).code, 0);
  });

  it("does not wait for a keep-alive connection that is idle", async () => {
    const seeded = await createSeededDatabase();
    cleanups.push(seeded.remove);
    const server = await startServer(seeded.dbPath, SERVER_ENV);
    const agent = new http.Agent({ keepAlive: true });
    cleanups.push(() => agent.destroy());

    const request = http.request(`${server.url}/healthz`, { agent });
    const answered = answerOf(request);
    request.end();
    const answer = await answered;
    assert.equal(answer.status, 200, answer.body);
    assert.notEqual(answer.connection, "close", "the connection is kept alive");
    assert.equal(Object.values(agent.freeSockets).flat().length, 1, "one idle keep-alive connection is open");

    server.kill("SIGTERM");
    const exit = await server.waitForExit();
    assert.deepEqual(exit, { code: 0, signal: null }, `exit after SIGTERM; stderr: ${server.stderr()}`);
    assert.doesNotMatch(server.stderr(), /shutdown took longer/);
  });
});
