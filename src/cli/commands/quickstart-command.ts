import { DEMO_TRKREF, exampleOrder } from "../../domain/order-example.js";
import { startServer } from "../../server.js";
import { describeDatabaseUrl } from "../../storage/database-url.js";
import { defaultActor } from "../actor.js";
import type { CliContext } from "../cli-context.js";
import { explainTakenPort } from "../cli-error.js";
import { createTerminalLogStream } from "../log-stream.js";
import { stopOnSignals } from "../stop-on-signals.js";
import { createKeyFor } from "./key-commands.js";

/**
 * `quickstart`: for a first run on a laptop. Serves, then makes sure an enabled DEMO organisation exists,
 * issues a fresh random key for it (there is no well-known demo secret) and prints how to use it. The key
 * is issued only once the port is bound, so that a start that fails leaves no key behind; each run that
 * starts issues a new one (revoke old ones with `key revoke`).
 */
export async function runQuickstartCommand(ctx: CliContext): Promise<void> {
  let running: Awaited<ReturnType<typeof startServer>> | undefined;
  stopOnSignals(
    () => running,
    ctx.config.shutdownGraceMs,
    (message) => process.stderr.write(`${message}\n`),
  );
  const logStream = await createTerminalLogStream();
  const server = await startServer(ctx.config, { logStream }).catch((error: unknown) => {
    throw explainTakenPort(error, "PORT=3100 npm run quickstart");
  });
  running = server;
  const { keyId, secret } = await issueDemoKey(ctx).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  // The server has a store of its own; this one was only for the key.
  await (await ctx.store()).close();
  const data = describeDatabaseUrl(ctx.config.databaseUrl);
  ctx.out(banner(server.url.replace("127.0.0.1", "localhost"), data, keyId, secret));
  await new Promise(() => {});
}

async function issueDemoKey(ctx: CliContext) {
  const store = await ctx.store();
  const by = { actor: defaultActor() };
  const existing = await store.findOrganisation(DEMO_TRKREF);
  if (!existing) {
    await store.createOrganisation({ trkref: DEMO_TRKREF, name: "Demo shop", enabled: true, ...by });
  } else if (!existing.enabled) await store.setOrganisationEnabled(DEMO_TRKREF, true, by);
  const { record, secret } = await createKeyFor(ctx, { trkrefs: [DEMO_TRKREF], label: "quickstart", ...by });
  return { keyId: record.id, secret };
}

function banner(base: string, data: string, keyId: string, secret: string): string {
  const body = JSON.stringify(exampleOrder(DEMO_TRKREF));
  return `
order-intake is running at ${base} (data in ${data})

Organisation ${DEMO_TRKREF} is enabled. A new API key was issued for it; the secret is shown only now.
Paste this into the terminal you will send orders from:

  export ORDER_INTAKE_KEY=${keyId} ORDER_INTAKE_SECRET=${secret}

Submit your first order:

  curl -i -u "$ORDER_INTAKE_KEY:$ORDER_INTAKE_SECRET" -H 'Content-Type: application/json' \\
    -d '${body}' \\
    ${base}/v4/organisations/${DEMO_TRKREF}/customer_order

Then follow it with the URL in the Location header:

  curl -u "$ORDER_INTAKE_KEY:$ORDER_INTAKE_SECRET" ${base}/v4/customer_orders/<id>

Or open the API reference, click Authorize, enter the key and secret above, and send the example order:

  ${base}/docs

Stop with Ctrl-C. Each run issues a new key: 'order-intake key list' shows them, 'key revoke' ends one.
`;
}
