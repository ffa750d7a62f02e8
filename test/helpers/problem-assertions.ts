import assert from "node:assert/strict";
import type { LightMyRequestResponse } from "fastify";

/** One entry of a validation answer's `invalid_params`. */
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
  /** The original's members: one string per wrong field (a batch's 401: the string `Unauthorized`). */
  errors?: string[];
  invalid_params?: ProblemFieldError[];
  /** `Access denied` on every 403. */
  error?: string;
  warnings?: unknown[];
}

function assertFieldErrors(errors: unknown): asserts errors is ProblemFieldError[] {
  assert.ok(Array.isArray(errors), "invalid_params must be an array");
  assert.ok(errors.length > 0, "invalid_params must not be empty");
  for (const entry of errors) {
    assert.deepEqual(Object.keys(entry).sort(), ["code", "message", "pointer"]);
    for (const member of ["pointer", "code", "message"]) {
      assert.equal(typeof entry[member], "string", `invalid_params[].${member} must be a string`);
    }
  }
}

/** The v4 `errors` beside `invalid_params`: one non-empty string for each entry. */
export function assertLegacyErrors(body: { errors?: unknown; invalid_params?: unknown[] }): string[] {
  assert.ok(Array.isArray(body.errors), "errors must be an array of strings");
  assert.equal(body.errors.length, body.invalid_params?.length, "one string per invalid_params entry");
  for (const text of body.errors)
    assert.ok(typeof text === "string" && text !== "", "errors[] must be strings");
  return body.errors as string[];
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
  if ("invalid_params" in body) {
    assertFieldErrors(body.invalid_params);
    assertLegacyErrors(body);
  }
  if (status === 403) assert.equal(body.error, "Access denied");
  return body as unknown as ProblemBody;
}

/** Like `assertProblem`, for a `422` that must list the wrong fields; returns them as `[pointer, code]`. */
export function assertValidationProblem(
  response: LightMyRequestResponse,
  code = "validation_failed",
): { body: ProblemBody; fields: [string, string][] } {
  const body = assertProblem(response, 422, code);
  assertFieldErrors(body.invalid_params);
  return { body, fields: body.invalid_params.map((error) => [error.pointer, error.code]) };
}
