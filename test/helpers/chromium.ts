import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { type Browser, chromium } from "playwright-core";
import { type Probe, withRequiredService } from "./required-service.js";

/** Debian's Chromium, unless CHROMIUM_PATH names another build; Playwright's own browsers are never used. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Headless, as root, on a machine without network: without the background-networking flags Chromium keeps
 * trying to reach its vendor's hosts at start. Playwright adds a fresh --user-data-dir of its own.
 */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const LAUNCH_TIMEOUT_MS = 30_000;

// Chromium's wrapper script can take many seconds to answer, or fail once, while the whole suite loads both
// cores: the probe asks again before Chromium is declared missing.
const PROBE_ATTEMPTS = 3;
const PROBE_TIMEOUT_MS = 30_000;

async function probeChromium(): Promise<Probe> {
  let failure = "";
  for (let attempt = 1; attempt <= PROBE_ATTEMPTS; attempt += 1) {
    try {
      await promisify(execFile)(CHROMIUM_PATH, ["--version"], { timeout: PROBE_TIMEOUT_MS });
      return { available: true };
    } catch (error) {
      const { killed, message } = error as Error & { killed?: boolean };
      failure = `${message.split("\n")[0]}${killed ? `, no answer within ${PROBE_TIMEOUT_MS / 1000} s` : ""}`;
    }
  }
  return {
    available: false,
    reason: `no Chromium runs at ${CHROMIUM_PATH} (${failure}); install Debian's chromium package, or set CHROMIUM_PATH`,
  };
}

/** Runs `define` (browser tests) when Chromium is installed; see `withRequiredService` and REQUIRE_CHROMIUM. */
export const withChromium = (define: () => void) =>
  withRequiredService("Chromium", "REQUIRE_CHROMIUM", probeChromium, define);

/** A headless Chromium; close it in a `finally`. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: LAUNCH_TIMEOUT_MS });
}
