import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  addWebhookEndpoint,
  MAX_WEBHOOK_ENDPOINTS,
  readWebhookEndpointInput,
} from "../../processing/webhook-endpoint-input.js";
import type { Attribution } from "../../storage/organisation-store.js";
import type { WebhookEndpoint, WebhookStore } from "../../storage/webhook-store.js";
import { type Authenticate, apiKeyOf, requireApiKey } from "../authenticate.js";
import { locationHeader, rateLimitHeaders } from "../documented-headers.js";
import { ProblemError } from "../problem-catalogue.js";
import { problemResponses, TRKREF_READ_PROBLEMS, TRKREF_WRITE_PROBLEMS } from "../problem-responses.js";
import { checkKeyActsFor } from "./organisation-access.js";
import { TrkrefParam } from "./route-params.js";
import {
  CreatedWebhookEndpointSchema,
  EXAMPLE_WEBHOOK_ENDPOINT_ID,
  NewWebhookEndpointSchema,
  toWebhookEndpointBody,
  WebhookEndpointIdParam,
  WebhookEndpointListSchema,
  WebhookEndpointSchema,
} from "./webhook-endpoint-schemas.js";

/** What the endpoint routes need: the store's endpoints, the authenticator, the URL policy and a clock. */
export interface WebhookEndpointRouteDeps {
  store: Pick<
    WebhookStore,
    "createWebhookEndpoint" | "findWebhookEndpoint" | "listWebhookEndpoints" | "removeWebhookEndpoint"
  >;
  authenticate: Authenticate;
  /** WEBHOOK_ALLOW_PRIVATE_URLS: http and non-public IP literals are accepted. */
  allowPrivateUrls: boolean;
  now: () => Date;
}

type OrganisationRequest = FastifyRequest<{ Params: { trkref: string } }>;
type EndpointRequest = FastifyRequest<{ Params: { trkref: string; id: string } }>;

const COLLECTION = "/v4/organisations/:trkref/webhook_endpoints";
const ENDPOINT_ID = /^we_[a-z2-7]{24}$/;

const endpointLocation = (trkref: string, id: string) =>
  `/v4/organisations/${trkref}/webhook_endpoints/${id}`;

/** The audit log's name for a merchant's action: the API key that made it. */
const byKey = (request: FastifyRequest, now: Date): Required<Attribution> => ({
  actor: `api_key:${apiKeyOf(request).id}`,
  at: now.toISOString(),
});

/**
 * `POST|GET /v4/organisations/{trkref}/webhook_endpoints` and `GET|DELETE …/{id}`: the organisation's
 * endpoints, managed by its merchant. The installation's endpoints (an operator's, receiving every
 * organisation's events) are never shown here: to a merchant they do not exist.
 */
