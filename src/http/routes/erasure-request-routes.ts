import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  type CustomerRefRule,
  hashCustomers,
  MAX_ERASURE_SUBJECTS,
  readErasureRequest,
  recordErasureRequest,
} from "../../processing/erasure-input.js";
import type { PrivacyStore } from "../../storage/privacy-store.js";
import { type Authenticate, apiKeyOf, requireApiKey } from "../authenticate.js";
import { locationHeader, rateLimitHeaders } from "../documented-headers.js";
import { ProblemError } from "../problem-catalogue.js";
import { problemResponses, TRKREF_READ_PROBLEMS, TRKREF_WRITE_PROBLEMS } from "../problem-responses.js";
import {
  AcceptedErasureRequestSchema,
  ErasureRequestIdParam,
  ErasureRequestSchema,
  EXAMPLE_ERASURE_REQUEST_ID,
  errorCount,
  NewErasureRequestSchema,
  toErasureRequestBody,
} from "./erasure-request-schemas.js";
import { checkKeyActsFor } from "./organisation-access.js";
import { TrkrefParam } from "./route-params.js";

/** What the erasure routes need: the ledger, the authenticator, the customer_ref rule and a clock. */
export interface ErasureRequestRouteDeps {
  store: Pick<PrivacyStore, "customerHashKey" | "createErasureRequest" | "findErasureRequest">;
  authenticate: Authenticate;
  /** The order document's rule for a customer_ref (its length: MAX_STRING_LENGTH). */
  customerRefs: CustomerRefRule;
  now: () => Date;
}

type OrganisationRequest = FastifyRequest<{ Params: { trkref: string } }>;
type ErasureRequestRequest = FastifyRequest<{ Params: { trkref: string; id: string } }>;

const COLLECTION = "/v4/organisations/:trkref/erasure_requests";
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const requestLocation = (trkref: string, id: string) => `/v4/organisations/${trkref}/erasure_requests/${id}`;

/**
 * `POST /v4/organisations/{trkref}/erasure_requests` and `GET …/{id}`: a merchant asks for its customers'
 * personal data to be erased (GDPR Art. 17), and follows the request. The route only records it in the
 * ledger; the runner that `serve` starts carries it out, so that the answer never waits for the erasure.
 */
export function registerErasureRequestRoutes(app: FastifyInstance, deps: ErasureRequestRouteDeps): void {
  // Permission is checked before the body is read: another organisation's trkref is 404.
  const onRequest = [requireApiKey(deps.authenticate), requireOrganisation];
  const tags = ["privacy"];
  const security = [{ basicAuth: [] }];

  app.post<{ Params: { trkref: string } }>(
    COLLECTION,
    {
      onRequest,
      schema: {
        operationId: "createErasureRequest",
        tags,
        summary: "Erase customers: their orders, submissions and what events and webhooks held of them",
        description:
          "Records a request to erase what the organisation holds of customers, named by email or by the " +
          `merchant's customer_ref (1 to ${MAX_ERASURE_SUBJECTS} in one request), and answers 202 at ` +
          "once: the service carries it out shortly. Their orders are deleted; their submissions keep " +
          "only the order_ref; their orders' events keep their place in the feed with their data " +
          'redacted to {"erased": true}, and an order.erased event tells of each order deleted; their ' +
          "emails go on the organisation's suppression list, so that later orders of theirs are kept " +
          "without their personal data. Follow it at the Location. The answer names how many customers " +
          "the request has, never which. Every wrong member is reported at once (422).",
        security,
        params: Type.Object({ trkref: TrkrefParam }),
        body: NewErasureRequestSchema,
        response: {
          202: {
            ...AcceptedErasureRequestSchema,
            headers: {
              ...locationHeader(
                "The request's own resource, to follow it",
                requestLocation("DEMO", EXAMPLE_ERASURE_REQUEST_ID),
              ),
              ...rateLimitHeaders,
            },
          },
          ...problemResponses(...TRKREF_WRITE_PROBLEMS, "invalid_erasure_request", "store_unavailable"),
        },
      },
    },
    (request: OrganisationRequest, reply) => createRequest(deps, request, reply),
  );
  app.get<{ Params: { trkref: string; id: string } }>(
    `${COLLECTION}/:id`,
    {
      onRequest,
      schema: {
        operationId: "getErasureRequest",
        tags,
        summary: "An erasure request: pending, or completed with what it erased",
        description:
          "The request's status: pending until the service has carried it out, then completed, with " +
          "when and how many records of each kind it erased. 404 for an id that is not one of the " +
          "organisation's requests, whosever it is.",
        security,
        params: Type.Object({ trkref: TrkrefParam, id: ErasureRequestIdParam }),
        response: {
          200: { ...ErasureRequestSchema, headers: rateLimitHeaders },
          ...problemResponses(...TRKREF_READ_PROBLEMS, "store_unavailable"),
        },
      },
    },
    async (request: ErasureRequestRequest) => {
      const { trkref, id } = request.params;
      const found = UUID_PATTERN.test(id)
        ? await deps.store.findErasureRequest(trkref, id.toLowerCase())
        : undefined;
      if (!found) {
        throw new ProblemError("not_found", { detail: `No erasure request ${id.slice(0, 64)} of ${trkref}` });
      }
      return toErasureRequestBody(found);
    },
  );
}

/** 400 for a malformed trkref, 404 for an organisation the key may not act for (as for one that is not). */
export async function requireOrganisation(request: FastifyRequest) {
  const { trkref } = request.params as { trkref: string };
  checkKeyActsFor(request, trkref);
}

async function createRequest(
  deps: ErasureRequestRouteDeps,
  request: OrganisationRequest,
  reply: FastifyReply,
) {
  const { trkref } = request.params;
  const reading = readErasureRequest(request.body, deps.customerRefs);
  if (!reading.ok) {
    throw new ProblemError("invalid_erasure_request", {
      detail: `The erasure request has ${errorCount(reading.errors.length)}; nothing was recorded`,
      errors: reading.errors,
    });
  }
  const created = await recordErasureRequest(deps.store, {
    trkref,
    subjects: await hashCustomers(deps.store, trkref, reading.list),
    requestedBy: `key:${apiKeyOf(request).id}`,
    requestedAt: deps.now().toISOString(),
  });
  return reply
    .code(202)
    .header("location", requestLocation(trkref, created.id))
    .send(toErasureRequestBody(created));
}
