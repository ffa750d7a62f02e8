import type { FastifyInstance } from "fastify";
import { ProblemError } from "../../domain/error-catalogue.js";
import type { Store } from "../../storage/store.js";
import { sendProblem } from "../problem-details.js";

/**
 * `/healthz`: the process answers. `/readyz`: it can take orders: the store answers (and, see draining.ts,
 * the service is not shutting down).
 */
export function registerHealthRoutes(app: FastifyInstance, store: Store): void {
  app.get("/healthz", { schema: { tags: ["operations"], summary: "The process is alive" } }, async () => ({
    status: "ok",
  }));
  app.get(
    "/readyz",
    { schema: { tags: ["operations"], summary: "The service can take orders" } },
    async (_, reply) => {
      try {
        await store.ping();
      } catch (error) {
        return sendProblem(
          reply,
          new ProblemError("not_ready", { detail: "The store does not answer", cause: error }),
        );
      }
      return { status: "ready" };
    },
  );
}
