import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import {
  MAX_ERASURE_SUBJECTS,
  readSuppressionRequest,
  suppressEmails,
} from "../../processing/erasure-input.js";
import type { PrivacyStore } from "../../storage/privacy-store.js";
import { type Authenticate, requireApiKey } from "../authenticate.js";
import { rateLimitHeaders } from "../documented-headers.js";
import { ProblemError } from "../problem-catalogue.js";
import { problemResponses, TRKREF_WRITE_PROBLEMS } from "../problem-responses.js";
import { requireOrganisation } from "./erasure-request-routes.js";
import { errorCount, NewSuppressionsSchema, SuppressionOutcomeSchema } from "./erasure-request-schemas.js";
import { TrkrefParam } from "./route-params.js";

/** What the suppression route needs: the organisation's list, the authenticator and a clock. */
export interface SuppressionRouteDeps {
  store: Pick<PrivacyStore, "customerHashKey" | "addSuppressions">;
  authenticate: Authenticate;
  now: () => Date;
}

/**
 * `POST /v4/organisations/{trkref}/suppressions`: a merchant asks that customers' personal data no longer be
 * kept (an objection, an unsubscribed customer), without erasing what is already stored. Only the emails'
 * keyed hashes are kept; the list is never shown, so no answer can give an email away.
 */
export function registerSuppressionRoutes(app: FastifyInstance, deps: SuppressionRouteDeps): void {
  app.post<{ Params: { trkref: string } }>(
    "/v4/organisations/:trkref/suppressions",
    {
      onRequest: [requireApiKey(deps.authenticate), requireOrganisation],
      schema: {
        operationId: "addSuppressions",
        tags: ["privacy"],
        summary: "Suppress customers: keep their later orders without their personal data",
        description:
          `Puts 1 to ${MAX_ERASURE_SUBJECTS} emails on the organisation's suppression list. An order of ` +
          "a suppressed customer is still accepted, and kept without the customer's data (only the " +
          "country stays) and the items' metadata; its 202 carries the warning customer_suppressed. What is " +
          "already stored is left as it is: to remove it, ask for an erasure. An email already on the " +
          "list is left there and counted apart. Every wrong member is reported at once (422).",
        security: [{ basicAuth: [] }],
        params: Type.Object({ trkref: TrkrefParam }),
        body: NewSuppressionsSchema,
        response: {
          200: { ...SuppressionOutcomeSchema, headers: rateLimitHeaders },
          ...problemResponses(...TRKREF_WRITE_PROBLEMS, "invalid_suppression_request", "store_unavailable"),
        },
      },
    },
    async (request: FastifyRequest<{ Params: { trkref: string } }>) => {
      const reading = readSuppressionRequest(request.body);
      if (!reading.ok) {
        throw new ProblemError("invalid_suppression_request", {
          detail: `The suppression request has ${errorCount(reading.errors.length)}; nothing was added`,
          errors: reading.errors,
        });
      }
      const outcome = await suppressEmails(deps.store, {
        trkref: request.params.trkref,
        emails: reading.list.values,
        reason: "requested",
        at: deps.now().toISOString(),
      });
      return { added: outcome.added, already_suppressed: outcome.alreadySuppressed };
    },
  );
}
