import type { Command } from "commander";
import type { FieldError } from "../../domain/field-errors.js";
import {
  addWebhookEndpoint,
  MAX_WEBHOOK_ENDPOINTS,
  newWebhookSecret,
  readWebhookEndpointInput,
} from "../../processing/webhook-endpoint-input.js";
import { type ActorOptions, attribution, withActorOption } from "../actor.js";
import { type CliContext, withCliContext } from "../cli-context.js";
import { CliError, usageError } from "../cli-error.js";
import { parseWholeNumber } from "../option-values.js";
import { formatJson } from "../output.js";
import { requireOrganisation } from "./order-commands.js";
import { checkTrkref } from "./trkref-argument.js";
import {
  listDeliveryAttempts,
  recoverEndpoint,
  replayEvent,
  testEndpoint,
} from "./webhook-delivery-commands.js";
import { checkEndpointId } from "./webhook-endpoint-argument.js";
import { formatWebhookEndpointTable, ownerCell, toWebhookEndpointJson } from "./webhook-output.js";

const DEFAULT_GRACE_HOURS = 24;
const MAX_GRACE_HOURS = 30 * 24;
const HOUR_MS = 3_600_000;
const JSON_OPTION = ["--json", "print JSON with the API's field names"] as const;

/**
 * `webhook add|list|remove|rotate-secret|test|deliveries|replay|recover`: endpoints of one organisation or
 * of the whole installation, their secrets (shown once, when issued) and their deliveries.
 */
export function registerWebhookCommands(program: Command): void {
  const webhook = program
    .command("webhook")
    .description("manage webhook endpoints and their deliveries (a secret is shown once, when issued)");
  withActorOption(
    webhook
      .command("add")
      .description("add an endpoint and print its id and signing secret, once")
      .option("--org <TRKREF>", "the organisation whose events it receives")
      .option("--all-orgs", "receive every organisation's events (an installation endpoint)")
      .requiredOption("--url <URL>", "where to send events: an https URL")
      .option("--events <TYPES>", "only these event types, comma-separated (default: every type)")
      .option("--description <TEXT>", "what it is for"),
  )
    .option(...JSON_OPTION)
    .action(withCliContext(addEndpoint));
  webhook
    .command("list")
    .description("list endpoints: every one, one organisation's, or the installation's (never a secret)")
    .option("--org <TRKREF>", "only this organisation's endpoints")
    .option("--all-orgs", "only the installation's endpoints, which receive every organisation's events")
    .option(...JSON_OPTION)
    .action(withCliContext(listEndpoints));
  withActorOption(
    webhook
      .command("remove")
      .description("remove an endpoint with its queued deliveries and attempt log")
      .argument("<ID>", "the endpoint id (we_…), as 'webhook list' shows it"),
  ).action(withCliContext(removeEndpoint));
  withActorOption(
    webhook
      .command("rotate-secret")
      .description(
        "give an endpoint a new signing secret, printed once; the old one signs too until the grace ends",
      )
      .argument("<ID>", "the endpoint id (we_…)")
      .option(
        "--grace-hours <N>",
        `how long the old secret signs beside the new one (0 to ${MAX_GRACE_HOURS})`,
        String(DEFAULT_GRACE_HOURS),
      ),
  )
    .option(...JSON_OPTION)
    .action(withCliContext(rotateSecret));
  webhook
    .command("test")
    .description("send a signed ping event to an endpoint now and print how it answered (exit 1 unless 2xx)")
    .argument("<ID>", "the endpoint id (we_…)")
    .option(...JSON_OPTION)
    .action(withCliContext(testEndpoint));
  webhook
    .command("deliveries")
    .description("the endpoint's attempt log, newest first: time, event, result, status, latency, answer")
    .argument("<ID>", "the endpoint id (we_…)")
    .option("--limit <N>", "how many attempts (1 to 1000)", "20")
    .option(...JSON_OPTION)
    .action(withCliContext(listDeliveryAttempts));
  withActorOption(
    webhook
      .command("replay")
      .description("send an event again to every enabled endpoint it is for, or to one")
      .argument("<EVENT_ID>", "the event id (the webhook-id of its deliveries)")
      .option("--endpoint <ID>", "only to this endpoint"),
  ).action(withCliContext(replayEvent));
  withActorOption(
    webhook
      .command("recover")
      .description("enable an endpoint again and queue every event since a time that it has not received")
      .argument("<ID>", "the endpoint id (we_…)")
      .requiredOption("--since <TIME>", "an ISO 8601 time, as 2026-11-30T00:00:00Z"),
  ).action(withCliContext(recoverEndpoint));
}

/** Exactly one of `--org` and `--all-orgs`: the organisation, or null for the installation. */
function readOwner(options: { org?: string; allOrgs?: boolean }): string | null {
  if ((options.org === undefined) === (options.allOrgs === undefined)) {
    throw usageError("Give either --org <TRKREF> or --all-orgs");
  }
  if (options.org === undefined) return null;
  checkTrkref(options.org);
  return options.org;
}

