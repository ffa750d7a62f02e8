import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const DIST = fileURLToPath(new URL("../../dist/", import.meta.url));

// Static and dynamic imports of the built JavaScript (type-only imports are gone from it).
const IMPORT = /\bfrom\s+"([^"]+)"|\bimport\s*\(\s*"([^"]+)"\s*\)|^import\s+"([^"]+)"/gm;

/** Every package that `entry` (a file under dist/) loads at run time, following its own modules. */
function packagesLoadedBy(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const pending = [resolve(DIST, entry)];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3] ?? "";
      if (specifier.startsWith(".")) pending.push(resolve(dirname(file), specifier));
      else packages.add(specifier);
    }
  }
  return packages;
}

describe("order-intake worker", () => {
  it("loads no HTTP code: neither Fastify nor its plugins", () => {
    const loaded = [...packagesLoadedBy("cli/commands/worker-command.js")];
    assert.ok(loaded.includes("pino"), `the walk finds the worker's packages: ${loaded.join(", ")}`);
    assert.deepEqual(
      loaded.filter((name) => /^(fastify|@fastify\/)/.test(name)),
      [],
    );
  });
});