export function registerWebhookEndpointRoutes(app: FastifyInstance, deps: WebhookEndpointRouteDeps): void {
  // Permission is checked before the body is read, as for orders: another organisation's trkref is 404.
  const onRequest = [requireApiKey(deps.authenticate), requireOrganisation];
  const tags = ["events"];
  const security = [{ basicAuth: [] }];
  const params = Type.Object({ trkref: TrkrefParam });
  const endpointParams = Type.Object({ trkref: TrkrefParam, id: WebhookEndpointIdParam });

  app.post<{ Params: { trkref: string } }>(
    COLLECTION,
    {
      onRequest,
      schema: {
        operationId: "createWebhookEndpoint",
        tags,
        summary: "Add a webhook endpoint: the organisation's events are sent to it, signed",
        description:
          "Creates an endpoint to which the organisation's events (of the types given, or of every type) " +
          "are sent as signed Standard Webhooks requests, and answers it with its signing secret, which " +
          "is shown in this answer only. The URL must be https, without a user name, password or " +
          "fragment, and an IP address in it must be public; a host name must resolve to public " +
          `addresses when each request is sent. An organisation may have ${MAX_WEBHOOK_ENDPOINTS} ` +
          "endpoints. Every wrong member is reported at once (422).",
        security,
        params,
        body: NewWebhookEndpointSchema,
        response: {
          201: {
            ...CreatedWebhookEndpointSchema,
            headers: {
              ...locationHeader(
                "The endpoint's own resource",
                endpointLocation("DEMO", EXAMPLE_WEBHOOK_ENDPOINT_ID),
              ),
              ...rateLimitHeaders,
            },
          },
          ...problemResponses(
            ...TRKREF_WRITE_PROBLEMS,
            "too_many_webhook_endpoints",
            "invalid_webhook_endpoint",
            "store_unavailable",
          ),
        },
      },
    },
    (request: OrganisationRequest, reply) => createEndpoint(deps, request, reply),
  );
  app.get<{ Params: { trkref: string } }>(
    COLLECTION,
    {
      onRequest,
      schema: {
        operationId: "listWebhookEndpoints",
        tags,
        summary: "The organisation's webhook endpoints",
        description:
          "Every endpoint of the organisation, oldest first, with its status: a disabled one (its " +
          "receiver answered 410 Gone, or failed every attempt for days) is sent nothing until the " +
          "operator recovers it; its events are kept meanwhile. Never a secret.",
        security,
        params,
        response: {
          200: { ...WebhookEndpointListSchema, headers: rateLimitHeaders },
          ...problemResponses(...TRKREF_READ_PROBLEMS),
        },
      },
    },
    async (request: OrganisationRequest) => {
      const endpoints = await deps.store.listWebhookEndpoints({ trkref: request.params.trkref });
      return { data: endpoints.map(toWebhookEndpointBody) };
    },
  );
  app.get<{ Params: { trkref: string; id: string } }>(
    `${COLLECTION}/:id`,
    {
      onRequest,
      schema: {
        operationId: "getWebhookEndpoint",
        tags,
        summary: "One webhook endpoint of the organisation",
        description:
          "The endpoint, with its status; never its secret. 404 for an id that is not one of the " +
          "organisation's endpoints, whosever it is.",
        security,
        params: endpointParams,
        response: {
          200: { ...WebhookEndpointSchema, headers: rateLimitHeaders },
          ...problemResponses(...TRKREF_READ_PROBLEMS),
        },
      },
    },
    async (request: EndpointRequest) => toWebhookEndpointBody(await findOwnEndpoint(deps, request)),
  );
  app.delete<{ Params: { trkref: string; id: string } }>(
    `${COLLECTION}/:id`,
    {
      onRequest,
      schema: {
        operationId: "deleteWebhookEndpoint",
        tags,
        summary: "Remove a webhook endpoint",
        description:
          "Removes the endpoint with its queued deliveries and its attempt log: nothing more is sent to " +
          "it, not even a delivery that was due. 404 for an id that is not one of the organisation's " +
          "endpoints (one already removed included).",
        security,
        params: endpointParams,
        response: {
          204: {
            type: "null",
            description: "Removed: nothing more is sent to it",
            headers: rateLimitHeaders,
          },
          ...problemResponses(...TRKREF_READ_PROBLEMS, "store_unavailable"),
        },
      },
    },
    async (request: EndpointRequest, reply) => {
      const endpoint = await findOwnEndpoint(deps, request);
      if (!(await deps.store.removeWebhookEndpoint(endpoint.id, byKey(request, deps.now())))) {
        throw notFound(request);
      }
      return reply.code(204).send();
    },
  );
}

/** 400 for a malformed trkref, 404 for an organisation the key may not act for (as for one that is not). */
async function requireOrganisation(request: FastifyRequest) {
  const { trkref } = request.params as { trkref: string };
  checkKeyActsFor(request, trkref);
}

async function createEndpoint(
  deps: WebhookEndpointRouteDeps,
  request: OrganisationRequest,
  reply: FastifyReply,
) {
  const { trkref } = request.params;
  const reading = readWebhookEndpointInput(request.body, { allowPrivateUrls: deps.allowPrivateUrls });
  if (!reading.ok) {
    const count =
      reading.errors.length === 1 ? "1 invalid member" : `${reading.errors.length} invalid members`;
    throw new ProblemError("invalid_webhook_endpoint", {
      detail: `The webhook endpoint has ${count}`,
      errors: reading.errors,
    });
  }
  const now = deps.now();
  const added = await addWebhookEndpoint(deps.store, {
    trkref,
    input: reading.input,
    ...byKey(request, now),
  });
  if (!added.created) {
    throw new ProblemError("too_many_webhook_endpoints", {
      detail: `${trkref} has ${added.limit} webhook endpoints, the most an organisation may have; delete one first`,
    });
  }
  return reply
    .code(201)
    .header("location", endpointLocation(trkref, added.endpoint.id))
    .send({ ...toWebhookEndpointBody(added.endpoint), secret: added.secret });
}

/** The endpoint the path names, when it is the organisation's; 404 for any other id. */
async function findOwnEndpoint(
  deps: WebhookEndpointRouteDeps,
  request: EndpointRequest,
): Promise<WebhookEndpoint> {
  const { trkref, id } = request.params;
  const endpoint = ENDPOINT_ID.test(id) ? await deps.store.findWebhookEndpoint(id) : undefined;
  if (!endpoint || endpoint.trkref !== trkref) throw notFound(request);
  return endpoint;
}

function notFound(request: EndpointRequest): ProblemError {
  const { trkref, id } = request.params;
  return new ProblemError("not_found", { detail: `No webhook endpoint ${id.slice(0, 64)} of ${trkref}` });
}
