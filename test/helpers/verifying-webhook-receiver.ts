import { createServer, type IncomingMessage } from "node:http";
import { listenOnLoopback } from "./loopback-listener.js";
import { verifyWebhook } from "./webhook-receiver.js";

/** The members of an event payload the receiver checks. */
export interface ArrivedEvent {
  id: string;
  type: string;
  order_ref: string;
  sequence: number;
}

/** One request as it arrived, numbered in the order their bodies came in. */
export interface WebhookArrival {
  index: number;
  /** The `webhook-id` header. */
  webhookId: string;
  /** The payload, when Standard Webhooks' own library verified the signature; undefined otherwise. */
  event?: ArrivedEvent;
  /** Why the library refused the request, when it did. */
  refusal?: string;
  /** The sender's end of the connection, by which the process that sent it can be found. */
  clientPort: number;
}

/**
 * What to do with a request before answering it: answer it (204), or drop its connection unanswered
 * (after, say, killing the process that sent it: the receiver has the event, the sender never hears so).
 */
export type BeforeAnswer = (arrival: WebhookArrival) => Promise<"answer" | "drop">;

/**
 * A webhook receiver on 127.0.0.1 that verifies every request with Standard Webhooks' own library
 * (`verifyWebhook`), keeps every arrival, and asks `beforeAnswer` what to do with each.
 */
export async function startVerifyingReceiver(secret: string, beforeAnswer: BeforeAnswer) {
  const arrivals: WebhookArrival[] = [];
  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      // The sender died before the whole request was sent: nothing arrived.
      if (body === undefined) return;
      const arrival = verify(secret, request, body, arrivals.length);
      arrivals.push(arrival);
      if ((await beforeAnswer(arrival)) === "drop") {
        request.socket.destroy();
        return;
      }
      response.writeHead(204);
      response.end();
    })();
  });
  // Longer than the sender keeps an idle connection, so that it never reuses one this side is closing.
  server.keepAliveTimeout = 120_000;
  return { ...(await listenOnLoopback(server)), arrivals };
}

export type VerifyingReceiver = Awaited<ReturnType<typeof startVerifyingReceiver>>;

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of request) chunks.push(chunk as Buffer);
  } catch {
    return undefined;
  }
  return request.complete ? Buffer.concat(chunks).toString("utf8") : undefined;
}

function verify(secret: string, request: IncomingMessage, body: string, index: number): WebhookArrival {
  const base = {
    index,
    webhookId: String(request.headers["webhook-id"] ?? ""),
    clientPort: request.socket.remotePort ?? 0,
  };
  try {
    const event = verifyWebhook(secret, { body, headers: request.headers }) as ArrivedEvent;
    return { ...base, event };
  } catch (error) {
    return { ...base, refusal: (error as Error).message };
  }
}
