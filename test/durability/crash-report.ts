import type { CrashReport } from "./crash-cycles.js";

/** Problems listed in full up to this many per kind; the rest are counted. */
const LISTED = 10;

/** Every kind of problem a run can find, by name; a clean run has none. */
export function problemsOf(report: CrashReport): Map<string, string[]> {
  return new Map([
    ["acknowledged but missing", report.missing],
    ["acknowledged but not processed", report.unprocessed],
    ["ids acknowledged twice", report.repeatedIds],
    ["orders inconsistent with one application per submission", report.orderProblems],
    ["unexpected answers", report.unexpected],
    ["servers that ended otherwise than expected", report.serverProblems],
  ]);
}

/**
 * Whether the run proved something: every planned cycle ran, orders were acknowledged, and every one of
 * them was found and processed, once, with nothing else wrong.
 */
export function isClean(report: CrashReport): boolean {
  return (
    [...problemsOf(report).values()].every((problems) => problems.length === 0) &&
    report.pendingAtEnd === 0 &&
    report.cyclesRun === report.cyclesPlanned &&
    report.acknowledged > 0
  );
}

/** The figures of a run, as lines to print. */
export function describeCrashReport(store: string, report: CrashReport): string[] {
  const answers = [...report.answers].map(([answer, count]) => `${answer} × ${count}`).join(", ");
  const lines = [
    `${store}: ${report.cyclesRun} cycles in ${(report.durationMs / 1000).toFixed(1)} s (seed ${report.seed})`,
    `  acknowledged ${report.acknowledged} (${report.acknowledgedInBatches} in batches), found ${report.found}, processed ${report.processed}`,
    `  stored without acknowledgement: ${report.storedUnacknowledged} (committed, answer lost in a kill)`,
    `  answers: ${answers || "none"}`,
  ];
  if (report.stoppedByTimeBound) {
    lines.push(
      `  stopped after ${report.cyclesRun} of ${report.cyclesPlanned} cycles: the time bound was reached`,
    );
  }
  if (report.pendingAtEnd !== 0)
    lines.push(`  still pending when the wait for processing ended: ${report.pendingAtEnd}`);
  for (const [kind, problems] of problemsOf(report)) {
    if (problems.length === 0) continue;
    lines.push(
      `  ${kind}: ${problems.length}`,
      ...problems.slice(0, LISTED).map((problem) => `    ${problem}`),
    );
    if (problems.length > LISTED) lines.push(`    … and ${problems.length - LISTED} more`);
  }
  lines.push(`  result: ${isClean(report) ? "PASS" : "FAIL"}`);
  return lines;
}
