import type { OrderIntakeClient } from "@order-intake/client";
import { CliError } from "../cli-error.js";

/**
 * Refuses, with exit 2, to send orders for an organisation the key may not act for or whose order submission
 * is switched off. The batch endpoint answers either with `422 batch_invalid` (key_not_allowed or
 * feature_disabled on every order), which the service then replays for its idempotency window: sent now,
 * the batch would still be refused after the permission is fixed, so it is asked about before anything is.
 */
export async function checkSubmissionAccess(client: OrderIntakeClient, trkref: string): Promise<void> {
  const organisations = await client.listOrganisations();
  const organisation = organisations.find((candidate) => candidate.trkref === trkref);
  if (organisation === undefined) {
    throw new CliError(
      `The key may not act for ${trkref}: check --org and the key (ORDER_INTAKE_KEY or --key); nothing was sent`,
      2,
    );
  }
  if (!organisation.enabled) {
    throw new CliError(
      `Order submission is switched off for ${trkref}: ask the operator to enable it; nothing was sent`,
      2,
    );
  }
}
