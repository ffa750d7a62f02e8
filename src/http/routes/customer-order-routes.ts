import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { MAX_DOCUMENT_DEPTH, MAX_REF_LENGTH, type OrderLimits } from "../../domain/order-limits.js";
import { createCustomerOrderSchema } from "../../domain/order-schema.js";
import { newRecordId } from "../../domain/record-id.js";
import { submissionRefusal } from "../../domain/submission-permission.js";
import { type OrderValidation, validateOrder } from "../../domain/validate-order.js";
import { type Authenticate, apiKeyOf } from "../authenticate.js";
import type { Lookups } from "../cached-lookups.js";
import { idempotentReplayedHeader, locationHeader, rateLimitHeaders } from "../documented-headers.js";
import { IdempotencyKeyHeader } from "../idempotency-key.js";
import { jsonAnswer, type RunIntake } from "../intake-runner.js";
import { ProblemError } from "../problem-catalogue.js";
import { AUTHENTICATION_PROBLEMS, problemResponses } from "../problem-responses.js";
import { AcceptedSchema, EXAMPLE_SUBMISSION_ID } from "../response-schemas.js";
import { submissionContent, warningsFor } from "../submission-privacy.js";
import type { SuppressionList } from "../suppression-list.js";
import { checkPathTrkref, TrkrefParam } from "./route-params.js";

export interface CustomerOrderRouteDeps {
  lookups: Lookups;
  authenticate: Authenticate;
  runIntake: RunIntake;
  /** Which customers are suppressed: their orders are stored without their data. */
  suppressions: SuppressionList;
  limits: OrderLimits;
  /** Largest body accepted, for the API description (the app enforces it). */
  maxBodyBytes: number;
  now: () => Date;
}

type OrderRequest = FastifyRequest<{ Params: { trkref: string } }>;

export const submissionLocation = (id: string) => `/v4/customer_orders/${id}`;

/** `POST /v4/organisations/{trkref}/customer_order`: validate, commit durably, answer 202. */
export function registerCustomerOrderRoutes(app: FastifyInstance, deps: CustomerOrderRouteDeps): void {
  app.post(
    "/v4/organisations/:trkref/customer_order",
    {
      schema: {
        operationId: "submitCustomerOrder",
        tags: ["customer orders"],
        summary: "Submit one customer order",
        description: submitDescription(deps),
        security: [{ basicAuth: [] }],
        params: Type.Object({ trkref: TrkrefParam }),
        headers: IdempotencyKeyHeader,
        body: createCustomerOrderSchema(deps.limits),
        response: {
          202: {
            ...AcceptedSchema,
            headers: {
              ...locationHeader(
                "The submission's status resource: GET it to follow the order",
                submissionLocation(EXAMPLE_SUBMISSION_ID),
              ),
              ...rateLimitHeaders,
              ...idempotentReplayedHeader,
            },
          },
          ...problemResponses(
            "invalid_json",
            "invalid_trkref",
            "invalid_idempotency_key",
            "bad_request",
            ...AUTHENTICATION_PROBLEMS,
            "key_not_allowed",
            "feature_disabled",
            "request_timeout",
            "idempotency_key_in_flight",
            "payload_too_large",
            "unsupported_media_type",
            "no_data",
            "validation_failed",
            "idempotency_key_reused",
            "internal_error",
            "store_unavailable",
            "overloaded",
          ),
        },
      },
      // Before the body is read: an unauthorised client cannot make the service parse megabytes.
      onRequest: async (request: OrderRequest, reply) => {
        request.apiKey = await authoriseForOrganisation(deps, request, reply);
      },
    },
    (request: OrderRequest, reply) =>
      deps.runIntake(request, reply, async () => {
        const { trkref } = request.params;
        const result = validateOrder(request.body, deps.limits, { pathTrkref: trkref, today: deps.now() });
        if (!result.ok) throw validationProblem(result);
        const customer = await deps.suppressions.assessOrder(result.order);
        const id = newRecordId();
        const submission = {
          id,
          keyId: apiKeyOf(request).id,
          ...submissionContent(result.order, request.rawBody ?? JSON.stringify(request.body), customer),
          acceptedAt: deps.now().toISOString(),
        };
        const answered = warningsFor(result.warnings, customer);
        const warnings = answered.length > 0 ? { warnings: answered } : {};
        const body = { status: 202, id, message: "Customer order accepted", ...warnings };
        return {
          write: { submissions: [submission] },
          answer: jsonAnswer(202, body, { location: submissionLocation(id) }),
        };
      }),
  );
}

function submitDescription(deps: CustomerOrderRouteDeps): string {
  const { maxItemsPerOrder, maxMetadataEntries, maxStringLength, maxMetadataStringLength } = deps.limits;
  return [
    "Checks the order document, reporting every wrong field at once (422), commits it durably, and only " +
      "then answers 202 with the submission id and a Location to poll. Processing into the organisation's " +
      "order records follows asynchronously.",
    `Limits: a body of at most ${deps.maxBodyBytes} bytes (413), ${maxItemsPerOrder} items per order, ` +
      `${maxMetadataEntries} metadata entries per item, free-text fields of ${maxStringLength} characters, ` +
      `metadata strings of ${maxMetadataStringLength}, order_ref and sku of ${MAX_REF_LENGTH} ` +
      `(422 too_many or too_long), ${MAX_DOCUMENT_DEPTH} levels of nesting in an order (422 too_deep). ` +
      "A number a 64-bit float cannot hold exactly (1.0000000000000001, 1e-400, 30 digits) is refused " +
      "(422 inexact_number) rather than stored rounded: send it as a string.",
    "Send Content-Type: application/json in UTF-8 (a body without Content-Type is read as JSON too, as " +
      "the original API did, unless a browser sent it from another site). Unknown fields are ignored and " +
      "listed as warnings. " +
      "The same document sent twice is two submissions; send an Idempotency-Key to make a retry safe.",
  ].join("\n\n");
}

/** 401 for bad credentials, 400 for a malformed trkref, 403 when the key or the organisation says no. */
async function authoriseForOrganisation(
  deps: CustomerOrderRouteDeps,
  request: OrderRequest,
  reply: FastifyReply,
) {
  const key = await deps.authenticate(request, reply);
  const { trkref } = request.params;
  checkPathTrkref(trkref);
  const keyMayActFor = key.trkrefs.includes(trkref);
  // The organisation is looked up only for a key that may act for it.
  const organisation = keyMayActFor ? await deps.lookups.findOrganisation(trkref) : undefined;
  const refusal = submissionRefusal(trkref, {
    keyMayActFor,
    organisationEnabled: organisation?.enabled === true,
  });
  if (refusal) throw new ProblemError(refusal.code, { detail: refusal.message });
  return key;
}

/** The 422 answer for a document that failed validation, with every error found. */
export function validationProblem(result: Extract<OrderValidation, { ok: false }>): ProblemError {
  if (result.noData) return new ProblemError("no_data", { errors: result.errors });
  const count = result.errors.length;
  return new ProblemError("validation_failed", {
    detail: `The order has ${count} invalid field${count === 1 ? "" : "s"}`,
    errors: result.errors,
    warnings: result.warnings,
  });
}
