// Phase timings for profiling by hand: with `SAM_ATLAS_TIMINGS` set, each mark prints when a phase ended to stderr.

/** Prints `phase` and the milliseconds since the process started, when `SAM_ATLAS_TIMINGS` is set. */
export function mark(phase: string): void {
  if (process.env.SAM_ATLAS_TIMINGS) process.stderr.write(`${phase} ${Math.round(performance.now())} ms\n`);
}
