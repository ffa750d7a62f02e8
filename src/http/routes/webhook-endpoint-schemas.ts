import { type TSchema, Type } from "@sinclair/typebox";
import { EVENT_TYPES } from "../../domain/order-events.js";
import {
  MAX_WEBHOOK_DESCRIPTION_LENGTH,
  MAX_WEBHOOK_ENDPOINTS,
  MAX_WEBHOOK_URL_LENGTH,
} from "../../processing/webhook-endpoint-input.js";
import type { WebhookEndpoint } from "../../storage/webhook-store.js";

/**
 * A webhook endpoint as the API (and the CLI's `--json`) shows it, and the request that creates one, for
 * the OpenAPI document. The secret is a member of the creation's answer only.
 */

/** An endpoint as the API answers it: snake_case, never a secret. */
export const toWebhookEndpointBody = (endpoint: WebhookEndpoint) => ({
  id: endpoint.id,
  url: endpoint.url,
  event_types: endpoint.eventTypes,
  description: endpoint.description,
  status: endpoint.status,
  disabled_reason: endpoint.disabledReason,
  disabled_at: endpoint.disabledAt,
  failing_since: endpoint.failingSince,
  created_at: endpoint.createdAt,
});

export const EXAMPLE_WEBHOOK_ENDPOINT_ID = "we_k5q2nd7xw3m4ra6tpz2hbjcy";
const EXAMPLE_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw3R0v1P6ktF0=";
const EXAMPLE_URL = "https://shop.example.com/webhooks/order-intake";

const exampleEndpoint = {
  id: EXAMPLE_WEBHOOK_ENDPOINT_ID,
  url: EXAMPLE_URL,
  event_types: ["order.created", "order.updated"],
  description: "Warehouse sync",
  status: "enabled",
  disabled_reason: null,
  disabled_at: null,
  failing_since: null,
  created_at: "2026-11-28T04:53:50.846Z",
};

const EventTypeSchema = Type.Union(
  EVENT_TYPES.map((type) => Type.Literal(type)),
  { description: "An event type", examples: [EVENT_TYPES[0]] },
);

const nullable = (schema: TSchema, description: string, example: unknown) =>
  Type.Union([schema, Type.Null()], { description, examples: [example] });

const endpointMembers = {
  id: Type.String({
    pattern: "^we_[a-z2-7]{24}$",
    description: "The endpoint's id: we_ and 24 characters",
    examples: [EXAMPLE_WEBHOOK_ENDPOINT_ID],
  }),
  url: Type.String({
    format: "uri",
    description: "Where events are sent, as the service normalised it (host in lower case)",
    examples: [EXAMPLE_URL],
  }),
  event_types: Type.Union([Type.Array(EventTypeSchema), Type.Null()], {
    description: "The event types sent to it; null: every type, including types added later",
    examples: [["order.created", "order.updated"]],
  }),
  description: nullable(Type.String(), "What the endpoint is for, as given; null: none", "Warehouse sync"),
  status: Type.Union([Type.Literal("enabled"), Type.Literal("disabled")], {
    description:
      "enabled: events are sent to it; disabled: its events are kept but not sent until the operator recovers it",
    examples: ["enabled"],
  }),
  disabled_reason: Type.Union([Type.Literal("gone"), Type.Literal("failing"), Type.Null()], {
    description: "gone: it answered 410 Gone; failing: every attempt failed for days; null while enabled",
    examples: [null],
  }),
  disabled_at: nullable(
    Type.String({ format: "date-time" }),
    "When it was disabled; null while enabled",
    null,
  ),
  failing_since: nullable(
    Type.String({ format: "date-time" }),
    "When the first attempt that has failed since its last success was made; null when the last one succeeded",
    null,
  ),
  created_at: Type.String({ format: "date-time", examples: ["2026-11-28T04:53:50.846Z"] }),
};

export const WebhookEndpointSchema = Type.Object(endpointMembers, {
  description: "A webhook endpoint of the organisation",
  examples: [exampleEndpoint],
});

export const CreatedWebhookEndpointSchema = Type.Object(
  {
    ...endpointMembers,
    secret: Type.String({
      description:
        "The signing secret (whsec_ and base64), shown in this answer only: store it now. Pass it to a " +
        "Standard Webhooks library to verify the webhook-signature of each request",
      examples: [EXAMPLE_SECRET],
    }),
  },
  {
    description: "The endpoint created, with its signing secret",
    examples: [{ ...exampleEndpoint, secret: EXAMPLE_SECRET }],
  },
);

export const WebhookEndpointListSchema = Type.Object(
  {
    data: Type.Array(WebhookEndpointSchema, {
      description: `The organisation's endpoints, oldest first (at most ${MAX_WEBHOOK_ENDPOINTS})`,
    }),
  },
  { description: "The organisation's webhook endpoints", examples: [{ data: [exampleEndpoint] }] },
);

export const NewWebhookEndpointSchema = Type.Object(
  {
    url: Type.String({
      format: "uri",
      maxLength: MAX_WEBHOOK_URL_LENGTH,
      description:
        "An absolute https URL, without a user name, password or fragment; an IP address in it must be " +
        "public. A host name must resolve to public addresses when each request is sent",
      examples: [EXAMPLE_URL],
    }),
    event_types: Type.Optional(
      Type.Union([Type.Array(EventTypeSchema), Type.Null()], {
        description: `The types to send (${EVENT_TYPES.join(", ")}); absent, null or empty: every type`,
        examples: [["order.created", "order.updated"]],
      }),
    ),
    description: Type.Optional(
      Type.Union([Type.String({ maxLength: MAX_WEBHOOK_DESCRIPTION_LENGTH }), Type.Null()], {
        description: `What the endpoint is for, at most ${MAX_WEBHOOK_DESCRIPTION_LENGTH} characters`,
        examples: ["Warehouse sync"],
      }),
    ),
  },
  {
    additionalProperties: false,
    description: "A new webhook endpoint",
    examples: [
      { url: EXAMPLE_URL, event_types: ["order.created", "order.updated"], description: "Warehouse sync" },
    ],
  },
);

export const WebhookEndpointIdParam = Type.String({
  description: "The endpoint's id (we_…), as its creation or the listing answered it",
  examples: [EXAMPLE_WEBHOOK_ENDPOINT_ID],
});
