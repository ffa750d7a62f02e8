import { median } from "./load.js";
import type { ProcessingFigures } from "./processing.js";

/** A figure as the reports write it: rounded, with thousands separated. */
export const round = (value: number, digits = 0) => Number(value.toFixed(digits)).toLocaleString("en-GB");

/** Medians over the runs of one load on one target: what intake took, what processing applied and kept up with. */
export function processingSummary(runs: ProcessingFigures[]) {
  const medianOfRuns = (pick: (f: ProcessingFigures) => number | undefined) =>
    median(runs.flatMap((figures) => pick(figures) ?? []));
  return {
    accepted: medianOfRuns((f) => f.acceptedPerSecond),
    applied: medianOfRuns((f) => f.appliedPerSecond),
    sustained: medianOfRuns((f) => Math.min(f.acceptedPerSecond, f.appliedPerSecond)),
    drain: runs.some((f) => f.drainPerSecond !== undefined)
      ? medianOfRuns((f) => f.drainPerSecond)
      : undefined,
    leftOver: Math.max(...runs.map((f) => f.leftOver)),
  };
}
