import { parseArgs } from "node:util";
import { issueCredential } from "../../http/api-credentials.js";
import { StoreNotFoundError } from "../../storage/store.js";
import type { CliContext } from "../cli-context.js";
import { CliError, usageError } from "../cli-error.js";
import { checkTrkref } from "./org-commands.js";

export const KEY_USAGE = `order-intake key create --org <TRKREF> [--org <TRKREF> ...] [--json]
order-intake key list [--json]
order-intake key revoke <KEY>`;

/** `key create|list|revoke`: API credentials; a secret is shown once, at creation, and never again. */
export async function runKeyCommand(ctx: CliContext): Promise<void> {
  const [action, ...rest] = ctx.args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { org: { type: "string", multiple: true }, json: { type: "boolean" } },
  });
  switch (action) {
    case "create":
      return createKey(ctx, values.org ?? [], values.json ?? false);
    case "list":
      return listKeys(ctx, values.json ?? false);
    case "revoke": {
      const [keyId, ...extra] = positionals;
      if (!keyId || extra.length > 0) throw usageError("Give exactly one KEY id to revoke");
      return revokeKey(ctx, keyId);
    }
    default:
      throw usageError(`Unknown key command ${JSON.stringify(action ?? "")}. Usage:\n${KEY_USAGE}`);
  }
}

/** Issues a key for the organisations and returns its id and secret. */
export async function createKeyFor(ctx: CliContext, trkrefs: string[]) {
  const credential = issueCredential();
  try {
    await (await ctx.store()).createApiKey({
      id: credential.keyId,
      secretHash: credential.secretHash,
      trkrefs,
    });
  } catch (error) {
    if (error instanceof StoreNotFoundError) throw new CliError(error.message);
    throw error;
  }
  return credential;
}

async function createKey(ctx: CliContext, trkrefs: string[], json: boolean) {
  if (trkrefs.length === 0) throw usageError("Name at least one organisation with --org <TRKREF>");
  for (const trkref of trkrefs) checkTrkref(trkref);
  const { keyId, secret } = await createKeyFor(ctx, trkrefs);
  if (json) return ctx.out(JSON.stringify({ key: keyId, secret }));
  ctx.out(`Key:    ${keyId}`);
  ctx.out(`Secret: ${secret}`);
  ctx.out("The secret is shown only this once: store it now. Clients send it with HTTP Basic (key:secret).");
}

async function listKeys(ctx: CliContext, json: boolean) {
  // Only ids and metadata: the store has no secret to show, and the hash stays inside.
  const keys = (await (await ctx.store()).listApiKeys()).map(({ secretHash: _, ...key }) => key);
  if (json) return ctx.out(JSON.stringify(keys));
  if (keys.length === 0) return ctx.out("No keys yet: create one with 'key create --org <TRKREF>'");
  for (const key of keys) {
    const state = key.revokedAt ? `revoked ${key.revokedAt}` : "active";
    ctx.out(`${key.id}\t${state}\t${key.trkrefs.join(",")}\tcreated ${key.createdAt}`);
  }
}

async function revokeKey(ctx: CliContext, keyId: string) {
  if (!(await (await ctx.store()).revokeApiKey(keyId))) throw new CliError(`Unknown key ${keyId}`);
  ctx.out(`Key ${keyId} revoked`);
}
