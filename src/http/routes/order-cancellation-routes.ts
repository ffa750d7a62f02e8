import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { cancellationWire, invitationWire } from "../../domain/invitation-events.js";
import type { InvitationStore } from "../../storage/invitation-store.js";
import { type Authenticate, requireApiKey } from "../authenticate.js";
import { rateLimitHeaders } from "../documented-headers.js";
import { ProblemError } from "../problem-catalogue.js";
import { problemResponses, TRKREF_WRITE_PROBLEMS } from "../problem-responses.js";
import { requireOrganisation } from "./erasure-request-routes.js";
import { errorCount } from "./erasure-request-schemas.js";
import { MAX_CANCELLED_SKUS, readOrderCancellation } from "./invitation-bodies.js";
import { OrderCancellationBodySchema, OrderCancellationSchema } from "./invitation-schemas.js";
import { OrderRefParam, TrkrefParam } from "./route-params.js";

/** What the order cancellation route needs: the store's cancellation, the authenticator and a clock. */
export interface OrderCancellationRouteDeps {
  store: Pick<InvitationStore, "cancelOrder">;
  authenticate: Authenticate;
  now: () => Date;
}

type OrderRequest = FastifyRequest<{ Params: { trkref: string; order_ref: string } }>;

const orderNotFound = (trkref: string, orderRef: string) =>
  new ProblemError("not_found", {
    detail: `No processed order ${JSON.stringify(orderRef.slice(0, 255))} of ${trkref}`,
  });

/**
 * `POST /v4/organisations/{trkref}/customer_orders/{order_ref}/cancellation`: the merchant reports an order
 * cancelled, refunded or returned, whole or some of its SKUs, so that its customer is not invited to review
 * what they no longer have. The order itself is kept as it is.
 */
export function registerOrderCancellationRoutes(
  app: FastifyInstance,
  deps: OrderCancellationRouteDeps,
): void {
  app.post<{ Params: { trkref: string; order_ref: string } }>(
    "/v4/organisations/:trkref/customer_orders/:order_ref/cancellation",
    {
      onRequest: [requireApiKey(deps.authenticate), requireOrganisation],
      schema: {
        operationId: "cancelCustomerOrder",
        tags: ["invitations"],
        summary: "Report an order cancelled, refunded or returned: its invitation is cancelled or trimmed",
        description:
          "Records the order's cancellation: of the whole order (no skus), whose scheduled invitation is " +
          "then cancelled and whose later submissions schedule none; or of some SKUs (1 to " +
          `${MAX_CANCELLED_SKUS}), added to those cancelled before and left out of its invitation. ` +
          "Reporting the same again changes nothing; a later submission of the order keeps it. 404 for " +
          "an order the service does not have; 409 order_not_processed, with Retry-After, while its " +
          "first submission waits to be processed. " +
          "Every wrong member is reported at once (422).",
        security: [{ basicAuth: [] }],
        params: Type.Object({ trkref: TrkrefParam, order_ref: OrderRefParam }),
        body: OrderCancellationBodySchema,
        response: {
          200: { ...OrderCancellationSchema, headers: rateLimitHeaders },
          ...problemResponses(
            ...TRKREF_WRITE_PROBLEMS,
            "order_not_processed",
            "invalid_cancellation",
            "store_unavailable",
          ),
        },
      },
    },
    (request: OrderRequest) => cancelOrder(deps, request),
  );
}

async function cancelOrder(deps: OrderCancellationRouteDeps, request: OrderRequest) {
  const { trkref, order_ref: orderRef } = request.params;
  const reading = readOrderCancellation(request.body);
  if (!reading.ok) {
    throw new ProblemError("invalid_cancellation", {
      detail: `The cancellation has ${errorCount(reading.errors.length)}; nothing was cancelled`,
      errors: reading.errors,
    });
  }
  // No order_ref holds a NUL (the validator refuses it), so such a path names nothing.
  if (orderRef.includes("\u0000")) throw orderNotFound(trkref, orderRef);
  const outcome = await deps.store.cancelOrder({
    trkref,
    orderRef,
    reason: reading.value.reason,
    skus: reading.value.skus,
    now: deps.now().toISOString(),
  });
  if (outcome.kind === "not_found") throw orderNotFound(trkref, orderRef);
  if (outcome.kind === "not_processed") {
    throw new ProblemError("order_not_processed", {
      detail: `The first submission of order ${JSON.stringify(orderRef.slice(0, 255))} of ${trkref} is not processed yet; retry in a moment`,
    });
  }
  return {
    order_ref: orderRef,
    cancellation: outcome.cancellation && cancellationWire(outcome.cancellation),
    invitation: outcome.invitation && invitationWire(outcome.invitation),
  };
}
