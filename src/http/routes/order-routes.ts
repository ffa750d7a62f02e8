import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { ProblemError } from "../../domain/error-catalogue.js";
import { isTrkref, TRKREF_PATTERN } from "../../domain/trkref.js";
import type { Store } from "../../storage/store.js";
import { type Authenticate, apiKeyOf, requireApiKey } from "../authenticate.js";
import { problemResponses, StoredOrderSchema } from "../response-schemas.js";
import { summariseSubmission } from "./submission-routes.js";

/** `GET /v4/organisations/{trkref}/customer_orders/{order_ref}`: the order as it stands now. */
export function registerOrderRoutes(
  app: FastifyInstance,
  deps: { store: Store; authenticate: Authenticate },
) {
  app.get<{ Params: { trkref: string; order_ref: string } }>(
    "/v4/organisations/:trkref/customer_orders/:order_ref",
    {
      onRequest: requireApiKey(deps.authenticate),
      schema: {
        tags: ["customer orders"],
        summary: "The order as it stands after every processed submission for it",
        security: [{ basicAuth: [] }],
        params: Type.Object({
          trkref: Type.String({ pattern: TRKREF_PATTERN, maxLength: 64 }),
          order_ref: Type.String({ description: "URL-encoded order_ref" }),
        }),
        response: { 200: StoredOrderSchema, ...problemResponses(400, 401, 404, 429) },
      },
    },
    async (request) => {
      const { trkref, order_ref: orderRef } = request.params;
      if (!isTrkref(trkref))
        throw new ProblemError("invalid_trkref", { detail: `Invalid TRKREF supplied: ${trkref}` });
      // An organisation the key may not act for is answered like an order that does not exist.
      // No order_ref holds a NUL (the validator refuses it), so such a path names nothing.
      const stored =
        apiKeyOf(request).trkrefs.includes(trkref) && !orderRef.includes("\u0000")
          ? await deps.store.findOrder(trkref, orderRef)
          : undefined;
      if (!stored) throw new ProblemError("not_found", { detail: orderNotFoundDetail(trkref, orderRef) });
      const submissions = await deps.store.listSubmissionsForOrder(trkref, orderRef);
      return {
        ...stored.order,
        created_at: stored.createdAt,
        updated_at: stored.updatedAt,
        submissions: submissions.map(summariseSubmission),
      };
    },
  );
}

function orderNotFoundDetail(trkref: string, orderRef: string): string {
  return `No processed order ${JSON.stringify(orderRef)} of ${trkref} visible to this API key; a submission accepted moments ago may not be processed yet`;
}
