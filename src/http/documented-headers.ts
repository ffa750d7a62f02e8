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
  "What is left of the API key's rate limit, and the seconds until it is full again (IETF httpapi " +
    "RateLimit header fields draft). Sent on every authenticated answer while per-key limits are on; " +
    "not with `429 authentication_throttled`, which is answered before the key is known.",
  '"per-key";r=199;t=1',
);

const rateLimitPolicy = header(
  "The API key's rate limit: the burst size as the quota and the seconds it takes to refill as the window.",
  '"per-key";q=200;w=2',
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
