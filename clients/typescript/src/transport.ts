import { problemOf, readAnswerBody } from "./answer-body.js";
import { errorForAnswer } from "./error-mapping.js";
import { ConnectionError, OrderIntakeError } from "./errors.js";
import {
  type AttemptOutcome,
  nextRetryStep,
  parseRetryAfter,
  type RandomSource,
  type RetryOptions,
} from "./retry.js";
import { waitFor } from "./wait.js";

/** What a transport needs: where, who, how patiently. */
export interface TransportOptions {
  baseUrl: string;
  keyId: string;
  secret: string;
  retry: RetryOptions;
  /** Per attempt. */
  timeoutMs: number;
  fetch: typeof globalThis.fetch;
  /** The jitter's source; tests fix it. */
  random?: RandomSource;
}

/** One call of the API. */
export interface ApiRequest {
  method: "GET" | "POST";
  /** From the root, with its parameters already encoded: `/v4/customer_orders/…`. */
  path: string;
  /** Parameters left undefined are not sent. */
  query?: Record<string, string | number | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as `Idempotency-Key` on every attempt. */
  idempotencyKey?: string;
  signal?: AbortSignal | undefined;
  /** An error status this call answers rather than throws (a batch refused whole is still a batch answer). */
  accept?: (status: number, body: unknown) => boolean;
}

/** A successful (or accepted) answer, its body parsed. */
export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: unknown;
  attempts: number;
}

/** Sends one call: up to `retry.maxAttempts` requests, then the answer or the typed error of the last one. */
export type Transport = (request: ApiRequest) => Promise<ApiAnswer>;

type AttemptResult =
  | { kind: "answer"; outcome: AttemptOutcome & { kind: "answer" }; response: Response; body: unknown }
  | { kind: "no_answer"; outcome: AttemptOutcome & { kind: "no_answer" }; error: unknown };

export function createTransport(options: TransportOptions): Transport {
  const root = options.baseUrl.replace(/\/+$/, "");
  const authorization = `Basic ${base64Utf8(`${options.keyId}:${options.secret}`)}`;
  const random = options.random ?? Math.random;

  return async (request) => {
    const url = requestUrl(root, request);
    const init = requestInit(request, authorization);
    for (let attempt = 1; ; attempt++) {
      request.signal?.throwIfAborted();
      const result = await sendAttempt(url, init, request.signal, options);
      if (result.kind === "answer") {
        const { status } = result.outcome;
        if ((status >= 200 && status <= 299) || request.accept?.(status, result.body)) {
          // Every answer the client asks for is JSON: anything else came from something in between.
          if (result.body === undefined) {
            throw new OrderIntakeError(`${url}: the answer ${status} has no JSON body`, attempt);
          }
          return { status, headers: result.response.headers, body: result.body, attempts: attempt };
        }
      }
      const step = nextRetryStep(result.outcome, attempt, options.retry, random);
      if (!step.retry) throw failure(result, attempt, url, options.timeoutMs);
      await waitFor(step.delayMs, request.signal);
    }
  };
}

async function sendAttempt(
  url: string,
  init: RequestInit,
  callerSignal: AbortSignal | undefined,
  options: TransportOptions,
): Promise<AttemptResult> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = callerSignal === undefined ? timeout : AbortSignal.any([callerSignal, timeout]);
  try {
    const response = await options.fetch(url, { ...init, signal });
    // Reading the body is part of the attempt: a body cut off or too slow is no answer either.
    const body = await readAnswerBody(response);
    const code = problemOf(body)?.code;
    return {
      kind: "answer",
      outcome: {
        kind: "answer",
        status: response.status,
        code: typeof code === "string" ? code : undefined,
        retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
      },
      response,
      body,
    };
  } catch (error) {
    // The caller's own abort ends the call at once, with the caller's reason: it is not a failure to retry.
    if (callerSignal?.aborted) throw callerSignal.reason;
    return { kind: "no_answer", outcome: { kind: "no_answer" }, error };
  }
}

function failure(result: AttemptResult, attempts: number, url: string, timeoutMs: number): OrderIntakeError {
  if (result.kind === "no_answer") {
    const timedOut = result.error instanceof DOMException && result.error.name === "TimeoutError";
    const why = timedOut
      ? `no answer within ${timeoutMs} ms`
      : `the request failed (${describe(result.error)})`;
    const tries = attempts === 1 ? "1 attempt" : `${attempts} attempts`;
    return new ConnectionError(`${url}: ${why}, after ${tries}`, attempts, { cause: result.error });
  }
  const { status, retryAfterMs } = result.outcome;
  return errorForAnswer(status, problemOf(result.body), attempts, retryAfterMs);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch says only "fetch failed"; the reason (ECONNREFUSED, a reset) is its cause.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}

function requestUrl(root: string, request: ApiRequest): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) query.set(name, String(value));
  }
  const search = query.toString();
  return `${root}${request.path}${search === "" ? "" : `?${search}`}`;
}

function requestInit(request: ApiRequest, authorization: string): RequestInit {
  const headers = new Headers({ Authorization: authorization, Accept: "application/json" });
  if (request.method === "POST") headers.set("Content-Type", "application/json");
  if (request.idempotencyKey !== undefined) headers.set("Idempotency-Key", request.idempotencyKey);
  const init: RequestInit = { method: request.method, headers };
  if (request.method === "POST") init.body = JSON.stringify(request.body ?? {});
  return init;
}

/** Base64 of the UTF-8 bytes: btoa alone takes only Latin-1 characters. */
function base64Utf8(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
