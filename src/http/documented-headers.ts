/**
 * Answer headers as the OpenAPI document describes them (`@fastify/swagger` reads a response's `headers`).
 * The handlers and hooks that set them are authenticate.ts, problem-details.ts and intake-runner.ts.
 */
type HeaderDoc = { type: "string"; description: string; examples: string[] };

const header = (description: string, example: string): HeaderDoc => ({
  type: "string",
  description,
  examples: [example],
});

const rateLimit = header(
  "What is left in the API key's bucket for this request, named `reads` (GET) or `submissions` (POST), " +
    "and the seconds until it is full again (IETF httpapi RateLimit header fields draft). Sent on every " +
    "authenticated answer while the key is limited; not with `429 authentication_throttled`, which is " +
    "answered before the key is known.",
  '"submissions";r=199;t=1',
);

const rateLimitPolicy = header(
  "The bucket's limit, named as in `RateLimit`: the burst size as the quota and the seconds it takes to " +
    "refill as the window. Reads and submissions are limited apart, so polling never uses up submissions.",
  '"submissions";q=200;w=2',
);

/** Headers of every answer to an authenticated request. */
export const rateLimitHeaders = { RateLimit: rateLimit, "RateLimit-Policy": rateLimitPolicy };

/** `Retry-After`: when to try again. */
export const retryAfterHeader = {
  "Retry-After": header("Seconds to wait before retrying the same request.", "1"),
};

/** `WWW-Authenticate` of a 401. */
export const wwwAuthenticateHeader = {
  "WWW-Authenticate": header(
    "The authentication scheme to use: HTTP Basic with the API key id and its secret.",
    'Basic realm="order-intake", charset="UTF-8"',
  ),
};

/** `Location` of an accepted submission or batch. */
export const locationHeader = (description: string, example: string) => ({
  Location: header(description, example),
});

/** Sent with an answer replayed for a repeated `Idempotency-Key`. */
export const idempotentReplayedHeader = {
  "Idempotent-Replayed": header(
    "`true` when this is the stored answer to an earlier request with the same Idempotency-Key; absent otherwise.",
    "true",
  ),
};
