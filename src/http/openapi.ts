import swagger from "@fastify/swagger";
import type { FastifyInstance } from "fastify";

/**
 * Generates the OpenAPI 3.1 document from the routes' own schemas (the same TypeBox schemas the domain is
 * described by), so the reference cannot drift from the code. Served at `GET /openapi.json`.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "order-intake",
        version,
        description:
          "Durable intake of customer orders, wire-compatible with the v4 customer-order API. " +
          "A 202 means the order is committed to disk; processing follows asynchronously.",
      },
      components: { securitySchemes: { basicAuth: { type: "http", scheme: "basic" } } },
      tags: [
        { name: "customer orders", description: "Submit orders and follow what became of them" },
        { name: "operations", description: "Health, readiness and the API description" },
      ],
    },
  });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
}
