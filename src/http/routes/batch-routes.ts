import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { assessBatch, trkrefsNamedIn } from "../../domain/assess-batch.js";
import type { BatchOrderResult } from "../../domain/batch-result.js";
import { DEMO_TRKREF, exampleOrder, minimalExampleOrder } from "../../domain/order-example.js";
import type { OrderLimits } from "../../domain/order-limits.js";
import { createCustomerOrderSchema } from "../../domain/order-schema.js";
import { newRecordId } from "../../domain/record-id.js";
import type { ApiKeyRecord, NewSubmission, Store } from "../../storage/store.js";
import { type Authenticate, apiKeyOf, requireApiKey } from "../authenticate.js";
import { batchAnswer, batchLocation, toBatchStatus } from "../batch-answers.js";
import type { Lookups } from "../cached-lookups.js";
import { idempotentReplayedHeader, locationHeader, rateLimitHeaders } from "../documented-headers.js";
import { IdempotencyKeyHeader } from "../idempotency-key.js";
import type { RunIntake } from "../intake-runner.js";
import { BATCH_UNAUTHORIZED_MEMBERS } from "../legacy-members.js";
import { ProblemError } from "../problem-catalogue.js";
import { AUTHENTICATION_PROBLEMS, problemResponses, problemResponsesWith } from "../problem-responses.js";
import {
  BatchAnswerSchema,
  BatchStatusSchema,
  batchAnswerExamples,
  EXAMPLE_BATCH_ID,
} from "../response-schemas.js";
import { CUSTOMER_SUPPRESSED_WARNING, customersEchoed, submissionContent } from "../submission-privacy.js";
import type { OrderCustomer, SuppressionList } from "../suppression-list.js";
import { BatchIdParam } from "./route-params.js";

export interface BatchRouteDeps {
  /** Reads batches. */
  store: Store;
  lookups: Lookups;
  authenticate: Authenticate;
  runIntake: RunIntake;
  /** Which customers are suppressed: their orders are stored without their data. */
  suppressions: SuppressionList;
  limits: OrderLimits;
  maxOrdersPerBatch: number;
  maxBatchBodyBytes: number;
  now: () => Date;
}

/** `POST /v4/customer_orders` (a JSON array of orders) and `GET /v4/customer_orders/batches/{id}`. */
export function registerBatchRoutes(app: FastifyInstance, deps: BatchRouteDeps): void {
  app.post(
    "/v4/customer_orders",
    {
      bodyLimit: deps.maxBatchBodyBytes,
      onRequest: requireApiKeyAsTheOriginal(deps.authenticate),
      schema: {
        operationId: "submitCustomerOrderBatch",
        tags: ["customer orders"],
        summary: "Submit a batch of customer orders, each naming its own trkref",
        description: batchDescription(deps),
        security: [{ basicAuth: [] }],
        headers: IdempotencyKeyHeader,
        body: Type.Array(createCustomerOrderSchema(deps.limits), {
          minItems: 1,
          maxItems: deps.maxOrdersPerBatch,
          description: `A JSON array of 1 to ${deps.maxOrdersPerBatch} order documents`,
          examples: [[exampleOrder(DEMO_TRKREF), minimalExampleOrder(DEMO_TRKREF)]],
        }),
        response: {
          202: batchAnswerResponse("Every order was accepted and durably stored", "accepted"),
          206: batchAnswerResponse(
            "Some orders were accepted and durably stored; the rest are listed with their errors",
            "partial",
          ),
          ...problemResponsesWith(
            { unauthorized: BATCH_UNAUTHORIZED_MEMBERS },
            "invalid_json",
            "invalid_idempotency_key",
            "bad_request",
            ...AUTHENTICATION_PROBLEMS,
            "request_timeout",
            "idempotency_key_in_flight",
            "payload_too_large",
            "too_many_orders",
            "unsupported_media_type",
            "no_data",
            "validation_failed",
            "batch_invalid",
            "idempotency_key_reused",
            "internal_error",
            "store_unavailable",
            "overloaded",
          ),
        },
      },
    },
    (request, reply) => deps.runIntake(request, reply, () => prepareBatch(deps, request)),
  );

  app.get<{ Params: { id: string } }>(
    "/v4/customer_orders/batches/:id",
    {
      onRequest: requireApiKey(deps.authenticate),
      schema: {
        operationId: "getCustomerOrderBatch",
        tags: ["customer orders"],
        summary: "A batch and the current status of each of its orders",
        description: "Only the API key that sent the batch sees it; any other key gets 404.",
        security: [{ basicAuth: [] }],
        params: Type.Object({ id: BatchIdParam }),
        response: {
          200: { ...BatchStatusSchema, headers: rateLimitHeaders },
          ...problemResponses(...AUTHENTICATION_PROBLEMS, "not_found", "internal_error"),
        },
      },
    },
    async (request) => {
      const batch = await deps.store.findBatch(request.params.id.toLowerCase());
      // Only the key that sent a batch sees it; any other gets the answer of a batch that does not exist.
      if (!batch || batch.keyId !== apiKeyOf(request).id) {
        throw new ProblemError("not_found", {
          detail: `No batch ${request.params.id} visible to this API key`,
        });
      }
      return toBatchStatus(batch);
    },
  );
}

