import { startServer } from "../../server.js";
import type { CliContext } from "../cli-context.js";
import { explainTakenPort } from "../cli-error.js";
import { createTerminalLogStream } from "../log-stream.js";
import { stopOnSignals } from "../stop-on-signals.js";

/** `serve`: run the HTTP service (and, unless RUN_PROCESSOR=false, the processor) until SIGTERM. */
export async function runServeCommand(ctx: CliContext): Promise<void> {
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  stopOnSignals(
    () => server,
    ctx.config.shutdownGraceMs,
    (message) => process.stderr.write(`${message}\n`),
  );
  const logStream = await createTerminalLogStream();
  server = await startServer(ctx.config, { logStream }).catch((error: unknown) => {
    throw explainTakenPort(error, "PORT=3100 order-intake serve");
  });
  await new Promise(() => {});
}
