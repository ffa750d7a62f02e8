import type { WebhookEndpoint } from "../../storage/webhook-store.js";
import type { CliContext } from "../cli-context.js";
import { CliError, usageError } from "../cli-error.js";

/** Refuses a signing secret pasted where an endpoint id belongs, without quoting it. */
export function checkEndpointId(id: string): void {
  if (/^whsec_/i.test(id.trim())) {
    throw usageError(
      "That is a signing secret (whsec_…), not an endpoint id (we_…). One pasted where others may see it " +
        "is best treated as leaked: rotate it with 'webhook rotate-secret <ID> --grace-hours 0'.",
    );
  }
}

/** The endpoint `id` names, or exit 1 when there is none. */
export async function requireEndpoint(ctx: CliContext, id: string): Promise<WebhookEndpoint> {
  checkEndpointId(id);
  const endpoint = await (await ctx.store()).findWebhookEndpoint(id);
  if (!endpoint) throw new CliError(`Unknown webhook endpoint ${id}`);
  return endpoint;
}
