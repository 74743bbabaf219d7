let running = 0;
let peak = 0;

/** The most calls that ran at the same time since the last reset (tests read it). */
export const peakConcurrency = (): number => peak;
export const resetConcurrency = (): void => {
  peak = 0;
};

/** Stand-in function: takes `ms` milliseconds, counting how many calls overlap. */
export const handler = async (event: { item: number; ms: number }) => {
  running += 1;
  peak = Math.max(peak, running);
  await new Promise((resolve) => setTimeout(resolve, event.ms));
  running -= 1;
  return { item: event.item };
};
