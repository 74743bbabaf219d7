/**
 * Runs `work` with a signal that aborts on the first Ctrl+C (SIGINT): the
 * command stops following and says what goes on, instead of dying mid-line.
 * The handler is removed afterwards, so a second Ctrl+C ends the process.
 */
export async function untilInterrupted<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}
