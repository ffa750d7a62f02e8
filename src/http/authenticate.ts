import type { FastifyRequest } from "fastify";
import { secretMatches, UNKNOWN_KEY_HASH } from "../domain/api-credentials.js";
import { ProblemError } from "../domain/error-catalogue.js";
import type { ApiKeyRecord } from "../storage/store.js";
import type { Lookups } from "./cached-lookups.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The API key that authenticated this request, once the auth hook has run. */
    apiKey: ApiKeyRecord | undefined;
  }
}

export const WWW_AUTHENTICATE = 'Basic realm="order-intake", charset="UTF-8"';

const unauthorized = (detail: string) =>
  new ProblemError("unauthorized", { detail, headers: { "www-authenticate": WWW_AUTHENTICATE } });

/** Splits an `Authorization: Basic …` header into key id and secret, or undefined when malformed. */
export function parseBasicCredentials(
  header: string | undefined,
): { keyId: string; secret: string } | undefined {
  if (!header) return undefined;
  const match = /^Basic[ ]+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  // No key id or secret holds a NUL; refusing it here keeps it away from the store's text columns.
  if (colon <= 0 || decoded.includes("\u0000")) return undefined;
  return { keyId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/**
 * Checks HTTP Basic credentials against the stored keys. Every failure is the same `401` to the client
 * (which of them it was is only in the detail), so that key ids cannot be probed.
 */
export function createAuthenticator(lookups: Pick<Lookups, "findApiKey">) {
  return async function authenticate(header: string | undefined): Promise<ApiKeyRecord> {
    const credentials = parseBasicCredentials(header);
    if (!credentials) throw unauthorized("Send an API key id and secret with HTTP Basic authentication");
    const key = await lookups.findApiKey(credentials.keyId);
    const matches = secretMatches(credentials.secret, key?.secretHash ?? UNKNOWN_KEY_HASH);
    if (!key || !matches || key.revokedAt !== null)
      throw unauthorized("Unknown, revoked or wrong credentials");
    return key;
  };
}

export type Authenticate = ReturnType<typeof createAuthenticator>;

/** An onRequest hook: authenticates before the body is read, and keeps the key on the request. */
export function requireApiKey(authenticate: Authenticate) {
  return async (request: FastifyRequest) => {
    request.apiKey = await authenticate(request.headers.authorization);
  };
}

/** The key the auth hook stored; routes that use the hook may rely on it. */
export function apiKeyOf(request: FastifyRequest): ApiKeyRecord {
  if (!request.apiKey) throw new Error("route used without the requireApiKey hook");
  return request.apiKey;
}
