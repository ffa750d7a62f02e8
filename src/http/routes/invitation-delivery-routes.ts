import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { invitationWire } from "../../domain/invitation-events.js";
import type { InvitationStore } from "../../storage/invitation-store.js";
import { type Authenticate, apiKeyOf, requireApiKey } from "../authenticate.js";
import { rateLimitHeaders } from "../documented-headers.js";
import { ProblemError } from "../problem-catalogue.js";
import { AUTHENTICATION_PROBLEMS, problemResponses } from "../problem-responses.js";
import { errorCount } from "./erasure-request-schemas.js";
import { readDeliveryReport } from "./invitation-bodies.js";
import { invitationIdOf, invitationNotFound } from "./invitation-routes.js";
import { DeliveryAnswerSchema, DeliveryReportBodySchema, InvitationIdParam } from "./invitation-schemas.js";

/** What the delivery route needs: the store's delivery record, the authenticator and a clock. */
export interface InvitationDeliveryRouteDeps {
  store: Pick<InvitationStore, "recordInvitationDelivery">;
  authenticate: Authenticate;
  now: () => Date;
}

type DeliveryRequest = FastifyRequest<{ Params: { id: string } }>;

/**
 * `POST /v4/invitations/{id}/delivery`: the mailer that sent a due invitation reports what became of it. Its
 * path names no organisation, since a mailer knows the invitation from its `invitation.due` event; the key
 * must act for the invitation's organisation, or the invitation is not found, as another organisation's
 * resources are not.
 */
export function registerInvitationDeliveryRoutes(
  app: FastifyInstance,
  deps: InvitationDeliveryRouteDeps,
): void {
  app.post<{ Params: { id: string } }>(
    "/v4/invitations/:id/delivery",
    {
      onRequest: requireApiKey(deps.authenticate),
      schema: {
        operationId: "reportInvitationDelivery",
        tags: ["invitations"],
        summary: "Report what became of a due invitation's email: sent, bounced or complained",
        description:
          "Records the mailer's report on a due invitation. A bounce or a complaint also puts the customer " +
          "on the organisation's suppression list, so that nothing contacts them again and their later " +
          "orders are kept without their personal data. 409 for an invitation that is not due (nothing " +
          "was sent); 404 for one the key may not act for, exactly as for an id that names none.",
        security: [{ basicAuth: [] }],
        params: Type.Object({ id: InvitationIdParam }),
        body: DeliveryReportBodySchema,
        response: {
          200: { ...DeliveryAnswerSchema, headers: rateLimitHeaders },
          ...problemResponses(
            "bad_request",
            ...AUTHENTICATION_PROBLEMS,
            "not_found",
            "invalid_json",
            "payload_too_large",
            "unsupported_media_type",
            "request_timeout",
            "invitation_not_due",
            "invalid_delivery_report",
            "internal_error",
            "store_unavailable",
          ),
        },
      },
    },
    (request: DeliveryRequest) => recordDelivery(deps, request),
  );
}

async function recordDelivery(deps: InvitationDeliveryRouteDeps, request: DeliveryRequest) {
  const { id } = request.params;
  const reading = readDeliveryReport(request.body);
  if (!reading.ok) {
    throw new ProblemError("invalid_delivery_report", {
      detail: `The delivery report has ${errorCount(reading.errors.length)}; nothing was recorded`,
      errors: reading.errors,
    });
  }
  const own = invitationIdOf(id);
  if (own === undefined) throw invitationNotFound(id);
  const outcome = await deps.store.recordInvitationDelivery({
    trkrefs: apiKeyOf(request).trkrefs,
    id: own,
    status: reading.value,
    now: deps.now().toISOString(),
  });
  if (outcome.kind === "not_found") throw invitationNotFound(id);
  if (outcome.kind === "not_due") {
    throw new ProblemError("invitation_not_due", {
      detail: `Invitation ${own} is ${outcome.invitation.status}, not due: nothing was sent to report on`,
    });
  }
  return { invitation: invitationWire(outcome.invitation), suppressed: outcome.suppressed };
}
