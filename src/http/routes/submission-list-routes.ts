import type { FastifyInstance } from "fastify";
import type { Store } from "../../storage/store.js";
import { type Authenticate, apiKeyOf, requireApiKey } from "../authenticate.js";
import { rateLimitHeaders } from "../documented-headers.js";
import { SubmissionListQuerySchema, SubmissionListSchema } from "../listing/listing-schemas.js";
import { readSubmissionPage } from "../listing/submission-listing.js";
import { AUTHENTICATION_PROBLEMS, problemResponses } from "../problem-responses.js";

/** `GET /v4/customer_orders?status=…&trkref=…`: an organisation's submissions in one status, a page at a time. */
export function registerSubmissionListRoutes(
  app: FastifyInstance,
  deps: { store: Pick<Store, "listSubmissionsByStatus">; authenticate: Authenticate },
) {
  app.get(
    "/v4/customer_orders",
    {
      onRequest: requireApiKey(deps.authenticate),
      schema: {
        operationId: "listSubmissions",
        tags: ["customer orders"],
        summary: "An organisation's submissions in one status, a page at a time",
        description:
          "The submissions of one organisation in one status (status=failed: what processing refused), " +
          "each as its status answers it, in the order they were accepted, newest first unless " +
          "order=oldest. Follow next (send it as cursor, with the same other parameters) until it is " +
          "null. 403 when the key may not act for the trkref.",
        security: [{ basicAuth: [] }],
        querystring: SubmissionListQuerySchema,
        response: {
          200: { ...SubmissionListSchema, headers: rateLimitHeaders },
          ...problemResponses(
            "invalid_query",
            ...AUTHENTICATION_PROBLEMS,
            "key_not_allowed",
            "internal_error",
          ),
        },
      },
    },
    async (request) => readSubmissionPage(deps.store, apiKeyOf(request), request.query),
  );
}
