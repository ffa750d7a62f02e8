import { type CustomerKeyKind, customerHasherOfKey, normaliseEmail } from "../domain/customer-privacy.js";
import { type FieldError, type FieldErrorCode, fieldErrorCatalogue } from "../domain/field-errors.js";
import { readEmail, readRef } from "../domain/field-readers.js";
import { newRecordId } from "../domain/record-id.js";
import { createIssues } from "../domain/validation-issues.js";
import type {
  ErasureSubject,
  NewErasureRequest,
  PrivacyStore,
  SuppressionReason,
} from "../storage/privacy-store.js";

/**
 * What a merchant (through the API) or an operator (through the CLI) sends to erase or suppress customers,
 * checked once for both, and the ledger entries and suppressions it becomes. Emails and customer refs are
 * read with the order document's own rules and turned into keyed hashes at once: nothing downstream, the
 * store included, ever sees one in clear, and no message quotes one.
 */

/** Customers one request may name: one request is one transaction, whose work this bounds. */
export const MAX_ERASURE_SUBJECTS = 1000;

/** The members an erasure request's body takes (exactly one of them), as the API names them. */
export const ERASURE_REQUEST_MEMBERS = ["email", "emails", "customer_refs"] as const;
/** The members a suppression request's body takes (exactly one of them). */
export const SUPPRESSION_REQUEST_MEMBERS = ["email", "emails"] as const;

type RequestMember = (typeof ERASURE_REQUEST_MEMBERS)[number];

/** Customers named by one kind of key, normalised (emails by `normaliseEmail`), each once. */
export interface CustomerList {
  kind: CustomerKeyKind;
  values: string[];
}

export type CustomerListReading = { ok: true; list: CustomerList } | { ok: false; errors: FieldError[] };

/** The longest customer_ref taken: the order document's limit for free text (MAX_STRING_LENGTH). */
export interface CustomerRefRule {
  maxRefLength: number;
}

const MAX_UNKNOWN_MEMBERS_SHOWN = 20;

const fieldError = (pointer: string, code: FieldErrorCode, message: string = fieldErrorCatalogue[code]) => ({
  pointer,
  code,
  message,
});

const pointerTo = (name: string) => `/${name.slice(0, 64).replaceAll("~", "~0").replaceAll("/", "~1")}`;

/** `{"email"}`, `{"emails": […]}` or `{"customer_refs": […]}`, exactly one, every wrong entry at once. */
export function readErasureRequest(body: unknown, rule: CustomerRefRule): CustomerListReading {
  return readRequest(body, ERASURE_REQUEST_MEMBERS, rule);
}

/** `{"email"}` or `{"emails": […]}`, exactly one, every wrong entry at once. */
export function readSuppressionRequest(body: unknown): CustomerListReading {
  // No customer_ref is taken here, so its rule is never used.
  return readRequest(body, SUPPRESSION_REQUEST_MEMBERS, { maxRefLength: 0 });
}

function readRequest(
  body: unknown,
  members: readonly RequestMember[],
  rule: CustomerRefRule,
): CustomerListReading {
  const takes = members.join(", ");
  if (body === undefined || body === null || typeof body !== "object" || Array.isArray(body)) {
    return { ok: false, errors: [fieldError("", "wrong_type", `Send a JSON object with one of ${takes}`)] };
  }
  const fields = body as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((name) => !(members as readonly string[]).includes(name));
  const errors = unknown
    .slice(0, MAX_UNKNOWN_MEMBERS_SHOWN)
    .map((name) => fieldError(pointerTo(name), "unknown_member", `Unknown member; send one of ${takes}`));
  const given = members.filter((name) => Object.hasOwn(fields, name));
  if (given.length === 0) errors.push(fieldError("", "required", `Send one of ${takes}`));
  if (given.length > 1) {
    errors.push(fieldError("", "too_many", `Send one of ${takes}, not ${given.length} of them`));
  }
  const [member] = given;
  if (errors.length > 0 || member === undefined) return { ok: false, errors };
  const value = fields[member];
  if (member === "email") return readCustomerValues("email", [value], "/email", rule, false);
  const kind = member === "emails" ? "email" : "customer_ref";
  const pointer = `/${member}`;
  if (!Array.isArray(value)) {
    return { ok: false, errors: [fieldError(pointer, "wrong_type", "Must be an array of strings")] };
  }
  if (value.length === 0) return { ok: false, errors: [fieldError(pointer, "empty_list")] };
  if (value.length > MAX_ERASURE_SUBJECTS) {
    return {
      ok: false,
      errors: [
        fieldError(
          pointer,
          "too_many",
          `Must have at most ${MAX_ERASURE_SUBJECTS} entries (got ${value.length}); send several requests`,
        ),
      ],
    };
  }
  return readCustomerValues(kind, value, pointer, rule, true);
}

