import { createServer, type IncomingHttpHeaders } from "node:http";
import { Webhook } from "standardwebhooks";
import { newWebhookEndpointId, newWebhookSecret } from "../../src/processing/webhook-endpoint-input.js";
import type { WebhookStore } from "../../src/storage/webhook-store.js";
import { listenOnLoopback } from "./loopback-listener.js";

/** A request the receiver got, as it got it. */
export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The `webhook-id` header. */
  id: string;
  /** The sender's end of the connection: the same for requests on one kept-alive connection. */
  remotePort: number | undefined;
}

/** What the receiver answers; `hang` never answers (until the receiver is closed). */
export type ReceiverAnswer = { status: number; headers?: Record<string, string>; body?: string } | "hang";

/**
 * A webhook receiver on 127.0.0.1: each request is kept, then answered as `answer` says (which may wait
 * before it says). `concurrent` counts the requests being answered at once, and how often one came while
 * another with the same webhook-id was still being answered (the same event sent twice at once).
 */
export async function startWebhookReceiver(
  answer: (request: ReceivedWebhook, index: number) => ReceiverAnswer | Promise<ReceiverAnswer>,
) {
  const received: ReceivedWebhook[] = [];
  const inFlight = new Map<string, number>();
  /** Requests being answered at once: now, and the most there ever were. */
  const concurrent = { now: 0, most: 0, sameIdAtOnce: 0 };
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const got: ReceivedWebhook = {
      path: request.url ?? "",
      headers: request.headers,
      body: Buffer.concat(chunks).toString("utf8"),
      id: String(request.headers["webhook-id"] ?? ""),
      remotePort: request.socket.remotePort,
    };
    received.push(got);
    const sameId = (inFlight.get(got.id) ?? 0) + 1;
    inFlight.set(got.id, sameId);
    if (sameId > 1) concurrent.sameIdAtOnce++;
    concurrent.now++;
    concurrent.most = Math.max(concurrent.most, concurrent.now);
    response.on("close", () => {
      inFlight.set(got.id, (inFlight.get(got.id) ?? 1) - 1);
      concurrent.now--;
    });
    const reply = await answer(got, received.length - 1);
    if (reply === "hang") return;
    response.writeHead(reply.status, reply.headers);
    response.end(reply.body ?? "");
  });
  return { ...(await listenOnLoopback(server)), received, concurrent };
}

/**
 * What Standard Webhooks' own library makes of a request with `secret`: the parsed body when a signature
 * verifies (and the timestamp is recent), an exception otherwise.
 */
export function verifyWebhook(secret: string, request: Pick<ReceivedWebhook, "body" | "headers">): unknown {
  return new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
}

/**
 * Adds an endpoint of ACME for every event type at `url`, with an id and secret as `webhook add` issues
 * them (straight into the store: no limit applies); returns its id and secret.
 */
export async function addWebhookEndpoint(store: Pick<WebhookStore, "createWebhookEndpoint">, url: string) {
  const secret = newWebhookSecret();
  const id = newWebhookEndpointId();
  await store.createWebhookEndpoint({
    id,
    trkref: "ACME",
    url,
    eventTypes: null,
    description: null,
    secret,
    createdAt: new Date().toISOString(),
  });
  return { id, secret };
}
