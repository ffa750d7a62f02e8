import type { Config } from "../config.js";
import { fieldErrorCatalogue } from "../domain/field-errors.js";
import { MAX_EMAIL_LENGTH } from "../domain/field-readers.js";
import { DEMO_TRKREF } from "../domain/order-example.js";
import { MAX_REF_LENGTH } from "../domain/order-limits.js";
import { TRKREF_MAX_LENGTH } from "../domain/trkref.js";
import { guidePath } from "./guides/guides.js";
import { problemCatalogue } from "./problem-catalogue.js";

/** The settings the overview states; the running service's own, so that it describes what it enforces. */
export type OverviewSettings = Pick<
  Config,
  | "maxBodyBytes"
  | "maxBatchBodyBytes"
  | "maxOrdersPerBatch"
  | "orderLimits"
  | "rateLimitPerSecond"
  | "rateLimitBurst"
  | "authFailuresPerMinute"
  | "idempotencyTtlHours"
  | "requestTimeoutMs"
  | "maxBacklog"
>;

/** A Markdown table; a `|` inside a cell would end the cell early. */
const table = (head: string[], rows: (string | number)[][]) =>
  [head, head.map(() => "---"), ...rows]
    .map((cells) => `| ${cells.map((cell) => String(cell).replaceAll("|", "\\|")).join(" | ")} |`)
    .join("\n");

const intro = `Durable intake of merchants' customer orders, wire-compatible with the v4 customer-order API. A \`202\`
means the order is committed to disk; processing it into the organisation's order records follows
asynchronously. Follow a submission with \`GET /v4/customer_orders/{id}\`.

**Try it here:** click **Authorize**, enter an API key id (\`oik_…\`) as the username and its secret
(\`ois_…\`) as the password, open \`POST /v4/organisations/{trkref}/customer_order\`, click **Try it out**,
then **Execute**. The example order names the organisation \`${DEMO_TRKREF}\`, for which
\`order-intake quickstart\` issues a key. Every request made here is a real one against this service.

**Guides** on this service: [Getting started for merchants](${guidePath("getting-started")}) walks through
credentials, a first order with curl, polling, batches and retries; [the HTTP API](${guidePath("api")}),
[the order document](${guidePath("order-document")}), [events and webhooks](${guidePath("webhooks")}),
[review invitations](${guidePath("invitations")}) (the policy, cancellation, the mailer's event),
[privacy](${guidePath("privacy")}) (erasure, suppression, retention) and [errors](${guidePath("errors")}) explain
the rest.`;

function limitsSection(settings: OverviewSettings): string {
  const { maxItemsPerOrder, maxMetadataEntries, maxStringLength, maxMetadataStringLength } =
    settings.orderLimits;
  const rate =
    settings.rateLimitPerSecond > 0
      ? `${settings.rateLimitPerSecond} per second on average, bursts of ${settings.rateLimitBurst}`
      : "no limit on this instance";
  const failures =
    settings.authFailuresPerMinute > 0 ? `${settings.authFailuresPerMinute} per minute` : "no limit";
  return `## Limits of this instance

${table(
  ["limit", "value", "answer when exceeded"],
  [
    ["Body of a single-order request", `${settings.maxBodyBytes} bytes`, "`413 payload_too_large`"],
    ["Body of a batch request", `${settings.maxBatchBodyBytes} bytes`, "`413 payload_too_large`"],
    ["Orders per batch", settings.maxOrdersPerBatch, "`413 too_many_orders`"],
    ["Items per order", maxItemsPerOrder, "`422`, `too_many` at `/order_items`"],
    ["Metadata entries per item", maxMetadataEntries, "`422`, `too_many` at the item's `/metadata`"],
    ["Free-text fields", `${maxStringLength} characters`, "`422`, `too_long`"],
    ["Strings inside metadata values", `${maxMetadataStringLength} characters`, "`422`, `too_long`"],
    ["`order_ref` and `sku`", `${MAX_REF_LENGTH} characters`, "`422`, `too_long`"],
    ["`customer.email`", `${MAX_EMAIL_LENGTH} characters`, "`422`, `invalid_email`"],
    ["`trkref`", `${TRKREF_MAX_LENGTH} characters`, "`400` or `422`, `invalid_trkref`"],
    [
      "Requests per API key",
      rate,
      "`429 rate_limited` with `Retry-After`; reads (`GET`) and submissions are counted apart, and an " +
        "organisation may have a limit of its own",
    ],
    ["Failed authentications per client address and key id", failures, "`429 authentication_throttled`"],
    ["Time to send a whole request", `${settings.requestTimeoutMs} ms`, "`408 request_timeout`"],
    ["How long an `Idempotency-Key` is remembered", `${settings.idempotencyTtlHours} hours`, "a new request"],
    [
      "Orders waiting to be processed, over the whole service",
      settings.maxBacklog > 0 ? settings.maxBacklog : "no limit",
      "`503 overloaded` with `Retry-After`",
    ],
  ],
)}`;
}

const retriesSection = `## Retries

Both \`POST\` endpoints take an \`Idempotency-Key\` header. Send a new unique value with each new request
and the same value when you retry it: the retry replays the first answer (\`Idempotent-Replayed: true\`)
instead of submitting the order again. Retry \`429\`, \`503\` and \`409\` after \`Retry-After\` seconds, and
network failures at once, always with the same key (\`429 authentication_throttled\`: fix the credentials
first). Do not retry other \`4xx\` answers unchanged.`;

function errorsSection(): string {
  const byStatus = Object.entries(problemCatalogue).sort(([, a], [, b]) => a.status - b.status);
  const problems = byStatus.map(([code, entry]) => [`\`${code}\``, entry.status, entry.message]);
  const fields = Object.entries(fieldErrorCatalogue).map(([code, message]) => [`\`${code}\``, message]);
  return `## Error catalogue

Every error answer is an RFC 9457 problem document (\`application/problem+json\`) with a stable \`code\`;
branch on it, never on \`detail\` or \`message\`. \`GET /problems/{code}\` describes one;
[the errors guide](${guidePath("errors")}) explains each code's cause and how to fix it.

<details><summary>Problem codes</summary>

${table(["code", "status", "message"], problems)}

</details>

<details><summary>Field error codes: a <code>422</code> lists every wrong field in <code>errors</code>, each with a JSON Pointer and one of these</summary>

${table(["field error code", "message"], fields)}

</details>`;
}

/** The API description's overview: how to try it, this instance's limits, retries and every error code. */
export function describeApi(settings: OverviewSettings): string {
  return [intro, limitsSection(settings), retriesSection, errorsSection()].join("\n\n");
}
