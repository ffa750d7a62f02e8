import swagger from "@fastify/swagger";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { describeApi, type OverviewSettings } from "./api-overview.js";
import { ProblemSchema } from "./response-schemas.js";

/**
 * Generates the OpenAPI 3.1 document from the routes' own schemas (the same TypeBox schemas the domain is
 * described by) and this instance's limits, so the reference cannot drift from the code. Served at
 * `GET /openapi.json`, and rendered by the reference page at `/docs`.
 */
export async function registerOpenApi(
  app: FastifyInstance,
  options: { version: string; settings: OverviewSettings },
): Promise<void> {
  await app.register(swagger, {
    // Shared schemas appear under components by their own $id ("Problem") rather than a number.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "order-intake",
        version: options.version,
        description: describeApi(options.settings),
      },
      components: {
        securitySchemes: {
          basicAuth: {
            type: "http",
            scheme: "basic",
            description:
              "HTTP Basic: the username is the API key id (oik_…), the password its secret (ois_…). An " +
              "operator issues keys with `order-intake key create --org <TRKREF>`; the secret is shown once.",
          },
        },
      },
      tags: [
        { name: "customer orders", description: "Submit orders and follow what became of them" },
        { name: "organisations", description: "The organisations an API key may act for" },
        { name: "events", description: "What happened to the orders: the feed, and webhooks that send it" },
        { name: "privacy", description: "Erase customers' personal data, and keep it from being stored" },
        {
          name: "invitations",
          description: "Review invitations: scheduled from the orders, cancelled, released to the mailer",
        },
        { name: "operations", description: "Health, readiness, metrics and the API description" },
      ],
    },
  });
  // Shared by every problem answer: described once, under components.
  app.addSchema(ProblemSchema);
  app.get(
    "/openapi.json",
    {
      schema: {
        operationId: "getOpenApiDocument",
        tags: ["operations"],
        summary: "This API description",
        description: "The OpenAPI 3.1 document, generated from the routes. Needs no credentials.",
        response: {
          200: Type.Object(
            { openapi: Type.Literal("3.1.0") },
            {
              additionalProperties: true,
              description: "The OpenAPI document",
              examples: [
                { openapi: "3.1.0", info: { title: "order-intake", version: options.version }, paths: {} },
              ],
            },
          ),
        },
      },
    },
    async () => app.swagger(),
  );
}
