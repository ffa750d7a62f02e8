import assert from "node:assert/strict";
import type { LightMyRequestResponse } from "fastify";

/** One entry of a validation answer's `errors`. */
export interface ProblemFieldError {
  pointer: string;
  code: string;
  message: string;
}

/** An error answer as a client reads it: RFC 9457 members plus those of the v4 API. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  message: string;
  code: string;
  errors?: ProblemFieldError[];
  warnings?: unknown[];
}

function assertFieldErrors(errors: unknown): asserts errors is ProblemFieldError[] {
  assert.ok(Array.isArray(errors), "errors must be an array");
  assert.ok(errors.length > 0, "errors must not be empty");
  for (const entry of errors) {
    assert.deepEqual(Object.keys(entry).sort(), ["code", "message", "pointer"]);
    for (const member of ["pointer", "code", "message"]) {
      assert.equal(typeof entry[member], "string", `errors[].${member} must be a string`);
    }
  }
}

/**
 * Asserts that `response` is a problem+json answer with the given status and code, carrying every member
 * clients read, and returns its body. `errors`, when present, must be well formed.
 */
export function assertProblem(response: LightMyRequestResponse, status: number, code: string): ProblemBody {
  assert.equal(
    response.statusCode,
    status,
    `expected ${status}, got ${response.statusCode}: ${response.body}`,
  );
  assert.match(String(response.headers["content-type"]), /^application\/problem\+json(;|$)/);
  const body = response.json() as Record<string, unknown>;
  for (const member of ["type", "title", "detail", "message", "code"]) {
    assert.equal(typeof body[member], "string", `member ${member} must be a string`);
    assert.notEqual(body[member], "", `member ${member} must not be empty`);
  }
  assert.equal(body.status, status, "status member must be the HTTP status as a number");
  assert.equal(body.code, code);
  assert.equal(body.type, `/problems/${code}`);
  if ("errors" in body) assertFieldErrors(body.errors);
  return body as unknown as ProblemBody;
}

/** Like `assertProblem`, for a `422` that must list the wrong fields; returns them as `[pointer, code]`. */
export function assertValidationProblem(
  response: LightMyRequestResponse,
  code = "validation_failed",
): { body: ProblemBody; fields: [string, string][] } {
  const body = assertProblem(response, 422, code);
  assertFieldErrors(body.errors);
  return { body, fields: body.errors.map((error) => [error.pointer, error.code]) };
}
