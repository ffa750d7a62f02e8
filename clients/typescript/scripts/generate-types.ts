import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";

/** The service's command line, built: its `openapi` command prints the document the service serves. */
const SERVICE_CLI = fileURLToPath(new URL("../../../dist/cli/main.js", import.meta.url));
/** Where the generated types are committed, so that a reader sees every change of the API in review. */
export const GENERATED_TYPES = fileURLToPath(new URL("../src/generated/openapi.ts", import.meta.url));

const HEADER =
  "// Generated from the service's OpenAPI document by `npm run generate` in clients/typescript: do not edit.\n" +
  "// A test fails when this file is stale against the service's current document.\n\n";

/** The OpenAPI document of the service as built, on the default configuration (the limits it describes). */
export function serviceOpenApiDocument(): OpenAPI3 {
  const output = execFileSync(process.execPath, [SERVICE_CLI, "openapi"], {
    // Only what the command needs: a setting in the caller's environment would change the limits described.
    env: { PATH: process.env.PATH ?? "" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(output) as OpenAPI3;
}

/** The TypeScript declarations of every path, operation and schema of `document`. */
export async function renderTypes(document: OpenAPI3): Promise<string> {
  return HEADER + astToString(await openapiTS(document));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const types = await renderTypes(serviceOpenApiDocument());
  const check = process.argv.includes("--check");
  if (check && readFileSync(GENERATED_TYPES, "utf8") !== types) {
    process.stderr.write("src/generated/openapi.ts is stale: run `npm run generate` in clients/typescript\n");
    process.exitCode = 1;
  } else if (!check) {
    writeFileSync(GENERATED_TYPES, types);
  }
}
