import { Type } from "@sinclair/typebox";
import { EVENT_TYPES, eventTypeCatalogue } from "../../domain/order-events.js";
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from "./page.js";

/**
 * The feed's query and answer, and an event's shape (the same in the feed and in a webhook's body), for the
 * OpenAPI document; `test/http/response-schemas.test.ts` checks each example against its schema.
 */
const EXAMPLE_EVENT = {
  id: "0193a4b2-6c1e-7d3f-9a4b-5c6d7e8f9a0b",
  type: "order.updated",
  created_at: "2026-11-28T04:00:01.250Z",
  trkref: "DEMO",
  order_ref: "ORD-2021-000123",
  sequence: 42,
  data: {
    order: {
      trkref: "DEMO",
      order_ref: "ORD-2021-000123",
      order_date: "2021-09-25",
      fulfilment_date: "2021-09-27",
      customer: { email: "jane.doe@example.com", country: "GB" },
      order_items: [{ sku: "TSHIRT-BLUE-M", price: "55.99", currency: "GBP" }],
    },
    previous_attributes: { fulfilment_date: null },
    submission_id: "0193a4b2-0000-7000-8000-000000000123",
  },
};

const typeList = EVENT_TYPES.map((type) => `${type} (${eventTypeCatalogue[type]})`).join("; ");

export const EventSchema = Type.Object(
  {
    id: Type.String({
      format: "uuid",
      description: "UUID v7; the webhook-id of every delivery of the event: deduplicate on it",
    }),
    type: Type.String({ description: `The event's type: ${typeList}. Ignore a type you do not know` }),
    created_at: Type.String({ format: "date-time", description: "When the change was committed" }),
    trkref: Type.String({ description: "The organisation" }),
    order_ref: Type.String({ description: "The order the event is about" }),
    sequence: Type.Integer({
      minimum: 1,
      description: "The event's place among the organisation's events: 1, 2, 3 … in commit order, no gaps",
    }),
    data: Type.Object(
      {},
      {
        additionalProperties: true,
        description:
          "order.*: order (the order as it now stands, normalised), submission_id, and for order.updated " +
          "previous_attributes (each changed field's previous value, null when it was absent); " +
          "submission.failed: submission (id, status, failure_code, failure_reason)",
      },
    ),
  },
  { description: "Something that happened to an order", examples: [EXAMPLE_EVENT] },
);

export const EventListQuerySchema = Type.Object(
  {
    type: Type.Optional(
      Type.String({
        description: `Only events of these types, comma-separated (${EVENT_TYPES.join(", ")}); every type when absent`,
      }),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_PAGE_LIMIT,
        default: DEFAULT_PAGE_LIMIT,
        description: `Events per page, 1 to ${MAX_PAGE_LIMIT} (${DEFAULT_PAGE_LIMIT} unless given); more is refused with 400`,
        examples: [DEFAULT_PAGE_LIMIT],
      }),
    ),
    cursor: Type.Optional(
      Type.String({
        description:
          "The next of a previous page, as received: the page starts after the last event that page " +
          "held; send the same type filter (limit may change)",
      }),
    ),
  },
  { additionalProperties: false },
);

export const EventListSchema = Type.Object(
  {
    data: Type.Array(EventSchema, { description: "The page's events, oldest first" }),
    next: Type.Union([Type.String(), Type.Null()], {
      description:
        "The cursor after this page's last event, given after every page with events, the last one " +
        "included: keep it and send it as cursor to read what happens next. After an empty page, the " +
        "cursor sent (null when none was)",
    }),
    has_more: Type.Boolean({ description: "Whether more events follow now: read the next page at once" }),
  },
  {
    description: "A page of the organisation's events, oldest first",
    examples: [{ data: [EXAMPLE_EVENT], next: "eyJ2IjoxLCJsIjoiZXhhbXBsZSIsInAiOls0Ml19", has_more: false }],
  },
);
