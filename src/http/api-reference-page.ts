import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { redirectWithNote } from "./html-answers.js";

/** Where the interactive API reference is served. */
export const API_REFERENCE_PATH = "/docs";

/**
 * The page may load and call nothing but this service: its scripts, styles and fonts come from
 * `node_modules` through this server, and "Try it out" sends requests to this same origin. Inline scripts
 * are refused, which the page has none of; images may be data: URIs, as Swagger UI draws its icons so.
 */
const CONTENT_SECURITY_POLICY = {
  "default-src": "'self'",
  "base-uri": "'self'",
  "connect-src": "'self'",
  "font-src": "'self' data:",
  "form-action": "'self'",
  "frame-ancestors": "'self'",
  "img-src": "'self' data:",
  "object-src": "'none'",
  "script-src": "'self'",
  "script-src-attr": "'none'",
  "style-src": "'self'",
};

/**
 * `GET /docs`: the interactive API reference (Swagger UI), rendered from the OpenAPI document that
 * `registerOpenApi` generates, where a developer can authorise with an API key and send the examples to this
 * service; `GET /` redirects there, so that the service's bare URL leads to its documentation. These routes
 * need no credentials and are left out of the OpenAPI document.
 */
export async function registerApiReferencePage(app: FastifyInstance): Promise<void> {
  // 302, not 301: a browser keeps a permanent redirect for good, and the root may one day answer itself.
  app.get("/", { schema: { hide: true } }, (_request, reply) =>
    redirectWithNote(reply, 302, API_REFERENCE_PATH),
  );
  await app.register(swaggerUi, {
    routePrefix: API_REFERENCE_PATH,
    staticCSP: CONTENT_SECURITY_POLICY,
    theme: { title: "order-intake API reference" },
    uiConfig: {
      // Without the top bar, whose address box would load API descriptions from elsewhere.
      layout: "BaseLayout",
      docExpansion: "list",
      defaultModelExpandDepth: 3,
      displayRequestDuration: true,
      // Secrets stay in the page's memory only, never in the browser's storage.
      persistAuthorization: false,
    },
  });
}
