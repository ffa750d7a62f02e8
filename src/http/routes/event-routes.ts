import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { EventStore } from "../../storage/store.js";
import { type Authenticate, requireApiKey } from "../authenticate.js";
import { rateLimitHeaders } from "../documented-headers.js";
import { readEventPage } from "../listing/event-listing.js";
import { EventListQuerySchema, EventListSchema } from "../listing/event-schemas.js";
import { problemResponses, TRKREF_READ_PROBLEMS } from "../problem-responses.js";
import { checkKeyActsFor } from "./organisation-access.js";
import { TrkrefParam } from "./route-params.js";

/** `GET /v4/organisations/{trkref}/events`: the organisation's events, oldest first, after a cursor. */
export function registerEventRoutes(
  app: FastifyInstance,
  deps: { store: Pick<EventStore, "listEvents">; authenticate: Authenticate },
) {
  app.get<{ Params: { trkref: string } }>(
    "/v4/organisations/:trkref/events",
    {
      onRequest: requireApiKey(deps.authenticate),
      schema: {
        operationId: "listEvents",
        tags: ["events"],
        summary: "The organisation's events, oldest first, after a cursor",
        description:
          "Every change processing made to the organisation's orders (order.created, order.updated) and " +
          "every submission it failed (submission.failed), in the order they were committed. Keep the " +
          "page's next and send it as cursor to read the events after it: a consumer that stores it reads " +
          "each event once, in order, across restarts on either side. Events are kept for " +
          "EVENT_RETENTION_DAYS (30 unless the operator set more). 404 when the key may not act for the " +
          "organisation, as for the read-back.",
        security: [{ basicAuth: [] }],
        params: Type.Object({ trkref: TrkrefParam }),
        querystring: EventListQuerySchema,
        response: {
          200: { ...EventListSchema, headers: rateLimitHeaders },
          ...problemResponses(...TRKREF_READ_PROBLEMS, "invalid_query"),
        },
      },
    },
    async (request) => {
      const { trkref } = request.params;
      checkKeyActsFor(request, trkref);
      return readEventPage(deps.store, trkref, request.query);
    },
  );
}
