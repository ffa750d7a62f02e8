import { startWorker } from "../../processing/worker.js";
import type { CliContext } from "../cli-context.js";
import { createTerminalLogStream } from "../log-stream.js";
import { stopOnSignals } from "../stop-on-signals.js";

/** `worker`: process accepted submissions without serving HTTP, until SIGTERM. */
export async function runWorkerCommand(ctx: CliContext): Promise<void> {
  const log = (message: string) => process.stderr.write(`${message}\n`);
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  stopOnSignals(() => worker, ctx.config.shutdownGraceMs, log, "the batch being applied");
  worker = await startWorker(ctx.config, { logStream: await createTerminalLogStream() });
  await new Promise(() => {});
}
