import type { FastifyServerOptions } from "fastify";
import type { Config } from "./config.js";

/**
 * Paths that never reach a log line. Requests are logged without headers or bodies anyway; this is the
 * second lock, for the day someone logs a header, a customer or a credential by mistake.
 */
export const REDACTED_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  "headers.authorization",
  "authorization",
  "secret",
  "*.secret",
  "email",
  "*.email",
  "customer.email",
  "*.customer.email",
  "*.*.customer.email",
  "body",
  "*.body",
  // Stored documents are JSON strings that hold the customer's email.
  "raw",
  "*.raw",
  "document",
  "*.document",
];

/** pino settings shared by the server and the CLI: JSON lines, redaction on. */
export function createLoggerOptions(
  level: Config["logLevel"],
  stream?: NodeJS.WritableStream,
): FastifyServerOptions["logger"] {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    ...(stream && { stream }),
  };
}
