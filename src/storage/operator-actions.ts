import equal from "fast-deep-equal";
import { type InvitationPolicyOverrides, policyOverrideErrors } from "../domain/invitation-policy.js";
import { issueSecret } from "./api-credentials.js";
import type { AuditAction, NewAuditEntry } from "./audit-store.js";
import {
  actionTime,
  checkActor,
  checkExpiry,
  checkGraceSeconds,
  checkKeyLabel,
  checkOrganisationName,
  checkRateLimit,
} from "./operator-input.js";
import type {
  ApiKeyRecord,
  Attribution,
  Organisation,
  OrganisationStore,
  RateLimit,
} from "./organisation-store.js";
import { StoreConflictError, StoreInputError, StoreNotFoundError } from "./store-errors.js";

/** A row as an action leaves it, and the audit entry that records the action. */
export interface PlannedChange<Row> {
  next: Row;
  audit: NewAuditEntry;
}

/** Decides, from the row as it is (undefined: none), what an action makes of it; undefined: nothing changes. */
export type PlanChange<Row> = (current: Row | undefined) => PlannedChange<Row> | undefined;

/**
 * The writes an adapter gives the operator actions, each one transaction with the action's audit entry, so
 * that the log neither misses an action nor shows one that did not happen. `change…` reads the row (locked
 * against concurrent changes), asks `plan` what to write, writes the row's changeable columns and the entry,
 * has every instance's cache told (PostgreSQL: a NOTIFY; SQLite's other processes see the commit itself),
 * and returns the row as it now is.
 */
export interface OperatorWrites {
  /** Throws StoreConflictError when the trkref is taken. */
  insertOrganisation(organisation: Organisation, audit: NewAuditEntry): Promise<void>;
  changeOrganisation(trkref: string, plan: PlanChange<Organisation>): Promise<Organisation | undefined>;
  /** Throws StoreNotFoundError when one of the key's trkrefs names no organisation. */
  insertApiKey(key: ApiKeyRecord, audit: NewAuditEntry): Promise<void>;
  changeApiKey(id: string, plan: PlanChange<ApiKeyRecord>): Promise<ApiKeyRecord | undefined>;
}

type OperatorActions = Pick<
  OrganisationStore,
  | "createOrganisation"
  | "setOrganisationEnabled"
  | "renameOrganisation"
  | "setOrganisationRateLimit"
  | "setOrganisationInvitationPolicy"
  | "createApiKey"
  | "revokeApiKey"
  | "rotateApiKey"
>;

/** The operator's actions on organisations and keys, written once for every adapter over its writes. */
export function createOperatorActions(writes: OperatorWrites): OperatorActions {
  return {
    async createOrganisation(input) {
      const entry = auditEntry(input, "organisation.created", input.trkref);
      const name = checkOrganisationName(input.name);
      const { trkref, enabled } = input;
      const organisation = {
        trkref,
        name,
        enabled,
        createdAt: entry.at,
        rateLimit: null,
        invitationPolicy: null,
      };
      await writes.insertOrganisation(organisation, { ...entry, details: { name, enabled } });
      return organisation;
    },
    async setOrganisationEnabled(trkref, enabled, by = {}) {
      const action = enabled ? "organisation.enabled" : "organisation.disabled";
      const changed = await writes.changeOrganisation(
        trkref,
        changeOf(by, action, trkref, (org) =>
          org.enabled === enabled ? undefined : [{ ...org, enabled }, {}],
        ),
      );
      return changed !== undefined;
    },
    renameOrganisation(trkref, newName, by = {}) {
      const name = checkOrganisationName(newName);
      return writes.changeOrganisation(
        trkref,
        changeOf(by, "organisation.renamed", trkref, (org) =>
          org.name === name
            ? undefined
            : [
                { ...org, name },
                { from: org.name, to: name },
              ],
        ),
      );
    },
    setOrganisationRateLimit(trkref, limit, by = {}) {
      const rateLimit = checkRateLimit(limit);
      return writes.changeOrganisation(
        trkref,
        changeOf(by, "organisation.rate_limit_changed", trkref, (org) =>
          sameLimit(org.rateLimit, rateLimit)
            ? undefined
            : [
                { ...org, rateLimit },
                { from: limitDetails(org.rateLimit), to: limitDetails(rateLimit) },
              ],
        ),
      );
    },
    setOrganisationInvitationPolicy(trkref, overrides, by = {}) {
      const invitationPolicy = checkPolicyOverrides(overrides);
      return writes.changeOrganisation(
        trkref,
        changeOf(by, "organisation.invitation_policy_changed", trkref, (org) =>
          equal(org.invitationPolicy, invitationPolicy)
            ? undefined
            : [
                { ...org, invitationPolicy },
                { from: policyDetails(org.invitationPolicy), to: policyDetails(invitationPolicy) },
              ],
        ),
      );
    },
    async createApiKey(input) {
      const entry = auditEntry(input, "key.created", input.id);
      const label = checkKeyLabel(input.label);
      const expiresAt = checkExpiry(input.expiresAt, entry.at);
      const trkrefs = [...new Set(input.trkrefs)].sort();
      const key: ApiKeyRecord = {
        id: input.id,
        secretHash: input.secretHash,
        trkrefs,
        createdAt: entry.at,
        revokedAt: null,
        label,
        expiresAt,
        lastUsedAt: null,
        previousSecretHash: null,
        previousSecretValidUntil: null,
      };
      await writes.insertApiKey(key, { ...entry, details: { trkrefs, label, expires_at: expiresAt } });
      return key;
    },
    async revokeApiKey(id, by = {}) {
      const revoked = await writes.changeApiKey(
        id,
        changeOf(by, "key.revoked", id, (key, at) =>
          key.revokedAt === null ? [{ ...key, revokedAt: at }, { trkrefs: key.trkrefs }] : undefined,
        ),
      );
      return revoked !== undefined;
    },
    async rotateApiKey(rotation) {
      const graceSeconds = checkGraceSeconds(rotation.graceSeconds);
      let secret: string | undefined;
      const key = await writes.changeApiKey(
        rotation.id,
        changeOf(rotation, "key.rotated", rotation.id, (current, at) => {
          const rotated = planRotation(current, graceSeconds, at);
          secret = rotated.secret;
          return [
            rotated.key,
            { trkrefs: current.trkrefs, previous_secret_valid_until: rotated.key.previousSecretValidUntil },
          ];
        }),
      );
      if (!key || secret === undefined) throw new StoreNotFoundError(`Unknown key ${rotation.id}`);
      return { key, secret };
    },
  };
}

