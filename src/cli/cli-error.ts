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
