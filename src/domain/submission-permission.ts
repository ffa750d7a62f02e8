/** Why an order may not be submitted for an organisation: the same words for a single order and a batch's. */
export interface SubmissionRefusal {
  code: "key_not_allowed" | "feature_disabled";
  message: string;
}

/** What is known of the key and the organisation an order is submitted for. */
export interface SubmissionAccess {
  /** The API key may act for the organisation. */
  keyMayActFor: boolean;
  /** The organisation has order submission switched on (not asked when the key may not act for it). */
  organisationEnabled: boolean;
}

/**
 * Why an API key may not submit an order for `trkref`, or undefined when it may: first whether the key may
 * act for the organisation (so that a key learns nothing of organisations it may not act for), then whether
 * the organisation takes orders.
 */
export function submissionRefusal(trkref: string, access: SubmissionAccess): SubmissionRefusal | undefined {
  if (!access.keyMayActFor) {
    return { code: "key_not_allowed", message: `This API key may not submit orders for ${trkref}` };
  }
  if (!access.organisationEnabled) {
    return {
      code: "feature_disabled",
      message: `Customer order submission is not enabled for ${trkref}; ask the operator to enable it`,
    };
  }
  return undefined;
}
