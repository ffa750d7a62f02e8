import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { invitationWire } from "../../domain/invitation-events.js";
import type { InvitationStore } from "../../storage/invitation-store.js";
import { type Authenticate, requireApiKey } from "../authenticate.js";
import { rateLimitHeaders } from "../documented-headers.js";
import { readInvitationPage } from "../listing/invitation-listing.js";
import { InvitationListQuerySchema, InvitationListSchema } from "../listing/invitation-listing-schemas.js";
import { ProblemError } from "../problem-catalogue.js";
import { problemResponses, TRKREF_READ_PROBLEMS, TRKREF_WRITE_PROBLEMS } from "../problem-responses.js";
import { requireOrganisation } from "./erasure-request-routes.js";
import { errorCount } from "./erasure-request-schemas.js";
import { readInvitationCancellation } from "./invitation-bodies.js";
import {
  CancelledInvitationSchema,
  InvitationCancellationBodySchema,
  InvitationIdParam,
  InvitationSchema,
} from "./invitation-schemas.js";
import { TrkrefParam } from "./route-params.js";

/** What the invitation routes need: the store's invitations, the authenticator and a clock. */
export interface InvitationRouteDeps {
  store: Pick<InvitationStore, "listInvitations" | "findInvitation" | "cancelInvitation">;
  authenticate: Authenticate;
  now: () => Date;
}

type InvitationRequest = FastifyRequest<{ Params: { trkref: string; id: string } }>;

const COLLECTION = "/v4/organisations/:trkref/invitations";
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that is no UUID names no invitation: no store is asked for it. */
export const invitationIdOf = (id: string): string | undefined =>
  UUID_PATTERN.test(id) ? id.toLowerCase() : undefined;

export const invitationNotFound = (id: string, trkref?: string) =>
  new ProblemError("not_found", {
    detail: `No invitation ${id.slice(0, 64)}${trkref ? ` of ${trkref}` : ""} this API key may act for`,
  });

/**
 * `GET /v4/organisations/{trkref}/invitations`, `GET …/{id}` and `POST …/{id}/cancellation`: the review
 * invitations processing scheduled for the organisation's orders, and a merchant's request that one not be
 * sent. Another organisation's trkref is 404, as for its orders.
 */
export function registerInvitationRoutes(app: FastifyInstance, deps: InvitationRouteDeps): void {
  const onRequest = [requireApiKey(deps.authenticate), requireOrganisation];
  const tags = ["invitations"];
  const security = [{ basicAuth: [] }];
  const invitationParams = Type.Object({ trkref: TrkrefParam, id: InvitationIdParam });

  app.get<{ Params: { trkref: string } }>(
    COLLECTION,
    {
      onRequest,
      schema: {
        operationId: "listInvitations",
        tags,
        summary: "The organisation's review invitations, a page at a time",
        description:
          "Every invitation processing scheduled for the organisation's orders, oldest first, filtered by " +
          "status, order_ref and due_before. Follow next (send it as cursor, with the same filters) until " +
          "it is null. 404 when the key may not act for the organisation.",
        security,
        params: Type.Object({ trkref: TrkrefParam }),
        querystring: InvitationListQuerySchema,
        response: {
          200: { ...InvitationListSchema, headers: rateLimitHeaders },
          ...problemResponses(...TRKREF_READ_PROBLEMS, "invalid_query"),
        },
      },
    },
    async (request) => readInvitationPage(deps.store, request.params.trkref, request.query),
  );
  app.get<{ Params: { trkref: string; id: string } }>(
    `${COLLECTION}/:id`,
    {
      onRequest,
      schema: {
        operationId: "getInvitation",
        tags,
        summary: "One review invitation of the organisation",
        description:
          "The invitation: its status, due time, products and what the mailer reported of it. 404 for an " +
          "id that is not one of the organisation's invitations, whosever it is.",
        security,
        params: invitationParams,
        response: {
          200: { ...InvitationSchema, headers: rateLimitHeaders },
          ...problemResponses(...TRKREF_READ_PROBLEMS),
        },
      },
    },
    async (request: InvitationRequest) => {
      const { trkref, id } = request.params;
      const own = invitationIdOf(id);
      const found = own === undefined ? undefined : await deps.store.findInvitation(trkref, own);
      if (!found) throw invitationNotFound(id, trkref);
      return invitationWire(found);
    },
  );
  app.post<{ Params: { trkref: string; id: string } }>(
    `${COLLECTION}/:id/cancellation`,
    {
      onRequest,
      schema: {
        operationId: "cancelInvitation",
        tags,
        summary: "Cancel a review invitation: it will not be sent",
        description:
          "Cancels a scheduled invitation (reason requested), leaving its order as it is. Cancelling one " +
          "that is cancelled already answers it as it is. One that is due (handed to the mailer) or " +
          "skipped can no longer be cancelled (409). Takes no body, or {}.",
        security,
        params: invitationParams,
        body: InvitationCancellationBodySchema,
        response: {
          200: { ...CancelledInvitationSchema, headers: rateLimitHeaders },
          ...problemResponses(
            ...TRKREF_WRITE_PROBLEMS,
            "invitation_not_cancellable",
            "invalid_cancellation",
            "store_unavailable",
          ),
        },
      },
    },
    (request: InvitationRequest) => cancelInvitation(deps, request),
  );
}

async function cancelInvitation(deps: InvitationRouteDeps, request: InvitationRequest) {
  const { trkref, id } = request.params;
  const reading = readInvitationCancellation(request.body);
  if (!reading.ok) {
    throw new ProblemError("invalid_cancellation", {
      detail: `The cancellation has ${errorCount(reading.errors.length)}; nothing was cancelled`,
      errors: reading.errors,
    });
  }
  const own = invitationIdOf(id);
  if (own === undefined) throw invitationNotFound(id, trkref);
  const outcome = await deps.store.cancelInvitation({ trkref, id: own, now: deps.now().toISOString() });
  if (outcome.kind === "not_found") throw invitationNotFound(id, trkref);
  if (outcome.kind === "final") {
    throw new ProblemError("invitation_not_cancellable", {
      detail: `Invitation ${own} is ${outcome.invitation.status}: too late to cancel it`,
    });
  }
  return invitationWire(outcome.invitation);
}
