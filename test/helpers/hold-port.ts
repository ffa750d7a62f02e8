import assert from "node:assert/strict";
import { createServer, type Server } from "node:net";

/** Listens on a free port of 127.0.0.1 and returns the server holding it, for tests of a port that is taken. */
export async function holdPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  assert.ok(address && typeof address === "object");
  return { server, port: address.port };
}
