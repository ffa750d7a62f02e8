import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { Store } from "../../storage/store.js";
import { withDeadline } from "../../storage/store-deadline.js";
import { ProblemError } from "../problem-catalogue.js";
import { sendProblem } from "../problem-details.js";
import { problemResponses } from "../problem-responses.js";

const statusBody = (status: string, description: string) =>
  Type.Object({ status: Type.Literal(status) }, { description, examples: [{ status }] });

/**
 * `/healthz`: the process answers. `/readyz`: it can take orders: the store commits a write within
 * `timeoutMs` (and, see draining.ts, the service is not shutting down). A write, not a query: a store can
 * answer reads while it refuses every write (a full disk, a standby after a failover), and a load balancer
 * must then send orders elsewhere.
 */
export function registerHealthRoutes(app: FastifyInstance, store: Store, timeoutMs: number): void {
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
          "For a load balancer's readiness probe: 503 when the store does not commit a write within a " +
          "second (it is unreachable, or refuses writes: a full disk, a standby) or the service is shutting " +
          "down (it still serves every other request meanwhile). Needs no credentials.",
        response: { 200: statusBody("ready", "The store takes writes"), ...problemResponses("not_ready") },
      },
    },
    async (_, reply) => {
      try {
        await withDeadline(store.probeWrite(), timeoutMs, "probeWrite");
      } catch (error) {
        const detail = "The store does not take writes now; reads may still be served";
        return sendProblem(reply, new ProblemError("not_ready", { detail, cause: error }));
      }
      return { status: "ready" };
    },
  );
}
