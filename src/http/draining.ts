import type { FastifyInstance } from "fastify";
import { ProblemError } from "../domain/error-catalogue.js";

/**
 * Shutdown, as clients and load balancers see it. Once draining: every new request but `/healthz` (the
 * process is healthy, it is only leaving) is refused with 503 `not_ready`, so `/readyz` turns false; and
 * every answer, also to requests already in flight, closes its connection, because a keep-alive socket left
 * open by a client would otherwise hold the server's close until the client's own idle timeout.
 */
export function registerDraining(app: FastifyInstance) {
  let draining = false;
  app.addHook("onRequest", async (request) => {
    if (!draining || request.url === "/healthz") return;
    throw new ProblemError("not_ready", {
      detail: "The service is shutting down; retry, another instance may take the request",
    });
  });
  app.addHook("onSend", async (_request, reply) => {
    if (draining) reply.header("connection", "close");
  });
  return {
    startDraining(): void {
      draining = true;
    },
  };
}
