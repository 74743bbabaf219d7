/**
 * A rate schedule, standing in for EventBridge Scheduler: runs `action`
 * every `everyMinutes` of wall-clock time (a schedule is the user's clock,
 * not AWS's, so it is not time-scaled). A failing action is logged and the
 * schedule goes on, as a schedule's target failure does not disable it.
 */
export class RecurringSchedule {
  private readonly timer: NodeJS.Timeout;

  constructor(everyMinutes: number, action: () => void, log: (message: string) => void, description: string) {
    if (!Number.isFinite(everyMinutes) || everyMinutes <= 0) throw new RangeError(`the ${description} schedule needs a number of minutes > 0, got ${everyMinutes}`);
    this.timer = setInterval(() => {
      try {
        action();
      } catch (error) {
        log(`The ${description} schedule could not start its target: ${Error.isError(error) ? error.message : String(error)}`);
      }
    }, everyMinutes * 60_000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
