/**
 * The local cloud's sense of time. AWS durations (in seconds, from the
 * latency profile) are multiplied by `timeScale`: 1 is AWS's own pace,
 * 0.01 makes a three-minute NLB take 1.8 s, 0 makes every change due at once.
 */
export class Clock {
  constructor(
    readonly timeScale: number,
    private readonly source: () => number = Date.now,
  ) {
    if (!Number.isFinite(timeScale) || timeScale < 0) throw new RangeError(`time scale must be a number >= 0, got ${timeScale}`);
  }

  now(): number {
    return this.source();
  }

  /** Milliseconds of local time that `awsSeconds` of AWS time take. */
  scaled(awsSeconds: number): number {
    return Math.round(awsSeconds * 1000 * this.timeScale);
  }
}
