import type { CliContext } from "../cli-context.js";
import { CliError, usageError } from "../cli-error.js";

export const SUBMISSION_USAGE = "order-intake submission show <ID>";

/** `submission show <ID>`: what became of one submission, as JSON. */
export async function runSubmissionCommand(ctx: CliContext): Promise<void> {
  const [action, id, ...extra] = ctx.args;
  if (action !== "show") throw usageError(`Unknown submission command. Usage:\n${SUBMISSION_USAGE}`);
  if (!id || extra.length > 0) throw usageError("Give exactly one submission ID");
  const submission = await (await ctx.store()).findSubmission(id.toLowerCase());
  if (!submission) throw new CliError(`No submission ${id}`);
  ctx.out(JSON.stringify(submission, null, 2));
}
