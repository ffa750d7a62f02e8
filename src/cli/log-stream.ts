import type { PrettyStream } from "pino-pretty";

/**
 * Where a server or worker writes its logs: human-readable lines when standard output is a terminal, so
 * that a person reading it (and the quickstart's banner) is not met by JSON; undefined otherwise, which
 * keeps pino's JSON lines for log collectors and tests. Written synchronously, so that log lines and the
 * CLI's own output appear in the order they happened.
 */
export async function createTerminalLogStream(
  stdout: { isTTY?: boolean } = process.stdout,
): Promise<PrettyStream | undefined> {
  if (!stdout.isTTY) return undefined;
  const { default: pretty } = await import("pino-pretty");
  return pretty({ destination: 1, sync: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" });
}
