import type { CloudRuntime } from './cloud-runtime';

/**
 * Wakes the cloud when its next scheduled change is due, so endpoints become
 * available and notifications fire even while nobody is asking.
 */
export class DueTimer {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly runtime: CloudRuntime,
    private readonly advance: () => void,
  ) {}

  arm(): void {
    this.stop();
    const due = this.runtime.scheduler.nextDue();
    if (due === undefined) return;
    this.timer = setTimeout(
      () => {
        this.advance();
        this.arm();
      },
      Math.max(0, due - this.runtime.clock.now()),
    );
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
