/**
 * Why processing failed a submission: a stable code beside its `failure_reason`, never renamed once released.
 * `docs/errors.md` documents each; a test keeps the two in step.
 */
export const submissionFailureCatalogue = {
  not_storable:
    "The database refused a value of the order (one it cannot hold); the reason says which, in its words",
  unreadable_document:
    "The order as stored could not be read back; a defect of the service, which its operator has been told of",
  internal_error: "A defect of the service stopped processing; its operator has been told",
  erased:
    "The customer's personal data was erased (an erasure request) before the submission was processed; it changed nothing",
} as const satisfies Record<string, string>;

/** The code of a failed submission. */
export type SubmissionFailureCode = keyof typeof submissionFailureCatalogue;
