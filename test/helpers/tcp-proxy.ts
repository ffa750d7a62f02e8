import { createConnection, createServer, type Socket } from "node:net";

/**
 * A TCP proxy on 127.0.0.1 in front of a server (the test PostgreSQL), which a test controls to play the
 * network's faults: `reset()` ends every connection with a RST, as a proxy or a failover does;
 * `blackHole()` forwards nothing, to or from the server, on the open connections and on new ones, as a
 * partition does (packets dropped, not refused: no one hears anything); `heal()` forwards again, including
 * what was held back, as TCP does when retransmissions finally arrive.
 */
export interface TcpProxy {
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  via(url: string): string;
  reset(): void;
  blackHole(): void;
  heal(): void;
  /** Connections open now, through the proxy. */
  readonly connections: number;
  close(): Promise<void>;
}

interface Link {
  client: Socket;
  server: Socket | undefined;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const links = new Set<Link>();
  let holding = false;

  const forward = (link: Link) => {
    const { client, server } = link;
    if (!server) return;
    client.pipe(server);
    server.pipe(client);
  };
  const hold = (link: Link) => {
    link.client.unpipe();
    link.server?.unpipe();
    link.client.pause();
    link.server?.pause();
  };
  const connectServer = (link: Link) => {
    const server = createConnection(target);
    link.server = server;
    server.on("error", () => link.client.destroy());
    server.on("close", () => link.client.destroy());
    if (holding) hold(link);
    else forward(link);
  };

  const listener = createServer((client) => {
    const link: Link = { client, server: undefined };
    links.add(link);
    client.on("error", () => link.server?.destroy());
    client.on("close", () => {
      link.server?.destroy();
      links.delete(link);
    });
    // During a partition the connection attempt goes nowhere: the server is not even asked.
    if (holding) client.pause();
    else connectServer(link);
  });
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  const address = listener.address();
  if (address === null || typeof address === "string") throw new Error("The proxy has no TCP port");

  return {
    port: address.port,
    via(url) {
      const routed = new URL(url);
      routed.hostname = "127.0.0.1";
      routed.port = String(address.port);
      return routed.toString();
    },
    reset() {
      for (const link of links) {
        link.client.resetAndDestroy();
        link.server?.resetAndDestroy();
      }
    },
    blackHole() {
      holding = true;
      for (const link of links) hold(link);
    },
    heal() {
      holding = false;
      for (const link of links) {
        if (link.server) forward(link);
        else connectServer(link);
      }
    },
    get connections() {
      return links.size;
    },
    async close() {
      for (const link of links) {
        link.client.destroy();
        link.server?.destroy();
      }
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    },
  };
}
