import { parseTimestamp } from "../../http/listing/timestamp-parameter.js";
import { type ActorOptions, attribution } from "../actor.js";
import type { CliContext } from "../cli-context.js";
import { CliError, usageError } from "../cli-error.js";
import { parseWholeNumber } from "../option-values.js";
import { formatJson, formatRecord } from "../output.js";
import { requireEndpoint } from "./webhook-endpoint-argument.js";
import {
  formatWebhookAttemptTable,
  printable,
  toWebhookAttemptJson,
  toWebhookOutcomeJson,
} from "./webhook-output.js";

/** `webhook test|deliveries|replay|recover`: what an endpoint was sent, and sending it again. */

const MAX_ATTEMPTS_SHOWN = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Sends a ping now and prints how it went; exits 1 unless the receiver answered 2xx in time. */
export async function testEndpoint(ctx: CliContext, id: string, options: { json?: boolean }) {
  const endpoint = await requireEndpoint(ctx, id);
  // Loaded only here: no other command sends anything.
  const { sendWebhookPing } = await import("../../processing/webhook-ping.js");
  const attempt = await sendWebhookPing(await ctx.store(), endpoint.id, {
    allowPrivateUrls: ctx.config.webhookAllowPrivateUrls,
    timeoutMs: ctx.config.webhookTimeoutMs,
  });
  if (!attempt) throw new CliError(`Unknown webhook endpoint ${id}`);
  const record = toWebhookOutcomeJson(attempt);
  if (options.json) ctx.out(formatJson(record));
  else {
    const shown = {
      ...record,
      response_excerpt: printable(record.response_excerpt),
      error: printable(record.error),
    };
    for (const line of formatRecord(shown)) ctx.out(line);
  }
  if (attempt.result !== "succeeded") {
    throw new CliError(`The ping to ${endpoint.url} did not succeed (${attempt.result})`);
  }
}

/** The endpoint's attempt log, newest first: test pings and deliveries alike. */
export async function listDeliveryAttempts(
  ctx: CliContext,
  id: string,
  options: { limit: string; json?: boolean },
) {
  const limit = parseWholeNumber(options.limit, "--limit", 1, MAX_ATTEMPTS_SHOWN);
  const endpoint = await requireEndpoint(ctx, id);
  const attempts = await (await ctx.store()).listWebhookAttempts({ endpointId: endpoint.id, limit });
  if (options.json) return ctx.out(formatJson(attempts.map(toWebhookAttemptJson)));
  if (attempts.length === 0) {
    return ctx.out(`Nothing sent to ${endpoint.id} yet: 'webhook test ${endpoint.id}' sends a ping`);
  }
  for (const line of formatWebhookAttemptTable(attempts)) ctx.out(line);
}

/** Queues an event again for every enabled endpoint it is for, or for one. */
export async function replayEvent(
  ctx: CliContext,
  eventId: string,
  options: { endpoint?: string } & ActorOptions,
) {
  if (!UUID.test(eventId)) throw usageError("<EVENT_ID> is an event id, a UUID as webhook-id carries it");
  const by = attribution(options);
  const store = await ctx.store();
  const event = await store.findEvent(eventId.toLowerCase());
  if (!event) throw new CliError(`Unknown event ${eventId} (events are kept for EVENT_RETENTION_DAYS)`);
  const endpoint = options.endpoint === undefined ? undefined : await requireEndpoint(ctx, options.endpoint);
  const queued = await store.replayWebhookEvent({
    eventId: event.id,
    ...(endpoint && { endpointId: endpoint.id }),
    now: new Date().toISOString(),
    ...by,
  });
  if (queued === 0) {
    const target = endpoint
      ? `${endpoint.id} (it is disabled, or not for this event)`
      : "any enabled endpoint";
    return ctx.out(
      `Nothing queued: event ${event.id} (${event.type} of ${event.trkref}) is not for ${target}`,
    );
  }
  ctx.out(`Queued ${deliveries(queued)} of event ${event.id} (${event.type} of ${event.trkref})`);
}

/** Enables the endpoint again and queues what it missed since `--since`. */
export async function recoverEndpoint(
  ctx: CliContext,
  id: string,
  options: { since: string } & ActorOptions,
) {
  const since = parseTimestamp(options.since);
  if (since === undefined) throw usageError("--since must be an ISO 8601 time such as 2026-11-30T00:00:00Z");
  const by = attribution(options);
  const endpoint = await requireEndpoint(ctx, id);
  const queued = await (await ctx.store()).recoverWebhookEndpoint({
    id: endpoint.id,
    since,
    now: new Date().toISOString(),
    ...by,
  });
  if (queued === undefined) throw new CliError(`Unknown webhook endpoint ${id}`);
  const was = endpoint.status === "disabled" ? "enabled again" : "enabled";
  ctx.out(
    `Endpoint ${endpoint.id} ${was}; queued ${queued} ${queued === 1 ? "event" : "events"} since ${since}`,
  );
}

const deliveries = (count: number) => (count === 1 ? "1 delivery" : `${count} deliveries`);
