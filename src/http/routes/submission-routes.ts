import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { ProblemError } from "../../domain/error-catalogue.js";
import type { Store, SubmissionRecord } from "../../storage/store.js";
import { type Authenticate, apiKeyOf, requireApiKey } from "../authenticate.js";
import { problemResponses, SubmissionSchema } from "../response-schemas.js";

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `GET /v4/customer_orders/{id}`: what became of a submission, for keys allowed for its organisation. */
export function registerSubmissionRoutes(
  app: FastifyInstance,
  deps: { store: Store; authenticate: Authenticate },
) {
  app.get<{ Params: { id: string } }>(
    "/v4/customer_orders/:id",
    {
      onRequest: requireApiKey(deps.authenticate),
      schema: {
        tags: ["customer orders"],
        summary: "What became of a submission",
        security: [{ basicAuth: [] }],
        params: Type.Object({ id: Type.String({ format: "uuid" }) }),
        response: { 200: SubmissionSchema, ...problemResponses(401, 404, 429) },
      },
    },
    async (request) => {
      const key = apiKeyOf(request);
      const { id } = request.params;
      const submission = UUID_PATTERN.test(id)
        ? await deps.store.findSubmission(id.toLowerCase())
        : undefined;
      // Another organisation's submission is answered exactly like a missing one: ids reveal nothing.
      if (!submission || !key.trkrefs.includes(submission.trkref)) {
        throw new ProblemError("not_found", { detail: `No submission ${id} visible to this API key` });
      }
      return toSubmissionBody(submission);
    },
  );
}

/** A submission's state, as listed under an order. */
export function summariseSubmission(submission: SubmissionRecord) {
  return {
    id: submission.id,
    status: submission.status,
    outcome: submission.outcome,
    failure_reason: submission.failureReason,
    accepted_at: submission.acceptedAt,
    processed_at: submission.processedAt,
  };
}

function toSubmissionBody(submission: SubmissionRecord) {
  return { ...summariseSubmission(submission), trkref: submission.trkref, order_ref: submission.orderRef };
}
