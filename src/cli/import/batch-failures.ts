import {
  AuthenticationError,
  type BatchOrderResult,
  ConnectionError,
  PermissionError,
} from "@order-intake/client";
import { CliError } from "../cli-error.js";
import type { ImportSettings } from "./import-options.js";

const RESUME_HINT = "once that is fixed, run the same command with --resume to go on";

/** The codes of an order refused for its organisation, not for its content. */
const PERMISSION_CODES: ReadonlySet<string> = new Set(["key_not_allowed", "feature_disabled"]);

/**
 * The code every order of a batch was refused with when each was refused for its organisation: the key's
 * rights changed after the import checked them. Undefined when any order was accepted or refused otherwise.
 */
export function permissionRefusalOf(results: readonly BatchOrderResult[]): string | undefined {
  let refusal: string | undefined;
  for (const result of results) {
    if (result.status !== "rejected") return undefined;
    const code = result.invalid_params?.find((error) => PERMISSION_CODES.has(error.code))?.code;
    if (code === undefined) return undefined;
    refusal ??= code;
  }
  return refusal;
}

/**
 * Why a batch refused for its organisation stops the import (exit 2) without being recorded as done. The
 * service keeps the refusal under the batch's idempotency key, for this API key, for its idempotency window:
 * within it the same batch from the same key is refused again, whatever the permission is by then.
 */
export function permissionRefusalError(
  code: string,
  replayed: boolean,
  lines: string,
  settings: ImportSettings,
): CliError {
  const { trkref } = settings;
  const reason =
    code === "feature_disabled"
      ? `order submission is switched off for ${trkref}`
      : `the key may not act for ${trkref}`;
  const what = replayed
    ? `The service answered the batch of ${lines} with the refusal an earlier run got (${code}: ${reason} then)`
    : `The service refused every order of the batch of ${lines} (${code}): ${reason}, a change since the ` +
      "import checked it";
  return new CliError(
    `${what}. The batch is not recorded as done, and the service gives this API key the same refusal for ` +
      "it during its idempotency window (IDEMPOTENCY_TTL_HOURS, 24 hours by default): once the permission " +
      `is back, run the same command with --resume after the window, or with another API key of ${trkref}`,
    2,
  );
}

/**
 * What to check when a request failed: the URL, the credentials, or (anything else) the service's answer.
 * `what` names the request in a sentence ("the batch of lines 2-501").
 */
export function explainFailure(error: unknown, what: string, settings: ImportSettings): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof AuthenticationError) {
    return new CliError(
      `The service refused the credentials (${error.status} ${error.code}): check ORDER_INTAKE_KEY and ` +
        `ORDER_INTAKE_SECRET (or --key and --secret-file); ${RESUME_HINT}`,
      2,
    );
  }
  if (error instanceof PermissionError) {
    // The service answers a key's missing rights in the batch's results, not with a 403: this one comes from
    // something in between, or from a service that has changed.
    return new CliError(
      `${capitalise(what)} was answered ${error.status} ${error.code}, perhaps by a proxy in front of the ` +
        `service: check --url or ORDER_INTAKE_URL, and that the key may submit orders for ${settings.trkref}; ` +
        RESUME_HINT,
      2,
    );
  }
  if (error instanceof ConnectionError) {
    return new CliError(
      `Could not reach the service at ${settings.url} (${error.message}): check --url or ORDER_INTAKE_URL ` +
        `and that the service is running; ${RESUME_HINT}`,
      2,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CliError(`${capitalise(what)} failed: ${message}; ${RESUME_HINT}`, 1);
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
