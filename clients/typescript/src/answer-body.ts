import type { Problem } from "./api-types.js";

/** `application/json`, `application/problem+json` and any other `+json` type, with or without parameters. */
const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/** The body of an answer, parsed when it is JSON; undefined when it is empty, not JSON, or unreadable as JSON. */
export async function readAnswerBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "" || !JSON_MEDIA_TYPE.test(response.headers.get("content-type") ?? "")) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The body as a problem document, when it is one (a JSON object; the service's have a string `code`). */
export function problemOf(body: unknown): Problem | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  return body as Problem;
}
