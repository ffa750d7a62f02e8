import { rateLimitHeaders, retryAfterHeader, wwwAuthenticateHeader } from "./documented-headers.js";
import { type ProblemCode, type ProblemEntry, problemCatalogue } from "./problem-catalogue.js";
import { PROBLEM_CONTENT_TYPE } from "./problem-details.js";
import { exampleProblem } from "./problem-examples.js";
import { ProblemSchema } from "./response-schemas.js";

const PROBLEM_MEDIA_TYPE = PROBLEM_CONTENT_TYPE.split(";")[0] ?? PROBLEM_CONTENT_TYPE;

/** The codes every authenticated route can answer with, besides its own. */
export const AUTHENTICATION_PROBLEMS = [
  "unauthorized",
  "rate_limited",
  "authentication_throttled",
] as const satisfies ProblemCode[];

/** The codes of a read that names an organisation in its path. */
export const TRKREF_READ_PROBLEMS = [
  "invalid_trkref",
  "bad_request",
  ...AUTHENTICATION_PROBLEMS,
  "not_found",
  "internal_error",
] as const satisfies ProblemCode[];

/** What a JSON body sent to one of an organisation's resources may be answered with, beside the read's. */
export const TRKREF_WRITE_PROBLEMS = [
  ...TRKREF_READ_PROBLEMS,
  "invalid_json",
  "payload_too_large",
  "unsupported_media_type",
  "request_timeout",
] as const satisfies ProblemCode[];

/** Every code whose answers carry `Retry-After`: the catalogue says so, or a rate limit set it. */
const carriesRetryAfter = (code: ProblemCode) =>
  (problemCatalogue[code] as ProblemEntry).retryAfterSeconds !== undefined ||
  problemCatalogue[code].status === 429;

function headersFor(codes: ProblemCode[]) {
  const headers = {
    ...(codes.includes("unauthorized") && wwwAuthenticateHeader),
    ...(codes.includes("rate_limited") && rateLimitHeaders),
    ...(codes.some(carriesRetryAfter) && retryAfterHeader),
  };
  return Object.keys(headers).length > 0 ? { headers } : {};
}

/**
 * The problem answers a route can give, for the OpenAPI document: grouped by status, each code with the
 * body the service sends for it (built by the same function as the real answers) and the headers it carries.
 */
export function problemResponses(...codes: ProblemCode[]) {
  return problemResponsesWith({}, ...codes);
}

/** `problemResponses`, where an endpoint adds members of its own to some codes' answers. */
export function problemResponsesWith(
  extensions: Partial<Record<ProblemCode, Record<string, unknown>>>,
  ...codes: ProblemCode[]
) {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of codes) {
    const status = problemCatalogue[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, group]) => [
      status,
      {
        description: group.map((code) => `\`${code}\`: ${problemCatalogue[code].message}.`).join(" "),
        ...headersFor(group),
        content: {
          [PROBLEM_MEDIA_TYPE]: {
            schema: { $ref: `${ProblemSchema.$id}#` },
            examples: Object.fromEntries(
              group.map((code) => [
                code,
                { summary: problemCatalogue[code].message, value: exampleProblem(code, extensions[code]) },
              ]),
            ),
          },
        },
      },
    ]),
  );
}
