import { userInfo } from "node:os";
import type { Command } from "commander";
import { DEFAULT_ACTOR } from "../storage/audit-store.js";
import { checkActor } from "../storage/operator-input.js";
import type { Attribution } from "../storage/store.js";

/** The `--actor` option of a command that changes something. */
export interface ActorOptions {
  actor?: string;
}

/**
 * Who an action is by when `--actor` names nobody: the operating-system user, or DEFAULT_ACTOR (`unknown`)
 * where the system has no name for it (`userInfo` throws for a uid without a passwd entry, as in containers).
 */
export function defaultActor(): string {
  try {
    return userInfo().username || DEFAULT_ACTOR;
  } catch {
    return DEFAULT_ACTOR;
  }
}

/** Adds `--actor <NAME>` to a command that changes something, for its audit entry. */
export const withActorOption = (command: Command) =>
  command.option("--actor <NAME>", "who acts, for the audit log (default: the operating-system user)");

/** The attribution of an action, checked before the store opens (StoreInputError when out of bounds). */
export const attribution = (options: ActorOptions): Attribution => ({
  actor: checkActor(options.actor ?? defaultActor()),
});
