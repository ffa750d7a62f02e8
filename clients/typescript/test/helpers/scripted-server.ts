import { once } from "node:events";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** What the server answers one request: a status, headers, and a body (an object is sent as JSON). */
export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A request as the server received it. */
export interface ReceivedRequest {
  method: string;
  /** The path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Answers request number `index` (0 for the first); a promise that never settles leaves it unanswered. */
export type Script = (request: ReceivedRequest, index: number) => ScriptedAnswer | Promise<ScriptedAnswer>;

export interface ScriptedServer {
  /** The server's root, for the client's baseUrl. */
  url: string;
  /** Every request received so far, in arrival order. */
  requests: ReceivedRequest[];
  /** Resolves once `count` requests have arrived. */
  received(count: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * An HTTP server on 127.0.0.1 answering what `script` says: an array answers request i with its entry i
 * (and the last entry after its end), a function computes each answer.
 */
export async function startScriptedServer(script: ScriptedAnswer[] | Script): Promise<ScriptedServer> {
  const answerOf: Script = Array.isArray(script)
    ? (_request, index) => script[Math.min(index, script.length - 1)] ?? { status: 500 }
    : script;
  const requests: ReceivedRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const request = {
      method: incoming.method ?? "",
      url: incoming.url ?? "",
      headers: incoming.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    const index = requests.push(request) - 1;
    for (const waiter of waiters) if (requests.length >= waiter.count) waiter.resolve();
    const answer = await answerOf(request, index);
    const json = typeof answer.body === "object" && answer.body !== null;
    const headers = { ...(json ? { "content-type": "application/json" } : {}), ...answer.headers };
    outgoing.writeHead(answer.status, headers);
    outgoing.end(json ? JSON.stringify(answer.body) : ((answer.body as string | undefined) ?? ""));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    received: (count) =>
      requests.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ count, resolve })),
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

/** A problem answer as the service sends it, with `members` added. */
export function problemAnswer(
  status: number,
  code: string,
  headers: Record<string, string> = {},
  members: Record<string, unknown> = {},
): ScriptedAnswer {
  return {
    status,
    headers: { "content-type": "application/problem+json", ...headers },
    body: {
      type: `/problems/${code}`,
      title: code,
      status,
      detail: `Scripted ${code}`,
      code,
      message: code,
      ...members,
    },
  };
}

/** A 202 of the single endpoint for submission `id`. */
export function acceptedAnswer(id: string, headers: Record<string, string> = {}): ScriptedAnswer {
  return {
    status: 202,
    headers: { location: `/v4/customer_orders/${id}`, ...headers },
    body: { status: 202, id, message: "Customer order accepted" },
  };
}
