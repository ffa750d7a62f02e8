import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { ProblemError } from "../../domain/error-catalogue.js";
import type { Store } from "../../storage/store.js";
import { sendProblem } from "../problem-details.js";
import { problemResponses } from "../problem-responses.js";

const statusBody = (status: string, description: string) =>
  Type.Object({ status: Type.Literal(status) }, { description, examples: [{ status }] });

/**
 * `/healthz`: the process answers. `/readyz`: it can take orders: the store answers (and, see draining.ts,
 * the service is not shutting down).
 */
export function registerHealthRoutes(app: FastifyInstance, store: Store): void {
  app.get(
    "/healthz",
    {
      schema: {
        operationId: "getHealth",
        tags: ["operations"],
        summary: "The process is alive",
        description: "For a liveness probe: answers while the process runs. Needs no credentials.",
        response: { 200: statusBody("ok", "The process runs") },
      },
    },
    async () => ({ status: "ok" }),
  );
  app.get(
    "/readyz",
    {
      schema: {
        operationId: "getReadiness",
        tags: ["operations"],
        summary: "The service can take orders",
        description:
          "For a load balancer's readiness probe: 503 when the store does not answer or the service is " +
          "shutting down (it still serves every other request meanwhile). Needs no credentials.",
        response: { 200: statusBody("ready", "The store answers"), ...problemResponses("not_ready") },
      },
    },
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
