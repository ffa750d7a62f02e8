import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { Config } from "../../config.js";
import { CliError } from "../cli-error.js";

/**
 * `openapi`: prints the OpenAPI 3.1 document this installation serves at `GET /openapi.json`, with the limits
 * of its configuration, without serving: to generate a client for a deployment, or to review a change of the
 * API. The client library's types are generated from it on the default configuration.
 */
export async function runOpenApiCommand(config: Config, out: (line: string) => void): Promise<void> {
  const [{ buildApp }, { openStore }] = await Promise.all([
    import("../../app.js"),
    import("../../storage/open-store.js"),
  ]);
  // The routes describe themselves, so an app is built (never listening) and asked. It gets a scratch store:
  // printing a document must not open, let alone migrate, the installation's database.
  const scratch = mkdtempSync(join(tmpdir(), "order-intake-openapi-"));
  const store = await openStore(join(scratch, "scratch.db"));
  try {
    const { app } = await buildApp({
      config,
      store,
      logStream: new Writable({ write: (_chunk, _encoding, done) => done() }),
    });
    try {
      const answer = await app.inject({ method: "GET", url: "/openapi.json" });
      if (answer.statusCode !== 200) throw new CliError(`the API description answered ${answer.statusCode}`);
      out(JSON.stringify(JSON.parse(answer.body), null, 2));
    } finally {
      await app.close();
    }
  } finally {
    await store.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
