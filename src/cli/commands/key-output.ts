import type { ApiKeyRecord } from "../../storage/store.js";
import { formatTable } from "../output.js";

/** A key as `--json` prints it: the same `key_id` and fields whether it was just created, rotated or listed. */
export const toKeyJson = (key: ApiKeyRecord) => ({
  key_id: key.id,
  trkrefs: key.trkrefs,
  label: key.label,
  created_at: key.createdAt,
  expires_at: key.expiresAt,
  last_used_at: key.lastUsedAt,
  revoked_at: key.revokedAt,
  previous_secret_valid_until: key.previousSecretValidUntil,
});

const isPast = (time: string | null, now: number) => time !== null && Date.parse(time) <= now;

/** `active`, `revoked` or `expired`: whether the key works now. */
function keyStatus(key: ApiKeyRecord, now: number): string {
  if (key.revokedAt !== null) return "revoked";
  return isPast(key.expiresAt, now) ? "expired" : "active";
}

/**
 * The keys as a table. OLD SECRET UNTIL is shown only while a rotated key's previous secret still works;
 * the label comes last, as the one column that may hold spaces.
 */
export function formatKeyTable(keys: ApiKeyRecord[], now = Date.now()): string[] {
  const rows = keys.map((key) => [
    key.id,
    keyStatus(key, now),
    key.trkrefs,
    key.createdAt,
    key.expiresAt,
    key.lastUsedAt,
    key.revokedAt,
    isPast(key.previousSecretValidUntil, now) ? null : key.previousSecretValidUntil,
    key.label,
  ]);
  const headers = ["KEY ID", "STATUS", "ORGANISATIONS", "CREATED", "EXPIRES", "LAST USED", "REVOKED"];
  return formatTable([...headers, "OLD SECRET UNTIL", "LABEL"], rows);
}
