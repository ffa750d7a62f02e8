import { DEMO_TRKREF, exampleOrder } from "../../domain/order-example.js";
import { startServer } from "../../server.js";
import type { CliContext } from "../cli-context.js";
import { stopOnSignals } from "../stop-on-signals.js";
import { createKeyFor } from "./key-commands.js";

/**
 * `quickstart`: for a first run on a laptop. Makes sure an enabled DEMO organisation exists, issues a fresh
 * random key for it (there is no well-known demo secret), prints a curl that submits an example order, and
 * serves. Each run issues a new key; revoke old ones with `key revoke`.
 */
export async function runQuickstartCommand(ctx: CliContext): Promise<void> {
  const store = await ctx.store();
  const existing = await store.findOrganisation(DEMO_TRKREF);
  if (!existing) await store.createOrganisation({ trkref: DEMO_TRKREF, name: "Demo shop", enabled: true });
  else if (!existing.enabled) await store.setOrganisationEnabled(DEMO_TRKREF, true);
  const { keyId, secret } = await createKeyFor(ctx, [DEMO_TRKREF]);
  await store.close();

  let running: Awaited<ReturnType<typeof startServer>> | undefined;
  stopOnSignals(
    () => running,
    ctx.config.shutdownGraceMs,
    (message) => process.stderr.write(`${message}\n`),
  );
  const server = await startServer(ctx.config);
  running = server;
  const body = JSON.stringify(exampleOrder(DEMO_TRKREF));
  const base = server.url.replace("127.0.0.1", "localhost");
  ctx.out(`
order-intake is running at ${base} (data in ${ctx.config.databaseUrl})

Organisation ${DEMO_TRKREF} is enabled. A new API key was issued for it; the secret is shown only now:
  key:    ${keyId}
  secret: ${secret}

Submit your first order (in another terminal):
  curl -i -u '${keyId}:${secret}' -H 'Content-Type: application/json' \\
    -d '${body}' \\
    ${base}/v4/organisations/${DEMO_TRKREF}/customer_order

Then follow it with the URL in the Location header:
  curl -u '${keyId}:${secret}' ${base}/v4/customer_orders/<id>

Or open the API reference, click Authorize, enter the key and secret above, and send the example order:
  ${base}/docs

Stop with Ctrl-C. Tests: npm test
`);
  await new Promise(() => {});
}
