/**
 * How to read a run's clock as AWS's. On the local cloud AWS's durations
 * are multiplied by its time scale, so one AWS second takes
 * `1000 × timeScale` ms of the run's clock; on AWS it takes 1000.
 */
export interface AwsClock {
  /** Milliseconds of the run's clock per second shown. */
  readonly msPerSecond: number;
  /** True when the seconds shown are AWS's (false at time scale 0, or when the pace is unknown). */
  readonly aws: boolean;
  /** The pace, said once for people. */
  readonly pace: string;
}

/**
 * A span of wall-clock time in ms of the run's clock from its start: the hold
 * until the TTL (the local cloud does not scale a Wait until a timestamp) or
 * a guided run's pause for its student.
 */
export interface HoldSpan {
  readonly start: number;
  readonly end: number;
}

const HOLD_PACE = 'a hold until the TTL is wall-clock time, here as on AWS';

/** The clock of a place whose pace is known: 1 on AWS, the local cloud's time scale there. */
export function awsClock(timeScale: number): AwsClock {
  if (timeScale === 1) return { msPerSecond: 1000, aws: true, pace: `Times are AWS seconds (${HOLD_PACE}).` };
  if (timeScale === 0) {
    return { msPerSecond: 1000, aws: false, pace: "Times are this machine's seconds: the local cloud runs at time scale 0, where AWS's waits take no time, so there are no AWS seconds to show." };
  }
  const ms = 1000 * timeScale;
  return {
    msPerSecond: ms,
    aws: true,
    pace: `Times are AWS seconds: the local cloud runs at time scale ${timeScale}, one AWS second in ${Number(ms.toPrecision(3))} ms here (${HOLD_PACE}).`,
  };
}

/** The clock of a place that does not say its pace: its own seconds, said as such. */
export const unknownClock = (where: string): AwsClock => ({ msPerSecond: 1000, aws: false, pace: `Times are the clock of ${where}, which does not say its pace.` });

/**
 * Seconds shown of a moment `ms` after the run's start: the run's clock read
 * at the clock's pace, except the spans of wall-clock time (the hold, the
 * pauses), each counted as the time it is.
 */
export function secondsAt(clock: AwsClock, spans: readonly HoldSpan[] = []): (ms: number) => number {
  return (ms) => {
    const held = spans.reduce((sum, span) => sum + Math.max(0, Math.min(ms, span.end) - span.start), 0);
    return (ms - held) / clock.msPerSecond + held / 1000;
  };
}
