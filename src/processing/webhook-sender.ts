import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { WebhookAttemptResult } from "../storage/webhook-store.js";
import { createAgentPool } from "./webhook-agent-pool.js";
import { webhookSignatureHeader } from "./webhook-signature.js";
import { AddressRefusedError, checkUrlTarget, publicAddressLookup } from "./webhook-target.js";

/** The most of a receiver's answer kept in the attempt log, in bytes. */
export const RESPONSE_EXCERPT_BYTES = 1024;
/** The most of an answer read (and discarded past the excerpt) before its connection is closed instead. */
const MAX_ANSWER_BYTES = 64 * 1024;

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};
export const WEBHOOK_USER_AGENT = `order-intake/${version} (webhooks)`;

/** How the sender reaches receivers. */
export interface WebhookSenderOptions {
  /** Allows `http:` URLs and addresses off the public internet (development and tests only). */
  allowPrivateUrls: boolean;
  /** Longest one attempt may take, from the connection to the end of the answer, in milliseconds. */
  timeoutMs: number;
}

/** One attempt to send: an event's body, signed for its endpoint. */
export interface WebhookRequest {
  endpointId: string;
  url: string;
  /** The event's id: the `webhook-id` of every attempt, by which a receiver deduplicates. */
  eventId: string;
  body: string;
  /** The secrets to sign with, the current one first (`secretsSigningAt`). */
  secrets: readonly string[];
}

/** What one attempt came to, as the attempt log keeps it. */
export interface WebhookSendResult {
  result: WebhookAttemptResult;
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
  /** How long the receiver asked to be left alone (`Retry-After`), in milliseconds, when it said. */
  retryAfterMs: number | null;
}

/**
 * Sends webhook attempts: one POST each, signed afresh (a new `webhook-timestamp`), on a keep-alive
 * connection of the endpoint's. A redirect is never followed: the signed request was for this URL only.
 */
export function createWebhookSender(options: WebhookSenderOptions) {
  const agents = createAgentPool(options.allowPrivateUrls ? {} : { lookup: publicAddressLookup });

  async function send(request: WebhookRequest): Promise<WebhookSendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let url: URL;
    try {
      url = checkUrlTarget(request.url, options.allowPrivateUrls);
    } catch (error) {
      const refused = error instanceof AddressRefusedError;
      const message = refused ? error.message : "the endpoint's URL cannot be read";
      return failure(refused ? "address_refused" : "connection_error", message, elapsed());
    }
    // The receiver compares the timestamp with its own clock (Standard Webhooks allows five minutes).
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(request.body)),
      "user-agent": WEBHOOK_USER_AGENT,
      "webhook-id": request.eventId,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": webhookSignatureHeader(request.secrets, request.eventId, timestamp, request.body),
    };
    const held = agents.acquire(request.endpointId, url);
    try {
      return await post(url, headers, request.body, held.agent, elapsed);
    } finally {
      held.release();
    }
  }

  function post(
    url: URL,
    headers: Record<string, string>,
    body: string,
    agent: http.Agent,
    elapsed: () => number,
  ): Promise<WebhookSendResult> {
    return new Promise((resolve) => {
      let status: number | null = null;
      let retryAfterMs: number | null = null;
      const excerpt: Buffer[] = [];
      let bytes = 0;
      let settled = false;
      const settle = (result: Omit<WebhookSendResult, "latencyMs" | "retryAfterMs">) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ...result, latencyMs: elapsed(), retryAfterMs });
      };
      let location: string | undefined;
      const answered = () => settle(byStatus(status ?? 0, readExcerpt(excerpt), location));
      const timer = setTimeout(() => {
        settle({
          result: "timeout",
          statusCode: status,
          responseExcerpt: readExcerpt(excerpt),
          error: `no complete answer within ${options.timeoutMs} ms`,
        });
        request.destroy();
      }, options.timeoutMs);
      const client = url.protocol === "https:" ? https : http;
      const request = client.request(url, { method: "POST", agent, headers }, (response) => {
        status = response.statusCode ?? 0;
        retryAfterMs = readRetryAfter(response.headers["retry-after"], Date.now());
        location = response.headers.location;
        response.on("data", (chunk: Buffer) => {
          if (bytes < RESPONSE_EXCERPT_BYTES) excerpt.push(chunk.subarray(0, RESPONSE_EXCERPT_BYTES - bytes));
          bytes += chunk.length;
          // Enough was read to know the answer: the connection is given up rather than read for ever.
          if (bytes > MAX_ANSWER_BYTES) {
            answered();
            request.destroy();
          }
        });
        response.on("end", answered);
        response.on("error", () => {});
        response.on("close", () => {
          if (!response.complete) settle(cutOff(status, readExcerpt(excerpt)));
        });
      });
      request.on("error", (error: NodeJS.ErrnoException) => {
        if (error instanceof AddressRefusedError) {
          settle({
            result: "address_refused",
            statusCode: null,
            responseExcerpt: null,
            error: error.message,
          });
        } else {
          settle({ ...cutOff(status, readExcerpt(excerpt)), error: describeError(error, status) });
        }
      });
      request.end(body);
    });
  }

  return {
    send,
    /** Closes every kept connection; attempts in flight are cut off. */
    close: () => agents.close(),
  };
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;

