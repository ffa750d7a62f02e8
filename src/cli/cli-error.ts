import { redactSecrets } from "../storage/api-credentials.js";

/** A failure the operator can fix; printed without a stack trace. `exitCode` 2 means bad usage. */
export class CliError extends Error {
  override name = "CliError";
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

/** Bad arguments: exit code 2, like most command-line tools. */
export const usageError = (message: string) => new CliError(message, 2);

/**
 * Refuses an argument that holds a secret where something else (`what`) was expected, without quoting it
 * or any form of it (an upper-cased correction would still give most of it away).
 */
export function refuseSecret(value: string, what: string): void {
  if (redactSecrets(value) === value) return;
  throw usageError(
    `That is a secret (ois_…), not ${what}. No command takes a secret; one pasted where others may see ` +
      "it is best treated as leaked: revoke its key ('key list' shows key ids).",
  );
}

/**
 * A port already taken is the commonest failure of a first start: say how to choose another. Any other
 * error is returned as it is.
 */
export function explainTakenPort(error: unknown, howToChoose: string): unknown {
  if ((error as { code?: unknown })?.code !== "EADDRINUSE") return error;
  return new CliError(`${(error as Error).message}\nThe port is taken: choose another, e.g. ${howToChoose}`);
}
