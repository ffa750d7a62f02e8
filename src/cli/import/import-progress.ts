/** What the progress line reports on: the reader's counters, read at each redraw. */
export interface ProgressSource {
  totalBytes: number;
  bytesRead(): number;
  rowsRead(): number;
  ordersRead(): number;
}

/** Where and how often progress is shown. */
export interface ProgressOptions {
  /** stderr, or what stands for it in a test. */
  stream: { write(text: string): unknown };
  /** A terminal gets one line redrawn in place; a pipe or a file gets a plain line now and then. */
  isTTY: boolean;
  /** Milliseconds on any monotonic clock; default performance.now. */
  now?: () => number;
  /** Between redraws (default 100 ms on a terminal, 5 s otherwise). */
  intervalMs?: number;
  /** Said before the counters, for a pass that only checks the file. */
  label?: string;
}

const TTY_INTERVAL_MS = 100;
const PLAIN_INTERVAL_MS = 5_000;
const BAR_WIDTH = 24;
// Erases from the cursor to the end of the line, so that a shorter line leaves nothing of a longer one.
const CLEAR_TO_END = "\u001b[K";

/**
 * Shows progress until `stop()`. Nothing is written before the first interval has passed, so a run shorter
 * than that shows none; the timer does not keep the process alive.
 */
export function startProgress(source: ProgressSource, options: ProgressOptions): { stop(): void } {
  const now = options.now ?? (() => performance.now());
  const startedAt = now();
  const intervalMs = options.intervalMs ?? (options.isTTY ? TTY_INTERVAL_MS : PLAIN_INTERVAL_MS);
  const prefix = options.label ? `${options.label}: ` : "";
  let drawn = false;
  const timer = setInterval(() => {
    const counters = describeCounters(source, (now() - startedAt) / 1000);
    if (options.isTTY) {
      options.stream.write(`\r${prefix}${drawBar(source)} ${counters}${CLEAR_TO_END}`);
      drawn = true;
    } else {
      options.stream.write(`${prefix}${counters}\n`);
    }
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      // The summary goes to stdout, often the same terminal: it should not start after the bar.
      if (drawn) options.stream.write(`\r${CLEAR_TO_END}`);
      drawn = false;
    },
  };
}

function describeCounters(source: ProgressSource, seconds: number): string {
  const rows = source.rowsRead();
  const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
  return `${rows} rows, ${source.ordersRead()} orders, ${rate} rows/s, ETA ${estimateRemaining(source, seconds)}`;
}

function drawBar(source: ProgressSource): string {
  const fraction = readFraction(source);
  const filled = Math.round(fraction * BAR_WIDTH);
  const percent = String(Math.floor(fraction * 100)).padStart(3);
  return `[${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}] ${percent}%`;
}

const readFraction = (source: ProgressSource) =>
  source.totalBytes > 0 ? Math.min(1, source.bytesRead() / source.totalBytes) : 0;

/** The time left if the rest of the file is read at the pace so far; `?` until there is a pace. */
function estimateRemaining(source: ProgressSource, seconds: number): string {
  const fraction = readFraction(source);
  if (fraction <= 0 || seconds <= 0) return "?";
  return formatDuration((seconds * (1 - fraction)) / fraction);
}

function formatDuration(seconds: number): string {
  const whole = Math.ceil(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}
