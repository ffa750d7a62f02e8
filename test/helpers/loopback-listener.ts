import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Starts a receiver's server on a free port of 127.0.0.1; `url` is where a sender posts to it, and `close`
 * ends every connection, kept-alive ones too, so that no test waits for a sender's idle socket.
 */
export async function listenOnLoopback(server: Server) {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
