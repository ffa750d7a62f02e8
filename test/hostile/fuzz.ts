/**
 * The hostile-input properties of `npm test`, with many more runs: `npm run fuzz`.
 *
 *   FUZZ_RUNS     runs per property (default 50,000)
 *   FUZZ_SECONDS  time limit per property, shrinking included (default 120); a property stopped by it
 *                 reports the runs it made and is not a failure
 *   FUZZ_ONLY     run only the properties whose name contains this text
 *   FUZZ_SEED, FUZZ_PATH  replay a counterexample this script printed
 *
 * Prints the cases run per property and every counterexample with its seed; exits 1 when one was found.
 */
import fc from "fast-check";
import { type HostileTarget, openHostileTarget } from "./hostile-target.js";
import {
  batchesProperty,
  mutatedDocumentsProperty,
  mutatedOrdersProperty,
  validDocumentsProperty,
  validOrdersProperty,
} from "./order-properties.js";

interface FuzzProperty {
  name: string;
  /** Builds the property; one of the HTTP app gets a fresh app, so one's rows never slow another. */
  build(target: HostileTarget | undefined): fc.IAsyncProperty<never[]>;
}

// The builders' own case types differ; the runner only passes each its own arbitrary's values.
const ofDomain = <T extends unknown[]>(build: () => fc.IAsyncProperty<T>) =>
  build as unknown as FuzzProperty["build"];
const ofApp =
  <T extends unknown[]>(build: (target: HostileTarget) => fc.IAsyncProperty<T>): FuzzProperty["build"] =>
  (target) => {
    if (target === undefined) throw new Error("this property needs the app");
    return build(target) as unknown as fc.IAsyncProperty<never[]>;
  };

const properties: (FuzzProperty & { usesApp: boolean })[] = [
  { name: "valid documents validate as predicted", usesApp: false, build: ofDomain(validDocumentsProperty) },
  {
    name: "mutated documents get exactly their errors",
    usesApp: false,
    build: ofDomain(mutatedDocumentsProperty),
  },
  { name: "valid orders are answered 202 and stored", usesApp: true, build: ofApp(validOrdersProperty) },
  { name: "mutated orders are answered as predicted", usesApp: true, build: ofApp(mutatedOrdersProperty) },
  { name: "batches answer each order by its validity", usesApp: true, build: ofApp(batchesProperty) },
];

const MAX_COUNTEREXAMPLE_CHARACTERS = 4000;

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  return Number.isSafeInteger(value) && value > 0 ? value : fallback;
}

async function fuzz(property: FuzzProperty & { usesApp: boolean }, runs: number, seconds: number) {
  const target = property.usesApp ? await openHostileTarget() : undefined;
  const started = performance.now();
  try {
    const seed = process.env.FUZZ_SEED;
    const details = await fc.check(property.build(target), {
      numRuns: runs,
      ...(seed !== undefined && { seed: Number(seed), path: process.env.FUZZ_PATH }),
      plugins: [fc.interruptAfterTimeLimit(seconds * 1000)],
    });
    const elapsed = ((performance.now() - started) / 1000).toFixed(1);
    const stopped = details.interrupted && !details.failed ? " (time limit reached)" : "";
    console.log(`${property.name}: ${details.numRuns} cases in ${elapsed} s${stopped}`);
    if (!details.failed) return true;
    console.log(`  COUNTEREXAMPLE (seed ${details.seed}, path ${details.counterexamplePath})`);
    console.log(
      `  replay: FUZZ_ONLY="${property.name}" FUZZ_SEED=${details.seed} FUZZ_PATH=${details.counterexamplePath} npm run fuzz`,
    );
    console.log(`  ${String(details.errorInstance).slice(0, MAX_COUNTEREXAMPLE_CHARACTERS)}`);
    console.log(`  ${fc.stringify(details.counterexample).slice(0, MAX_COUNTEREXAMPLE_CHARACTERS)}`);
    return false;
  } finally {
    await target?.close();
  }
}

const runs = positive("FUZZ_RUNS", 50_000);
const seconds = positive("FUZZ_SECONDS", 120);
const only = process.env.FUZZ_ONLY;
const selected = properties.filter((property) => only === undefined || property.name.includes(only));
console.log(`fuzzing ${selected.length} properties, up to ${runs} cases and ${seconds} s each`);
let passed = true;
for (const property of selected) passed = (await fuzz(property, runs, seconds)) && passed;
process.exitCode = passed ? 0 : 1;