// The members of the API's body, as the options that set them are named.
const optionOf: Record<string, string> = {
  url: "--url",
  event_types: "--events",
  description: "--description",
};

const describeErrors = (errors: FieldError[]) =>
  errors
    .map((error) => `${optionOf[error.pointer.split("/")[1] ?? ""] ?? "input"}: ${error.message}`)
    .join("\n");

type AddOptions = {
  org?: string;
  allOrgs?: boolean;
  url: string;
  events?: string;
  description?: string;
  json?: boolean;
} & ActorOptions;

async function addEndpoint(ctx: CliContext, options: AddOptions) {
  const trkref = readOwner(options);
  const body = {
    url: options.url,
    ...(options.events !== undefined && {
      event_types: options.events.split(",").map((type) => type.trim()),
    }),
    ...(options.description !== undefined && { description: options.description }),
  };
  const reading = readWebhookEndpointInput(body, { allowPrivateUrls: ctx.config.webhookAllowPrivateUrls });
  if (!reading.ok) throw usageError(describeErrors(reading.errors));
  const by = attribution(options);
  if (trkref !== null) await requireOrganisation(ctx, trkref);
  const store = await ctx.store();
  const added = await addWebhookEndpoint(store, {
    trkref,
    input: reading.input,
    ...by,
    at: new Date().toISOString(),
  });
  if (!added.created) {
    const list = trkref === null ? "webhook list --all-orgs" : `webhook list --org ${trkref}`;
    throw new CliError(
      `${trkref ?? "The installation"} has ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints, the most allowed: ` +
        `remove one first ('${list}' shows them)`,
    );
  }
  const { endpoint, secret } = added;
  if (options.json) return ctx.out(formatJson({ ...toWebhookEndpointJson(endpoint), secret }));
  ctx.out(`Endpoint: ${endpoint.id}`);
  ctx.out(`Secret:   ${secret}`);
  ctx.out(
    `It receives ${endpoint.eventTypes?.join(", ") ?? "every event type"} of ${trkref ?? "every organisation"}.`,
  );
  ctx.out(
    "The secret will not be shown again: store it now. The receiver verifies each request's " +
      "webhook-signature with it (any Standard Webhooks library).",
  );
}

async function listEndpoints(ctx: CliContext, options: { org?: string; allOrgs?: boolean; json?: boolean }) {
  if (options.org !== undefined && options.allOrgs)
    throw usageError("Give --org <TRKREF> or --all-orgs, not both");
  if (options.org !== undefined) await requireOrganisation(ctx, options.org);
  const filter =
    options.org !== undefined ? { trkref: options.org } : options.allOrgs ? { trkref: null } : undefined;
  const endpoints = await (await ctx.store()).listWebhookEndpoints(filter);
  if (options.json) return ctx.out(formatJson(endpoints.map(toWebhookEndpointJson)));
  if (endpoints.length === 0) {
    return ctx.out("No webhook endpoints: add one with 'webhook add --org <TRKREF> --url <URL>'");
  }
  for (const line of formatWebhookEndpointTable(endpoints)) ctx.out(line);
}

async function removeEndpoint(ctx: CliContext, id: string, options: ActorOptions) {
  checkEndpointId(id);
  const by = attribution(options);
  if (!(await (await ctx.store()).removeWebhookEndpoint(id, by))) {
    throw new CliError(`Unknown webhook endpoint ${id}`);
  }
  ctx.out(`Webhook endpoint ${id} removed, with its queued deliveries and attempt log`);
}

async function rotateSecret(
  ctx: CliContext,
  id: string,
  options: { graceHours: string; json?: boolean } & ActorOptions,
) {
  checkEndpointId(id);
  const graceHours = parseWholeNumber(options.graceHours, "--grace-hours", 0, MAX_GRACE_HOURS);
  const by = attribution(options);
  const now = Date.now();
  const secret = newWebhookSecret();
  const endpoint = await (await ctx.store()).rotateWebhookSecret({
    id,
    secret,
    previousValidUntil: new Date(now + graceHours * HOUR_MS).toISOString(),
    ...by,
    at: new Date(now).toISOString(),
  });
  if (!endpoint) throw new CliError(`Unknown webhook endpoint ${id}`);
  if (options.json) return ctx.out(formatJson({ ...toWebhookEndpointJson(endpoint), secret }));
  ctx.out(`Endpoint: ${endpoint.id} (${ownerCell(endpoint)})`);
  ctx.out(`Secret:   ${secret}`);
  ctx.out("The new secret will not be shown again: store it now. It signs every request from now on.");
  const until = graceHours > 0 ? endpoint.previousSecretValidUntil : null;
  ctx.out(
    until
      ? `The old secret signs each request too until ${until}: give the receiver the new one before then.`
      : "The old secret no longer signs.",
  );
}
