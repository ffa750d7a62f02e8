import type { Command } from "commander";
// The same bounds as the API's listings, so that the CLI shows what a page of them would.
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from "../../http/listing/page.js";
import { type CliContext, withCliContext } from "../cli-context.js";

type Actions = typeof import("./invitation-actions.js");
type ArgumentsOf<Name extends keyof Actions> =
  Parameters<Actions[Name]> extends [CliContext, ...infer Rest] ? Rest : never;

/** Runs one of the actions, loaded only then (with the invitation modules and the time zone data they use). */
const lazily = <Name extends keyof Actions>(name: Name) =>
  withCliContext(async (ctx: CliContext, ...args: ArgumentsOf<Name>) => {
    const actions = await import("./invitation-actions.js");
    const action = actions[name] as unknown as (ctx: CliContext, ...args: ArgumentsOf<Name>) => Promise<void>;
    return action(ctx, ...args);
  });

/** `invitation list|cancel`: an organisation's review invitations, and cancelling one before it is due. */
export function registerInvitationCommands(program: Command): void {
  const invitation = program
    .command("invitation")
    .description("read and cancel an organisation's review invitations");
  invitation
    .command("list")
    .description("an organisation's invitations in the order they were made, oldest first")
    .requiredOption("--org <TRKREF>", "the organisation")
    .option("--status <STATUS>", "only those scheduled, due, skipped or cancelled")
    .option("--order-ref <REF>", "only the invitation of this order")
    .option("--due-before <TIME>", "only those due before this ISO 8601 time")
    .option("--after <ID>", "only those made after this one (the next page: the last id shown)")
    .option("--limit <N>", `how many (1 to ${MAX_PAGE_LIMIT})`, String(DEFAULT_PAGE_LIMIT))
    .option("--json", "print JSON with the API's field names, as its listing answers each invitation")
    .action(lazily("listInvitations"));
  invitation
    .command("cancel")
    .description("cancel a scheduled invitation, so that it is never sent; exit 1 once it is due or skipped")
    .argument("<ID>", "the invitation's id, as 'invitation list' shows it")
    .requiredOption("--org <TRKREF>", "its organisation")
    .option("--json", "print the invitation as JSON with the API's field names")
    .action(lazily("cancelInvitation"));
}
