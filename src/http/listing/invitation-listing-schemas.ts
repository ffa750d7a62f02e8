import { type TSchema, Type } from "@sinclair/typebox";
import { INVITATION_STATUSES } from "../../domain/invitations.js";
import { InvitationSchema } from "../routes/invitation-schemas.js";
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from "./page.js";

/**
 * The invitation listing's query and answer, for the OpenAPI document. As for the other listings, the
 * filters and the cursor have no example, so that "Try it out" sends none of them.
 */
const EXAMPLE_CURSOR =
  "eyJ2IjoxLCJsIjoiZXhhbXBsZSIsInAiOlsiMDFhMjIwOWYtM2M0ZC03ZTVmLThhNmItN2M4ZDllMGYxYTJiIl19";

export const InvitationListQuerySchema = Type.Object(
  {
    status: Type.Optional(
      Type.Union(
        INVITATION_STATUSES.map((status) => Type.Literal(status)),
        { description: `Only invitations in this status: ${INVITATION_STATUSES.join(", ")}` },
      ),
    ),
    order_ref: Type.Optional(Type.String({ description: "Only the invitation of this order" })),
    due_before: Type.Optional(
      Type.String({
        format: "date-time",
        description:
          "Only invitations due strictly before this instant: ISO 8601 with a UTC offset (in a URL, write + as %2B)",
      }),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_PAGE_LIMIT,
        default: DEFAULT_PAGE_LIMIT,
        description: `Invitations per page, 1 to ${MAX_PAGE_LIMIT} (${DEFAULT_PAGE_LIMIT} unless given); more is refused with 400`,
        examples: [DEFAULT_PAGE_LIMIT],
      }),
    ),
    cursor: Type.Optional(
      Type.String({
        description:
          "The next of the previous page, as received; send the same filters as that request (limit may " +
          "change), or the cursor is refused with 400",
      }),
    ),
  },
  { additionalProperties: false },
);

export const InvitationListSchema = Type.Object(
  {
    data: Type.Array(InvitationSchema, { description: "The page's invitations, oldest first" }),
    next: Type.Union([Type.String(), Type.Null()], {
      description: "The cursor of the next page (send it as cursor); null on the last page",
    }),
  },
  {
    description: "A page of the organisation's invitations, in the order they were created",
    examples: [
      { data: [(InvitationSchema as TSchema & { examples: unknown[] }).examples[0]], next: EXAMPLE_CURSOR },
    ],
  },
);