/** `requireApiKey`, with the original batch endpoint's `"errors": "Unauthorized"` on a 401. */
function requireApiKeyAsTheOriginal(authenticate: Authenticate) {
  const check = requireApiKey(authenticate);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      await check(request, reply);
    } catch (error) {
      if (!(error instanceof ProblemError) || error.code !== "unauthorized") throw error;
      throw new ProblemError("unauthorized", {
        detail: error.message,
        ...(error.headers && { headers: error.headers }),
        extensions: { ...error.extensions, ...BATCH_UNAUTHORIZED_MEMBERS },
      });
    }
  };
}

function batchDescription(deps: BatchRouteDeps): string {
  return [
    "Each order is validated and authorised on its own (an order for an organisation the key may not act " +
      "for is rejected alone); every accepted order is committed, with a record of the batch, before the " +
      "answer: 202 when all were accepted, 206 when some were, a 422 problem when none was. Each accepted " +
      "order gets its own submission id and is processed like a single submission.",
    `Limits: at most ${deps.maxOrdersPerBatch} orders (413 too_many_orders) and ${deps.maxBatchBodyBytes} ` +
      "bytes (413 payload_too_large) per batch; each order within the limits of a single order. Refused as " +
      "a whole, with nothing stored: a body that is not an array, an empty array, and the usual 400, 401, 415.",
  ].join("\n\n");
}

/** A 2xx batch answer as the OpenAPI document describes it. */
function batchAnswerResponse(description: string, example: keyof typeof batchAnswerExamples) {
  return {
    description,
    headers: {
      ...locationHeader("The batch's status resource", batchLocation(EXAMPLE_BATCH_ID)),
      ...rateLimitHeaders,
      ...idempotentReplayedHeader,
    },
    content: {
      "application/json": { schema: BatchAnswerSchema, example: batchAnswerExamples[example] },
    },
  };
}

async function prepareBatch(deps: BatchRouteDeps, request: FastifyRequest) {
  const documents = readBatchDocuments(request.body, deps.maxOrdersPerBatch);
  const key = apiKeyOf(request);
  const { results, accepted } = assessBatch(
    documents,
    deps.limits,
    await permissionsFor(deps.lookups, key, documents),
    newRecordId,
    deps.now(),
  );
  const customers = await deps.suppressions.assess(accepted.map((a) => a.order));
  const id = newRecordId();
  const acceptedAt = deps.now().toISOString();
  const submissions = accepted.map(({ id: submissionId, order, raw }, index) => ({
    id: submissionId,
    keyId: key.id,
    ...submissionContent(order, JSON.stringify(raw), customers[index] as OrderCustomer),
    acceptedAt,
    batchId: id,
  }));
  const answered = withSuppressionWarnings(results, submissions);
  return {
    write: { submissions, batch: { id, keyId: key.id, createdAt: acceptedAt, results: answered } },
    answer: batchAnswer(id, answered, documents),
    customers: customersEchoed(await deps.suppressions.hasher(), answered, documents),
  };
}

/** The results, each accepted order of a suppressed customer with the warning that says so. */
function withSuppressionWarnings(
  results: BatchOrderResult[],
  submissions: readonly NewSubmission[],
): BatchOrderResult[] {
  const suppressed = new Set(submissions.flatMap((s) => (s.suppressed ? [s.id] : [])));
  if (suppressed.size === 0) return results;
  return results.map((result) =>
    result.status === "accepted" && suppressed.has(result.id)
      ? { ...result, warnings: [...(result.warnings ?? []), CUSTOMER_SUPPRESSED_WARNING] }
      : result,
  );
}

/** The array of documents, or a refusal of the whole batch. */
function readBatchDocuments(body: unknown, maxOrders: number): unknown[] {
  if (body === undefined || body === null || (Array.isArray(body) && body.length === 0)) {
    throw new ProblemError("no_data", {
      errors: [{ pointer: "", code: "required", message: "No data provided" }],
    });
  }
  if (!Array.isArray(body)) {
    const errors = [
      { pointer: "", code: "wrong_type" as const, message: "Must be a JSON array of order documents" },
    ];
    throw new ProblemError("validation_failed", { detail: "A batch is a JSON array of orders", errors });
  }
  if (body.length > maxOrders) {
    throw new ProblemError("too_many_orders", {
      detail: `The batch has ${body.length} orders; at most ${maxOrders}`,
    });
  }
  return body;
}

async function permissionsFor(lookups: Lookups, key: ApiKeyRecord, documents: unknown[]) {
  const allowed = new Set(key.trkrefs);
  const named = trkrefsNamedIn(documents).filter((trkref) => allowed.has(trkref));
  const organisations = await Promise.all(named.map((trkref) => lookups.findOrganisation(trkref)));
  const enabled = new Set(organisations.flatMap((org) => (org?.enabled ? [org.trkref] : [])));
  return { allowed, enabled };
}
