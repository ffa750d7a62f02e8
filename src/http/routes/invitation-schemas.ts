import { Type } from "@sinclair/typebox";
import {
  CANCELLATION_REASONS,
  DELIVERY_STATUSES,
  INVITATION_SKIP_REASONS,
  INVITATION_STATUSES,
} from "../../domain/invitations.js";
import { MAX_REF_LENGTH } from "../../domain/order-limits.js";
import { StoredOrderSchema } from "../response-schemas.js";
import { MAX_CANCELLED_SKUS } from "./invitation-bodies.js";

/**
 * An invitation and an order's cancellation as the API answers them (`invitationWire`, `cancellationWire`),
 * and the bodies that cancel an order or an invitation or report a delivery, for the OpenAPI document. The
 * handlers read the bodies themselves (`invitation-bodies.ts`), every wrong member at once.
 */

export const EXAMPLE_INVITATION_ID = "01a2209f-3c4d-7e5f-8a6b-7c8d9e0f1a2b";
const CREATED_AT = "2026-11-28T04:53:50.848Z";

const literals = <T extends string>(values: readonly T[]) => values.map((value) => Type.Literal(value));
const orNull = <T extends ReturnType<typeof Type.String>>(schema: T, description: string, example: unknown) =>
  Type.Union([schema, Type.Null()], { description, examples: [example] });

const scheduledExample = {
  id: EXAMPLE_INVITATION_ID,
  order_ref: "ORD-2021-000123",
  status: "scheduled",
  reason: null,
  trigger_date: "2026-11-27",
  due_at: "2026-12-04T09:00:00.000Z",
  products: [
    { sku: "TSHIRT-BLUE-M", price: "55.99", currency: "GBP" },
    { sku: "MUG-001", price: "12.5", currency: "GBP" },
  ],
  created_at: CREATED_AT,
  updated_at: CREATED_AT,
  released_at: null,
  delivery: null,
};
const cancelledExample = {
  ...scheduledExample,
  status: "cancelled",
  reason: "requested",
  updated_at: "2026-11-29T10:12:00.000Z",
};
const sentExample = {
  ...scheduledExample,
  status: "due",
  updated_at: "2026-12-04T09:05:12.000Z",
  released_at: "2026-12-04T09:00:01.250Z",
  delivery: { status: "sent", reported_at: "2026-12-04T09:05:12.000Z" },
};

const reasons = [...new Set<string>([...INVITATION_SKIP_REASONS, ...CANCELLATION_REASONS, "requested"])];

export const InvitationSchema = Type.Object(
  {
    id: Type.String({ format: "uuid", description: "The invitation's id (UUID v7: creation order)" }),
    order_ref: Type.String({ description: "The order it invites the customer to review" }),
    status: Type.Union(literals(INVITATION_STATUSES), {
      description:
        "scheduled (waiting for due_at), due (handed to the mailer), skipped (not sent: see reason) or cancelled",
    }),
    reason: Type.Union([...literals(reasons), Type.Null()], {
      description:
        "Why it was skipped (too_old, suppressed, cancelled, capped, erased, no_products) or cancelled (its " +
        "order's reason: cancelled, refunded, returned; requested: the invitation alone); null otherwise",
    }),
    trigger_date: orNull(
      Type.String({ format: "date" }),
      "The date its delay counts from: the fulfilment date, else the order date",
      "2026-11-27",
    ),
    due_at: orNull(
      Type.String({ format: "date-time" }),
      "When it is (or was) due; null for one skipped before it had a time",
      scheduledExample.due_at,
    ),
    products: Type.Array(
      Type.Object({
        sku: Type.String({ description: "As the order has it" }),
        price: Type.Optional(Type.String({ description: "The order's price for it, decimal with a dot" })),
        currency: Type.Optional(Type.String({ description: "ISO 4217" })),
      }),
      { description: "What the customer is asked to review, highest price first, at most 5" },
    ),
    created_at: Type.String({ format: "date-time" }),
    updated_at: Type.String({ format: "date-time" }),
    released_at: orNull(
      Type.String({ format: "date-time" }),
      "When it became due, or was skipped at its due time",
      sentExample.released_at,
    ),
    delivery: Type.Union(
      [
        Type.Object({
          status: Type.Union(literals(DELIVERY_STATUSES)),
          reported_at: Type.String({ format: "date-time" }),
        }),
        Type.Null(),
      ],
      { description: "What the mailer last reported of it; null until it reports" },
    ),
  },
  { description: "A review invitation of one of the organisation's orders", examples: [scheduledExample] },
);

