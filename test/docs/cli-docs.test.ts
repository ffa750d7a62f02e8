import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import type { Command } from "commander";
import { createProgram } from "../../src/cli/program.js";

const readDoc = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

/** The commands that run something (not the groups that hold them), as `org create`. */
function leafCommands(command: Command, path: string[] = []): string[] {
  return command.commands
    .filter((sub) => sub.name() !== "help")
    .flatMap((sub) =>
      sub.commands.length > 0 ? leafCommands(sub, [...path, sub.name()]) : [[...path, sub.name()].join(" ")],
    );
}

/** The text of a `## heading` section of a markdown document, up to the next such heading. */
function section(doc: string, heading: string): string {
  const start = doc.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `a section ${heading}`);
  const end = doc.indexOf("\n## ", start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}

describe("the CLI in the docs", () => {
  it("docs/operations.md shows every command the CLI has, and none it lacks", () => {
    const cli = section(readDoc("docs/operations.md"), "The CLI");
    const shown = new Set(
      [...cli.matchAll(/^order-intake ((?:[a-z][a-z-]*(?= |$) ?)+)/gm)].map((match) =>
        (match[1] ?? "").trim(),
      ),
    );
    const commands = leafCommands(createProgram());
    assert.deepEqual(
      commands.filter((command) => !shown.has(command)),
      [],
      "commands the CLI section does not show",
    );
    assert.deepEqual(
      [...shown].filter((command) => !commands.includes(command)),
      [],
      "commands shown that the CLI does not have",
    );
  });

  it("keeps the README's quick start at two commands, and says how to choose another port", () => {
    const quickStart = section(readDoc("README.md"), "Quick start");
    const block = /```sh\n([\s\S]*?)\n```/.exec(quickStart)?.[1] ?? "";
    assert.equal(block.split("\n").length, 2, block);
    assert.match(quickStart, /`PORT=3100 npm run quickstart`/);
    assert.match(quickStart, /export ORDER_INTAKE_KEY=oik_… ORDER_INTAKE_SECRET=ois_…/);
  });
});
