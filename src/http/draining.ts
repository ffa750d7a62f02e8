import type { FastifyInstance } from "fastify";
import { ProblemError } from "./problem-catalogue.js";

/**
 * Shutdown, as clients and load balancers see it. Once draining, `/readyz` answers 503 `not_ready` so that
 * a load balancer stops sending, while every other request is still served as usual: a request that
 * reaches this instance during shutdown is taken, never refused with a 5xx. Every answer closes its
 * connection, so that keep-alive clients reconnect (to another instance) and a socket left open by a client
 * does not hold the server's close until the client's own idle timeout.
 */
export function registerDraining(app: FastifyInstance) {
  let draining = false;
  app.addHook("onRequest", async (request) => {
    if (!draining || request.routeOptions.url !== "/readyz") return;
    throw new ProblemError("not_ready", {
      detail: "The service is shutting down; another instance may take the request",
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