export const CancelledInvitationSchema = Type.Object(InvitationSchema.properties, {
  description: "The invitation, cancelled: it will not be sent",
  examples: [cancelledExample],
});

const cancellationExample = {
  reason: "returned",
  whole: false,
  skus: ["MUG-001"],
  cancelled_at: "2026-11-29T10:12:00.000Z",
};

export const CancellationSchema = Type.Object(
  {
    reason: Type.Union(literals(CANCELLATION_REASONS), { description: "As the merchant reported it" }),
    whole: Type.Boolean({ description: "The whole order is cancelled: its invitation will not be sent" }),
    skus: Type.Array(Type.String(), {
      description: "The SKUs cancelled so far, left out of its invitation; empty when whole",
    }),
    cancelled_at: Type.String({ format: "date-time", description: "When it was last reported" }),
  },
  { description: "The order's cancellation, whole or of some SKUs", examples: [cancellationExample] },
);

export const OrderCancellationSchema = Type.Object(
  {
    order_ref: Type.String({ description: "The order" }),
    cancellation: Type.Union([CancellationSchema, Type.Null()], {
      description:
        "The order's cancellation as it now stands; null when nothing is cancelled (only SKUs the order does not have were named)",
    }),
    invitation: Type.Union([InvitationSchema, Type.Null()], {
      description: "The order's invitation as the cancellation left it; null when it has none",
    }),
  },
  {
    description: "The order's cancellation, and its invitation",
    examples: [
      {
        order_ref: "ORD-2021-000123",
        cancellation: cancellationExample,
        invitation: { ...scheduledExample, products: [scheduledExample.products[0]] },
      },
    ],
  },
);

export const OrderCancellationBodySchema = Type.Object(
  {
    reason: Type.Optional(
      Type.Union(literals(CANCELLATION_REASONS), {
        description: "What happened to the order: cancelled (the default), refunded or returned",
        examples: ["refunded"],
      }),
    ),
    skus: Type.Optional(
      Type.Array(
        Type.Union([Type.String({ minLength: 1, maxLength: MAX_REF_LENGTH }), Type.Integer()], {
          description: "A SKU of the order, as the order document takes it (a string, or a whole number)",
          examples: ["MUG-001"],
        }),
        {
          minItems: 1,
          maxItems: MAX_CANCELLED_SKUS,
          description: `Only these SKUs (1 to ${MAX_CANCELLED_SKUS}); leave it out to cancel the whole order`,
          examples: [["MUG-001"]],
        },
      ),
    ),
  },
  {
    additionalProperties: false,
    description: "The whole order, or some of its SKUs; an empty body cancels the whole order",
    examples: [{ reason: "refunded" }, { reason: "returned", skus: ["MUG-001"] }],
  },
);

export const InvitationCancellationBodySchema = Type.Object(
  {},
  { additionalProperties: false, description: "No members: send no body, or {}", examples: [{}] },
);

export const DeliveryReportBodySchema = Type.Object(
  {
    status: Type.Union(literals(DELIVERY_STATUSES), {
      description: "sent, or bounced or complained: the customer is then suppressed",
      examples: ["sent"],
    }),
  },
  { additionalProperties: false, description: "What the mailer did", examples: [{ status: "bounced" }] },
);

export const DeliveryAnswerSchema = Type.Object(
  {
    invitation: InvitationSchema,
    suppressed: Type.Boolean({
      description:
        "The report put the customer on the organisation's suppression list (a bounce or complaint)",
    }),
  },
  {
    description: "The invitation with its delivery",
    examples: [{ invitation: sentExample, suppressed: false }],
  },
);

export const InvitationIdParam = Type.String({
  format: "uuid",
  description: "The invitation's id, from the listing or an invitation event",
  examples: [EXAMPLE_INVITATION_ID],
});

const storedOrderExample = (StoredOrderSchema.examples as Record<string, unknown>[])[0];

/** The order read back: the stored order with its invitation and its cancellation. */
export const OrderReadBackSchema = Type.Object(
  {
    ...StoredOrderSchema.properties,
    invitation: Type.Union([InvitationSchema, Type.Null()], {
      description: "The order's review invitation; null when processing scheduled none",
    }),
    cancellation: Type.Union([CancellationSchema, Type.Null()], {
      description: "The order's cancellation, whole or of some SKUs; null when it was never cancelled",
    }),
  },
  {
    description: StoredOrderSchema.description,
    examples: [{ ...storedOrderExample, invitation: scheduledExample, cancellation: null }],
  },
);
