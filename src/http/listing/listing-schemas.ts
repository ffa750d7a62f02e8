import { type TSchema, Type } from "@sinclair/typebox";
import { StoredOrderSchema, SubmissionSchema } from "../response-schemas.js";
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from "./page.js";
import { LISTED_STATUSES } from "./submission-listing.js";

/**
 * The listings' query parameters and answers, for the OpenAPI document. The handlers read the query
 * themselves (every wrong parameter at once, as `invalid_query`), and build exactly these answers; each
 * example is checked against its schema by `test/http/response-schemas.test.ts`. The filters and the cursor
 * have no example: the reference page's "Try it out" would send it, filtering, or with a cursor of no listing.
 */
const EXAMPLE_CURSOR = "eyJ2IjoxLCJsIjoiZXhhbXBsZSIsInAiOlsxMjNdfQ";
const EXAMPLE_TIME = "2026-11-28T04:00:00Z";

const exampleOf = (schema: TSchema): unknown => (schema.examples as unknown[])[0];

const pageParameters = {
  order: Type.Optional(
    Type.Union([Type.Literal("newest"), Type.Literal("oldest")], {
      description: "newest first (the default) or oldest first",
      examples: ["newest"],
    }),
  ),
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_PAGE_LIMIT,
      default: DEFAULT_PAGE_LIMIT,
      description: `Items per page, 1 to ${MAX_PAGE_LIMIT} (${DEFAULT_PAGE_LIMIT} unless given); more is refused with 400`,
      examples: [DEFAULT_PAGE_LIMIT],
    }),
  ),
  cursor: Type.Optional(
    Type.String({
      description:
        "The next of the previous page, as received, to read the page after it; send the same other " +
        "parameters as that request (limit may change), or the cursor is refused with 400",
    }),
  ),
};

const timestampParameter = (what: string) =>
  Type.Optional(
    Type.String({
      format: "date-time",
      description: `Only orders ${what} strictly after this instant: ISO 8601 with a UTC offset (${EXAMPLE_TIME}; in a URL, write + as %2B)`,
    }),
  );

export const OrderListQuerySchema = Type.Object(
  {
    created_after: timestampParameter("created"),
    updated_after: timestampParameter("last updated; the listing is then sorted by that time"),
    ...pageParameters,
  },
  { additionalProperties: false },
);

export const SubmissionListQuerySchema = Type.Object(
  {
    status: Type.Union(
      LISTED_STATUSES.map((status) => Type.Literal(status)),
      { description: "The status of the submissions to list (required)", examples: ["failed"] },
    ),
    trkref: Type.String({
      description: "The organisation whose submissions to list (required); the key must act for it",
      examples: ["DEMO"],
    }),
    ...pageParameters,
  },
  { additionalProperties: false },
);

const Next = Type.Union([Type.String(), Type.Null()], {
  description: "The cursor of the next page (send it as cursor); null on the last page",
});

/** The schema of a listing's page of `item`s, with an example page. */
const pageSchema = <T extends TSchema>(item: T, what: { items: string; page: string; example: unknown }) =>
  Type.Object(
    { data: Type.Array(item, { description: what.items }), next: Next },
    { description: what.page, examples: [what.example] },
  );

export const OrderListSchema = pageSchema(StoredOrderSchema, {
  items: "The page's orders, each as its read-back answers it",
  page: "A page of the organisation's orders",
  example: { data: [exampleOf(StoredOrderSchema)], next: EXAMPLE_CURSOR },
});

const failedSubmission = {
  ...(exampleOf(SubmissionSchema) as Record<string, unknown>),
  status: "failed",
  outcome: null,
  failure_reason: "numeric field overflow",
  failure_code: "not_storable",
};

export const SubmissionListSchema = pageSchema(SubmissionSchema, {
  items: "The page's submissions, each as its status answers it",
  page: "A page of the organisation's submissions in one status",
  example: { data: [failedSubmission], next: null },
});
