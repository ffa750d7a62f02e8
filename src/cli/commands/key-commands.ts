import type { Command } from "commander";
import { issueCredential } from "../../storage/api-credentials.js";
import { parseDuration } from "../../storage/operator-input.js";
import type { Attribution } from "../../storage/store.js";
import { type ActorOptions, attribution, withActorOption } from "../actor.js";
import { type CliContext, withCliContext } from "../cli-context.js";
import { CliError, refuseSecret, usageError } from "../cli-error.js";
import { formatJson } from "../output.js";
import { formatKeyTable, toKeyJson } from "./key-output.js";
import { checkTrkref } from "./trkref-argument.js";

/** `key create|rotate|list|revoke`: API credentials; a secret is shown once, when it is issued, never again. */
export function registerKeyCommands(program: Command): void {
  const key = program.command("key").description("manage API keys (a secret is shown once, at creation)");
  withActorOption(
    key
      .command("create")
      .description("issue a key for one or more organisations and print its id and secret, once")
      .requiredOption(
        "--org <TRKREF>",
        "an organisation the key may act for (repeat for several)",
        (trkref: string, previous: string[] | undefined) => [...(previous ?? []), trkref],
      )
      .option("--label <TEXT>", 'what the key is for, as "shop backend"')
      .option("--expires <WHEN>", "refuse it from then on: a duration from now (90d) or an ISO time"),
  )
    .option("--json", "print JSON with the API's field names")
    .action(withCliContext(createKey));
  withActorOption(
    key
      .command("rotate")
      .description("give a key a new secret, printed once; the old one works until the grace period ends")
      .argument("<KEY_ID>", "the key id (oik_…), as 'key list' shows it")
      .option("--grace <DURATION>", "how long the old secret keeps working: 0s to 30d (default 24h)"),
  )
    .option("--json", "print JSON with the API's field names")
    .action(withCliContext(rotateKey));
  key
    .command("list")
    .description("list keys with their organisations, label, expiry and last use (never a secret)")
    .option("--org <TRKREF>", "only the keys that may act for this organisation")
    .option("--json", "print JSON with the API's field names")
    .action(withCliContext(listKeys));
  withActorOption(
    key
      .command("revoke")
      .description("stop a key from working, on every instance at once")
      .argument("<KEY>", "the key id (oik_…), as 'key list' shows it"),
  ).action(withCliContext(revokeKey));
}

/** A key to issue: for whom, with what label and expiry, by whom. */
export interface KeyRequest extends Attribution {
  trkrefs: string[];
  label?: string | null;
  expiresAt?: string | null;
}

/** Issues a key and returns its record and secret (StoreNotFoundError for an unknown organisation). */
export async function createKeyFor(ctx: CliContext, request: KeyRequest) {
  const credential = issueCredential();
  const record = await (await ctx.store()).createApiKey({
    ...request,
    id: credential.keyId,
    secretHash: credential.secretHash,
  });
  return { record, secret: credential.secret };
}

/** `--expires`: a duration from `now` (`90d`) or a time; the store checks that it is to come. */
function readExpiry(text: string, now: Date): string {
  if (/^\s*\d+\s*[a-z]\s*$/i.test(text)) {
    const expiry = new Date(now.getTime() + parseDuration(text) * 1000);
    if (Number.isNaN(expiry.getTime())) throw usageError("--expires is too far ahead");
    return expiry.toISOString();
  }
  if (Number.isNaN(Date.parse(text))) {
    throw usageError("--expires takes a duration such as 90d or an ISO time such as 2027-01-31T00:00:00Z");
  }
  return text;
}

type CreateOptions = { org: string[]; label?: string; expires?: string; json?: boolean } & ActorOptions;

async function createKey(ctx: CliContext, options: CreateOptions) {
  for (const trkref of options.org) checkTrkref(trkref);
  // One time for the action and the expiry, so that `--expires 90d` is 90 days after the creation.
  const now = new Date();
  const { record, secret } = await createKeyFor(ctx, {
    trkrefs: options.org,
    label: options.label ?? null,
    expiresAt: options.expires === undefined ? null : readExpiry(options.expires, now),
    ...attribution(options),
    at: now.toISOString(),
  });
  if (options.json) return ctx.out(formatJson({ ...toKeyJson(record), secret }));
  ctx.out(`Key:    ${record.id}`);
  ctx.out(`Secret: ${secret}`);
  if (record.expiresAt) ctx.out(`It expires at ${record.expiresAt}.`);
  ctx.out("The secret is shown only this once: store it now. Clients send it with HTTP Basic (key:secret).");
}

async function rotateKey(
  ctx: CliContext,
  keyId: string,
  options: { grace?: string; json?: boolean } & ActorOptions,
) {
  refuseSecret(keyId, "a key id (oik_…)");
  const by = attribution(options);
  const grace = options.grace === undefined ? {} : { graceSeconds: parseDuration(options.grace) };
  const { key, secret } = await (await ctx.store()).rotateApiKey({ id: keyId, ...grace, ...by });
  if (options.json) return ctx.out(formatJson({ ...toKeyJson(key), secret }));
  ctx.out(`Key:    ${key.id}`);
  ctx.out(`Secret: ${secret}`);
  ctx.out("The new secret is shown only this once: store it now; it works at once.");
  const until = key.previousSecretValidUntil;
  ctx.out(until ? `The old secret keeps working until ${until}.` : "The old secret no longer works.");
}

async function listKeys(ctx: CliContext, options: { org?: string; json?: boolean }) {
  if (options.org !== undefined) checkTrkref(options.org);
  const store = await ctx.store();
  if (options.org !== undefined && !(await store.findOrganisation(options.org))) {
    throw new CliError(`Unknown organisation ${options.org}`);
  }
  // Only ids and metadata: the store has no secret to show, and the hashes stay inside.
  const keys = await store.listApiKeys(options.org === undefined ? {} : { trkref: options.org });
  if (options.json) return ctx.out(formatJson(keys.map(toKeyJson)));
  if (keys.length === 0) {
    return ctx.out(
      options.org === undefined
        ? "No keys yet: create one with 'key create --org <TRKREF>'"
        : `No keys for ${options.org}: create one with 'key create --org ${options.org}'`,
    );
  }
  for (const line of formatKeyTable(keys)) ctx.out(line);
}

/** Revoking a key that is already revoked changes nothing and succeeds, so that a script may run it twice. */
async function revokeKey(ctx: CliContext, keyId: string, options: ActorOptions) {
  refuseSecret(keyId, "a key id (oik_…)");
  const by = attribution(options);
  const store = await ctx.store();
  const key = await store.findApiKey(keyId);
  if (!key) throw new CliError(`Unknown key ${keyId}`);
  if (key.revokedAt) return ctx.out(`Key ${keyId} was already revoked at ${key.revokedAt}: nothing changed`);
  await store.revokeApiKey(keyId, by);
  ctx.out(`Key ${keyId} revoked`);
}