/**
 * Reads each value with the order document's rule for its kind (an email as `customer.email`, after
 * `normaliseEmail`; a customer_ref as `customer.customer_ref`, blank refused), reporting every wrong one at
 * `pointer/<index>` (or at `pointer` itself for one value that is not a list). A value named twice, in any
 * spelling that normalises alike, is kept once. The CLI reads a whole file of lines with it.
 */
export function readCustomerValues(
  kind: CustomerKeyKind,
  values: readonly unknown[],
  pointer: string,
  rule: CustomerRefRule,
  indexed = true,
): CustomerListReading {
  const issues = createIssues();
  const read = new Set<string>();
  values.forEach((value, index) => {
    const at = indexed ? `${pointer}/${index}` : pointer;
    const normalised =
      kind === "email"
        ? readEmail(issues, typeof value === "string" ? normaliseEmail(value) : value, at)
        : readRef(issues, value, at, rule.maxRefLength, true);
    if (normalised !== undefined) read.add(normalised);
  });
  if (issues.errors.length > 0) return { ok: false, errors: issues.errors };
  return { ok: true, list: { kind, values: [...read] } };
}

/** The keyed hashes of the customers, with the installation's key, each once. */
export async function hashCustomers(
  store: Pick<PrivacyStore, "customerHashKey">,
  trkref: string,
  list: CustomerList,
): Promise<ErasureSubject[]> {
  const hasher = customerHasherOfKey(await store.customerHashKey());
  const hashes = new Set(list.values.map((value) => hasher.hash(trkref, list.kind, value)));
  return [...hashes].map((hash) => ({ kind: list.kind, hash }));
}

/**
 * Records a pending erasure request of these subjects in the ledger (at most MAX_ERASURE_SUBJECTS: a
 * caller with more splits them). The erasure itself is run later, by `PrivacyStore.runErasure`.
 */
export async function recordErasureRequest(
  store: Pick<PrivacyStore, "createErasureRequest">,
  request: Omit<NewErasureRequest, "id">,
): Promise<NewErasureRequest> {
  if (request.subjects.length === 0 || request.subjects.length > MAX_ERASURE_SUBJECTS) {
    throw new RangeError(
      `An erasure request names 1 to ${MAX_ERASURE_SUBJECTS} subjects, not ${request.subjects.length}`,
    );
  }
  const created = { id: newRecordId(), ...request };
  await store.createErasureRequest(created);
  return created;
}

/** What adding emails to a suppression list did. */
export interface SuppressionOutcome {
  added: number;
  alreadySuppressed: number;
}

/** Puts the emails (read by `readSuppressionRequest`) on the organisation's suppression list. */
export async function suppressEmails(
  store: Pick<PrivacyStore, "customerHashKey" | "addSuppressions">,
  request: { trkref: string; emails: readonly string[]; reason: SuppressionReason; at: string },
): Promise<SuppressionOutcome> {
  const { trkref, reason, at } = request;
  const subjects = await hashCustomers(store, trkref, { kind: "email", values: [...request.emails] });
  const added = await store.addSuppressions(
    subjects.map(({ hash }) => ({ trkref, customerHash: hash, reason, createdAt: at })),
  );
  return { added, alreadySuppressed: subjects.length - added };
}
