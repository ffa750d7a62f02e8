import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { cancellationWire, invitationWire } from "../../domain/invitation-events.js";
import type { Store } from "../../storage/store.js";
import { type Authenticate, apiKeyOf, requireApiKey } from "../authenticate.js";
import { rateLimitHeaders } from "../documented-headers.js";
import { toOrderBody } from "../order-body.js";
import { ProblemError } from "../problem-catalogue.js";
import { problemResponses, TRKREF_READ_PROBLEMS } from "../problem-responses.js";
import { OrderReadBackSchema } from "./invitation-schemas.js";
import { checkPathTrkref, OrderRefParam, TrkrefParam } from "./route-params.js";

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
        operationId: "getCustomerOrder",
        tags: ["customer orders"],
        summary: "The order as it stands after every processed submission for it",
        description:
          "The order in normalised form (ISO dates, prices with a decimal dot, codes in canonical case), " +
          "with the submissions that built it, its review invitation and its cancellation (each null when " +
          "it has none). 404 until a submission for it has been processed: poll the submission's status " +
          "first.",
        security: [{ basicAuth: [] }],
        params: Type.Object({ trkref: TrkrefParam, order_ref: OrderRefParam }),
        response: {
          200: { ...OrderReadBackSchema, headers: rateLimitHeaders },
          ...problemResponses(...TRKREF_READ_PROBLEMS),
        },
      },
    },
    async (request) => {
      const { trkref, order_ref: orderRef } = request.params;
      checkPathTrkref(trkref);
      // An organisation the key may not act for is answered like an order that does not exist.
      // No order_ref holds a NUL (the validator refuses it), so such a path names nothing.
      const stored =
        apiKeyOf(request).trkrefs.includes(trkref) && !orderRef.includes("\u0000")
          ? await deps.store.findOrder(trkref, orderRef)
          : undefined;
      if (!stored) throw new ProblemError("not_found", { detail: orderNotFoundDetail(trkref, orderRef) });
      const [submissions, state] = await Promise.all([
        deps.store.listSubmissionsForOrder(trkref, orderRef),
        deps.store.findOrderInvitation(trkref, orderRef),
      ]);
      return {
        ...toOrderBody(stored, submissions),
        invitation: state.invitation && invitationWire(state.invitation),
        cancellation: state.cancellation && cancellationWire(state.cancellation),
      };
    },
  );
}

function orderNotFoundDetail(trkref: string, orderRef: string): string {
  return `No processed order ${JSON.stringify(orderRef)} of ${trkref} visible to this API key; a submission accepted moments ago may not be processed yet`;
}