/** The audit entry of an action, its details left to fill in; checks the actor and the time. */
function auditEntry(by: Attribution, action: AuditAction, subject: string): NewAuditEntry {
  return { at: actionTime(by.at), actor: checkActor(by.actor), action, subject, details: {} };
}

/**
 * A plan for a row that exists: `change` gives the row as the action leaves it and the entry's details, or
 * undefined when the action changes nothing (it is then not logged). A missing row changes nothing either.
 */
function changeOf<Row>(
  by: Attribution,
  action: AuditAction,
  subject: string,
  change: (current: Row, at: string) => [Row, NewAuditEntry["details"]] | undefined,
): PlanChange<Row> {
  const entry = auditEntry(by, action, subject);
  return (current) => {
    const changed = current && change(current, entry.at);
    return changed && { next: changed[0], audit: { ...entry, details: changed[1] } };
  };
}

/**
 * A new secret for the key; the old one keeps working for the grace period. Refused for a key that no longer
 * works, and while a previous rotation's old secret still does: at most two secrets work at once, and the
 * one a client may still be sending is never dropped by surprise.
 */
function planRotation(
  key: ApiKeyRecord,
  graceSeconds: number,
  at: string,
): { key: ApiKeyRecord; secret: string } {
  const now = Date.parse(at);
  if (key.revokedAt !== null) throw new StoreConflictError(`Key ${key.id} is revoked: create a new one`);
  if (key.expiresAt !== null && Date.parse(key.expiresAt) <= now) {
    throw new StoreConflictError(`Key ${key.id} expired at ${key.expiresAt}: create a new one`);
  }
  const previousUntil = key.previousSecretValidUntil;
  if (previousUntil !== null && Date.parse(previousUntil) > now) {
    throw new StoreConflictError(
      `Key ${key.id} was rotated already, and its previous secret works until ${previousUntil}: ` +
        "rotate it again after that",
    );
  }
  const { secret, secretHash } = issueSecret();
  const keepOld = graceSeconds > 0;
  return {
    secret,
    key: {
      ...key,
      secretHash,
      previousSecretHash: keepOld ? key.secretHash : null,
      previousSecretValidUntil: keepOld ? new Date(now + graceSeconds * 1000).toISOString() : null,
    },
  };
}

const sameLimit = (a: RateLimit | null, b: RateLimit | null) =>
  a === b || (a !== null && b !== null && a.ratePerSecond === b.ratePerSecond && a.burst === b.burst);

const limitDetails = (limit: RateLimit | null) =>
  limit && { rate_per_second: limit.ratePerSecond, burst: limit.burst };

/** Overrides as stored: checked member by member, `{}` as null (all the installation's defaults). */
function checkPolicyOverrides(overrides: InvitationPolicyOverrides | null): InvitationPolicyOverrides | null {
  if (overrides === null) return null;
  const errors = policyOverrideErrors(overrides);
  if (errors.length > 0) throw new StoreInputError(`Invalid invitation policy: ${errors.join("; ")}`);
  return Object.keys(overrides).length === 0 ? null : overrides;
}

const policyDetails = (overrides: InvitationPolicyOverrides | null) =>
  overrides === null ? null : (JSON.parse(JSON.stringify(overrides)) as { [name: string]: string });