function failure(result: WebhookAttemptResult, error: string, latencyMs: number): WebhookSendResult {
  return { result, statusCode: null, latencyMs, responseExcerpt: null, error, retryAfterMs: null };
}

/** How an answer that arrived whole counts: 2xx delivered, 410 gone, 3xx a redirect not followed. */
function byStatus(status: number, responseExcerpt: string | null, location: string | undefined) {
  const result: WebhookAttemptResult =
    status >= 200 && status < 300
      ? "succeeded"
      : status === 410
        ? "gone"
        : status >= 300 && status < 400
          ? "redirect"
          : "failed_status";
  const error = result === "redirect" ? redirectNote(location) : null;
  return { result, statusCode: status, responseExcerpt, error };
}

function cutOff(status: number | null, responseExcerpt: string | null) {
  return {
    result: "connection_error" as const,
    statusCode: status,
    responseExcerpt,
    error: "the connection closed before the answer was complete",
  };
}

/** The kept start of an answer, as text; a NUL (which PostgreSQL's text refuses) is dropped. */
function readExcerpt(chunks: Buffer[]): string | null {
  if (chunks.length === 0) return null;
  const text = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString("utf8");
  return text.replaceAll("\u0000", "");
}

/** Why a redirect failed, and where it pointed, so that the operator can correct the endpoint's URL. */
function redirectNote(location: string | undefined): string {
  const target = location === undefined ? "" : ` (Location: ${location.slice(0, 200)})`;
  return `redirects are not followed${target}`;
}

const ERROR_WORDS: Record<string, string> = {
  ECONNREFUSED: "the connection was refused",
  ECONNRESET: "the connection was reset",
  ENOTFOUND: "the host name does not resolve",
  EAI_AGAIN: "the host name could not be resolved now",
  EHOSTUNREACH: "the host cannot be reached",
  ENETUNREACH: "the network cannot be reached",
  ETIMEDOUT: "the connection timed out",
  EPIPE: "the connection closed while sending",
};

/** What went wrong, in the service's words: the driver's code, never the request it was sending. */
function describeError(error: NodeJS.ErrnoException, status: number | null): string {
  const words = (error.code && ERROR_WORDS[error.code]) ?? error.code ?? error.message;
  return status === null ? `could not send: ${words}` : `the answer was cut off: ${words}`;
}

/** `Retry-After` as a delay: a number of seconds, or an HTTP date (RFC 9110 §10.2.3); null when neither. */
export function readRetryAfter(value: string | undefined, nowMs: number): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP date form starts with the day's name; Date.parse alone reads "-5" as a year.
  const at = /^[A-Za-z]{3}/.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
