import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
const DOMAIN = join(SRC, "domain");

// The layers above the domain: it states the order's rules, and they decide how an answer or a row looks.
const LAYERS_ABOVE = ["http", "storage", "processing", "cli"];
const HTTP_PACKAGE = /^(fastify|@fastify\/)/;

// Specifiers of `from "…"` (imports, type imports, re-exports), `import("…")` and `import "…"`, read from the
// source so that type-only imports count too.
const SPECIFIER = /\bfrom\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']|\bimport\s*["']([^"']+)["']/g;

/** Every TypeScript file under src/domain, as a path relative to src/domain. */
function domainFiles(): string[] {
  return readdirSync(DOMAIN, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".ts"));
}

/** Why importing `specifier` from `file` breaks the layering, or undefined when it does not. */
function breach(file: string, specifier: string): string | undefined {
  if (HTTP_PACKAGE.test(specifier)) return `${file} imports ${specifier}`;
  if (!specifier.startsWith(".")) return undefined;
  const layer = relative(SRC, resolve(DOMAIN, dirname(file), specifier)).split(/[\\/]/)[0] ?? "";
  return LAYERS_ABOVE.includes(layer) ? `${file} imports ${specifier} (src/${layer})` : undefined;
}

describe("src/domain", () => {
  it("imports neither the HTTP, storage, processing or CLI layer nor Fastify", () => {
    const files = domainFiles();
    assert.ok(files.includes("validate-order.ts"), `the walk finds the domain's files: ${files.join(", ")}`);
    let imports = 0;
    const breaches: string[] = [];
    for (const file of files) {
      for (const match of readFileSync(join(DOMAIN, file), "utf8").matchAll(SPECIFIER)) {
        imports += 1;
        const found = breach(file, match[1] ?? match[2] ?? match[3] ?? "");
        if (found) breaches.push(found);
      }
    }
    assert.ok(imports > 0, "the domain's imports are read");
    assert.deepEqual(breaches, []);
  });
});
