import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { Store } from "../../storage/store.js";
import { type Authenticate, apiKeyOf, requireApiKey } from "../authenticate.js";
import { rateLimitHeaders } from "../documented-headers.js";
import { ProblemError } from "../problem-catalogue.js";
import { AUTHENTICATION_PROBLEMS, problemResponses } from "../problem-responses.js";
import { SubmissionSchema } from "../response-schemas.js";
import { toSubmissionBody } from "../submission-body.js";
import { SubmissionIdParam } from "./route-params.js";

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
        operationId: "getSubmission",
        tags: ["customer orders"],
        summary: "What became of a submission",
        description:
          "Poll this after a 202 (the Location header names it): status is accepted until the processor " +
          "has applied the submission, then processed with an outcome, or failed with a reason. Only keys " +
          "allowed for the submission's organisation see it; any other key gets 404, as for an unknown id.",
        security: [{ basicAuth: [] }],
        params: Type.Object({ id: SubmissionIdParam }),
        response: {
          200: { ...SubmissionSchema, headers: rateLimitHeaders },
          ...problemResponses(...AUTHENTICATION_PROBLEMS, "not_found", "internal_error"),
        },
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
