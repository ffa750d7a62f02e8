import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { Store } from "../../storage/store.js";
import { type Authenticate, requireApiKey } from "../authenticate.js";
import { rateLimitHeaders } from "../documented-headers.js";
import { OrderListQuerySchema, OrderListSchema } from "../listing/listing-schemas.js";
import { readOrderPage } from "../listing/order-listing.js";
import { problemResponses, TRKREF_READ_PROBLEMS } from "../problem-responses.js";
import { checkKeyActsFor } from "./organisation-access.js";
import { TrkrefParam } from "./route-params.js";

/** `GET /v4/organisations/{trkref}/customer_orders`: the organisation's orders, a page at a time. */
export function registerOrderListRoutes(
  app: FastifyInstance,
  deps: { store: Pick<Store, "listOrders" | "listSubmissionsForOrders">; authenticate: Authenticate },
) {
  app.get<{ Params: { trkref: string } }>(
    "/v4/organisations/:trkref/customer_orders",
    {
      onRequest: requireApiKey(deps.authenticate),
      schema: {
        operationId: "listCustomerOrders",
        tags: ["customer orders"],
        summary: "The organisation's orders, a page at a time",
        description:
          "Every processed order of the organisation, each as its read-back answers it, sorted by when it " +
          "was created (with updated_after, by when it was last updated), then by order_ref; newest first " +
          "unless order=oldest. Follow next (send it as cursor, with the same other parameters) until it " +
          "is null. 404 when the key may not act for the organisation, as for the read-back.",
        security: [{ basicAuth: [] }],
        params: Type.Object({ trkref: TrkrefParam }),
        querystring: OrderListQuerySchema,
        response: {
          200: { ...OrderListSchema, headers: rateLimitHeaders },
          ...problemResponses(...TRKREF_READ_PROBLEMS, "invalid_query"),
        },
      },
    },
    async (request) => {
      const { trkref } = request.params;
      // As for the read-back: an organisation the key may not act for is answered like one that does not exist.
      checkKeyActsFor(request, trkref);
      return readOrderPage(deps.store, trkref, request.query);
    },
  );
}
